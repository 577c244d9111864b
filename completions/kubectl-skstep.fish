# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_kubectl_skstep_global_optspecs
    string join \n kubeconfig= context= n/namespace= o/output= v/verbose h/help V/version
end

function __fish_kubectl_skstep_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_kubectl_skstep_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_kubectl_skstep_using_subcommand
    set -l cmd (__fish_kubectl_skstep_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c kubectl-skstep -n "__fish_kubectl_skstep_needs_command" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_needs_command" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_needs_command" -s n -l namespace -d 'A namespace; what it names differs per command and each command\'s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment\'s namespace in the trace for trace edit). Refused by commands it means nothing to' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_needs_command" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_needs_command" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_needs_command" -s h -l help -d 'Print help'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_needs_command" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_needs_command" -f -a "trace" -d 'Check, inspect and transform SimKube trace files'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_needs_command" -f -a "prep-ns" -d 'Prepare a namespace for SimKube\'s driver: ServiceAccount, Secrets, staged trace'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_needs_command" -f -a "run" -d 'One RL step: simulate, observe, act, reward, record, clean up'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_needs_command" -f -a "env" -d 'The Gymnasium environment\'s engine: reset/step/close as JSON lines on stdin/stdout'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_needs_command" -f -a "mcp" -d 'A Model Context Protocol server: scenarios as tools for LLM agents (stdio or --http)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_needs_command" -f -a "observe" -d 'Observe a workload\'s pods in its virtual namespace: ready, pending, total'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_needs_command" -f -a "logs" -d 'The driver\'s log for a simulation (default: the newest one kubectl-skstep created)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_needs_command" -f -a "report" -d 'The learning curve: an SVG of returns, rewards and ready/pending/total from the records'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_needs_command" -f -a "bench" -d 'Score an agent on a scenario suite (pass@1, pass@k, efficiency, …), or compare results'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_needs_command" -f -a "cache" -d 'The transition cache (--cache DIR): stats, verify, clear'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_needs_command" -f -a "records" -d 'Check the step records: summary.json recomputed from step.jsonl'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_needs_command" -f -a "cleanup" -d 'Remove what kubectl-skstep left in the cluster (--all: and what a crashed SimKube run left)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_needs_command" -f -a "scenario" -d 'Scenario suites and cluster profiles: list, show, validate, generate, check-profile'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_needs_command" -f -a "doctor" -d 'Check the SimKube install and a step\'s inputs: a ✓/✗ table with fixes'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_needs_command" -f -a "version" -d 'The plugin\'s version, git commit, target, and the SimKube version its trace parser matches'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_needs_command" -f -a "__complete" -d 'Completion candidates for kubectl\'s plugin completion (used by kubectl_complete-skstep)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and not __fish_seen_subcommand_from validate inspect fix upgrade rebase convert export new edit help" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and not __fish_seen_subcommand_from validate inspect fix upgrade rebase convert export new edit help" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and not __fish_seen_subcommand_from validate inspect fix upgrade rebase convert export new edit help" -s n -l namespace -d 'A namespace; what it names differs per command and each command\'s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment\'s namespace in the trace for trace edit). Refused by commands it means nothing to' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and not __fish_seen_subcommand_from validate inspect fix upgrade rebase convert export new edit help" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and not __fish_seen_subcommand_from validate inspect fix upgrade rebase convert export new edit help" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and not __fish_seen_subcommand_from validate inspect fix upgrade rebase convert export new edit help" -s h -l help -d 'Print help'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and not __fish_seen_subcommand_from validate inspect fix upgrade rebase convert export new edit help" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and not __fish_seen_subcommand_from validate inspect fix upgrade rebase convert export new edit help" -f -a "validate" -d 'The verdict SimKube\'s driver will reach on a trace, and why'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and not __fish_seen_subcommand_from validate inspect fix upgrade rebase convert export new edit help" -f -a "inspect" -d 'What a trace contains: events, objects, namespaces, Deployments, config'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and not __fish_seen_subcommand_from validate inspect fix upgrade rebase convert export new edit help" -f -a "fix" -d 'Remove what SimKube\'s own rules find (missing ServiceAccounts, Secrets, ConfigMaps; status)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and not __fish_seen_subcommand_from validate inspect fix upgrade rebase convert export new edit help" -f -a "upgrade" -d 'Turn a legacy trace (version 1, missing fields, deprecated config) into one SimKube parses'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and not __fish_seen_subcommand_from validate inspect fix upgrade rebase convert export new edit help" -f -a "rebase" -d 'Shift and compress a trace\'s timeline'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and not __fish_seen_subcommand_from validate inspect fix upgrade rebase convert export new edit help" -f -a "convert" -d 'Convert between MessagePack and JSON, losslessly'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and not __fish_seen_subcommand_from validate inspect fix upgrade rebase convert export new edit help" -f -a "export" -d 'Export a trace from sk-tracer (no manual port-forward needed)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and not __fish_seen_subcommand_from validate inspect fix upgrade rebase convert export new edit help" -f -a "new" -d 'Make a trace from scratch: one Deployment (from flags or a manifest) that SimKube plays'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and not __fish_seen_subcommand_from validate inspect fix upgrade rebase convert export new edit help" -f -a "edit" -d 'Apply an RL action (scale replicas, bump CPU or memory) to a Deployment in the trace'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and not __fish_seen_subcommand_from validate inspect fix upgrade rebase convert export new edit help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from validate" -l max-gap -d 'Longest gap between events (and trace span) that draws no warning' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from validate" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from validate" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from validate" -s n -l namespace -d 'A namespace; what it names differs per command and each command\'s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment\'s namespace in the trace for trace edit). Refused by commands it means nothing to' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from validate" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from validate" -l strict -d 'Treat warnings as failures (exit 1)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from validate" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from validate" -s h -l help -d 'Print help'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from validate" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from inspect" -l deploy -d 'Say where this Deployment appears and which virtual namespace its pods will land in' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from inspect" -l virtual-prefix -d 'SimKube\'s virtual namespace prefix (the Simulation\'s virtualNsPrefix)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from inspect" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from inspect" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from inspect" -s n -l namespace -d 'A namespace; what it names differs per command and each command\'s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment\'s namespace in the trace for trace edit). Refused by commands it means nothing to' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from inspect" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from inspect" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from fix" -l only -d 'Fix only these rule codes (default: all of W0000 E0001 E0002 E0003 E0004 E0005)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from fix" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from fix" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from fix" -s n -l namespace -d 'A namespace; what it names differs per command and each command\'s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment\'s namespace in the trace for trace edit). Refused by commands it means nothing to' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from fix" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from fix" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from fix" -s h -l help -d 'Print help'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from fix" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from upgrade" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from upgrade" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from upgrade" -s n -l namespace -d 'A namespace; what it names differs per command and each command\'s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment\'s namespace in the trace for trace edit). Refused by commands it means nothing to' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from upgrade" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from upgrade" -l drop-extra -d 'Drop top-level keys SimKube ignores (sim-arena\'s `metadata`); kept by default'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from upgrade" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from upgrade" -s h -l help -d 'Print help'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from upgrade" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from rebase" -l start -d 'Where the first event goes: 0, now, a Unix timestamp or an RFC 3339 time' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from rebase" -l span -d 'Scale all gaps so the trace lasts this long (e.g. 60s)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from rebase" -l max-gap -d 'Clamp each idle gap between events to at most this (e.g. 30s)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from rebase" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from rebase" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from rebase" -s n -l namespace -d 'A namespace; what it names differs per command and each command\'s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment\'s namespace in the trace for trace edit). Refused by commands it means nothing to' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from rebase" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from rebase" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from rebase" -s h -l help -d 'Print help'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from rebase" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from convert" -l to -d 'Output format (default: the other one)' -r -f -a "json\t''
msgpack\t''"
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from convert" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from convert" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from convert" -s n -l namespace -d 'A namespace; what it names differs per command and each command\'s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment\'s namespace in the trace for trace edit). Refused by commands it means nothing to' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from convert" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from convert" -l pretty -d 'Indent JSON output'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from convert" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from convert" -s h -l help -d 'Print help'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from convert" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from export" -l since -d 'Export this much recent history (e.g. 30m)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from export" -l start -d 'Start: Unix time, RFC 3339, or now' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from export" -l end -d 'End: Unix time, RFC 3339, or now (default now)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from export" -l exclude-ns -d 'Namespaces to leave out (comma-separated; repeatable). Default: the system ones' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from export" -l tracer -d 'sk-tracer\'s address, e.g. http://localhost:7777 (default: through the cluster)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from export" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from export" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from export" -s n -l namespace -d 'A namespace; what it names differs per command and each command\'s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment\'s namespace in the trace for trace edit). Refused by commands it means nothing to' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from export" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from export" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from new" -l deploy -d 'The Deployment\'s name (its pods are labelled app=NAME); its namespace is -n (default `default`)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from new" -s f -l filename -d 'Take the Deployment from a manifest (YAML or JSON, as `kubectl create deployment --dry-run=client -o yaml` prints)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from new" -l replicas -d 'Replicas (0..=2147483647: spec.replicas is an int32)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from new" -l cpu -d 'CPU request of its container' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from new" -l mem -d 'Memory request of its container' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from new" -l image -d 'Container image (KWOK\'s fake nodes never pull it)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from new" -l at -d 'The event\'s time: now, 0, a Unix timestamp or an RFC 3339 time' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from new" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from new" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from new" -s n -l namespace -d 'A namespace; what it names differs per command and each command\'s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment\'s namespace in the trace for trace edit). Refused by commands it means nothing to' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from new" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from new" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from new" -s h -l help -d 'Print help'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from new" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from edit" -l deploy -d 'The Deployment to edit (restrict to a namespace with -n)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from edit" -l min-cpu -d 'Smallest CPU request allowed' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from edit" -l max-cpu -d 'Largest CPU request allowed' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from edit" -l min-mem -d 'Smallest memory request allowed' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from edit" -l max-mem -d 'Largest memory request allowed' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from edit" -l min-replicas -d 'Fewest replicas allowed' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from edit" -l max-replicas -d 'Most replicas allowed (at most 2147483647: spec.replicas is an int32)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from edit" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from edit" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from edit" -s n -l namespace -d 'A namespace; what it names differs per command and each command\'s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment\'s namespace in the trace for trace edit). Refused by commands it means nothing to' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from edit" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from edit" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from edit" -s h -l help -d 'Print help'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from edit" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from edit" -a "scale-replicas" -d 'Change spec.replicas'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from edit" -a "bump-cpu" -d 'Change every container\'s CPU request by a step (e.g. 500m, -250m, 1)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from edit" -a "bump-mem" -d 'Change every container\'s memory request by a step (e.g. 256Mi, -128Mi)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from edit" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from help" -f -a "validate" -d 'The verdict SimKube\'s driver will reach on a trace, and why'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'What a trace contains: events, objects, namespaces, Deployments, config'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from help" -f -a "fix" -d 'Remove what SimKube\'s own rules find (missing ServiceAccounts, Secrets, ConfigMaps; status)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from help" -f -a "upgrade" -d 'Turn a legacy trace (version 1, missing fields, deprecated config) into one SimKube parses'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from help" -f -a "rebase" -d 'Shift and compress a trace\'s timeline'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from help" -f -a "convert" -d 'Convert between MessagePack and JSON, losslessly'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from help" -f -a "export" -d 'Export a trace from sk-tracer (no manual port-forward needed)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from help" -f -a "new" -d 'Make a trace from scratch: one Deployment (from flags or a manifest) that SimKube plays'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from help" -f -a "edit" -d 'Apply an RL action (scale replicas, bump CPU or memory) to a Deployment in the trace'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand prep-ns" -l trace -d 'The trace to stage (validated first; an invalid trace is refused and nothing changes)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand prep-ns" -l secret -d 'A Secret to copy from namespace simkube (repeatable). Default: sk-ctrl\'s --driver-secrets, else `simkube`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand prep-ns" -l cluster-role -d 'Bind the driver\'s ServiceAccount to this existing ClusterRole instead of the one prep-ns makes (only what sk-driver 2.7.0 does, for the trace\'s kinds)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand prep-ns" -l node-dir -d 'Copy the trace into this host folder, mounted at /data in the nodes (kind extraMounts)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand prep-ns" -l stage -d '`pods`: copy the trace onto every schedulable non-virtual node through a short-lived pod per node (hostPath /data, exec API, sha256 checked). Takes precedence over --node-dir' -r -f -a "pods\t''"
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand prep-ns" -l stage-image -d 'The staging pods\' image (needs sh, cat, sha256sum)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand prep-ns" -l stage-timeout -d 'How long a staging pod may take to start' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand prep-ns" -l trace-url -d 'Use this trace URL as is (s3://, gs://, file://)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand prep-ns" -l api-timeout -d 'How long transient API errors (unreachable, 5xx, 429) are retried, with backoff, before prep-ns fails (every step of it is idempotent, so it is run again whole)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand prep-ns" -l simkube-ns -d 'The namespace SimKube\'s controller runs in (its settings and Secrets are read there)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand prep-ns" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand prep-ns" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand prep-ns" -s n -l namespace -d 'A namespace; what it names differs per command and each command\'s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment\'s namespace in the trace for trace edit). Refused by commands it means nothing to' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand prep-ns" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand prep-ns" -l undo -d 'Remove what prep-ns made for NS (bindings, the roles it made, copied Secrets, its record of the staged trace); the namespace and its ServiceAccount stay'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand prep-ns" -l dry-run -d 'Show what would change; change nothing'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand prep-ns" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand prep-ns" -s h -l help -d 'Print help'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand prep-ns" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand run" -l trace -d 'The trace to simulate (staged in --ns by `prep-ns`)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand run" -l deploy -d 'The Deployment to observe and act on, as named in the trace' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand run" -l target -d 'The number of ready replicas aimed for' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand run" -l duration -d 'Simulated time to wait before observing (per step)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand run" -l step-penalty -d '`cost_aware_v2`\'s penalty subtracted every step (sim-arena\'s default 0)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand run" -l ns -d 'The driver namespace, prepared with `kubectl skstep prep-ns` (default: -n, else the context\'s namespace); with several contexts, the same on each' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand run" -l grace -d 'Extra Simulation time after the observation, so the driver does not tear down first' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand run" -l driver-image -d 'The driver image (default: quay.io/appliedcomputing/sk-driver:<the tag of sk-ctrl\'s image in --simkube-ns>, else v2.7.0; the choice is printed and recorded)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand run" -l port -d 'The driver\'s webhook port (the Simulation\'s spec.driver.port, passed to the driver as --admission-webhook-port)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand run" -l speed -d 'SimKube\'s speed factor (spec.speed: event gaps divided by F), from 0.001 to 1000; --duration and --grace are simulated time, so the step waits duration/F' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand run" -l virtual-ns-prefix -d 'The prefix of the virtual namespaces the driver creates (spec.driver.virtualNsPrefix)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand run" -l simkube-ns -d 'The namespace SimKube\'s controller and its sk-lease run in' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand run" -l reward -r -f -a "base\t''
shaped\t''
scale\t''
max_punish\t''
cost_aware_v2\t''"
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand run" -l seed -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand run" -l lease-timeout -d 'How long to wait for another simulation to release SimKube\'s lease' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand run" -l driver-timeout -d 'How long the driver may take to start once the lease is ours' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand run" -l api-timeout -d 'How long a phase retries transient API errors (unreachable, 5xx, 429) before the step fails' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand run" -l fast-start -d 'Fast start: create the Simulation only once SimKube\'s lease is free, and nudge sk-ctrl past its 5 s timers (a meaningless spec change, see README); `--fast-start=false`: SimKube\'s own pace' -r -f -a "true\t''
false\t''"
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand run" -l cache -d 'The transition cache: a simulation whose key (the trace\'s bytes, --deploy, --duration, --grace, --speed, SimKube\'s and the driver\'s versions, the cluster\'s node profile) was simulated before is answered from DIR without a Simulation (recorded `cached: true`); only settled observations are stored (see README)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand run" -l cache-verify -d 'The fraction of cache hits simulated anyway and compared (drawn from --seed); a key that ever disagrees is logged in DIR/disagreements.jsonl and never served again' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand run" -l runs-dir -d 'Where records go (default: <data dir>/kubectl-skstep/runs; bench: <results FILE>.runs/)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand run" -l policy -r -f -a "noop\t''
heuristic\t'sim-arena\'s baseline: pending > 0 -> bump_cpu_small, else noop'
random\t'Uniform over the seven actions, seeded'
bump_cpu\t''
bump_mem\t''
scale_replicas\t''
target\t'Ours: total < target -> scale up; total > target -> scale down; pending -> reduce CPU'"
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand run" -l action -d 'Take this action instead of asking a policy' -r -f -a "noop\t''
bump_cpu_small\t''
reduce_cpu_small\t''
bump_mem_small\t''
reduce_mem_small\t''
scale_up_replicas\t''
scale_down_replicas\t''"
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand run" -l steps -d 'Simulations in the episode: the initial trace, then one after each of K − 1 actions' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand run" -l contexts -d 'Run the episodes over these kubeconfig contexts (one per cluster) concurrently, each one Simulation at a time; every record names its context and episode' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand run" -l episodes -d 'Episodes to run (of --steps simulations each), over --contexts or the current context' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand run" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand run" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand run" -s n -l namespace -d 'A namespace; what it names differs per command and each command\'s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment\'s namespace in the trace for trace edit). Refused by commands it means nothing to' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand run" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand run" -l force -d 'Run even when the trace spans far longer than --duration'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand run" -l stop-at-goal -d 'End the episode at the first observation at the goal (ready = total = --target, pending = 0), the initial one too, as sim-arena\'s multi-step runner does'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand run" -l keep -d 'Leave the last Simulation in place'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand run" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand run" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand env" -l duration -d 'Simulated time to wait before observing (per step)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand env" -l step-penalty -d '`cost_aware_v2`\'s penalty subtracted every step (sim-arena\'s default 0)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand env" -l ns -d 'The driver namespace, prepared with `kubectl skstep prep-ns` (default: -n, else the context\'s namespace); with several contexts, the same on each' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand env" -l grace -d 'Extra Simulation time after the observation, so the driver does not tear down first' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand env" -l driver-image -d 'The driver image (default: quay.io/appliedcomputing/sk-driver:<the tag of sk-ctrl\'s image in --simkube-ns>, else v2.7.0; the choice is printed and recorded)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand env" -l port -d 'The driver\'s webhook port (the Simulation\'s spec.driver.port, passed to the driver as --admission-webhook-port)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand env" -l speed -d 'SimKube\'s speed factor (spec.speed: event gaps divided by F), from 0.001 to 1000; --duration and --grace are simulated time, so the step waits duration/F' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand env" -l virtual-ns-prefix -d 'The prefix of the virtual namespaces the driver creates (spec.driver.virtualNsPrefix)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand env" -l simkube-ns -d 'The namespace SimKube\'s controller and its sk-lease run in' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand env" -l reward -r -f -a "base\t''
shaped\t''
scale\t''
max_punish\t''
cost_aware_v2\t''"
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand env" -l seed -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand env" -l lease-timeout -d 'How long to wait for another simulation to release SimKube\'s lease' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand env" -l driver-timeout -d 'How long the driver may take to start once the lease is ours' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand env" -l api-timeout -d 'How long a phase retries transient API errors (unreachable, 5xx, 429) before the step fails' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand env" -l fast-start -d 'Fast start: create the Simulation only once SimKube\'s lease is free, and nudge sk-ctrl past its 5 s timers (a meaningless spec change, see README); `--fast-start=false`: SimKube\'s own pace' -r -f -a "true\t''
false\t''"
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand env" -l cache -d 'The transition cache: a simulation whose key (the trace\'s bytes, --deploy, --duration, --grace, --speed, SimKube\'s and the driver\'s versions, the cluster\'s node profile) was simulated before is answered from DIR without a Simulation (recorded `cached: true`); only settled observations are stored (see README)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand env" -l cache-verify -d 'The fraction of cache hits simulated anyway and compared (drawn from --seed); a key that ever disagrees is logged in DIR/disagreements.jsonl and never served again' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand env" -l runs-dir -d 'Where records go (default: <data dir>/kubectl-skstep/runs; bench: <results FILE>.runs/)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand env" -l max-steps -d 'Steps after which an episode is truncated (default: the scenario\'s budget, else 10)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand env" -l scenario -d 'Play this scenario file every episode (instead of --trace, --deploy, --target)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand env" -l suite -d 'Draw a scenario of this suite (`simarena`, or a folder, e.g. from `scenario generate`) at each reset' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand env" -l split -d 'Only the suite\'s scenarios of this split (train seeds 0..1e6, test 1e6..2e6)' -r -f -a "train\t''
test\t''"
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand env" -l trace -d 'The trace to simulate (staged in --ns by `prep-ns`)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand env" -l deploy -d 'The Deployment to observe and act on, as named in the trace' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand env" -l target -d 'The number of ready replicas aimed for' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand env" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand env" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand env" -s n -l namespace -d 'A namespace; what it names differs per command and each command\'s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment\'s namespace in the trace for trace edit). Refused by commands it means nothing to' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand env" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand env" -l stdio -d 'Serve the protocol on stdin/stdout (the only mode)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand env" -l force -d 'Run even when the trace spans far longer than --duration'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand env" -l keep-last -d 'Leave each Simulation in place until the next request, to inspect it (`observe --sim`)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand env" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand env" -s h -l help -d 'Print help'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand env" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand mcp" -l http -d 'Serve streamable HTTP on ADDR (e.g. 127.0.0.1:8765) instead of stdio' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand mcp" -l token-file -d 'A file holding the bearer token HTTP clients must send (required beyond loopback)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand mcp" -l contexts -d 'Kubeconfig contexts sessions play on (default the current one)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand mcp" -l max-steps -d 'Most actions per episode (default: the scenario\'s budget)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand mcp" -l max-tool-calls -d 'Tool calls allowed between two actions (sim-arena\'s agent allows 8)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand mcp" -l trace-budget -d 'The step budget of an episode started from a bare trace' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand mcp" -l duration -d 'Simulated time per step (default: the scenario\'s, else 120s)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand mcp" -l ns -d 'The driver namespace, prepared with `kubectl skstep prep-ns` (default: -n, else the context\'s namespace); with several contexts, the same on each' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand mcp" -l grace -d 'Extra Simulation time after the observation, so the driver does not tear down first' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand mcp" -l driver-image -d 'The driver image (default: quay.io/appliedcomputing/sk-driver:<the tag of sk-ctrl\'s image in --simkube-ns>, else v2.7.0; the choice is printed and recorded)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand mcp" -l port -d 'The driver\'s webhook port (the Simulation\'s spec.driver.port, passed to the driver as --admission-webhook-port)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand mcp" -l speed -d 'SimKube\'s speed factor (spec.speed: event gaps divided by F), from 0.001 to 1000; --duration and --grace are simulated time, so the step waits duration/F' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand mcp" -l virtual-ns-prefix -d 'The prefix of the virtual namespaces the driver creates (spec.driver.virtualNsPrefix)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand mcp" -l simkube-ns -d 'The namespace SimKube\'s controller and its sk-lease run in' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand mcp" -l reward -r -f -a "base\t''
shaped\t''
scale\t''
max_punish\t''
cost_aware_v2\t''"
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand mcp" -l seed -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand mcp" -l lease-timeout -d 'How long to wait for another simulation to release SimKube\'s lease' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand mcp" -l driver-timeout -d 'How long the driver may take to start once the lease is ours' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand mcp" -l api-timeout -d 'How long a phase retries transient API errors (unreachable, 5xx, 429) before the step fails' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand mcp" -l fast-start -d 'Fast start: create the Simulation only once SimKube\'s lease is free, and nudge sk-ctrl past its 5 s timers (a meaningless spec change, see README); `--fast-start=false`: SimKube\'s own pace' -r -f -a "true\t''
false\t''"
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand mcp" -l cache -d 'The transition cache: a simulation whose key (the trace\'s bytes, --deploy, --duration, --grace, --speed, SimKube\'s and the driver\'s versions, the cluster\'s node profile) was simulated before is answered from DIR without a Simulation (recorded `cached: true`); only settled observations are stored (see README)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand mcp" -l cache-verify -d 'The fraction of cache hits simulated anyway and compared (drawn from --seed); a key that ever disagrees is logged in DIR/disagreements.jsonl and never served again' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand mcp" -l runs-dir -d 'Where records go (default: <data dir>/kubectl-skstep/runs; bench: <results FILE>.runs/)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand mcp" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand mcp" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand mcp" -s n -l namespace -d 'A namespace; what it names differs per command and each command\'s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment\'s namespace in the trace for trace edit). Refused by commands it means nothing to' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand mcp" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand mcp" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand mcp" -s h -l help -d 'Print help'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand mcp" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand observe" -l deploy -d 'The Deployment, as named in the trace' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand observe" -l sim -d 'The Simulation whose virtual namespaces to look in' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand observe" -l virtual-ns -d 'The virtual namespace to look in (e.g. virtual-default; -n does the same)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand observe" -l source-ns -d 'The Deployment\'s namespace in the trace (default: find it among the virtual namespaces)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand observe" -l interval -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand observe" -l api-timeout -d 'How long one observation\'s calls to the API server may take, transient errors (unreachable, 5xx, 429) retried with backoff or after the server\'s Retry-After, before observe fails' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand observe" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand observe" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand observe" -s n -l namespace -d 'A namespace; what it names differs per command and each command\'s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment\'s namespace in the trace for trace edit). Refused by commands it means nothing to' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand observe" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand observe" -l watch -d 'Keep printing an observation every --interval until interrupted'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand observe" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand observe" -s h -l help -d 'Print help'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand observe" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand logs" -l tail -d 'Only the last N lines' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand logs" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand logs" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand logs" -s n -l namespace -d 'A namespace; what it names differs per command and each command\'s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment\'s namespace in the trace for trace edit). Refused by commands it means nothing to' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand logs" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand logs" -s f -l follow -d 'Follow the log until the pod ends'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand logs" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand logs" -s h -l help -d 'Print help'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand logs" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand report" -l runs-dir -d 'Where the records are (default: <data dir>/kubectl-skstep/runs)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand report" -l bench -d 'Draw these bench results documents side by side instead (-o FILE, default bench-compare.svg)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand report" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand report" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand report" -s n -l namespace -d 'A namespace; what it names differs per command and each command\'s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment\'s namespace in the trace for trace edit). Refused by commands it means nothing to' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand report" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand report" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand report" -s h -l help -d 'Print help'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand report" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand bench" -l suite -d '`simarena` (the repo\'s scenarios/simarena) or a folder of scenario files' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand bench" -l split -d 'Only the scenarios of this split (generated suites)' -r -f -a "train\t''
test\t''"
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand bench" -l agent -r -f -a "noop\t''
random\t'Uniform over the seven actions, seeded per (scenario, repeat) from --seed'
heuristic\t'The rule-based autoscaler (see `bench::heuristic`)'
reference\t'The scenario\'s reference solution, then noop'
stdio\t'One JSON line per state on stdout, one action per line back on stdin'"
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand bench" -l repeats -d 'Episodes per scenario (K of pass@K)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand bench" -l contexts -d 'Kubeconfig contexts to play on (one per cluster; default the current one); each scenario plays on the contexts whose nodes are its profile\'s' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand bench" -l compare -d 'Compare these results documents instead: a Markdown leaderboard' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand bench" -l duration -d 'Simulated time per step (default: the scenario\'s, else 120s)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand bench" -l ns -d 'The driver namespace, prepared with `kubectl skstep prep-ns` (default: -n, else the context\'s namespace); with several contexts, the same on each' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand bench" -l grace -d 'Extra Simulation time after the observation, so the driver does not tear down first' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand bench" -l driver-image -d 'The driver image (default: quay.io/appliedcomputing/sk-driver:<the tag of sk-ctrl\'s image in --simkube-ns>, else v2.7.0; the choice is printed and recorded)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand bench" -l port -d 'The driver\'s webhook port (the Simulation\'s spec.driver.port, passed to the driver as --admission-webhook-port)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand bench" -l speed -d 'SimKube\'s speed factor (spec.speed: event gaps divided by F), from 0.001 to 1000; --duration and --grace are simulated time, so the step waits duration/F' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand bench" -l virtual-ns-prefix -d 'The prefix of the virtual namespaces the driver creates (spec.driver.virtualNsPrefix)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand bench" -l simkube-ns -d 'The namespace SimKube\'s controller and its sk-lease run in' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand bench" -l reward -r -f -a "base\t''
shaped\t''
scale\t''
max_punish\t''
cost_aware_v2\t''"
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand bench" -l seed -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand bench" -l lease-timeout -d 'How long to wait for another simulation to release SimKube\'s lease' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand bench" -l driver-timeout -d 'How long the driver may take to start once the lease is ours' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand bench" -l api-timeout -d 'How long a phase retries transient API errors (unreachable, 5xx, 429) before the step fails' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand bench" -l fast-start -d 'Fast start: create the Simulation only once SimKube\'s lease is free, and nudge sk-ctrl past its 5 s timers (a meaningless spec change, see README); `--fast-start=false`: SimKube\'s own pace' -r -f -a "true\t''
false\t''"
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand bench" -l cache -d 'The transition cache: a simulation whose key (the trace\'s bytes, --deploy, --duration, --grace, --speed, SimKube\'s and the driver\'s versions, the cluster\'s node profile) was simulated before is answered from DIR without a Simulation (recorded `cached: true`); only settled observations are stored (see README)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand bench" -l cache-verify -d 'The fraction of cache hits simulated anyway and compared (drawn from --seed); a key that ever disagrees is logged in DIR/disagreements.jsonl and never served again' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand bench" -l runs-dir -d 'Where records go (default: <data dir>/kubectl-skstep/runs; bench: <results FILE>.runs/)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand bench" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand bench" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand bench" -s n -l namespace -d 'A namespace; what it names differs per command and each command\'s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment\'s namespace in the trace for trace edit). Refused by commands it means nothing to' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand bench" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand bench" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand bench" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand bench" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cache; and not __fish_seen_subcommand_from stats verify clear help" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cache; and not __fish_seen_subcommand_from stats verify clear help" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cache; and not __fish_seen_subcommand_from stats verify clear help" -s n -l namespace -d 'A namespace; what it names differs per command and each command\'s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment\'s namespace in the trace for trace edit). Refused by commands it means nothing to' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cache; and not __fish_seen_subcommand_from stats verify clear help" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cache; and not __fish_seen_subcommand_from stats verify clear help" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cache; and not __fish_seen_subcommand_from stats verify clear help" -s h -l help -d 'Print help'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cache; and not __fish_seen_subcommand_from stats verify clear help" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cache; and not __fish_seen_subcommand_from stats verify clear help" -f -a "stats" -d 'Entries, traces, poisoned keys and disagreements, and what they take on disk'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cache; and not __fish_seen_subcommand_from stats verify clear help" -f -a "verify" -d 'Check every entry: it parses, its name is the key of its parts, its trace is there with that sha256; poisoned keys and disagreements are listed (exit 1 on a broken entry)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cache; and not __fish_seen_subcommand_from stats verify clear help" -f -a "clear" -d 'Remove everything the cache holds (entries, traces, poison marks, the log)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cache; and not __fish_seen_subcommand_from stats verify clear help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cache; and __fish_seen_subcommand_from stats" -l cache -d 'The cache folder (as given to --cache)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cache; and __fish_seen_subcommand_from stats" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cache; and __fish_seen_subcommand_from stats" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cache; and __fish_seen_subcommand_from stats" -s n -l namespace -d 'A namespace; what it names differs per command and each command\'s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment\'s namespace in the trace for trace edit). Refused by commands it means nothing to' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cache; and __fish_seen_subcommand_from stats" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cache; and __fish_seen_subcommand_from stats" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cache; and __fish_seen_subcommand_from stats" -s h -l help -d 'Print help'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cache; and __fish_seen_subcommand_from stats" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cache; and __fish_seen_subcommand_from verify" -l cache -d 'The cache folder (as given to --cache)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cache; and __fish_seen_subcommand_from verify" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cache; and __fish_seen_subcommand_from verify" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cache; and __fish_seen_subcommand_from verify" -s n -l namespace -d 'A namespace; what it names differs per command and each command\'s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment\'s namespace in the trace for trace edit). Refused by commands it means nothing to' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cache; and __fish_seen_subcommand_from verify" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cache; and __fish_seen_subcommand_from verify" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cache; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cache; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cache; and __fish_seen_subcommand_from clear" -l cache -d 'The cache folder (as given to --cache)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cache; and __fish_seen_subcommand_from clear" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cache; and __fish_seen_subcommand_from clear" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cache; and __fish_seen_subcommand_from clear" -s n -l namespace -d 'A namespace; what it names differs per command and each command\'s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment\'s namespace in the trace for trace edit). Refused by commands it means nothing to' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cache; and __fish_seen_subcommand_from clear" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cache; and __fish_seen_subcommand_from clear" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cache; and __fish_seen_subcommand_from clear" -s h -l help -d 'Print help'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cache; and __fish_seen_subcommand_from clear" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "stats" -d 'Entries, traces, poisoned keys and disagreements, and what they take on disk'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Check every entry: it parses, its name is the key of its parts, its trace is there with that sha256; poisoned keys and disagreements are listed (exit 1 on a broken entry)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "clear" -d 'Remove everything the cache holds (entries, traces, poison marks, the log)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand records; and not __fish_seen_subcommand_from check help" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand records; and not __fish_seen_subcommand_from check help" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand records; and not __fish_seen_subcommand_from check help" -s n -l namespace -d 'A namespace; what it names differs per command and each command\'s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment\'s namespace in the trace for trace edit). Refused by commands it means nothing to' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand records; and not __fish_seen_subcommand_from check help" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand records; and not __fish_seen_subcommand_from check help" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand records; and not __fish_seen_subcommand_from check help" -s h -l help -d 'Print help'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand records; and not __fish_seen_subcommand_from check help" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand records; and not __fish_seen_subcommand_from check help" -f -a "check" -d 'Recompute summary.json from step.jsonl and say where they disagree (--fix rewrites it)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand records; and not __fish_seen_subcommand_from check help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand records; and __fish_seen_subcommand_from check" -l runs-dir -d 'Where the records are (default: <data dir>/kubectl-skstep/runs)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand records; and __fish_seen_subcommand_from check" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand records; and __fish_seen_subcommand_from check" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand records; and __fish_seen_subcommand_from check" -s n -l namespace -d 'A namespace; what it names differs per command and each command\'s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment\'s namespace in the trace for trace edit). Refused by commands it means nothing to' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand records; and __fish_seen_subcommand_from check" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand records; and __fish_seen_subcommand_from check" -l fix -d 'Rewrite summary.json from the records (atomically) when it does not agree'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand records; and __fish_seen_subcommand_from check" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand records; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand records; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand records; and __fish_seen_subcommand_from help" -f -a "check" -d 'Recompute summary.json from step.jsonl and say where they disagree (--fix rewrites it)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand records; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cleanup" -l ns -d 'Only kubectl-skstep\'s objects driving this namespace (default: all of them); -n is the same' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cleanup" -l api-timeout -d 'How long transient API errors (unreachable, 5xx, 429) are retried, with backoff, before cleanup fails' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cleanup" -l simkube-ns -d 'The namespace SimKube\'s controller (and its sk-lease) runs in' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cleanup" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cleanup" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cleanup" -s n -l namespace -d 'A namespace; what it names differs per command and each command\'s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment\'s namespace in the trace for trace edit). Refused by commands it means nothing to' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cleanup" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cleanup" -l all -d 'Also clear what a crashed SimKube run leaves and blocks the next one, whoever made it: finished or failed Simulations holding sk-lease, a lease whose Simulation is gone, driver Jobs, MutatingWebhookConfigurations and SimulationRoots whose Simulation is gone'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cleanup" -l dry-run -d 'List what would be deleted; delete nothing'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cleanup" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cleanup" -s h -l help -d 'Print help'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand cleanup" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and not __fish_seen_subcommand_from list show validate generate check-profile help" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and not __fish_seen_subcommand_from list show validate generate check-profile help" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and not __fish_seen_subcommand_from list show validate generate check-profile help" -s n -l namespace -d 'A namespace; what it names differs per command and each command\'s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment\'s namespace in the trace for trace edit). Refused by commands it means nothing to' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and not __fish_seen_subcommand_from list show validate generate check-profile help" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and not __fish_seen_subcommand_from list show validate generate check-profile help" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and not __fish_seen_subcommand_from list show validate generate check-profile help" -s h -l help -d 'Print help'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and not __fish_seen_subcommand_from list show validate generate check-profile help" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and not __fish_seen_subcommand_from list show validate generate check-profile help" -f -a "list" -d 'The scenarios of a suite (default simarena): id, tier, problem, profile, target, reference steps'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and not __fish_seen_subcommand_from list show validate generate check-profile help" -f -a "show" -d 'One scenario in full, with the planner\'s minimum'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and not __fish_seen_subcommand_from list show validate generate check-profile help" -f -a "validate" -d 'Check scenario files, folders or suites: the schema, the trace, the profile, and that each reference is the planner\'s minimum and solves the scenario in the model (exit 1 otherwise)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and not __fish_seen_subcommand_from list show validate generate check-profile help" -f -a "generate" -d 'Write instances of a template, each with its reference from the planner (-o DIR). Seeds 0..1000000 are the train split, 1000000..2000000 the test split'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and not __fish_seen_subcommand_from list show validate generate check-profile help" -f -a "check-profile" -d 'Whether the cluster\'s virtual nodes are a profile\'s (exit 1, naming what differs and the fix)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and not __fish_seen_subcommand_from list show validate generate check-profile help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from list" -l suite -d 'A suite under scenarios/ (simarena) or a folder of scenario files' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from list" -l split -r -f -a "train\t''
test\t''"
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from list" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from list" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from list" -s n -l namespace -d 'A namespace; what it names differs per command and each command\'s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment\'s namespace in the trace for trace edit). Refused by commands it means nothing to' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from show" -l suite -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from show" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from show" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from show" -s n -l namespace -d 'A namespace; what it names differs per command and each command\'s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment\'s namespace in the trace for trace edit). Refused by commands it means nothing to' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from validate" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from validate" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from validate" -s n -l namespace -d 'A namespace; what it names differs per command and each command\'s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment\'s namespace in the trace for trace edit). Refused by commands it means nothing to' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from validate" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from validate" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from validate" -s h -l help -d 'Print help'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from validate" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from generate" -l template -r -f -a "scale-up\t''
scale-down\t''
cpu-over\t''
memory-over\t''
both\t''
noisy-neighbour\t''
node-pressure\t''
slow-start\t''
compound\t''"
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from generate" -l seed -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from generate" -l count -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from generate" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from generate" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from generate" -s n -l namespace -d 'A namespace; what it names differs per command and each command\'s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment\'s namespace in the trace for trace edit). Refused by commands it means nothing to' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from generate" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from generate" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from generate" -s h -l help -d 'Print help'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from generate" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from check-profile" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from check-profile" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from check-profile" -s n -l namespace -d 'A namespace; what it names differs per command and each command\'s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment\'s namespace in the trace for trace edit). Refused by commands it means nothing to' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from check-profile" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from check-profile" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from check-profile" -s h -l help -d 'Print help'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from check-profile" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from help" -f -a "list" -d 'The scenarios of a suite (default simarena): id, tier, problem, profile, target, reference steps'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from help" -f -a "show" -d 'One scenario in full, with the planner\'s minimum'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from help" -f -a "validate" -d 'Check scenario files, folders or suites: the schema, the trace, the profile, and that each reference is the planner\'s minimum and solves the scenario in the model (exit 1 otherwise)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from help" -f -a "generate" -d 'Write instances of a template, each with its reference from the planner (-o DIR). Seeds 0..1000000 are the train split, 1000000..2000000 the test split'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from help" -f -a "check-profile" -d 'Whether the cluster\'s virtual nodes are a profile\'s (exit 1, naming what differs and the fix)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand scenario; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand doctor" -l ns -d 'The driver namespace to check (ServiceAccount, Secrets, staged trace; default: -n if given)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand doctor" -l trace -d 'The trace to check (parses, timestamps, Deployment present)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand doctor" -l deploy -d 'The Deployment the step will observe' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand doctor" -l tracer -d 'sk-tracer\'s address (default: through the cluster)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand doctor" -l api-timeout -d 'How long doctor\'s calls to the API server may take in all, transient errors (unreachable, 5xx, 429) retried with backoff or after the server\'s Retry-After; what is left is `? cannot check`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand doctor" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand doctor" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand doctor" -s n -l namespace -d 'A namespace; what it names differs per command and each command\'s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment\'s namespace in the trace for trace edit). Refused by commands it means nothing to' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand doctor" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand doctor" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand doctor" -s h -l help -d 'Print help'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand doctor" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand version" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand version" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand version" -s n -l namespace -d 'A namespace; what it names differs per command and each command\'s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment\'s namespace in the trace for trace edit). Refused by commands it means nothing to' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand version" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand version" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand version" -s h -l help -d 'Print help'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand version" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand completions" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand completions" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand completions" -s n -l namespace -d 'A namespace; what it names differs per command and each command\'s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment\'s namespace in the trace for trace edit). Refused by commands it means nothing to' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand completions" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand completions" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand completions" -s h -l help -d 'Print help'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand completions" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand __complete" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand __complete" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand __complete" -s n -l namespace -d 'A namespace; what it names differs per command and each command\'s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment\'s namespace in the trace for trace edit). Refused by commands it means nothing to' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand __complete" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand __complete" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand __complete" -s h -l help -d 'Print help'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand __complete" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and not __fish_seen_subcommand_from trace prep-ns run env mcp observe logs report bench cache records cleanup scenario doctor version completions __complete help" -f -a "trace" -d 'Check, inspect and transform SimKube trace files'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and not __fish_seen_subcommand_from trace prep-ns run env mcp observe logs report bench cache records cleanup scenario doctor version completions __complete help" -f -a "prep-ns" -d 'Prepare a namespace for SimKube\'s driver: ServiceAccount, Secrets, staged trace'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and not __fish_seen_subcommand_from trace prep-ns run env mcp observe logs report bench cache records cleanup scenario doctor version completions __complete help" -f -a "run" -d 'One RL step: simulate, observe, act, reward, record, clean up'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and not __fish_seen_subcommand_from trace prep-ns run env mcp observe logs report bench cache records cleanup scenario doctor version completions __complete help" -f -a "env" -d 'The Gymnasium environment\'s engine: reset/step/close as JSON lines on stdin/stdout'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and not __fish_seen_subcommand_from trace prep-ns run env mcp observe logs report bench cache records cleanup scenario doctor version completions __complete help" -f -a "mcp" -d 'A Model Context Protocol server: scenarios as tools for LLM agents (stdio or --http)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and not __fish_seen_subcommand_from trace prep-ns run env mcp observe logs report bench cache records cleanup scenario doctor version completions __complete help" -f -a "observe" -d 'Observe a workload\'s pods in its virtual namespace: ready, pending, total'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and not __fish_seen_subcommand_from trace prep-ns run env mcp observe logs report bench cache records cleanup scenario doctor version completions __complete help" -f -a "logs" -d 'The driver\'s log for a simulation (default: the newest one kubectl-skstep created)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and not __fish_seen_subcommand_from trace prep-ns run env mcp observe logs report bench cache records cleanup scenario doctor version completions __complete help" -f -a "report" -d 'The learning curve: an SVG of returns, rewards and ready/pending/total from the records'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and not __fish_seen_subcommand_from trace prep-ns run env mcp observe logs report bench cache records cleanup scenario doctor version completions __complete help" -f -a "bench" -d 'Score an agent on a scenario suite (pass@1, pass@k, efficiency, …), or compare results'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and not __fish_seen_subcommand_from trace prep-ns run env mcp observe logs report bench cache records cleanup scenario doctor version completions __complete help" -f -a "cache" -d 'The transition cache (--cache DIR): stats, verify, clear'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and not __fish_seen_subcommand_from trace prep-ns run env mcp observe logs report bench cache records cleanup scenario doctor version completions __complete help" -f -a "records" -d 'Check the step records: summary.json recomputed from step.jsonl'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and not __fish_seen_subcommand_from trace prep-ns run env mcp observe logs report bench cache records cleanup scenario doctor version completions __complete help" -f -a "cleanup" -d 'Remove what kubectl-skstep left in the cluster (--all: and what a crashed SimKube run left)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and not __fish_seen_subcommand_from trace prep-ns run env mcp observe logs report bench cache records cleanup scenario doctor version completions __complete help" -f -a "scenario" -d 'Scenario suites and cluster profiles: list, show, validate, generate, check-profile'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and not __fish_seen_subcommand_from trace prep-ns run env mcp observe logs report bench cache records cleanup scenario doctor version completions __complete help" -f -a "doctor" -d 'Check the SimKube install and a step\'s inputs: a ✓/✗ table with fixes'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and not __fish_seen_subcommand_from trace prep-ns run env mcp observe logs report bench cache records cleanup scenario doctor version completions __complete help" -f -a "version" -d 'The plugin\'s version, git commit, target, and the SimKube version its trace parser matches'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and not __fish_seen_subcommand_from trace prep-ns run env mcp observe logs report bench cache records cleanup scenario doctor version completions __complete help" -f -a "completions" -d 'Print a shell completion script'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and not __fish_seen_subcommand_from trace prep-ns run env mcp observe logs report bench cache records cleanup scenario doctor version completions __complete help" -f -a "__complete" -d 'Completion candidates for kubectl\'s plugin completion (used by kubectl_complete-skstep)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and not __fish_seen_subcommand_from trace prep-ns run env mcp observe logs report bench cache records cleanup scenario doctor version completions __complete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and __fish_seen_subcommand_from trace" -f -a "validate" -d 'The verdict SimKube\'s driver will reach on a trace, and why'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and __fish_seen_subcommand_from trace" -f -a "inspect" -d 'What a trace contains: events, objects, namespaces, Deployments, config'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and __fish_seen_subcommand_from trace" -f -a "fix" -d 'Remove what SimKube\'s own rules find (missing ServiceAccounts, Secrets, ConfigMaps; status)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and __fish_seen_subcommand_from trace" -f -a "upgrade" -d 'Turn a legacy trace (version 1, missing fields, deprecated config) into one SimKube parses'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and __fish_seen_subcommand_from trace" -f -a "rebase" -d 'Shift and compress a trace\'s timeline'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and __fish_seen_subcommand_from trace" -f -a "convert" -d 'Convert between MessagePack and JSON, losslessly'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and __fish_seen_subcommand_from trace" -f -a "export" -d 'Export a trace from sk-tracer (no manual port-forward needed)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and __fish_seen_subcommand_from trace" -f -a "new" -d 'Make a trace from scratch: one Deployment (from flags or a manifest) that SimKube plays'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and __fish_seen_subcommand_from trace" -f -a "edit" -d 'Apply an RL action (scale replicas, bump CPU or memory) to a Deployment in the trace'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and __fish_seen_subcommand_from cache" -f -a "stats" -d 'Entries, traces, poisoned keys and disagreements, and what they take on disk'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and __fish_seen_subcommand_from cache" -f -a "verify" -d 'Check every entry: it parses, its name is the key of its parts, its trace is there with that sha256; poisoned keys and disagreements are listed (exit 1 on a broken entry)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and __fish_seen_subcommand_from cache" -f -a "clear" -d 'Remove everything the cache holds (entries, traces, poison marks, the log)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and __fish_seen_subcommand_from records" -f -a "check" -d 'Recompute summary.json from step.jsonl and say where they disagree (--fix rewrites it)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and __fish_seen_subcommand_from scenario" -f -a "list" -d 'The scenarios of a suite (default simarena): id, tier, problem, profile, target, reference steps'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and __fish_seen_subcommand_from scenario" -f -a "show" -d 'One scenario in full, with the planner\'s minimum'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and __fish_seen_subcommand_from scenario" -f -a "validate" -d 'Check scenario files, folders or suites: the schema, the trace, the profile, and that each reference is the planner\'s minimum and solves the scenario in the model (exit 1 otherwise)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and __fish_seen_subcommand_from scenario" -f -a "generate" -d 'Write instances of a template, each with its reference from the planner (-o DIR). Seeds 0..1000000 are the train split, 1000000..2000000 the test split'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and __fish_seen_subcommand_from scenario" -f -a "check-profile" -d 'Whether the cluster\'s virtual nodes are a profile\'s (exit 1, naming what differs and the fix)'
