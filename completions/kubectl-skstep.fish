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
complete -c kubectl-skstep -n "__fish_kubectl_skstep_needs_command" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_needs_command" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_needs_command" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_needs_command" -s h -l help -d 'Print help'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_needs_command" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_needs_command" -f -a "trace" -d 'Check, inspect and transform SimKube trace files'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_needs_command" -f -a "__complete" -d 'Completion candidates for kubectl\'s plugin completion (used by kubectl_complete-skstep)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and not __fish_seen_subcommand_from validate inspect upgrade rebase convert edit help" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and not __fish_seen_subcommand_from validate inspect upgrade rebase convert edit help" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and not __fish_seen_subcommand_from validate inspect upgrade rebase convert edit help" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and not __fish_seen_subcommand_from validate inspect upgrade rebase convert edit help" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and not __fish_seen_subcommand_from validate inspect upgrade rebase convert edit help" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and not __fish_seen_subcommand_from validate inspect upgrade rebase convert edit help" -s h -l help -d 'Print help'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and not __fish_seen_subcommand_from validate inspect upgrade rebase convert edit help" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and not __fish_seen_subcommand_from validate inspect upgrade rebase convert edit help" -f -a "validate" -d 'The verdict SimKube\'s driver will reach on a trace, and why'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and not __fish_seen_subcommand_from validate inspect upgrade rebase convert edit help" -f -a "inspect" -d 'What a trace contains: events, objects, namespaces, Deployments, config'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and not __fish_seen_subcommand_from validate inspect upgrade rebase convert edit help" -f -a "upgrade" -d 'Turn a legacy trace (version 1, missing fields, deprecated config) into one SimKube parses'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and not __fish_seen_subcommand_from validate inspect upgrade rebase convert edit help" -f -a "rebase" -d 'Shift and compress a trace\'s timeline'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and not __fish_seen_subcommand_from validate inspect upgrade rebase convert edit help" -f -a "convert" -d 'Convert between MessagePack and JSON, losslessly'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and not __fish_seen_subcommand_from validate inspect upgrade rebase convert edit help" -f -a "edit" -d 'Apply an RL action (scale replicas, bump CPU or memory) to a Deployment in the trace'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and not __fish_seen_subcommand_from validate inspect upgrade rebase convert edit help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from validate" -l max-gap -d 'Longest gap between events (and trace span) that draws no warning' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from validate" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from validate" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from validate" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from validate" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from validate" -l strict -d 'Treat warnings as failures (exit 1)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from validate" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from validate" -s h -l help -d 'Print help'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from validate" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from inspect" -l deploy -d 'Say where this Deployment appears and which virtual namespace its pods will land in' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from inspect" -l virtual-prefix -d 'SimKube\'s virtual namespace prefix (the Simulation\'s virtualNsPrefix)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from inspect" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from inspect" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from inspect" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from inspect" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from inspect" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from upgrade" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from upgrade" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from upgrade" -s n -l namespace -d 'The namespace scope for this request' -r
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
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from rebase" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from rebase" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from rebase" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from rebase" -s h -l help -d 'Print help'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from rebase" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from convert" -l to -d 'Output format (default: the other one)' -r -f -a "json\t''
msgpack\t''"
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from convert" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from convert" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from convert" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from convert" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from convert" -l pretty -d 'Indent JSON output'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from convert" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from convert" -s h -l help -d 'Print help'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from convert" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from edit" -l deploy -d 'The Deployment to edit (restrict to a namespace with -n)' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from edit" -l min-cpu -d 'Smallest CPU request allowed' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from edit" -l max-cpu -d 'Largest CPU request allowed' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from edit" -l min-mem -d 'Smallest memory request allowed' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from edit" -l max-mem -d 'Largest memory request allowed' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from edit" -l min-replicas -d 'Fewest replicas allowed' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from edit" -l max-replicas -d 'Most replicas allowed' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from edit" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from edit" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from edit" -s n -l namespace -d 'The namespace scope for this request' -r
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
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from help" -f -a "upgrade" -d 'Turn a legacy trace (version 1, missing fields, deprecated config) into one SimKube parses'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from help" -f -a "rebase" -d 'Shift and compress a trace\'s timeline'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from help" -f -a "convert" -d 'Convert between MessagePack and JSON, losslessly'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from help" -f -a "edit" -d 'Apply an RL action (scale replicas, bump CPU or memory) to a Deployment in the trace'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand trace; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand completions" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand completions" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand completions" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand completions" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand completions" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand completions" -s h -l help -d 'Print help'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand completions" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand __complete" -l kubeconfig -d 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)' -r -F
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand __complete" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand __complete" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand __complete" -s o -l output -d 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`' -r
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand __complete" -s v -l verbose -d 'More log output (-v info, -vv debug)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand __complete" -s h -l help -d 'Print help'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand __complete" -s V -l version -d 'Print version'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and not __fish_seen_subcommand_from trace completions __complete help" -f -a "trace" -d 'Check, inspect and transform SimKube trace files'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and not __fish_seen_subcommand_from trace completions __complete help" -f -a "completions" -d 'Print a shell completion script'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and not __fish_seen_subcommand_from trace completions __complete help" -f -a "__complete" -d 'Completion candidates for kubectl\'s plugin completion (used by kubectl_complete-skstep)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and not __fish_seen_subcommand_from trace completions __complete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and __fish_seen_subcommand_from trace" -f -a "validate" -d 'The verdict SimKube\'s driver will reach on a trace, and why'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and __fish_seen_subcommand_from trace" -f -a "inspect" -d 'What a trace contains: events, objects, namespaces, Deployments, config'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and __fish_seen_subcommand_from trace" -f -a "upgrade" -d 'Turn a legacy trace (version 1, missing fields, deprecated config) into one SimKube parses'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and __fish_seen_subcommand_from trace" -f -a "rebase" -d 'Shift and compress a trace\'s timeline'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and __fish_seen_subcommand_from trace" -f -a "convert" -d 'Convert between MessagePack and JSON, losslessly'
complete -c kubectl-skstep -n "__fish_kubectl_skstep_using_subcommand help; and __fish_seen_subcommand_from trace" -f -a "edit" -d 'Apply an RL action (scale replicas, bump CPU or memory) to a Deployment in the trace'
