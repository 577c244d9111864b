
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'kubectl-skstep' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'kubectl-skstep'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'kubectl-skstep' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('trace', 'trace', [CompletionResultType]::ParameterValue, 'Check, inspect and transform SimKube trace files')
            [CompletionResult]::new('prep-ns', 'prep-ns', [CompletionResultType]::ParameterValue, 'Prepare a namespace for SimKube''s driver: ServiceAccount, Secrets, staged trace')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'One RL step: simulate, observe, act, reward, record, clean up')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'The Gymnasium environment''s engine: reset/step/close as JSON lines on stdin/stdout')
            [CompletionResult]::new('mcp', 'mcp', [CompletionResultType]::ParameterValue, 'A Model Context Protocol server: scenarios as tools for LLM agents (stdio or --http)')
            [CompletionResult]::new('observe', 'observe', [CompletionResultType]::ParameterValue, 'Observe a workload''s pods in its virtual namespace: ready, pending, total')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'The driver''s log for a simulation (default: the newest one kubectl-skstep created)')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'The learning curve: an SVG of returns, rewards and ready/pending/total from the records')
            [CompletionResult]::new('bench', 'bench', [CompletionResultType]::ParameterValue, 'Score an agent on a scenario suite (pass@1, pass@k, efficiency, …), or compare results')
            [CompletionResult]::new('cache', 'cache', [CompletionResultType]::ParameterValue, 'The transition cache (--cache DIR): stats, verify, clear')
            [CompletionResult]::new('records', 'records', [CompletionResultType]::ParameterValue, 'Check the step records: summary.json recomputed from step.jsonl')
            [CompletionResult]::new('cleanup', 'cleanup', [CompletionResultType]::ParameterValue, 'Remove what kubectl-skstep left in the cluster (--all: and what a crashed SimKube run left)')
            [CompletionResult]::new('scenario', 'scenario', [CompletionResultType]::ParameterValue, 'Scenario suites and cluster profiles: list, show, validate, generate, check-profile')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check the SimKube install and a step''s inputs: a ✓/✗ table with fixes')
            [CompletionResult]::new('version', 'version', [CompletionResultType]::ParameterValue, 'The plugin''s version, git commit, target, and the SimKube version its trace parser matches')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('__complete', '__complete', [CompletionResultType]::ParameterValue, 'Completion candidates for kubectl''s plugin completion (used by kubectl_complete-skstep)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-skstep;trace' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'The verdict SimKube''s driver will reach on a trace, and why')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'What a trace contains: events, objects, namespaces, Deployments, config')
            [CompletionResult]::new('fix', 'fix', [CompletionResultType]::ParameterValue, 'Remove what SimKube''s own rules find (missing ServiceAccounts, Secrets, ConfigMaps; status)')
            [CompletionResult]::new('upgrade', 'upgrade', [CompletionResultType]::ParameterValue, 'Turn a legacy trace (version 1, missing fields, deprecated config) into one SimKube parses')
            [CompletionResult]::new('rebase', 'rebase', [CompletionResultType]::ParameterValue, 'Shift and compress a trace''s timeline')
            [CompletionResult]::new('convert', 'convert', [CompletionResultType]::ParameterValue, 'Convert between MessagePack and JSON, losslessly')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export a trace from sk-tracer (no manual port-forward needed)')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Make a trace from scratch: one Deployment (from flags or a manifest) that SimKube plays')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Apply an RL action (scale replicas, bump CPU or memory) to a Deployment in the trace')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-skstep;trace;validate' {
            [CompletionResult]::new('--max-gap', '--max-gap', [CompletionResultType]::ParameterName, 'Longest gap between events (and trace span) that draws no warning')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat warnings as failures (exit 1)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-skstep;trace;inspect' {
            [CompletionResult]::new('--deploy', '--deploy', [CompletionResultType]::ParameterName, 'Say where this Deployment appears and which virtual namespace its pods will land in')
            [CompletionResult]::new('--virtual-prefix', '--virtual-prefix', [CompletionResultType]::ParameterName, 'SimKube''s virtual namespace prefix (the Simulation''s virtualNsPrefix)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-skstep;trace;fix' {
            [CompletionResult]::new('--only', '--only', [CompletionResultType]::ParameterName, 'Fix only these rule codes (default: all of W0000 E0001 E0002 E0003 E0004 E0005)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-skstep;trace;upgrade' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--drop-extra', '--drop-extra', [CompletionResultType]::ParameterName, 'Drop top-level keys SimKube ignores (sim-arena''s `metadata`); kept by default')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-skstep;trace;rebase' {
            [CompletionResult]::new('--start', '--start', [CompletionResultType]::ParameterName, 'Where the first event goes: 0, now, a Unix timestamp or an RFC 3339 time')
            [CompletionResult]::new('--span', '--span', [CompletionResultType]::ParameterName, 'Scale all gaps so the trace lasts this long (e.g. 60s)')
            [CompletionResult]::new('--max-gap', '--max-gap', [CompletionResultType]::ParameterName, 'Clamp each idle gap between events to at most this (e.g. 30s)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-skstep;trace;convert' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Output format (default: the other one)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--pretty', '--pretty', [CompletionResultType]::ParameterName, 'Indent JSON output')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-skstep;trace;export' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Export this much recent history (e.g. 30m)')
            [CompletionResult]::new('--start', '--start', [CompletionResultType]::ParameterName, 'Start: Unix time, RFC 3339, or now')
            [CompletionResult]::new('--end', '--end', [CompletionResultType]::ParameterName, 'End: Unix time, RFC 3339, or now (default now)')
            [CompletionResult]::new('--exclude-ns', '--exclude-ns', [CompletionResultType]::ParameterName, 'Namespaces to leave out (comma-separated; repeatable). Default: the system ones')
            [CompletionResult]::new('--tracer', '--tracer', [CompletionResultType]::ParameterName, 'sk-tracer''s address, e.g. http://localhost:7777 (default: through the cluster)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-skstep;trace;new' {
            [CompletionResult]::new('--deploy', '--deploy', [CompletionResultType]::ParameterName, 'The Deployment''s name (its pods are labelled app=NAME); its namespace is -n (default `default`)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Take the Deployment from a manifest (YAML or JSON, as `kubectl create deployment --dry-run=client -o yaml` prints)')
            [CompletionResult]::new('--filename', '--filename', [CompletionResultType]::ParameterName, 'Take the Deployment from a manifest (YAML or JSON, as `kubectl create deployment --dry-run=client -o yaml` prints)')
            [CompletionResult]::new('--replicas', '--replicas', [CompletionResultType]::ParameterName, 'Replicas (0..=2147483647: spec.replicas is an int32)')
            [CompletionResult]::new('--cpu', '--cpu', [CompletionResultType]::ParameterName, 'CPU request of its container')
            [CompletionResult]::new('--mem', '--mem', [CompletionResultType]::ParameterName, 'Memory request of its container')
            [CompletionResult]::new('--image', '--image', [CompletionResultType]::ParameterName, 'Container image (KWOK''s fake nodes never pull it)')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'The event''s time: now, 0, a Unix timestamp or an RFC 3339 time')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-skstep;trace;edit' {
            [CompletionResult]::new('--deploy', '--deploy', [CompletionResultType]::ParameterName, 'The Deployment to edit (restrict to a namespace with -n)')
            [CompletionResult]::new('--min-cpu', '--min-cpu', [CompletionResultType]::ParameterName, 'Smallest CPU request allowed')
            [CompletionResult]::new('--max-cpu', '--max-cpu', [CompletionResultType]::ParameterName, 'Largest CPU request allowed')
            [CompletionResult]::new('--min-mem', '--min-mem', [CompletionResultType]::ParameterName, 'Smallest memory request allowed')
            [CompletionResult]::new('--max-mem', '--max-mem', [CompletionResultType]::ParameterName, 'Largest memory request allowed')
            [CompletionResult]::new('--min-replicas', '--min-replicas', [CompletionResultType]::ParameterName, 'Fewest replicas allowed')
            [CompletionResult]::new('--max-replicas', '--max-replicas', [CompletionResultType]::ParameterName, 'Most replicas allowed (at most 2147483647: spec.replicas is an int32)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('scale-replicas', 'scale-replicas', [CompletionResultType]::ParameterValue, 'Change spec.replicas')
            [CompletionResult]::new('bump-cpu', 'bump-cpu', [CompletionResultType]::ParameterValue, 'Change every container''s CPU request by a step (e.g. 500m, -250m, 1)')
            [CompletionResult]::new('bump-mem', 'bump-mem', [CompletionResultType]::ParameterValue, 'Change every container''s memory request by a step (e.g. 256Mi, -128Mi)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-skstep;trace;edit;scale-replicas' {
            [CompletionResult]::new('--delta', '--delta', [CompletionResultType]::ParameterName, 'Add this many replicas (negative to remove)')
            [CompletionResult]::new('--replicas', '--replicas', [CompletionResultType]::ParameterName, 'Set replicas to this')
            [CompletionResult]::new('--min-cpu', '--min-cpu', [CompletionResultType]::ParameterName, 'Smallest CPU request allowed')
            [CompletionResult]::new('--max-cpu', '--max-cpu', [CompletionResultType]::ParameterName, 'Largest CPU request allowed')
            [CompletionResult]::new('--min-mem', '--min-mem', [CompletionResultType]::ParameterName, 'Smallest memory request allowed')
            [CompletionResult]::new('--max-mem', '--max-mem', [CompletionResultType]::ParameterName, 'Largest memory request allowed')
            [CompletionResult]::new('--min-replicas', '--min-replicas', [CompletionResultType]::ParameterName, 'Fewest replicas allowed')
            [CompletionResult]::new('--max-replicas', '--max-replicas', [CompletionResultType]::ParameterName, 'Most replicas allowed (at most 2147483647: spec.replicas is an int32)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-skstep;trace;edit;bump-cpu' {
            [CompletionResult]::new('--step', '--step', [CompletionResultType]::ParameterName, 'step')
            [CompletionResult]::new('--min-cpu', '--min-cpu', [CompletionResultType]::ParameterName, 'Smallest CPU request allowed')
            [CompletionResult]::new('--max-cpu', '--max-cpu', [CompletionResultType]::ParameterName, 'Largest CPU request allowed')
            [CompletionResult]::new('--min-mem', '--min-mem', [CompletionResultType]::ParameterName, 'Smallest memory request allowed')
            [CompletionResult]::new('--max-mem', '--max-mem', [CompletionResultType]::ParameterName, 'Largest memory request allowed')
            [CompletionResult]::new('--min-replicas', '--min-replicas', [CompletionResultType]::ParameterName, 'Fewest replicas allowed')
            [CompletionResult]::new('--max-replicas', '--max-replicas', [CompletionResultType]::ParameterName, 'Most replicas allowed (at most 2147483647: spec.replicas is an int32)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-skstep;trace;edit;bump-mem' {
            [CompletionResult]::new('--step', '--step', [CompletionResultType]::ParameterName, 'step')
            [CompletionResult]::new('--min-cpu', '--min-cpu', [CompletionResultType]::ParameterName, 'Smallest CPU request allowed')
            [CompletionResult]::new('--max-cpu', '--max-cpu', [CompletionResultType]::ParameterName, 'Largest CPU request allowed')
            [CompletionResult]::new('--min-mem', '--min-mem', [CompletionResultType]::ParameterName, 'Smallest memory request allowed')
            [CompletionResult]::new('--max-mem', '--max-mem', [CompletionResultType]::ParameterName, 'Largest memory request allowed')
            [CompletionResult]::new('--min-replicas', '--min-replicas', [CompletionResultType]::ParameterName, 'Fewest replicas allowed')
            [CompletionResult]::new('--max-replicas', '--max-replicas', [CompletionResultType]::ParameterName, 'Most replicas allowed (at most 2147483647: spec.replicas is an int32)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-skstep;trace;edit;help' {
            [CompletionResult]::new('scale-replicas', 'scale-replicas', [CompletionResultType]::ParameterValue, 'Change spec.replicas')
            [CompletionResult]::new('bump-cpu', 'bump-cpu', [CompletionResultType]::ParameterValue, 'Change every container''s CPU request by a step (e.g. 500m, -250m, 1)')
            [CompletionResult]::new('bump-mem', 'bump-mem', [CompletionResultType]::ParameterValue, 'Change every container''s memory request by a step (e.g. 256Mi, -128Mi)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-skstep;trace;edit;help;scale-replicas' {
            break
        }
        'kubectl-skstep;trace;edit;help;bump-cpu' {
            break
        }
        'kubectl-skstep;trace;edit;help;bump-mem' {
            break
        }
        'kubectl-skstep;trace;edit;help;help' {
            break
        }
        'kubectl-skstep;trace;help' {
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'The verdict SimKube''s driver will reach on a trace, and why')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'What a trace contains: events, objects, namespaces, Deployments, config')
            [CompletionResult]::new('fix', 'fix', [CompletionResultType]::ParameterValue, 'Remove what SimKube''s own rules find (missing ServiceAccounts, Secrets, ConfigMaps; status)')
            [CompletionResult]::new('upgrade', 'upgrade', [CompletionResultType]::ParameterValue, 'Turn a legacy trace (version 1, missing fields, deprecated config) into one SimKube parses')
            [CompletionResult]::new('rebase', 'rebase', [CompletionResultType]::ParameterValue, 'Shift and compress a trace''s timeline')
            [CompletionResult]::new('convert', 'convert', [CompletionResultType]::ParameterValue, 'Convert between MessagePack and JSON, losslessly')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export a trace from sk-tracer (no manual port-forward needed)')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Make a trace from scratch: one Deployment (from flags or a manifest) that SimKube plays')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Apply an RL action (scale replicas, bump CPU or memory) to a Deployment in the trace')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-skstep;trace;help;validate' {
            break
        }
        'kubectl-skstep;trace;help;inspect' {
            break
        }
        'kubectl-skstep;trace;help;fix' {
            break
        }
        'kubectl-skstep;trace;help;upgrade' {
            break
        }
        'kubectl-skstep;trace;help;rebase' {
            break
        }
        'kubectl-skstep;trace;help;convert' {
            break
        }
        'kubectl-skstep;trace;help;export' {
            break
        }
        'kubectl-skstep;trace;help;new' {
            break
        }
        'kubectl-skstep;trace;help;edit' {
            [CompletionResult]::new('scale-replicas', 'scale-replicas', [CompletionResultType]::ParameterValue, 'Change spec.replicas')
            [CompletionResult]::new('bump-cpu', 'bump-cpu', [CompletionResultType]::ParameterValue, 'Change every container''s CPU request by a step (e.g. 500m, -250m, 1)')
            [CompletionResult]::new('bump-mem', 'bump-mem', [CompletionResultType]::ParameterValue, 'Change every container''s memory request by a step (e.g. 256Mi, -128Mi)')
            break
        }
        'kubectl-skstep;trace;help;edit;scale-replicas' {
            break
        }
        'kubectl-skstep;trace;help;edit;bump-cpu' {
            break
        }
        'kubectl-skstep;trace;help;edit;bump-mem' {
            break
        }
        'kubectl-skstep;trace;help;help' {
            break
        }
        'kubectl-skstep;prep-ns' {
            [CompletionResult]::new('--trace', '--trace', [CompletionResultType]::ParameterName, 'The trace to stage (validated first; an invalid trace is refused and nothing changes)')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'A Secret to copy from namespace simkube (repeatable). Default: sk-ctrl''s --driver-secrets, else `simkube`')
            [CompletionResult]::new('--cluster-role', '--cluster-role', [CompletionResultType]::ParameterName, 'Bind the driver''s ServiceAccount to this existing ClusterRole instead of the one prep-ns makes (only what sk-driver 2.7.0 does, for the trace''s kinds)')
            [CompletionResult]::new('--node-dir', '--node-dir', [CompletionResultType]::ParameterName, 'Copy the trace into this host folder, mounted at /data in the nodes (kind extraMounts)')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, '`pods`: copy the trace onto every schedulable non-virtual node through a short-lived pod per node (hostPath /data, exec API, sha256 checked). Takes precedence over --node-dir')
            [CompletionResult]::new('--stage-image', '--stage-image', [CompletionResultType]::ParameterName, 'The staging pods'' image (needs sh, cat, sha256sum)')
            [CompletionResult]::new('--stage-timeout', '--stage-timeout', [CompletionResultType]::ParameterName, 'How long a staging pod may take to start')
            [CompletionResult]::new('--trace-url', '--trace-url', [CompletionResultType]::ParameterName, 'Use this trace URL as is (s3://, gs://, file://)')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'How long transient API errors (unreachable, 5xx, 429) are retried, with backoff, before prep-ns fails (every step of it is idempotent, so it is run again whole)')
            [CompletionResult]::new('--simkube-ns', '--simkube-ns', [CompletionResultType]::ParameterName, 'The namespace SimKube''s controller runs in (its settings and Secrets are read there)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--undo', '--undo', [CompletionResultType]::ParameterName, 'Remove what prep-ns made for NS (bindings, the roles it made, copied Secrets, its record of the staged trace); the namespace and its ServiceAccount stay')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would change; change nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-skstep;run' {
            [CompletionResult]::new('--trace', '--trace', [CompletionResultType]::ParameterName, 'The trace to simulate (staged in --ns by `prep-ns`)')
            [CompletionResult]::new('--deploy', '--deploy', [CompletionResultType]::ParameterName, 'The Deployment to observe and act on, as named in the trace')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The number of ready replicas aimed for')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Simulated time to wait before observing (per step)')
            [CompletionResult]::new('--step-penalty', '--step-penalty', [CompletionResultType]::ParameterName, '`cost_aware_v2`''s penalty subtracted every step (sim-arena''s default 0)')
            [CompletionResult]::new('--ns', '--ns', [CompletionResultType]::ParameterName, 'The driver namespace, prepared with `kubectl skstep prep-ns` (default: -n, else the context''s namespace); with several contexts, the same on each')
            [CompletionResult]::new('--grace', '--grace', [CompletionResultType]::ParameterName, 'Extra Simulation time after the observation, so the driver does not tear down first')
            [CompletionResult]::new('--driver-image', '--driver-image', [CompletionResultType]::ParameterName, 'The driver image (default: quay.io/appliedcomputing/sk-driver:<the tag of sk-ctrl''s image in --simkube-ns>, else v2.7.0; the choice is printed and recorded)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'The driver''s webhook port (the Simulation''s spec.driver.port, passed to the driver as --admission-webhook-port)')
            [CompletionResult]::new('--speed', '--speed', [CompletionResultType]::ParameterName, 'SimKube''s speed factor (spec.speed: event gaps divided by F), from 0.001 to 1000; --duration and --grace are simulated time, so the step waits duration/F')
            [CompletionResult]::new('--virtual-ns-prefix', '--virtual-ns-prefix', [CompletionResultType]::ParameterName, 'The prefix of the virtual namespaces the driver creates (spec.driver.virtualNsPrefix)')
            [CompletionResult]::new('--simkube-ns', '--simkube-ns', [CompletionResultType]::ParameterName, 'The namespace SimKube''s controller and its sk-lease run in')
            [CompletionResult]::new('--reward', '--reward', [CompletionResultType]::ParameterName, 'reward')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'seed')
            [CompletionResult]::new('--lease-timeout', '--lease-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another simulation to release SimKube''s lease')
            [CompletionResult]::new('--driver-timeout', '--driver-timeout', [CompletionResultType]::ParameterName, 'How long the driver may take to start once the lease is ours')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'How long a phase retries transient API errors (unreachable, 5xx, 429) before the step fails')
            [CompletionResult]::new('--fast-start', '--fast-start', [CompletionResultType]::ParameterName, 'Fast start: create the Simulation only once SimKube''s lease is free, and nudge sk-ctrl past its 5 s timers (a meaningless spec change, see README); `--fast-start=false`: SimKube''s own pace')
            [CompletionResult]::new('--cache', '--cache', [CompletionResultType]::ParameterName, 'The transition cache: a simulation whose key (the trace''s bytes, --deploy, --duration, --grace, --speed, SimKube''s and the driver''s versions, the cluster''s node profile) was simulated before is answered from DIR without a Simulation (recorded `cached: true`); only settled observations are stored (see README)')
            [CompletionResult]::new('--cache-verify', '--cache-verify', [CompletionResultType]::ParameterName, 'The fraction of cache hits simulated anyway and compared (drawn from --seed); a key that ever disagrees is logged in DIR/disagreements.jsonl and never served again')
            [CompletionResult]::new('--runs-dir', '--runs-dir', [CompletionResultType]::ParameterName, 'Where records go (default: <data dir>/kubectl-skstep/runs; bench: <results FILE>.runs/)')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'policy')
            [CompletionResult]::new('--action', '--action', [CompletionResultType]::ParameterName, 'Take this action instead of asking a policy')
            [CompletionResult]::new('--steps', '--steps', [CompletionResultType]::ParameterName, 'Simulations in the episode: the initial trace, then one after each of K − 1 actions')
            [CompletionResult]::new('--contexts', '--contexts', [CompletionResultType]::ParameterName, 'Run the episodes over these kubeconfig contexts (one per cluster) concurrently, each one Simulation at a time; every record names its context and episode')
            [CompletionResult]::new('--episodes', '--episodes', [CompletionResultType]::ParameterName, 'Episodes to run (of --steps simulations each), over --contexts or the current context')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Run even when the trace spans far longer than --duration')
            [CompletionResult]::new('--stop-at-goal', '--stop-at-goal', [CompletionResultType]::ParameterName, 'End the episode at the first observation at the goal (ready = total = --target, pending = 0), the initial one too, as sim-arena''s multi-step runner does')
            [CompletionResult]::new('--keep', '--keep', [CompletionResultType]::ParameterName, 'Leave the last Simulation in place')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-skstep;env' {
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Simulated time to wait before observing (per step)')
            [CompletionResult]::new('--step-penalty', '--step-penalty', [CompletionResultType]::ParameterName, '`cost_aware_v2`''s penalty subtracted every step (sim-arena''s default 0)')
            [CompletionResult]::new('--ns', '--ns', [CompletionResultType]::ParameterName, 'The driver namespace, prepared with `kubectl skstep prep-ns` (default: -n, else the context''s namespace); with several contexts, the same on each')
            [CompletionResult]::new('--grace', '--grace', [CompletionResultType]::ParameterName, 'Extra Simulation time after the observation, so the driver does not tear down first')
            [CompletionResult]::new('--driver-image', '--driver-image', [CompletionResultType]::ParameterName, 'The driver image (default: quay.io/appliedcomputing/sk-driver:<the tag of sk-ctrl''s image in --simkube-ns>, else v2.7.0; the choice is printed and recorded)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'The driver''s webhook port (the Simulation''s spec.driver.port, passed to the driver as --admission-webhook-port)')
            [CompletionResult]::new('--speed', '--speed', [CompletionResultType]::ParameterName, 'SimKube''s speed factor (spec.speed: event gaps divided by F), from 0.001 to 1000; --duration and --grace are simulated time, so the step waits duration/F')
            [CompletionResult]::new('--virtual-ns-prefix', '--virtual-ns-prefix', [CompletionResultType]::ParameterName, 'The prefix of the virtual namespaces the driver creates (spec.driver.virtualNsPrefix)')
            [CompletionResult]::new('--simkube-ns', '--simkube-ns', [CompletionResultType]::ParameterName, 'The namespace SimKube''s controller and its sk-lease run in')
            [CompletionResult]::new('--reward', '--reward', [CompletionResultType]::ParameterName, 'reward')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'seed')
            [CompletionResult]::new('--lease-timeout', '--lease-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another simulation to release SimKube''s lease')
            [CompletionResult]::new('--driver-timeout', '--driver-timeout', [CompletionResultType]::ParameterName, 'How long the driver may take to start once the lease is ours')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'How long a phase retries transient API errors (unreachable, 5xx, 429) before the step fails')
            [CompletionResult]::new('--fast-start', '--fast-start', [CompletionResultType]::ParameterName, 'Fast start: create the Simulation only once SimKube''s lease is free, and nudge sk-ctrl past its 5 s timers (a meaningless spec change, see README); `--fast-start=false`: SimKube''s own pace')
            [CompletionResult]::new('--cache', '--cache', [CompletionResultType]::ParameterName, 'The transition cache: a simulation whose key (the trace''s bytes, --deploy, --duration, --grace, --speed, SimKube''s and the driver''s versions, the cluster''s node profile) was simulated before is answered from DIR without a Simulation (recorded `cached: true`); only settled observations are stored (see README)')
            [CompletionResult]::new('--cache-verify', '--cache-verify', [CompletionResultType]::ParameterName, 'The fraction of cache hits simulated anyway and compared (drawn from --seed); a key that ever disagrees is logged in DIR/disagreements.jsonl and never served again')
            [CompletionResult]::new('--runs-dir', '--runs-dir', [CompletionResultType]::ParameterName, 'Where records go (default: <data dir>/kubectl-skstep/runs; bench: <results FILE>.runs/)')
            [CompletionResult]::new('--max-steps', '--max-steps', [CompletionResultType]::ParameterName, 'Steps after which an episode is truncated (default: the scenario''s budget, else 10)')
            [CompletionResult]::new('--scenario', '--scenario', [CompletionResultType]::ParameterName, 'Play this scenario file every episode (instead of --trace, --deploy, --target)')
            [CompletionResult]::new('--suite', '--suite', [CompletionResultType]::ParameterName, 'Draw a scenario of this suite (`simarena`, or a folder, e.g. from `scenario generate`) at each reset')
            [CompletionResult]::new('--split', '--split', [CompletionResultType]::ParameterName, 'Only the suite''s scenarios of this split (train seeds 0..1e6, test 1e6..2e6)')
            [CompletionResult]::new('--trace', '--trace', [CompletionResultType]::ParameterName, 'The trace to simulate (staged in --ns by `prep-ns`)')
            [CompletionResult]::new('--deploy', '--deploy', [CompletionResultType]::ParameterName, 'The Deployment to observe and act on, as named in the trace')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'The number of ready replicas aimed for')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--stdio', '--stdio', [CompletionResultType]::ParameterName, 'Serve the protocol on stdin/stdout (the only mode)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Run even when the trace spans far longer than --duration')
            [CompletionResult]::new('--keep-last', '--keep-last', [CompletionResultType]::ParameterName, 'Leave each Simulation in place until the next request, to inspect it (`observe --sim`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-skstep;mcp' {
            [CompletionResult]::new('--http', '--http', [CompletionResultType]::ParameterName, 'Serve streamable HTTP on ADDR (e.g. 127.0.0.1:8765) instead of stdio')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'A file holding the bearer token HTTP clients must send (required beyond loopback)')
            [CompletionResult]::new('--contexts', '--contexts', [CompletionResultType]::ParameterName, 'Kubeconfig contexts sessions play on (default the current one)')
            [CompletionResult]::new('--max-steps', '--max-steps', [CompletionResultType]::ParameterName, 'Most actions per episode (default: the scenario''s budget)')
            [CompletionResult]::new('--max-tool-calls', '--max-tool-calls', [CompletionResultType]::ParameterName, 'Tool calls allowed between two actions (sim-arena''s agent allows 8)')
            [CompletionResult]::new('--trace-budget', '--trace-budget', [CompletionResultType]::ParameterName, 'The step budget of an episode started from a bare trace')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Simulated time per step (default: the scenario''s, else 120s)')
            [CompletionResult]::new('--ns', '--ns', [CompletionResultType]::ParameterName, 'The driver namespace, prepared with `kubectl skstep prep-ns` (default: -n, else the context''s namespace); with several contexts, the same on each')
            [CompletionResult]::new('--grace', '--grace', [CompletionResultType]::ParameterName, 'Extra Simulation time after the observation, so the driver does not tear down first')
            [CompletionResult]::new('--driver-image', '--driver-image', [CompletionResultType]::ParameterName, 'The driver image (default: quay.io/appliedcomputing/sk-driver:<the tag of sk-ctrl''s image in --simkube-ns>, else v2.7.0; the choice is printed and recorded)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'The driver''s webhook port (the Simulation''s spec.driver.port, passed to the driver as --admission-webhook-port)')
            [CompletionResult]::new('--speed', '--speed', [CompletionResultType]::ParameterName, 'SimKube''s speed factor (spec.speed: event gaps divided by F), from 0.001 to 1000; --duration and --grace are simulated time, so the step waits duration/F')
            [CompletionResult]::new('--virtual-ns-prefix', '--virtual-ns-prefix', [CompletionResultType]::ParameterName, 'The prefix of the virtual namespaces the driver creates (spec.driver.virtualNsPrefix)')
            [CompletionResult]::new('--simkube-ns', '--simkube-ns', [CompletionResultType]::ParameterName, 'The namespace SimKube''s controller and its sk-lease run in')
            [CompletionResult]::new('--reward', '--reward', [CompletionResultType]::ParameterName, 'reward')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'seed')
            [CompletionResult]::new('--lease-timeout', '--lease-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another simulation to release SimKube''s lease')
            [CompletionResult]::new('--driver-timeout', '--driver-timeout', [CompletionResultType]::ParameterName, 'How long the driver may take to start once the lease is ours')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'How long a phase retries transient API errors (unreachable, 5xx, 429) before the step fails')
            [CompletionResult]::new('--fast-start', '--fast-start', [CompletionResultType]::ParameterName, 'Fast start: create the Simulation only once SimKube''s lease is free, and nudge sk-ctrl past its 5 s timers (a meaningless spec change, see README); `--fast-start=false`: SimKube''s own pace')
            [CompletionResult]::new('--cache', '--cache', [CompletionResultType]::ParameterName, 'The transition cache: a simulation whose key (the trace''s bytes, --deploy, --duration, --grace, --speed, SimKube''s and the driver''s versions, the cluster''s node profile) was simulated before is answered from DIR without a Simulation (recorded `cached: true`); only settled observations are stored (see README)')
            [CompletionResult]::new('--cache-verify', '--cache-verify', [CompletionResultType]::ParameterName, 'The fraction of cache hits simulated anyway and compared (drawn from --seed); a key that ever disagrees is logged in DIR/disagreements.jsonl and never served again')
            [CompletionResult]::new('--runs-dir', '--runs-dir', [CompletionResultType]::ParameterName, 'Where records go (default: <data dir>/kubectl-skstep/runs; bench: <results FILE>.runs/)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-skstep;observe' {
            [CompletionResult]::new('--deploy', '--deploy', [CompletionResultType]::ParameterName, 'The Deployment, as named in the trace')
            [CompletionResult]::new('--sim', '--sim', [CompletionResultType]::ParameterName, 'The Simulation whose virtual namespaces to look in')
            [CompletionResult]::new('--virtual-ns', '--virtual-ns', [CompletionResultType]::ParameterName, 'The virtual namespace to look in (e.g. virtual-default; -n does the same)')
            [CompletionResult]::new('--source-ns', '--source-ns', [CompletionResultType]::ParameterName, 'The Deployment''s namespace in the trace (default: find it among the virtual namespaces)')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'interval')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'How long one observation''s calls to the API server may take, transient errors (unreachable, 5xx, 429) retried with backoff or after the server''s Retry-After, before observe fails')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Keep printing an observation every --interval until interrupted')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-skstep;logs' {
            [CompletionResult]::new('--tail', '--tail', [CompletionResultType]::ParameterName, 'Only the last N lines')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Follow the log until the pod ends')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Follow the log until the pod ends')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-skstep;report' {
            [CompletionResult]::new('--runs-dir', '--runs-dir', [CompletionResultType]::ParameterName, 'Where the records are (default: <data dir>/kubectl-skstep/runs)')
            [CompletionResult]::new('--bench', '--bench', [CompletionResultType]::ParameterName, 'Draw these bench results documents side by side instead (-o FILE, default bench-compare.svg)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-skstep;bench' {
            [CompletionResult]::new('--suite', '--suite', [CompletionResultType]::ParameterName, '`simarena` (the repo''s scenarios/simarena) or a folder of scenario files')
            [CompletionResult]::new('--split', '--split', [CompletionResultType]::ParameterName, 'Only the scenarios of this split (generated suites)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'agent')
            [CompletionResult]::new('--repeats', '--repeats', [CompletionResultType]::ParameterName, 'Episodes per scenario (K of pass@K)')
            [CompletionResult]::new('--contexts', '--contexts', [CompletionResultType]::ParameterName, 'Kubeconfig contexts to play on (one per cluster; default the current one); each scenario plays on the contexts whose nodes are its profile''s')
            [CompletionResult]::new('--compare', '--compare', [CompletionResultType]::ParameterName, 'Compare these results documents instead: a Markdown leaderboard')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Simulated time per step (default: the scenario''s, else 120s)')
            [CompletionResult]::new('--ns', '--ns', [CompletionResultType]::ParameterName, 'The driver namespace, prepared with `kubectl skstep prep-ns` (default: -n, else the context''s namespace); with several contexts, the same on each')
            [CompletionResult]::new('--grace', '--grace', [CompletionResultType]::ParameterName, 'Extra Simulation time after the observation, so the driver does not tear down first')
            [CompletionResult]::new('--driver-image', '--driver-image', [CompletionResultType]::ParameterName, 'The driver image (default: quay.io/appliedcomputing/sk-driver:<the tag of sk-ctrl''s image in --simkube-ns>, else v2.7.0; the choice is printed and recorded)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'The driver''s webhook port (the Simulation''s spec.driver.port, passed to the driver as --admission-webhook-port)')
            [CompletionResult]::new('--speed', '--speed', [CompletionResultType]::ParameterName, 'SimKube''s speed factor (spec.speed: event gaps divided by F), from 0.001 to 1000; --duration and --grace are simulated time, so the step waits duration/F')
            [CompletionResult]::new('--virtual-ns-prefix', '--virtual-ns-prefix', [CompletionResultType]::ParameterName, 'The prefix of the virtual namespaces the driver creates (spec.driver.virtualNsPrefix)')
            [CompletionResult]::new('--simkube-ns', '--simkube-ns', [CompletionResultType]::ParameterName, 'The namespace SimKube''s controller and its sk-lease run in')
            [CompletionResult]::new('--reward', '--reward', [CompletionResultType]::ParameterName, 'reward')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'seed')
            [CompletionResult]::new('--lease-timeout', '--lease-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another simulation to release SimKube''s lease')
            [CompletionResult]::new('--driver-timeout', '--driver-timeout', [CompletionResultType]::ParameterName, 'How long the driver may take to start once the lease is ours')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'How long a phase retries transient API errors (unreachable, 5xx, 429) before the step fails')
            [CompletionResult]::new('--fast-start', '--fast-start', [CompletionResultType]::ParameterName, 'Fast start: create the Simulation only once SimKube''s lease is free, and nudge sk-ctrl past its 5 s timers (a meaningless spec change, see README); `--fast-start=false`: SimKube''s own pace')
            [CompletionResult]::new('--cache', '--cache', [CompletionResultType]::ParameterName, 'The transition cache: a simulation whose key (the trace''s bytes, --deploy, --duration, --grace, --speed, SimKube''s and the driver''s versions, the cluster''s node profile) was simulated before is answered from DIR without a Simulation (recorded `cached: true`); only settled observations are stored (see README)')
            [CompletionResult]::new('--cache-verify', '--cache-verify', [CompletionResultType]::ParameterName, 'The fraction of cache hits simulated anyway and compared (drawn from --seed); a key that ever disagrees is logged in DIR/disagreements.jsonl and never served again')
            [CompletionResult]::new('--runs-dir', '--runs-dir', [CompletionResultType]::ParameterName, 'Where records go (default: <data dir>/kubectl-skstep/runs; bench: <results FILE>.runs/)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-skstep;cache' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Entries, traces, poisoned keys and disagreements, and what they take on disk')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check every entry: it parses, its name is the key of its parts, its trace is there with that sha256; poisoned keys and disagreements are listed (exit 1 on a broken entry)')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Remove everything the cache holds (entries, traces, poison marks, the log)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-skstep;cache;stats' {
            [CompletionResult]::new('--cache', '--cache', [CompletionResultType]::ParameterName, 'The cache folder (as given to --cache)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-skstep;cache;verify' {
            [CompletionResult]::new('--cache', '--cache', [CompletionResultType]::ParameterName, 'The cache folder (as given to --cache)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-skstep;cache;clear' {
            [CompletionResult]::new('--cache', '--cache', [CompletionResultType]::ParameterName, 'The cache folder (as given to --cache)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-skstep;cache;help' {
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Entries, traces, poisoned keys and disagreements, and what they take on disk')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check every entry: it parses, its name is the key of its parts, its trace is there with that sha256; poisoned keys and disagreements are listed (exit 1 on a broken entry)')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Remove everything the cache holds (entries, traces, poison marks, the log)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-skstep;cache;help;stats' {
            break
        }
        'kubectl-skstep;cache;help;verify' {
            break
        }
        'kubectl-skstep;cache;help;clear' {
            break
        }
        'kubectl-skstep;cache;help;help' {
            break
        }
        'kubectl-skstep;records' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Recompute summary.json from step.jsonl and say where they disagree (--fix rewrites it)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-skstep;records;check' {
            [CompletionResult]::new('--runs-dir', '--runs-dir', [CompletionResultType]::ParameterName, 'Where the records are (default: <data dir>/kubectl-skstep/runs)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--fix', '--fix', [CompletionResultType]::ParameterName, 'Rewrite summary.json from the records (atomically) when it does not agree')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-skstep;records;help' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Recompute summary.json from step.jsonl and say where they disagree (--fix rewrites it)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-skstep;records;help;check' {
            break
        }
        'kubectl-skstep;records;help;help' {
            break
        }
        'kubectl-skstep;cleanup' {
            [CompletionResult]::new('--ns', '--ns', [CompletionResultType]::ParameterName, 'Only kubectl-skstep''s objects driving this namespace (default: all of them); -n is the same')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'How long transient API errors (unreachable, 5xx, 429) are retried, with backoff, before cleanup fails')
            [CompletionResult]::new('--simkube-ns', '--simkube-ns', [CompletionResultType]::ParameterName, 'The namespace SimKube''s controller (and its sk-lease) runs in')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Also clear what a crashed SimKube run leaves and blocks the next one, whoever made it: finished or failed Simulations holding sk-lease, a lease whose Simulation is gone, driver Jobs, MutatingWebhookConfigurations and SimulationRoots whose Simulation is gone')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'List what would be deleted; delete nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-skstep;scenario' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The scenarios of a suite (default simarena): id, tier, problem, profile, target, reference steps')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One scenario in full, with the planner''s minimum')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check scenario files, folders or suites: the schema, the trace, the profile, and that each reference is the planner''s minimum and solves the scenario in the model (exit 1 otherwise)')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Write instances of a template, each with its reference from the planner (-o DIR). Seeds 0..1000000 are the train split, 1000000..2000000 the test split')
            [CompletionResult]::new('check-profile', 'check-profile', [CompletionResultType]::ParameterValue, 'Whether the cluster''s virtual nodes are a profile''s (exit 1, naming what differs and the fix)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-skstep;scenario;list' {
            [CompletionResult]::new('--suite', '--suite', [CompletionResultType]::ParameterName, 'A suite under scenarios/ (simarena) or a folder of scenario files')
            [CompletionResult]::new('--split', '--split', [CompletionResultType]::ParameterName, 'split')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-skstep;scenario;show' {
            [CompletionResult]::new('--suite', '--suite', [CompletionResultType]::ParameterName, 'suite')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-skstep;scenario;validate' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-skstep;scenario;generate' {
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'template')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'seed')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'count')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-skstep;scenario;check-profile' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-skstep;scenario;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The scenarios of a suite (default simarena): id, tier, problem, profile, target, reference steps')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One scenario in full, with the planner''s minimum')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check scenario files, folders or suites: the schema, the trace, the profile, and that each reference is the planner''s minimum and solves the scenario in the model (exit 1 otherwise)')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Write instances of a template, each with its reference from the planner (-o DIR). Seeds 0..1000000 are the train split, 1000000..2000000 the test split')
            [CompletionResult]::new('check-profile', 'check-profile', [CompletionResultType]::ParameterValue, 'Whether the cluster''s virtual nodes are a profile''s (exit 1, naming what differs and the fix)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-skstep;scenario;help;list' {
            break
        }
        'kubectl-skstep;scenario;help;show' {
            break
        }
        'kubectl-skstep;scenario;help;validate' {
            break
        }
        'kubectl-skstep;scenario;help;generate' {
            break
        }
        'kubectl-skstep;scenario;help;check-profile' {
            break
        }
        'kubectl-skstep;scenario;help;help' {
            break
        }
        'kubectl-skstep;doctor' {
            [CompletionResult]::new('--ns', '--ns', [CompletionResultType]::ParameterName, 'The driver namespace to check (ServiceAccount, Secrets, staged trace; default: -n if given)')
            [CompletionResult]::new('--trace', '--trace', [CompletionResultType]::ParameterName, 'The trace to check (parses, timestamps, Deployment present)')
            [CompletionResult]::new('--deploy', '--deploy', [CompletionResultType]::ParameterName, 'The Deployment the step will observe')
            [CompletionResult]::new('--tracer', '--tracer', [CompletionResultType]::ParameterName, 'sk-tracer''s address (default: through the cluster)')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'How long doctor''s calls to the API server may take in all, transient errors (unreachable, 5xx, 429) retried with backoff or after the server''s Retry-After; what is left is `? cannot check`')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-skstep;version' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-skstep;completions' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-skstep;__complete' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'A namespace; what it names differs per command and each command''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment''s namespace in the trace for trace edit). Refused by commands it means nothing to')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-skstep;help' {
            [CompletionResult]::new('trace', 'trace', [CompletionResultType]::ParameterValue, 'Check, inspect and transform SimKube trace files')
            [CompletionResult]::new('prep-ns', 'prep-ns', [CompletionResultType]::ParameterValue, 'Prepare a namespace for SimKube''s driver: ServiceAccount, Secrets, staged trace')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'One RL step: simulate, observe, act, reward, record, clean up')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'The Gymnasium environment''s engine: reset/step/close as JSON lines on stdin/stdout')
            [CompletionResult]::new('mcp', 'mcp', [CompletionResultType]::ParameterValue, 'A Model Context Protocol server: scenarios as tools for LLM agents (stdio or --http)')
            [CompletionResult]::new('observe', 'observe', [CompletionResultType]::ParameterValue, 'Observe a workload''s pods in its virtual namespace: ready, pending, total')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'The driver''s log for a simulation (default: the newest one kubectl-skstep created)')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'The learning curve: an SVG of returns, rewards and ready/pending/total from the records')
            [CompletionResult]::new('bench', 'bench', [CompletionResultType]::ParameterValue, 'Score an agent on a scenario suite (pass@1, pass@k, efficiency, …), or compare results')
            [CompletionResult]::new('cache', 'cache', [CompletionResultType]::ParameterValue, 'The transition cache (--cache DIR): stats, verify, clear')
            [CompletionResult]::new('records', 'records', [CompletionResultType]::ParameterValue, 'Check the step records: summary.json recomputed from step.jsonl')
            [CompletionResult]::new('cleanup', 'cleanup', [CompletionResultType]::ParameterValue, 'Remove what kubectl-skstep left in the cluster (--all: and what a crashed SimKube run left)')
            [CompletionResult]::new('scenario', 'scenario', [CompletionResultType]::ParameterValue, 'Scenario suites and cluster profiles: list, show, validate, generate, check-profile')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check the SimKube install and a step''s inputs: a ✓/✗ table with fixes')
            [CompletionResult]::new('version', 'version', [CompletionResultType]::ParameterValue, 'The plugin''s version, git commit, target, and the SimKube version its trace parser matches')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('__complete', '__complete', [CompletionResultType]::ParameterValue, 'Completion candidates for kubectl''s plugin completion (used by kubectl_complete-skstep)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-skstep;help;trace' {
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'The verdict SimKube''s driver will reach on a trace, and why')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'What a trace contains: events, objects, namespaces, Deployments, config')
            [CompletionResult]::new('fix', 'fix', [CompletionResultType]::ParameterValue, 'Remove what SimKube''s own rules find (missing ServiceAccounts, Secrets, ConfigMaps; status)')
            [CompletionResult]::new('upgrade', 'upgrade', [CompletionResultType]::ParameterValue, 'Turn a legacy trace (version 1, missing fields, deprecated config) into one SimKube parses')
            [CompletionResult]::new('rebase', 'rebase', [CompletionResultType]::ParameterValue, 'Shift and compress a trace''s timeline')
            [CompletionResult]::new('convert', 'convert', [CompletionResultType]::ParameterValue, 'Convert between MessagePack and JSON, losslessly')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export a trace from sk-tracer (no manual port-forward needed)')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Make a trace from scratch: one Deployment (from flags or a manifest) that SimKube plays')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Apply an RL action (scale replicas, bump CPU or memory) to a Deployment in the trace')
            break
        }
        'kubectl-skstep;help;trace;validate' {
            break
        }
        'kubectl-skstep;help;trace;inspect' {
            break
        }
        'kubectl-skstep;help;trace;fix' {
            break
        }
        'kubectl-skstep;help;trace;upgrade' {
            break
        }
        'kubectl-skstep;help;trace;rebase' {
            break
        }
        'kubectl-skstep;help;trace;convert' {
            break
        }
        'kubectl-skstep;help;trace;export' {
            break
        }
        'kubectl-skstep;help;trace;new' {
            break
        }
        'kubectl-skstep;help;trace;edit' {
            [CompletionResult]::new('scale-replicas', 'scale-replicas', [CompletionResultType]::ParameterValue, 'Change spec.replicas')
            [CompletionResult]::new('bump-cpu', 'bump-cpu', [CompletionResultType]::ParameterValue, 'Change every container''s CPU request by a step (e.g. 500m, -250m, 1)')
            [CompletionResult]::new('bump-mem', 'bump-mem', [CompletionResultType]::ParameterValue, 'Change every container''s memory request by a step (e.g. 256Mi, -128Mi)')
            break
        }
        'kubectl-skstep;help;trace;edit;scale-replicas' {
            break
        }
        'kubectl-skstep;help;trace;edit;bump-cpu' {
            break
        }
        'kubectl-skstep;help;trace;edit;bump-mem' {
            break
        }
        'kubectl-skstep;help;prep-ns' {
            break
        }
        'kubectl-skstep;help;run' {
            break
        }
        'kubectl-skstep;help;env' {
            break
        }
        'kubectl-skstep;help;mcp' {
            break
        }
        'kubectl-skstep;help;observe' {
            break
        }
        'kubectl-skstep;help;logs' {
            break
        }
        'kubectl-skstep;help;report' {
            break
        }
        'kubectl-skstep;help;bench' {
            break
        }
        'kubectl-skstep;help;cache' {
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Entries, traces, poisoned keys and disagreements, and what they take on disk')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check every entry: it parses, its name is the key of its parts, its trace is there with that sha256; poisoned keys and disagreements are listed (exit 1 on a broken entry)')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Remove everything the cache holds (entries, traces, poison marks, the log)')
            break
        }
        'kubectl-skstep;help;cache;stats' {
            break
        }
        'kubectl-skstep;help;cache;verify' {
            break
        }
        'kubectl-skstep;help;cache;clear' {
            break
        }
        'kubectl-skstep;help;records' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Recompute summary.json from step.jsonl and say where they disagree (--fix rewrites it)')
            break
        }
        'kubectl-skstep;help;records;check' {
            break
        }
        'kubectl-skstep;help;cleanup' {
            break
        }
        'kubectl-skstep;help;scenario' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The scenarios of a suite (default simarena): id, tier, problem, profile, target, reference steps')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One scenario in full, with the planner''s minimum')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check scenario files, folders or suites: the schema, the trace, the profile, and that each reference is the planner''s minimum and solves the scenario in the model (exit 1 otherwise)')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Write instances of a template, each with its reference from the planner (-o DIR). Seeds 0..1000000 are the train split, 1000000..2000000 the test split')
            [CompletionResult]::new('check-profile', 'check-profile', [CompletionResultType]::ParameterValue, 'Whether the cluster''s virtual nodes are a profile''s (exit 1, naming what differs and the fix)')
            break
        }
        'kubectl-skstep;help;scenario;list' {
            break
        }
        'kubectl-skstep;help;scenario;show' {
            break
        }
        'kubectl-skstep;help;scenario;validate' {
            break
        }
        'kubectl-skstep;help;scenario;generate' {
            break
        }
        'kubectl-skstep;help;scenario;check-profile' {
            break
        }
        'kubectl-skstep;help;doctor' {
            break
        }
        'kubectl-skstep;help;version' {
            break
        }
        'kubectl-skstep;help;completions' {
            break
        }
        'kubectl-skstep;help;__complete' {
            break
        }
        'kubectl-skstep;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
