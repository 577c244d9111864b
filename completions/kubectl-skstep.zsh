#compdef kubectl-skstep

autoload -U is-at-least

_kubectl-skstep() {
    typeset -A opt_args
    typeset -a _arguments_options
    local ret=1

    if is-at-least 5.2; then
        _arguments_options=(-s -S -C)
    else
        _arguments_options=(-s -C)
    fi

    local context curcontext="$curcontext" state line
    _arguments "${_arguments_options[@]}" : \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[The namespace scope for this request]:NS:_default' \
'--namespace=[The namespace scope for this request]:NS:_default' \
'*-o+[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*--output=[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*-v[More log output (-v info, -vv debug)]' \
'*--verbose[More log output (-v info, -vv debug)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_kubectl-skstep_commands" \
"*::: :->kubectl-skstep" \
&& ret=0
    case $state in
    (kubectl-skstep)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:kubectl-skstep-command-$line[1]:"
        case $line[1] in
            (trace)
_arguments "${_arguments_options[@]}" : \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[The namespace scope for this request]:NS:_default' \
'--namespace=[The namespace scope for this request]:NS:_default' \
'*-o+[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*--output=[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*-v[More log output (-v info, -vv debug)]' \
'*--verbose[More log output (-v info, -vv debug)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_kubectl-skstep__subcmd__trace_commands" \
"*::: :->trace" \
&& ret=0

    case $state in
    (trace)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:kubectl-skstep-trace-command-$line[1]:"
        case $line[1] in
            (validate)
_arguments "${_arguments_options[@]}" : \
'--max-gap=[Longest gap between events (and trace span) that draws no warning]:MAX_GAP:_default' \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[The namespace scope for this request]:NS:_default' \
'--namespace=[The namespace scope for this request]:NS:_default' \
'*-o+[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*--output=[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'--strict[Treat warnings as failures (exit 1)]' \
'*-v[More log output (-v info, -vv debug)]' \
'*--verbose[More log output (-v info, -vv debug)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':file -- The trace file (MessagePack):_files' \
&& ret=0
;;
(inspect)
_arguments "${_arguments_options[@]}" : \
'--deploy=[Say where this Deployment appears and which virtual namespace its pods will land in]:NAME:_default' \
'--virtual-prefix=[SimKube'\''s virtual namespace prefix (the Simulation'\''s virtualNsPrefix)]:VIRTUAL_PREFIX:_default' \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[The namespace scope for this request]:NS:_default' \
'--namespace=[The namespace scope for this request]:NS:_default' \
'*-o+[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*--output=[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*-v[More log output (-v info, -vv debug)]' \
'*--verbose[More log output (-v info, -vv debug)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':file -- The trace file (MessagePack):_files' \
&& ret=0
;;
(upgrade)
_arguments "${_arguments_options[@]}" : \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[The namespace scope for this request]:NS:_default' \
'--namespace=[The namespace scope for this request]:NS:_default' \
'*-o+[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*--output=[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'--drop-extra[Drop top-level keys SimKube ignores (sim-arena'\''s \`metadata\`); kept by default]' \
'*-v[More log output (-v info, -vv debug)]' \
'*--verbose[More log output (-v info, -vv debug)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':input -- The legacy trace (MessagePack):_files' \
&& ret=0
;;
(rebase)
_arguments "${_arguments_options[@]}" : \
'--start=[Where the first event goes\: 0, now, a Unix timestamp or an RFC 3339 time]:START:_default' \
'--span=[Scale all gaps so the trace lasts this long (e.g. 60s)]:SPAN:_default' \
'--max-gap=[Clamp each idle gap between events to at most this (e.g. 30s)]:MAX_GAP:_default' \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[The namespace scope for this request]:NS:_default' \
'--namespace=[The namespace scope for this request]:NS:_default' \
'*-o+[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*--output=[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*-v[More log output (-v info, -vv debug)]' \
'*--verbose[More log output (-v info, -vv debug)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':input -- The trace (MessagePack):_files' \
&& ret=0
;;
(convert)
_arguments "${_arguments_options[@]}" : \
'--to=[Output format (default\: the other one)]:TO:(json msgpack)' \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[The namespace scope for this request]:NS:_default' \
'--namespace=[The namespace scope for this request]:NS:_default' \
'*-o+[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*--output=[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'--pretty[Indent JSON output]' \
'*-v[More log output (-v info, -vv debug)]' \
'*--verbose[More log output (-v info, -vv debug)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':input -- The trace (MessagePack or JSON; detected from its content):_files' \
&& ret=0
;;
(edit)
_arguments "${_arguments_options[@]}" : \
'--deploy=[The Deployment to edit (restrict to a namespace with -n)]:NAME:_default' \
'--min-cpu=[Smallest CPU request allowed]:MIN_CPU:_default' \
'--max-cpu=[Largest CPU request allowed]:MAX_CPU:_default' \
'--min-mem=[Smallest memory request allowed]:MIN_MEM:_default' \
'--max-mem=[Largest memory request allowed]:MAX_MEM:_default' \
'--min-replicas=[Fewest replicas allowed]:MIN_REPLICAS:_default' \
'--max-replicas=[Most replicas allowed]:MAX_REPLICAS:_default' \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[The namespace scope for this request]:NS:_default' \
'--namespace=[The namespace scope for this request]:NS:_default' \
'*-o+[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*--output=[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*-v[More log output (-v info, -vv debug)]' \
'*--verbose[More log output (-v info, -vv debug)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':input -- The trace (MessagePack):_files' \
":: :_kubectl-skstep__subcmd__trace__subcmd__edit_commands" \
"*::: :->edit" \
&& ret=0

    case $state in
    (edit)
        words=($line[2] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:kubectl-skstep-trace-edit-command-$line[2]:"
        case $line[2] in
            (scale-replicas)
_arguments "${_arguments_options[@]}" : \
'(--replicas)--delta=[Add this many replicas (negative to remove)]:DELTA:_default' \
'--replicas=[Set replicas to this]:REPLICAS:_default' \
'--min-cpu=[Smallest CPU request allowed]:MIN_CPU:_default' \
'--max-cpu=[Largest CPU request allowed]:MAX_CPU:_default' \
'--min-mem=[Smallest memory request allowed]:MIN_MEM:_default' \
'--max-mem=[Largest memory request allowed]:MAX_MEM:_default' \
'--min-replicas=[Fewest replicas allowed]:MIN_REPLICAS:_default' \
'--max-replicas=[Most replicas allowed]:MAX_REPLICAS:_default' \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[The namespace scope for this request]:NS:_default' \
'--namespace=[The namespace scope for this request]:NS:_default' \
'*-o+[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*--output=[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*-v[More log output (-v info, -vv debug)]' \
'*--verbose[More log output (-v info, -vv debug)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(bump-cpu)
_arguments "${_arguments_options[@]}" : \
'--step=[]:STEP:_default' \
'--min-cpu=[Smallest CPU request allowed]:MIN_CPU:_default' \
'--max-cpu=[Largest CPU request allowed]:MAX_CPU:_default' \
'--min-mem=[Smallest memory request allowed]:MIN_MEM:_default' \
'--max-mem=[Largest memory request allowed]:MAX_MEM:_default' \
'--min-replicas=[Fewest replicas allowed]:MIN_REPLICAS:_default' \
'--max-replicas=[Most replicas allowed]:MAX_REPLICAS:_default' \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[The namespace scope for this request]:NS:_default' \
'--namespace=[The namespace scope for this request]:NS:_default' \
'*-o+[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*--output=[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*-v[More log output (-v info, -vv debug)]' \
'*--verbose[More log output (-v info, -vv debug)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(bump-mem)
_arguments "${_arguments_options[@]}" : \
'--step=[]:STEP:_default' \
'--min-cpu=[Smallest CPU request allowed]:MIN_CPU:_default' \
'--max-cpu=[Largest CPU request allowed]:MAX_CPU:_default' \
'--min-mem=[Smallest memory request allowed]:MIN_MEM:_default' \
'--max-mem=[Largest memory request allowed]:MAX_MEM:_default' \
'--min-replicas=[Fewest replicas allowed]:MIN_REPLICAS:_default' \
'--max-replicas=[Most replicas allowed]:MAX_REPLICAS:_default' \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[The namespace scope for this request]:NS:_default' \
'--namespace=[The namespace scope for this request]:NS:_default' \
'*-o+[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*--output=[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*-v[More log output (-v info, -vv debug)]' \
'*--verbose[More log output (-v info, -vv debug)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_kubectl-skstep__subcmd__trace__subcmd__edit__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:kubectl-skstep-trace-edit-help-command-$line[1]:"
        case $line[1] in
            (scale-replicas)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(bump-cpu)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(bump-mem)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_kubectl-skstep__subcmd__trace__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:kubectl-skstep-trace-help-command-$line[1]:"
        case $line[1] in
            (validate)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(inspect)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(upgrade)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(rebase)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(convert)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(edit)
_arguments "${_arguments_options[@]}" : \
":: :_kubectl-skstep__subcmd__trace__subcmd__help__subcmd__edit_commands" \
"*::: :->edit" \
&& ret=0

    case $state in
    (edit)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:kubectl-skstep-trace-help-edit-command-$line[1]:"
        case $line[1] in
            (scale-replicas)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(bump-cpu)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(bump-mem)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(completions)
_arguments "${_arguments_options[@]}" : \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[The namespace scope for this request]:NS:_default' \
'--namespace=[The namespace scope for this request]:NS:_default' \
'*-o+[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*--output=[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*-v[More log output (-v info, -vv debug)]' \
'*--verbose[More log output (-v info, -vv debug)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':shell -- The shell:(bash elvish fish powershell zsh)' \
&& ret=0
;;
(__complete)
_arguments "${_arguments_options[@]}" : \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[The namespace scope for this request]:NS:_default' \
'--namespace=[The namespace scope for this request]:NS:_default' \
'*-o+[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*--output=[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*-v[More log output (-v info, -vv debug)]' \
'*--verbose[More log output (-v info, -vv debug)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::words:_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_kubectl-skstep__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:kubectl-skstep-help-command-$line[1]:"
        case $line[1] in
            (trace)
_arguments "${_arguments_options[@]}" : \
":: :_kubectl-skstep__subcmd__help__subcmd__trace_commands" \
"*::: :->trace" \
&& ret=0

    case $state in
    (trace)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:kubectl-skstep-help-trace-command-$line[1]:"
        case $line[1] in
            (validate)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(inspect)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(upgrade)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(rebase)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(convert)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(edit)
_arguments "${_arguments_options[@]}" : \
":: :_kubectl-skstep__subcmd__help__subcmd__trace__subcmd__edit_commands" \
"*::: :->edit" \
&& ret=0

    case $state in
    (edit)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:kubectl-skstep-help-trace-edit-command-$line[1]:"
        case $line[1] in
            (scale-replicas)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(bump-cpu)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(bump-mem)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(completions)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(__complete)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
}

(( $+functions[_kubectl-skstep_commands] )) ||
_kubectl-skstep_commands() {
    local commands; commands=(
'trace:Check, inspect and transform SimKube trace files' \
'completions:Print a shell completion script' \
'__complete:Completion candidates for kubectl'\''s plugin completion (used by kubectl_complete-skstep)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'kubectl-skstep commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd____complete_commands] )) ||
_kubectl-skstep__subcmd____complete_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep __complete commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__completions_commands] )) ||
_kubectl-skstep__subcmd__completions_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep completions commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__help_commands] )) ||
_kubectl-skstep__subcmd__help_commands() {
    local commands; commands=(
'trace:Check, inspect and transform SimKube trace files' \
'completions:Print a shell completion script' \
'__complete:Completion candidates for kubectl'\''s plugin completion (used by kubectl_complete-skstep)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'kubectl-skstep help commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__help__subcmd____complete_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd____complete_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep help __complete commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__help__subcmd__completions_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd__completions_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep help completions commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__help__subcmd__help_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep help help commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__help__subcmd__trace_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd__trace_commands() {
    local commands; commands=(
'validate:The verdict SimKube'\''s driver will reach on a trace, and why' \
'inspect:What a trace contains\: events, objects, namespaces, Deployments, config' \
'upgrade:Turn a legacy trace (version 1, missing fields, deprecated config) into one SimKube parses' \
'rebase:Shift and compress a trace'\''s timeline' \
'convert:Convert between MessagePack and JSON, losslessly' \
'edit:Apply an RL action (scale replicas, bump CPU or memory) to a Deployment in the trace' \
    )
    _describe -t commands 'kubectl-skstep help trace commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__help__subcmd__trace__subcmd__convert_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd__trace__subcmd__convert_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep help trace convert commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__help__subcmd__trace__subcmd__edit_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd__trace__subcmd__edit_commands() {
    local commands; commands=(
'scale-replicas:Change spec.replicas' \
'bump-cpu:Change every container'\''s CPU request by a step (e.g. 500m, -250m, 1)' \
'bump-mem:Change every container'\''s memory request by a step (e.g. 256Mi, -128Mi)' \
    )
    _describe -t commands 'kubectl-skstep help trace edit commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__help__subcmd__trace__subcmd__edit__subcmd__bump-cpu_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd__trace__subcmd__edit__subcmd__bump-cpu_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep help trace edit bump-cpu commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__help__subcmd__trace__subcmd__edit__subcmd__bump-mem_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd__trace__subcmd__edit__subcmd__bump-mem_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep help trace edit bump-mem commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__help__subcmd__trace__subcmd__edit__subcmd__scale-replicas_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd__trace__subcmd__edit__subcmd__scale-replicas_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep help trace edit scale-replicas commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__help__subcmd__trace__subcmd__inspect_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd__trace__subcmd__inspect_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep help trace inspect commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__help__subcmd__trace__subcmd__rebase_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd__trace__subcmd__rebase_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep help trace rebase commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__help__subcmd__trace__subcmd__upgrade_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd__trace__subcmd__upgrade_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep help trace upgrade commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__help__subcmd__trace__subcmd__validate_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd__trace__subcmd__validate_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep help trace validate commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__trace_commands] )) ||
_kubectl-skstep__subcmd__trace_commands() {
    local commands; commands=(
'validate:The verdict SimKube'\''s driver will reach on a trace, and why' \
'inspect:What a trace contains\: events, objects, namespaces, Deployments, config' \
'upgrade:Turn a legacy trace (version 1, missing fields, deprecated config) into one SimKube parses' \
'rebase:Shift and compress a trace'\''s timeline' \
'convert:Convert between MessagePack and JSON, losslessly' \
'edit:Apply an RL action (scale replicas, bump CPU or memory) to a Deployment in the trace' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'kubectl-skstep trace commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__trace__subcmd__convert_commands] )) ||
_kubectl-skstep__subcmd__trace__subcmd__convert_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep trace convert commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__trace__subcmd__edit_commands] )) ||
_kubectl-skstep__subcmd__trace__subcmd__edit_commands() {
    local commands; commands=(
'scale-replicas:Change spec.replicas' \
'bump-cpu:Change every container'\''s CPU request by a step (e.g. 500m, -250m, 1)' \
'bump-mem:Change every container'\''s memory request by a step (e.g. 256Mi, -128Mi)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'kubectl-skstep trace edit commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__trace__subcmd__edit__subcmd__bump-cpu_commands] )) ||
_kubectl-skstep__subcmd__trace__subcmd__edit__subcmd__bump-cpu_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep trace edit bump-cpu commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__trace__subcmd__edit__subcmd__bump-mem_commands] )) ||
_kubectl-skstep__subcmd__trace__subcmd__edit__subcmd__bump-mem_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep trace edit bump-mem commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__trace__subcmd__edit__subcmd__help_commands] )) ||
_kubectl-skstep__subcmd__trace__subcmd__edit__subcmd__help_commands() {
    local commands; commands=(
'scale-replicas:Change spec.replicas' \
'bump-cpu:Change every container'\''s CPU request by a step (e.g. 500m, -250m, 1)' \
'bump-mem:Change every container'\''s memory request by a step (e.g. 256Mi, -128Mi)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'kubectl-skstep trace edit help commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__trace__subcmd__edit__subcmd__help__subcmd__bump-cpu_commands] )) ||
_kubectl-skstep__subcmd__trace__subcmd__edit__subcmd__help__subcmd__bump-cpu_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep trace edit help bump-cpu commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__trace__subcmd__edit__subcmd__help__subcmd__bump-mem_commands] )) ||
_kubectl-skstep__subcmd__trace__subcmd__edit__subcmd__help__subcmd__bump-mem_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep trace edit help bump-mem commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__trace__subcmd__edit__subcmd__help__subcmd__help_commands] )) ||
_kubectl-skstep__subcmd__trace__subcmd__edit__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep trace edit help help commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__trace__subcmd__edit__subcmd__help__subcmd__scale-replicas_commands] )) ||
_kubectl-skstep__subcmd__trace__subcmd__edit__subcmd__help__subcmd__scale-replicas_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep trace edit help scale-replicas commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__trace__subcmd__edit__subcmd__scale-replicas_commands] )) ||
_kubectl-skstep__subcmd__trace__subcmd__edit__subcmd__scale-replicas_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep trace edit scale-replicas commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__trace__subcmd__help_commands] )) ||
_kubectl-skstep__subcmd__trace__subcmd__help_commands() {
    local commands; commands=(
'validate:The verdict SimKube'\''s driver will reach on a trace, and why' \
'inspect:What a trace contains\: events, objects, namespaces, Deployments, config' \
'upgrade:Turn a legacy trace (version 1, missing fields, deprecated config) into one SimKube parses' \
'rebase:Shift and compress a trace'\''s timeline' \
'convert:Convert between MessagePack and JSON, losslessly' \
'edit:Apply an RL action (scale replicas, bump CPU or memory) to a Deployment in the trace' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'kubectl-skstep trace help commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__trace__subcmd__help__subcmd__convert_commands] )) ||
_kubectl-skstep__subcmd__trace__subcmd__help__subcmd__convert_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep trace help convert commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__trace__subcmd__help__subcmd__edit_commands] )) ||
_kubectl-skstep__subcmd__trace__subcmd__help__subcmd__edit_commands() {
    local commands; commands=(
'scale-replicas:Change spec.replicas' \
'bump-cpu:Change every container'\''s CPU request by a step (e.g. 500m, -250m, 1)' \
'bump-mem:Change every container'\''s memory request by a step (e.g. 256Mi, -128Mi)' \
    )
    _describe -t commands 'kubectl-skstep trace help edit commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__trace__subcmd__help__subcmd__edit__subcmd__bump-cpu_commands] )) ||
_kubectl-skstep__subcmd__trace__subcmd__help__subcmd__edit__subcmd__bump-cpu_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep trace help edit bump-cpu commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__trace__subcmd__help__subcmd__edit__subcmd__bump-mem_commands] )) ||
_kubectl-skstep__subcmd__trace__subcmd__help__subcmd__edit__subcmd__bump-mem_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep trace help edit bump-mem commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__trace__subcmd__help__subcmd__edit__subcmd__scale-replicas_commands] )) ||
_kubectl-skstep__subcmd__trace__subcmd__help__subcmd__edit__subcmd__scale-replicas_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep trace help edit scale-replicas commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__trace__subcmd__help__subcmd__help_commands] )) ||
_kubectl-skstep__subcmd__trace__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep trace help help commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__trace__subcmd__help__subcmd__inspect_commands] )) ||
_kubectl-skstep__subcmd__trace__subcmd__help__subcmd__inspect_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep trace help inspect commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__trace__subcmd__help__subcmd__rebase_commands] )) ||
_kubectl-skstep__subcmd__trace__subcmd__help__subcmd__rebase_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep trace help rebase commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__trace__subcmd__help__subcmd__upgrade_commands] )) ||
_kubectl-skstep__subcmd__trace__subcmd__help__subcmd__upgrade_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep trace help upgrade commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__trace__subcmd__help__subcmd__validate_commands] )) ||
_kubectl-skstep__subcmd__trace__subcmd__help__subcmd__validate_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep trace help validate commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__trace__subcmd__inspect_commands] )) ||
_kubectl-skstep__subcmd__trace__subcmd__inspect_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep trace inspect commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__trace__subcmd__rebase_commands] )) ||
_kubectl-skstep__subcmd__trace__subcmd__rebase_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep trace rebase commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__trace__subcmd__upgrade_commands] )) ||
_kubectl-skstep__subcmd__trace__subcmd__upgrade_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep trace upgrade commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__trace__subcmd__validate_commands] )) ||
_kubectl-skstep__subcmd__trace__subcmd__validate_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep trace validate commands' commands "$@"
}

if [ "$funcstack[1]" = "_kubectl-skstep" ]; then
    _kubectl-skstep "$@"
else
    compdef _kubectl-skstep kubectl-skstep
fi
