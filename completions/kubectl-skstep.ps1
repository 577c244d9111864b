
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
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (`text` or `json`) and, for commands that write a trace, the output file. Repeatable: `-o next.msgpack -o json`. A file literally named `json` is written `./json`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v info, -vv debug)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('trace', 'trace', [CompletionResultType]::ParameterValue, 'Check, inspect and transform SimKube trace files')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('__complete', '__complete', [CompletionResultType]::ParameterValue, 'Completion candidates for kubectl''s plugin completion (used by kubectl_complete-skstep)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-skstep;trace' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
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
            [CompletionResult]::new('upgrade', 'upgrade', [CompletionResultType]::ParameterValue, 'Turn a legacy trace (version 1, missing fields, deprecated config) into one SimKube parses')
            [CompletionResult]::new('rebase', 'rebase', [CompletionResultType]::ParameterValue, 'Shift and compress a trace''s timeline')
            [CompletionResult]::new('convert', 'convert', [CompletionResultType]::ParameterValue, 'Convert between MessagePack and JSON, losslessly')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Apply an RL action (scale replicas, bump CPU or memory) to a Deployment in the trace')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-skstep;trace;validate' {
            [CompletionResult]::new('--max-gap', '--max-gap', [CompletionResultType]::ParameterName, 'Longest gap between events (and trace span) that draws no warning')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
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
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
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
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
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
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
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
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
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
        'kubectl-skstep;trace;edit' {
            [CompletionResult]::new('--deploy', '--deploy', [CompletionResultType]::ParameterName, 'The Deployment to edit (restrict to a namespace with -n)')
            [CompletionResult]::new('--min-cpu', '--min-cpu', [CompletionResultType]::ParameterName, 'Smallest CPU request allowed')
            [CompletionResult]::new('--max-cpu', '--max-cpu', [CompletionResultType]::ParameterName, 'Largest CPU request allowed')
            [CompletionResult]::new('--min-mem', '--min-mem', [CompletionResultType]::ParameterName, 'Smallest memory request allowed')
            [CompletionResult]::new('--max-mem', '--max-mem', [CompletionResultType]::ParameterName, 'Largest memory request allowed')
            [CompletionResult]::new('--min-replicas', '--min-replicas', [CompletionResultType]::ParameterName, 'Fewest replicas allowed')
            [CompletionResult]::new('--max-replicas', '--max-replicas', [CompletionResultType]::ParameterName, 'Most replicas allowed')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
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
            [CompletionResult]::new('--max-replicas', '--max-replicas', [CompletionResultType]::ParameterName, 'Most replicas allowed')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
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
            [CompletionResult]::new('--max-replicas', '--max-replicas', [CompletionResultType]::ParameterName, 'Most replicas allowed')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
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
            [CompletionResult]::new('--max-replicas', '--max-replicas', [CompletionResultType]::ParameterName, 'Most replicas allowed')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
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
            [CompletionResult]::new('upgrade', 'upgrade', [CompletionResultType]::ParameterValue, 'Turn a legacy trace (version 1, missing fields, deprecated config) into one SimKube parses')
            [CompletionResult]::new('rebase', 'rebase', [CompletionResultType]::ParameterValue, 'Shift and compress a trace''s timeline')
            [CompletionResult]::new('convert', 'convert', [CompletionResultType]::ParameterValue, 'Convert between MessagePack and JSON, losslessly')
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
        'kubectl-skstep;trace;help;upgrade' {
            break
        }
        'kubectl-skstep;trace;help;rebase' {
            break
        }
        'kubectl-skstep;trace;help;convert' {
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
        'kubectl-skstep;completions' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (as kubectl; default $KUBECONFIG or ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
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
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
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
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('__complete', '__complete', [CompletionResultType]::ParameterValue, 'Completion candidates for kubectl''s plugin completion (used by kubectl_complete-skstep)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-skstep;help;trace' {
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'The verdict SimKube''s driver will reach on a trace, and why')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'What a trace contains: events, objects, namespaces, Deployments, config')
            [CompletionResult]::new('upgrade', 'upgrade', [CompletionResultType]::ParameterValue, 'Turn a legacy trace (version 1, missing fields, deprecated config) into one SimKube parses')
            [CompletionResult]::new('rebase', 'rebase', [CompletionResultType]::ParameterValue, 'Shift and compress a trace''s timeline')
            [CompletionResult]::new('convert', 'convert', [CompletionResultType]::ParameterValue, 'Convert between MessagePack and JSON, losslessly')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Apply an RL action (scale replicas, bump CPU or memory) to a Deployment in the trace')
            break
        }
        'kubectl-skstep;help;trace;validate' {
            break
        }
        'kubectl-skstep;help;trace;inspect' {
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
