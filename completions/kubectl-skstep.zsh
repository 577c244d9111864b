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
'-n+[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'--namespace=[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
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
'-n+[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'--namespace=[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
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
'-n+[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'--namespace=[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
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
'-n+[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'--namespace=[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
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
(fix)
_arguments "${_arguments_options[@]}" : \
'*--only=[Fix only these rule codes (default\: all of W0000 E0001 E0002 E0003 E0004 E0005)]:CODE:_default' \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'--namespace=[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
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
(upgrade)
_arguments "${_arguments_options[@]}" : \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'--namespace=[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
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
'-n+[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'--namespace=[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
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
'-n+[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'--namespace=[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
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
(export)
_arguments "${_arguments_options[@]}" : \
'(--start --end)--since=[Export this much recent history (e.g. 30m)]:SINCE:_default' \
'--start=[Start\: Unix time, RFC 3339, or now]:START:_default' \
'--end=[End\: Unix time, RFC 3339, or now (default now)]:END:_default' \
'*--exclude-ns=[Namespaces to leave out (comma-separated; repeatable). Default\: the system ones]:EXCLUDE_NS:_default' \
'--tracer=[sk-tracer'\''s address, e.g. http\://localhost\:7777 (default\: through the cluster)]:TRACER:_default' \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'--namespace=[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
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
(new)
_arguments "${_arguments_options[@]}" : \
'--deploy=[The Deployment'\''s name (its pods are labelled app=NAME); its namespace is -n (default \`default\`)]:NAME:_default' \
'(--deploy --replicas --cpu --mem --image)-f+[Take the Deployment from a manifest (YAML or JSON, as \`kubectl create deployment --dry-run=client -o yaml\` prints)]:FILE:_files' \
'(--deploy --replicas --cpu --mem --image)--filename=[Take the Deployment from a manifest (YAML or JSON, as \`kubectl create deployment --dry-run=client -o yaml\` prints)]:FILE:_files' \
'--replicas=[Replicas (0..=2147483647\: spec.replicas is an int32)]:REPLICAS:_default' \
'--cpu=[CPU request of its container]:CPU:_default' \
'--mem=[Memory request of its container]:MEM:_default' \
'--image=[Container image (KWOK'\''s fake nodes never pull it)]:IMAGE:_default' \
'--at=[The event'\''s time\: now, 0, a Unix timestamp or an RFC 3339 time]:AT:_default' \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'--namespace=[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
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
(edit)
_arguments "${_arguments_options[@]}" : \
'--deploy=[The Deployment to edit (restrict to a namespace with -n)]:NAME:_default' \
'--min-cpu=[Smallest CPU request allowed]:MIN_CPU:_default' \
'--max-cpu=[Largest CPU request allowed]:MAX_CPU:_default' \
'--min-mem=[Smallest memory request allowed]:MIN_MEM:_default' \
'--max-mem=[Largest memory request allowed]:MAX_MEM:_default' \
'--min-replicas=[Fewest replicas allowed]:MIN_REPLICAS:_default' \
'--max-replicas=[Most replicas allowed (at most 2147483647\: spec.replicas is an int32)]:MAX_REPLICAS:_default' \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'--namespace=[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
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
'--max-replicas=[Most replicas allowed (at most 2147483647\: spec.replicas is an int32)]:MAX_REPLICAS:_default' \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'--namespace=[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
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
'--max-replicas=[Most replicas allowed (at most 2147483647\: spec.replicas is an int32)]:MAX_REPLICAS:_default' \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'--namespace=[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
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
'--max-replicas=[Most replicas allowed (at most 2147483647\: spec.replicas is an int32)]:MAX_REPLICAS:_default' \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'--namespace=[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
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
(fix)
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
(export)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(new)
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
(prep-ns)
_arguments "${_arguments_options[@]}" : \
'--trace=[The trace to stage (validated first; an invalid trace is refused and nothing changes)]:FILE:_files' \
'*--secret=[A Secret to copy from namespace simkube (repeatable). Default\: sk-ctrl'\''s --driver-secrets, else \`simkube\`]:NAME:_default' \
'--cluster-role=[Bind the driver'\''s ServiceAccount to this existing ClusterRole instead of the one prep-ns makes (only what sk-driver 2.7.0 does, for the trace'\''s kinds)]:NAME:_default' \
'(--trace-url)--node-dir=[Copy the trace into this host folder, mounted at /data in the nodes (kind extraMounts)]:DIR:_files' \
'(--trace-url)--stage=[\`pods\`\: copy the trace onto every schedulable non-virtual node through a short-lived pod per node (hostPath /data, exec API, sha256 checked). Takes precedence over --node-dir]:HOW:(pods)' \
'--stage-image=[The staging pods'\'' image (needs sh, cat, sha256sum)]:STAGE_IMAGE:_default' \
'--stage-timeout=[How long a staging pod may take to start]:STAGE_TIMEOUT:_default' \
'--trace-url=[Use this trace URL as is (s3\://, gs\://, file\://)]:URL:_default' \
'--api-timeout=[How long transient API errors (unreachable, 5xx, 429) are retried, with backoff, before prep-ns fails (every step of it is idempotent, so it is run again whole)]:API_TIMEOUT:_default' \
'--simkube-ns=[The namespace SimKube'\''s controller runs in (its settings and Secrets are read there)]:NS:_default' \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'--namespace=[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'*-o+[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*--output=[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'(--trace --secret --cluster-role --stage --trace-url)--undo[Remove what prep-ns made for NS (bindings, the roles it made, copied Secrets, its record of the staged trace); the namespace and its ServiceAccount stay]' \
'--dry-run[Show what would change; change nothing]' \
'*-v[More log output (-v info, -vv debug)]' \
'*--verbose[More log output (-v info, -vv debug)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':ns -- The namespace the driver will run in:_default' \
&& ret=0
;;
(run)
_arguments "${_arguments_options[@]}" : \
'--trace=[The trace to simulate (staged in --ns by \`prep-ns\`)]:FILE:_files' \
'--deploy=[The Deployment to observe and act on, as named in the trace]:NAME:_default' \
'--target=[The number of ready replicas aimed for]:TARGET:_default' \
'--duration=[Simulated time to wait before observing (per step)]:DURATION:_default' \
'--step-penalty=[\`cost_aware_v2\`'\''s penalty subtracted every step (sim-arena'\''s default 0)]:STEP_PENALTY:_default' \
'--ns=[The driver namespace, prepared with \`kubectl skstep prep-ns\` (default\: -n, else the context'\''s namespace); with several contexts, the same on each]:NS:_default' \
'--grace=[Extra Simulation time after the observation, so the driver does not tear down first]:GRACE:_default' \
'--driver-image=[The driver image (default\: quay.io/appliedcomputing/sk-driver\:<the tag of sk-ctrl'\''s image in --simkube-ns>, else v2.7.0; the choice is printed and recorded)]:IMAGE:_default' \
'--port=[The driver'\''s webhook port (the Simulation'\''s spec.driver.port, passed to the driver as --admission-webhook-port)]:PORT:_default' \
'--speed=[SimKube'\''s speed factor (spec.speed\: event gaps divided by F), from 0.001 to 1000; --duration and --grace are simulated time, so the step waits duration/F]:F:_default' \
'--virtual-ns-prefix=[The prefix of the virtual namespaces the driver creates (spec.driver.virtualNsPrefix)]:PREFIX:_default' \
'--simkube-ns=[The namespace SimKube'\''s controller and its sk-lease run in]:NS:_default' \
'--reward=[]:REWARD:(base shaped scale max_punish cost_aware_v2)' \
'--seed=[]:SEED:_default' \
'--lease-timeout=[How long to wait for another simulation to release SimKube'\''s lease]:LEASE_TIMEOUT:_default' \
'--driver-timeout=[How long the driver may take to start once the lease is ours]:DRIVER_TIMEOUT:_default' \
'--api-timeout=[How long a phase retries transient API errors (unreachable, 5xx, 429) before the step fails]:API_TIMEOUT:_default' \
'--fast-start=[Fast start\: create the Simulation only once SimKube'\''s lease is free, and nudge sk-ctrl past its 5 s timers (a meaningless spec change, see README); \`--fast-start=false\`\: SimKube'\''s own pace]:BOOL:(true false)' \
'--cache=[The transition cache\: a simulation whose key (the trace'\''s bytes, --deploy, --duration, --grace, --speed, SimKube'\''s and the driver'\''s versions, the cluster'\''s node profile) was simulated before is answered from DIR without a Simulation (recorded \`cached\: true\`); only settled observations are stored (see README)]:DIR:_files' \
'--cache-verify=[The fraction of cache hits simulated anyway and compared (drawn from --seed); a key that ever disagrees is logged in DIR/disagreements.jsonl and never served again]:P:_default' \
'--runs-dir=[Where records go (default\: <data dir>/kubectl-skstep/runs; bench\: <results FILE>.runs/)]:DIR:_files' \
'(--action)--policy=[]:POLICY:((noop\:""
heuristic\:"sim-arena'\''s baseline\: pending > 0 -> bump_cpu_small, else noop"
random\:"Uniform over the seven actions, seeded"
bump_cpu\:""
bump_mem\:""
scale_replicas\:""
target\:"Ours\: total < target -> scale up; total > target -> scale down; pending -> reduce CPU"))' \
'--action=[Take this action instead of asking a policy]:ACTION:(noop bump_cpu_small reduce_cpu_small bump_mem_small reduce_mem_small scale_up_replicas scale_down_replicas)' \
'--steps=[Simulations in the episode\: the initial trace, then one after each of K − 1 actions]:STEPS:_default' \
'(--keep)*--contexts=[Run the episodes over these kubeconfig contexts (one per cluster) concurrently, each one Simulation at a time; every record names its context and episode]:CTX,…:_default' \
'--episodes=[Episodes to run (of --steps simulations each), over --contexts or the current context]:EPISODES:_default' \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'--namespace=[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'*-o+[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*--output=[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'--force[Run even when the trace spans far longer than --duration]' \
'--stop-at-goal[End the episode at the first observation at the goal (ready = total = --target, pending = 0), the initial one too, as sim-arena'\''s multi-step runner does]' \
'--keep[Leave the last Simulation in place]' \
'*-v[More log output (-v info, -vv debug)]' \
'*--verbose[More log output (-v info, -vv debug)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(env)
_arguments "${_arguments_options[@]}" : \
'--duration=[Simulated time to wait before observing (per step)]:DURATION:_default' \
'--step-penalty=[\`cost_aware_v2\`'\''s penalty subtracted every step (sim-arena'\''s default 0)]:STEP_PENALTY:_default' \
'--ns=[The driver namespace, prepared with \`kubectl skstep prep-ns\` (default\: -n, else the context'\''s namespace); with several contexts, the same on each]:NS:_default' \
'--grace=[Extra Simulation time after the observation, so the driver does not tear down first]:GRACE:_default' \
'--driver-image=[The driver image (default\: quay.io/appliedcomputing/sk-driver\:<the tag of sk-ctrl'\''s image in --simkube-ns>, else v2.7.0; the choice is printed and recorded)]:IMAGE:_default' \
'--port=[The driver'\''s webhook port (the Simulation'\''s spec.driver.port, passed to the driver as --admission-webhook-port)]:PORT:_default' \
'--speed=[SimKube'\''s speed factor (spec.speed\: event gaps divided by F), from 0.001 to 1000; --duration and --grace are simulated time, so the step waits duration/F]:F:_default' \
'--virtual-ns-prefix=[The prefix of the virtual namespaces the driver creates (spec.driver.virtualNsPrefix)]:PREFIX:_default' \
'--simkube-ns=[The namespace SimKube'\''s controller and its sk-lease run in]:NS:_default' \
'--reward=[]:REWARD:(base shaped scale max_punish cost_aware_v2)' \
'--seed=[]:SEED:_default' \
'--lease-timeout=[How long to wait for another simulation to release SimKube'\''s lease]:LEASE_TIMEOUT:_default' \
'--driver-timeout=[How long the driver may take to start once the lease is ours]:DRIVER_TIMEOUT:_default' \
'--api-timeout=[How long a phase retries transient API errors (unreachable, 5xx, 429) before the step fails]:API_TIMEOUT:_default' \
'--fast-start=[Fast start\: create the Simulation only once SimKube'\''s lease is free, and nudge sk-ctrl past its 5 s timers (a meaningless spec change, see README); \`--fast-start=false\`\: SimKube'\''s own pace]:BOOL:(true false)' \
'--cache=[The transition cache\: a simulation whose key (the trace'\''s bytes, --deploy, --duration, --grace, --speed, SimKube'\''s and the driver'\''s versions, the cluster'\''s node profile) was simulated before is answered from DIR without a Simulation (recorded \`cached\: true\`); only settled observations are stored (see README)]:DIR:_files' \
'--cache-verify=[The fraction of cache hits simulated anyway and compared (drawn from --seed); a key that ever disagrees is logged in DIR/disagreements.jsonl and never served again]:P:_default' \
'--runs-dir=[Where records go (default\: <data dir>/kubectl-skstep/runs; bench\: <results FILE>.runs/)]:DIR:_files' \
'--max-steps=[Steps after which an episode is truncated (default\: the scenario'\''s budget, else 10)]:MAX_STEPS:_default' \
'(--suite)--scenario=[Play this scenario file every episode (instead of --trace, --deploy, --target)]:FILE:_files' \
'--suite=[Draw a scenario of this suite (\`simarena\`, or a folder, e.g. from \`scenario generate\`) at each reset]:NAME|DIR:_default' \
'--split=[Only the suite'\''s scenarios of this split (train seeds 0..1e6, test 1e6..2e6)]:SPLIT:(train test)' \
'(--scenario --suite)--trace=[The trace to simulate (staged in --ns by \`prep-ns\`)]:FILE:_files' \
'(--scenario --suite)--deploy=[The Deployment to observe and act on, as named in the trace]:NAME:_default' \
'(--scenario --suite)--target=[The number of ready replicas aimed for]:TARGET:_default' \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'--namespace=[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'*-o+[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*--output=[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'--stdio[Serve the protocol on stdin/stdout (the only mode)]' \
'--force[Run even when the trace spans far longer than --duration]' \
'--keep-last[Leave each Simulation in place until the next request, to inspect it (\`observe --sim\`)]' \
'*-v[More log output (-v info, -vv debug)]' \
'*--verbose[More log output (-v info, -vv debug)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(mcp)
_arguments "${_arguments_options[@]}" : \
'--http=[Serve streamable HTTP on ADDR (e.g. 127.0.0.1\:8765) instead of stdio]:ADDR:_default' \
'--token-file=[A file holding the bearer token HTTP clients must send (required beyond loopback)]:FILE:_files' \
'*--contexts=[Kubeconfig contexts sessions play on (default the current one)]:CTX,…:_default' \
'--max-steps=[Most actions per episode (default\: the scenario'\''s budget)]:N:_default' \
'--max-tool-calls=[Tool calls allowed between two actions (sim-arena'\''s agent allows 8)]:N:_default' \
'--trace-budget=[The step budget of an episode started from a bare trace]:N:_default' \
'--duration=[Simulated time per step (default\: the scenario'\''s, else 120s)]:DURATION:_default' \
'--ns=[The driver namespace, prepared with \`kubectl skstep prep-ns\` (default\: -n, else the context'\''s namespace); with several contexts, the same on each]:NS:_default' \
'--grace=[Extra Simulation time after the observation, so the driver does not tear down first]:GRACE:_default' \
'--driver-image=[The driver image (default\: quay.io/appliedcomputing/sk-driver\:<the tag of sk-ctrl'\''s image in --simkube-ns>, else v2.7.0; the choice is printed and recorded)]:IMAGE:_default' \
'--port=[The driver'\''s webhook port (the Simulation'\''s spec.driver.port, passed to the driver as --admission-webhook-port)]:PORT:_default' \
'--speed=[SimKube'\''s speed factor (spec.speed\: event gaps divided by F), from 0.001 to 1000; --duration and --grace are simulated time, so the step waits duration/F]:F:_default' \
'--virtual-ns-prefix=[The prefix of the virtual namespaces the driver creates (spec.driver.virtualNsPrefix)]:PREFIX:_default' \
'--simkube-ns=[The namespace SimKube'\''s controller and its sk-lease run in]:NS:_default' \
'--reward=[]:REWARD:(base shaped scale max_punish cost_aware_v2)' \
'--seed=[]:SEED:_default' \
'--lease-timeout=[How long to wait for another simulation to release SimKube'\''s lease]:LEASE_TIMEOUT:_default' \
'--driver-timeout=[How long the driver may take to start once the lease is ours]:DRIVER_TIMEOUT:_default' \
'--api-timeout=[How long a phase retries transient API errors (unreachable, 5xx, 429) before the step fails]:API_TIMEOUT:_default' \
'--fast-start=[Fast start\: create the Simulation only once SimKube'\''s lease is free, and nudge sk-ctrl past its 5 s timers (a meaningless spec change, see README); \`--fast-start=false\`\: SimKube'\''s own pace]:BOOL:(true false)' \
'--cache=[The transition cache\: a simulation whose key (the trace'\''s bytes, --deploy, --duration, --grace, --speed, SimKube'\''s and the driver'\''s versions, the cluster'\''s node profile) was simulated before is answered from DIR without a Simulation (recorded \`cached\: true\`); only settled observations are stored (see README)]:DIR:_files' \
'--cache-verify=[The fraction of cache hits simulated anyway and compared (drawn from --seed); a key that ever disagrees is logged in DIR/disagreements.jsonl and never served again]:P:_default' \
'--runs-dir=[Where records go (default\: <data dir>/kubectl-skstep/runs; bench\: <results FILE>.runs/)]:DIR:_files' \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'--namespace=[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
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
(observe)
_arguments "${_arguments_options[@]}" : \
'--deploy=[The Deployment, as named in the trace]:NAME:_default' \
'(--virtual-ns)--sim=[The Simulation whose virtual namespaces to look in]:SIM:_default' \
'--virtual-ns=[The virtual namespace to look in (e.g. virtual-default; -n does the same)]:NS:_default' \
'--source-ns=[The Deployment'\''s namespace in the trace (default\: find it among the virtual namespaces)]:NS:_default' \
'--interval=[]:INTERVAL:_default' \
'--api-timeout=[How long one observation'\''s calls to the API server may take, transient errors (unreachable, 5xx, 429) retried with backoff or after the server'\''s Retry-After, before observe fails]:API_TIMEOUT:_default' \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'--namespace=[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'*-o+[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*--output=[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'--watch[Keep printing an observation every --interval until interrupted]' \
'*-v[More log output (-v info, -vv debug)]' \
'*--verbose[More log output (-v info, -vv debug)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(logs)
_arguments "${_arguments_options[@]}" : \
'--tail=[Only the last N lines]:TAIL:_default' \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'--namespace=[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'*-o+[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*--output=[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'-f[Follow the log until the pod ends]' \
'--follow[Follow the log until the pod ends]' \
'*-v[More log output (-v info, -vv debug)]' \
'*--verbose[More log output (-v info, -vv debug)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'::sim -- The Simulation (default\: the newest one kubectl-skstep created, in -n'\''s driver namespace if given):_default' \
&& ret=0
;;
(report)
_arguments "${_arguments_options[@]}" : \
'--runs-dir=[Where the records are (default\: <data dir>/kubectl-skstep/runs)]:DIR:_files' \
'(--runs-dir)*--bench=[Draw these bench results documents side by side instead (-o FILE, default bench-compare.svg)]:RESULTS:_files' \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'--namespace=[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
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
(bench)
_arguments "${_arguments_options[@]}" : \
'--suite=[\`simarena\` (the repo'\''s scenarios/simarena) or a folder of scenario files]:simarena|DIR:_default' \
'--split=[Only the scenarios of this split (generated suites)]:SPLIT:(train test)' \
'--agent=[]:AGENT:((noop\:""
random\:"Uniform over the seven actions, seeded per (scenario, repeat) from --seed"
heuristic\:"The rule-based autoscaler (see \`bench\:\:heuristic\`)"
reference\:"The scenario'\''s reference solution, then noop"
stdio\:"One JSON line per state on stdout, one action per line back on stdin"))' \
'--repeats=[Episodes per scenario (K of pass@K)]:REPEATS:_default' \
'*--contexts=[Kubeconfig contexts to play on (one per cluster; default the current one); each scenario plays on the contexts whose nodes are its profile'\''s]:CTX,…:_default' \
'(--suite --split --contexts)*--compare=[Compare these results documents instead\: a Markdown leaderboard]:RESULTS:_files' \
'--duration=[Simulated time per step (default\: the scenario'\''s, else 120s)]:DURATION:_default' \
'--ns=[The driver namespace, prepared with \`kubectl skstep prep-ns\` (default\: -n, else the context'\''s namespace); with several contexts, the same on each]:NS:_default' \
'--grace=[Extra Simulation time after the observation, so the driver does not tear down first]:GRACE:_default' \
'--driver-image=[The driver image (default\: quay.io/appliedcomputing/sk-driver\:<the tag of sk-ctrl'\''s image in --simkube-ns>, else v2.7.0; the choice is printed and recorded)]:IMAGE:_default' \
'--port=[The driver'\''s webhook port (the Simulation'\''s spec.driver.port, passed to the driver as --admission-webhook-port)]:PORT:_default' \
'--speed=[SimKube'\''s speed factor (spec.speed\: event gaps divided by F), from 0.001 to 1000; --duration and --grace are simulated time, so the step waits duration/F]:F:_default' \
'--virtual-ns-prefix=[The prefix of the virtual namespaces the driver creates (spec.driver.virtualNsPrefix)]:PREFIX:_default' \
'--simkube-ns=[The namespace SimKube'\''s controller and its sk-lease run in]:NS:_default' \
'--reward=[]:REWARD:(base shaped scale max_punish cost_aware_v2)' \
'--seed=[]:SEED:_default' \
'--lease-timeout=[How long to wait for another simulation to release SimKube'\''s lease]:LEASE_TIMEOUT:_default' \
'--driver-timeout=[How long the driver may take to start once the lease is ours]:DRIVER_TIMEOUT:_default' \
'--api-timeout=[How long a phase retries transient API errors (unreachable, 5xx, 429) before the step fails]:API_TIMEOUT:_default' \
'--fast-start=[Fast start\: create the Simulation only once SimKube'\''s lease is free, and nudge sk-ctrl past its 5 s timers (a meaningless spec change, see README); \`--fast-start=false\`\: SimKube'\''s own pace]:BOOL:(true false)' \
'--cache=[The transition cache\: a simulation whose key (the trace'\''s bytes, --deploy, --duration, --grace, --speed, SimKube'\''s and the driver'\''s versions, the cluster'\''s node profile) was simulated before is answered from DIR without a Simulation (recorded \`cached\: true\`); only settled observations are stored (see README)]:DIR:_files' \
'--cache-verify=[The fraction of cache hits simulated anyway and compared (drawn from --seed); a key that ever disagrees is logged in DIR/disagreements.jsonl and never served again]:P:_default' \
'--runs-dir=[Where records go (default\: <data dir>/kubectl-skstep/runs; bench\: <results FILE>.runs/)]:DIR:_files' \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'--namespace=[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'*-o+[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*--output=[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*-v[More log output (-v info, -vv debug)]' \
'*--verbose[More log output (-v info, -vv debug)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(cache)
_arguments "${_arguments_options[@]}" : \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'--namespace=[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'*-o+[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*--output=[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*-v[More log output (-v info, -vv debug)]' \
'*--verbose[More log output (-v info, -vv debug)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_kubectl-skstep__subcmd__cache_commands" \
"*::: :->cache" \
&& ret=0

    case $state in
    (cache)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:kubectl-skstep-cache-command-$line[1]:"
        case $line[1] in
            (stats)
_arguments "${_arguments_options[@]}" : \
'--cache=[The cache folder (as given to --cache)]:DIR:_files' \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'--namespace=[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
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
(verify)
_arguments "${_arguments_options[@]}" : \
'--cache=[The cache folder (as given to --cache)]:DIR:_files' \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'--namespace=[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
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
(clear)
_arguments "${_arguments_options[@]}" : \
'--cache=[The cache folder (as given to --cache)]:DIR:_files' \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'--namespace=[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
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
":: :_kubectl-skstep__subcmd__cache__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:kubectl-skstep-cache-help-command-$line[1]:"
        case $line[1] in
            (stats)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(verify)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(clear)
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
(records)
_arguments "${_arguments_options[@]}" : \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'--namespace=[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'*-o+[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*--output=[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*-v[More log output (-v info, -vv debug)]' \
'*--verbose[More log output (-v info, -vv debug)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_kubectl-skstep__subcmd__records_commands" \
"*::: :->records" \
&& ret=0

    case $state in
    (records)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:kubectl-skstep-records-command-$line[1]:"
        case $line[1] in
            (check)
_arguments "${_arguments_options[@]}" : \
'--runs-dir=[Where the records are (default\: <data dir>/kubectl-skstep/runs)]:DIR:_files' \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'--namespace=[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'*-o+[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*--output=[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'--fix[Rewrite summary.json from the records (atomically) when it does not agree]' \
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
":: :_kubectl-skstep__subcmd__records__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:kubectl-skstep-records-help-command-$line[1]:"
        case $line[1] in
            (check)
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
(cleanup)
_arguments "${_arguments_options[@]}" : \
'--ns=[Only kubectl-skstep'\''s objects driving this namespace (default\: all of them); -n is the same]:NS:_default' \
'--api-timeout=[How long transient API errors (unreachable, 5xx, 429) are retried, with backoff, before cleanup fails]:API_TIMEOUT:_default' \
'--simkube-ns=[The namespace SimKube'\''s controller (and its sk-lease) runs in]:NS:_default' \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'--namespace=[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'*-o+[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*--output=[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'--all[Also clear what a crashed SimKube run leaves and blocks the next one, whoever made it\: finished or failed Simulations holding sk-lease, a lease whose Simulation is gone, driver Jobs, MutatingWebhookConfigurations and SimulationRoots whose Simulation is gone]' \
'--dry-run[List what would be deleted; delete nothing]' \
'*-v[More log output (-v info, -vv debug)]' \
'*--verbose[More log output (-v info, -vv debug)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(scenario)
_arguments "${_arguments_options[@]}" : \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'--namespace=[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'*-o+[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*--output=[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*-v[More log output (-v info, -vv debug)]' \
'*--verbose[More log output (-v info, -vv debug)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_kubectl-skstep__subcmd__scenario_commands" \
"*::: :->scenario" \
&& ret=0

    case $state in
    (scenario)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:kubectl-skstep-scenario-command-$line[1]:"
        case $line[1] in
            (list)
_arguments "${_arguments_options[@]}" : \
'--suite=[A suite under scenarios/ (simarena) or a folder of scenario files]:SUITE:_default' \
'--split=[]:SPLIT:(train test)' \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'--namespace=[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
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
(show)
_arguments "${_arguments_options[@]}" : \
'--suite=[]:SUITE:_default' \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'--namespace=[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'*-o+[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*--output=[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*-v[More log output (-v info, -vv debug)]' \
'*--verbose[More log output (-v info, -vv debug)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':scenario -- A scenario id of the suite, or a scenario file:_default' \
&& ret=0
;;
(validate)
_arguments "${_arguments_options[@]}" : \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'--namespace=[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'*-o+[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*--output=[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*-v[More log output (-v info, -vv debug)]' \
'*--verbose[More log output (-v info, -vv debug)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::inputs -- Scenario files, folders, or suite names (default\: every suite under scenarios/):_default' \
&& ret=0
;;
(generate)
_arguments "${_arguments_options[@]}" : \
'--template=[]:TEMPLATE:(scale-up scale-down cpu-over memory-over both noisy-neighbour node-pressure slow-start compound)' \
'--seed=[]:SEED:_default' \
'--count=[]:COUNT:_default' \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'--namespace=[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
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
(check-profile)
_arguments "${_arguments_options[@]}" : \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'--namespace=[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'*-o+[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*--output=[Output format (\`text\` or \`json\`) and, for commands that write a trace, the output file. Repeatable\: \`-o next.msgpack -o json\`. A file literally named \`json\` is written \`./json\`]:FORMAT|FILE:_default' \
'*-v[More log output (-v info, -vv debug)]' \
'*--verbose[More log output (-v info, -vv debug)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':profile -- The profile (scenarios/profiles/NAME.json):_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_kubectl-skstep__subcmd__scenario__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:kubectl-skstep-scenario-help-command-$line[1]:"
        case $line[1] in
            (list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(show)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(validate)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(generate)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(check-profile)
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
(doctor)
_arguments "${_arguments_options[@]}" : \
'--ns=[The driver namespace to check (ServiceAccount, Secrets, staged trace; default\: -n if given)]:NS:_default' \
'--trace=[The trace to check (parses, timestamps, Deployment present)]:FILE:_files' \
'--deploy=[The Deployment the step will observe]:NAME:_default' \
'--tracer=[sk-tracer'\''s address (default\: through the cluster)]:TRACER:_default' \
'--api-timeout=[How long doctor'\''s calls to the API server may take in all, transient errors (unreachable, 5xx, 429) retried with backoff or after the server'\''s Retry-After; what is left is \`? cannot check\`]:API_TIMEOUT:_default' \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'--namespace=[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
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
(version)
_arguments "${_arguments_options[@]}" : \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'--namespace=[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
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
(completions)
_arguments "${_arguments_options[@]}" : \
'--kubeconfig=[Path to the kubeconfig file (as kubectl; default \$KUBECONFIG or ~/.kube/config)]:FILE:_files' \
'--context=[The kubeconfig context to use]:NAME:_default' \
'-n+[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'--namespace=[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
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
'-n+[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
'--namespace=[A namespace; what it names differs per command and each command'\''s --help says it (driver namespace for run/doctor/logs/prep-ns, virtual namespace for observe, the Deployment'\''s namespace in the trace for trace edit). Refused by commands it means nothing to]:NS:_default' \
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
(fix)
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
(export)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(new)
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
(prep-ns)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(run)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(env)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(mcp)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(observe)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(logs)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(report)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(bench)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(cache)
_arguments "${_arguments_options[@]}" : \
":: :_kubectl-skstep__subcmd__help__subcmd__cache_commands" \
"*::: :->cache" \
&& ret=0

    case $state in
    (cache)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:kubectl-skstep-help-cache-command-$line[1]:"
        case $line[1] in
            (stats)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(verify)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(clear)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(records)
_arguments "${_arguments_options[@]}" : \
":: :_kubectl-skstep__subcmd__help__subcmd__records_commands" \
"*::: :->records" \
&& ret=0

    case $state in
    (records)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:kubectl-skstep-help-records-command-$line[1]:"
        case $line[1] in
            (check)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(cleanup)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(scenario)
_arguments "${_arguments_options[@]}" : \
":: :_kubectl-skstep__subcmd__help__subcmd__scenario_commands" \
"*::: :->scenario" \
&& ret=0

    case $state in
    (scenario)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:kubectl-skstep-help-scenario-command-$line[1]:"
        case $line[1] in
            (list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(show)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(validate)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(generate)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(check-profile)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(doctor)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(version)
_arguments "${_arguments_options[@]}" : \
&& ret=0
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
'prep-ns:Prepare a namespace for SimKube'\''s driver\: ServiceAccount, Secrets, staged trace' \
'run:One RL step\: simulate, observe, act, reward, record, clean up' \
'env:The Gymnasium environment'\''s engine\: reset/step/close as JSON lines on stdin/stdout' \
'mcp:A Model Context Protocol server\: scenarios as tools for LLM agents (stdio or --http)' \
'observe:Observe a workload'\''s pods in its virtual namespace\: ready, pending, total' \
'logs:The driver'\''s log for a simulation (default\: the newest one kubectl-skstep created)' \
'report:The learning curve\: an SVG of returns, rewards and ready/pending/total from the records' \
'bench:Score an agent on a scenario suite (pass@1, pass@k, efficiency, …), or compare results' \
'cache:The transition cache (--cache DIR)\: stats, verify, clear' \
'records:Check the step records\: summary.json recomputed from step.jsonl' \
'cleanup:Remove what kubectl-skstep left in the cluster (--all\: and what a crashed SimKube run left)' \
'scenario:Scenario suites and cluster profiles\: list, show, validate, generate, check-profile' \
'doctor:Check the SimKube install and a step'\''s inputs\: a ✓/✗ table with fixes' \
'version:The plugin'\''s version, git commit, target, and the SimKube version its trace parser matches' \
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
(( $+functions[_kubectl-skstep__subcmd__bench_commands] )) ||
_kubectl-skstep__subcmd__bench_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep bench commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__cache_commands] )) ||
_kubectl-skstep__subcmd__cache_commands() {
    local commands; commands=(
'stats:Entries, traces, poisoned keys and disagreements, and what they take on disk' \
'verify:Check every entry\: it parses, its name is the key of its parts, its trace is there with that sha256; poisoned keys and disagreements are listed (exit 1 on a broken entry)' \
'clear:Remove everything the cache holds (entries, traces, poison marks, the log)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'kubectl-skstep cache commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__cache__subcmd__clear_commands] )) ||
_kubectl-skstep__subcmd__cache__subcmd__clear_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep cache clear commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__cache__subcmd__help_commands] )) ||
_kubectl-skstep__subcmd__cache__subcmd__help_commands() {
    local commands; commands=(
'stats:Entries, traces, poisoned keys and disagreements, and what they take on disk' \
'verify:Check every entry\: it parses, its name is the key of its parts, its trace is there with that sha256; poisoned keys and disagreements are listed (exit 1 on a broken entry)' \
'clear:Remove everything the cache holds (entries, traces, poison marks, the log)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'kubectl-skstep cache help commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__cache__subcmd__help__subcmd__clear_commands] )) ||
_kubectl-skstep__subcmd__cache__subcmd__help__subcmd__clear_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep cache help clear commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__cache__subcmd__help__subcmd__help_commands] )) ||
_kubectl-skstep__subcmd__cache__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep cache help help commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__cache__subcmd__help__subcmd__stats_commands] )) ||
_kubectl-skstep__subcmd__cache__subcmd__help__subcmd__stats_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep cache help stats commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__cache__subcmd__help__subcmd__verify_commands] )) ||
_kubectl-skstep__subcmd__cache__subcmd__help__subcmd__verify_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep cache help verify commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__cache__subcmd__stats_commands] )) ||
_kubectl-skstep__subcmd__cache__subcmd__stats_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep cache stats commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__cache__subcmd__verify_commands] )) ||
_kubectl-skstep__subcmd__cache__subcmd__verify_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep cache verify commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__cleanup_commands] )) ||
_kubectl-skstep__subcmd__cleanup_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep cleanup commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__completions_commands] )) ||
_kubectl-skstep__subcmd__completions_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep completions commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__doctor_commands] )) ||
_kubectl-skstep__subcmd__doctor_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep doctor commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__env_commands] )) ||
_kubectl-skstep__subcmd__env_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep env commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__help_commands] )) ||
_kubectl-skstep__subcmd__help_commands() {
    local commands; commands=(
'trace:Check, inspect and transform SimKube trace files' \
'prep-ns:Prepare a namespace for SimKube'\''s driver\: ServiceAccount, Secrets, staged trace' \
'run:One RL step\: simulate, observe, act, reward, record, clean up' \
'env:The Gymnasium environment'\''s engine\: reset/step/close as JSON lines on stdin/stdout' \
'mcp:A Model Context Protocol server\: scenarios as tools for LLM agents (stdio or --http)' \
'observe:Observe a workload'\''s pods in its virtual namespace\: ready, pending, total' \
'logs:The driver'\''s log for a simulation (default\: the newest one kubectl-skstep created)' \
'report:The learning curve\: an SVG of returns, rewards and ready/pending/total from the records' \
'bench:Score an agent on a scenario suite (pass@1, pass@k, efficiency, …), or compare results' \
'cache:The transition cache (--cache DIR)\: stats, verify, clear' \
'records:Check the step records\: summary.json recomputed from step.jsonl' \
'cleanup:Remove what kubectl-skstep left in the cluster (--all\: and what a crashed SimKube run left)' \
'scenario:Scenario suites and cluster profiles\: list, show, validate, generate, check-profile' \
'doctor:Check the SimKube install and a step'\''s inputs\: a ✓/✗ table with fixes' \
'version:The plugin'\''s version, git commit, target, and the SimKube version its trace parser matches' \
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
(( $+functions[_kubectl-skstep__subcmd__help__subcmd__bench_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd__bench_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep help bench commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__help__subcmd__cache_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd__cache_commands() {
    local commands; commands=(
'stats:Entries, traces, poisoned keys and disagreements, and what they take on disk' \
'verify:Check every entry\: it parses, its name is the key of its parts, its trace is there with that sha256; poisoned keys and disagreements are listed (exit 1 on a broken entry)' \
'clear:Remove everything the cache holds (entries, traces, poison marks, the log)' \
    )
    _describe -t commands 'kubectl-skstep help cache commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__help__subcmd__cache__subcmd__clear_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd__cache__subcmd__clear_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep help cache clear commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__help__subcmd__cache__subcmd__stats_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd__cache__subcmd__stats_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep help cache stats commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__help__subcmd__cache__subcmd__verify_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd__cache__subcmd__verify_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep help cache verify commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__help__subcmd__cleanup_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd__cleanup_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep help cleanup commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__help__subcmd__completions_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd__completions_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep help completions commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__help__subcmd__doctor_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd__doctor_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep help doctor commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__help__subcmd__env_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd__env_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep help env commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__help__subcmd__help_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep help help commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__help__subcmd__logs_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd__logs_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep help logs commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__help__subcmd__mcp_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd__mcp_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep help mcp commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__help__subcmd__observe_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd__observe_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep help observe commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__help__subcmd__prep-ns_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd__prep-ns_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep help prep-ns commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__help__subcmd__records_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd__records_commands() {
    local commands; commands=(
'check:Recompute summary.json from step.jsonl and say where they disagree (--fix rewrites it)' \
    )
    _describe -t commands 'kubectl-skstep help records commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__help__subcmd__records__subcmd__check_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd__records__subcmd__check_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep help records check commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__help__subcmd__report_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd__report_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep help report commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__help__subcmd__run_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd__run_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep help run commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__help__subcmd__scenario_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd__scenario_commands() {
    local commands; commands=(
'list:The scenarios of a suite (default simarena)\: id, tier, problem, profile, target, reference steps' \
'show:One scenario in full, with the planner'\''s minimum' \
'validate:Check scenario files, folders or suites\: the schema, the trace, the profile, and that each reference is the planner'\''s minimum and solves the scenario in the model (exit 1 otherwise)' \
'generate:Write instances of a template, each with its reference from the planner (-o DIR). Seeds 0..1000000 are the train split, 1000000..2000000 the test split' \
'check-profile:Whether the cluster'\''s virtual nodes are a profile'\''s (exit 1, naming what differs and the fix)' \
    )
    _describe -t commands 'kubectl-skstep help scenario commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__help__subcmd__scenario__subcmd__check-profile_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd__scenario__subcmd__check-profile_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep help scenario check-profile commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__help__subcmd__scenario__subcmd__generate_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd__scenario__subcmd__generate_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep help scenario generate commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__help__subcmd__scenario__subcmd__list_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd__scenario__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep help scenario list commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__help__subcmd__scenario__subcmd__show_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd__scenario__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep help scenario show commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__help__subcmd__scenario__subcmd__validate_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd__scenario__subcmd__validate_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep help scenario validate commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__help__subcmd__trace_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd__trace_commands() {
    local commands; commands=(
'validate:The verdict SimKube'\''s driver will reach on a trace, and why' \
'inspect:What a trace contains\: events, objects, namespaces, Deployments, config' \
'fix:Remove what SimKube'\''s own rules find (missing ServiceAccounts, Secrets, ConfigMaps; status)' \
'upgrade:Turn a legacy trace (version 1, missing fields, deprecated config) into one SimKube parses' \
'rebase:Shift and compress a trace'\''s timeline' \
'convert:Convert between MessagePack and JSON, losslessly' \
'export:Export a trace from sk-tracer (no manual port-forward needed)' \
'new:Make a trace from scratch\: one Deployment (from flags or a manifest) that SimKube plays' \
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
(( $+functions[_kubectl-skstep__subcmd__help__subcmd__trace__subcmd__export_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd__trace__subcmd__export_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep help trace export commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__help__subcmd__trace__subcmd__fix_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd__trace__subcmd__fix_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep help trace fix commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__help__subcmd__trace__subcmd__inspect_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd__trace__subcmd__inspect_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep help trace inspect commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__help__subcmd__trace__subcmd__new_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd__trace__subcmd__new_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep help trace new commands' commands "$@"
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
(( $+functions[_kubectl-skstep__subcmd__help__subcmd__version_commands] )) ||
_kubectl-skstep__subcmd__help__subcmd__version_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep help version commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__logs_commands] )) ||
_kubectl-skstep__subcmd__logs_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep logs commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__mcp_commands] )) ||
_kubectl-skstep__subcmd__mcp_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep mcp commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__observe_commands] )) ||
_kubectl-skstep__subcmd__observe_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep observe commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__prep-ns_commands] )) ||
_kubectl-skstep__subcmd__prep-ns_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep prep-ns commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__records_commands] )) ||
_kubectl-skstep__subcmd__records_commands() {
    local commands; commands=(
'check:Recompute summary.json from step.jsonl and say where they disagree (--fix rewrites it)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'kubectl-skstep records commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__records__subcmd__check_commands] )) ||
_kubectl-skstep__subcmd__records__subcmd__check_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep records check commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__records__subcmd__help_commands] )) ||
_kubectl-skstep__subcmd__records__subcmd__help_commands() {
    local commands; commands=(
'check:Recompute summary.json from step.jsonl and say where they disagree (--fix rewrites it)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'kubectl-skstep records help commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__records__subcmd__help__subcmd__check_commands] )) ||
_kubectl-skstep__subcmd__records__subcmd__help__subcmd__check_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep records help check commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__records__subcmd__help__subcmd__help_commands] )) ||
_kubectl-skstep__subcmd__records__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep records help help commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__report_commands] )) ||
_kubectl-skstep__subcmd__report_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep report commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__run_commands] )) ||
_kubectl-skstep__subcmd__run_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep run commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__scenario_commands] )) ||
_kubectl-skstep__subcmd__scenario_commands() {
    local commands; commands=(
'list:The scenarios of a suite (default simarena)\: id, tier, problem, profile, target, reference steps' \
'show:One scenario in full, with the planner'\''s minimum' \
'validate:Check scenario files, folders or suites\: the schema, the trace, the profile, and that each reference is the planner'\''s minimum and solves the scenario in the model (exit 1 otherwise)' \
'generate:Write instances of a template, each with its reference from the planner (-o DIR). Seeds 0..1000000 are the train split, 1000000..2000000 the test split' \
'check-profile:Whether the cluster'\''s virtual nodes are a profile'\''s (exit 1, naming what differs and the fix)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'kubectl-skstep scenario commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__scenario__subcmd__check-profile_commands] )) ||
_kubectl-skstep__subcmd__scenario__subcmd__check-profile_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep scenario check-profile commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__scenario__subcmd__generate_commands] )) ||
_kubectl-skstep__subcmd__scenario__subcmd__generate_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep scenario generate commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__scenario__subcmd__help_commands] )) ||
_kubectl-skstep__subcmd__scenario__subcmd__help_commands() {
    local commands; commands=(
'list:The scenarios of a suite (default simarena)\: id, tier, problem, profile, target, reference steps' \
'show:One scenario in full, with the planner'\''s minimum' \
'validate:Check scenario files, folders or suites\: the schema, the trace, the profile, and that each reference is the planner'\''s minimum and solves the scenario in the model (exit 1 otherwise)' \
'generate:Write instances of a template, each with its reference from the planner (-o DIR). Seeds 0..1000000 are the train split, 1000000..2000000 the test split' \
'check-profile:Whether the cluster'\''s virtual nodes are a profile'\''s (exit 1, naming what differs and the fix)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'kubectl-skstep scenario help commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__scenario__subcmd__help__subcmd__check-profile_commands] )) ||
_kubectl-skstep__subcmd__scenario__subcmd__help__subcmd__check-profile_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep scenario help check-profile commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__scenario__subcmd__help__subcmd__generate_commands] )) ||
_kubectl-skstep__subcmd__scenario__subcmd__help__subcmd__generate_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep scenario help generate commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__scenario__subcmd__help__subcmd__help_commands] )) ||
_kubectl-skstep__subcmd__scenario__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep scenario help help commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__scenario__subcmd__help__subcmd__list_commands] )) ||
_kubectl-skstep__subcmd__scenario__subcmd__help__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep scenario help list commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__scenario__subcmd__help__subcmd__show_commands] )) ||
_kubectl-skstep__subcmd__scenario__subcmd__help__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep scenario help show commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__scenario__subcmd__help__subcmd__validate_commands] )) ||
_kubectl-skstep__subcmd__scenario__subcmd__help__subcmd__validate_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep scenario help validate commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__scenario__subcmd__list_commands] )) ||
_kubectl-skstep__subcmd__scenario__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep scenario list commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__scenario__subcmd__show_commands] )) ||
_kubectl-skstep__subcmd__scenario__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep scenario show commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__scenario__subcmd__validate_commands] )) ||
_kubectl-skstep__subcmd__scenario__subcmd__validate_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep scenario validate commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__trace_commands] )) ||
_kubectl-skstep__subcmd__trace_commands() {
    local commands; commands=(
'validate:The verdict SimKube'\''s driver will reach on a trace, and why' \
'inspect:What a trace contains\: events, objects, namespaces, Deployments, config' \
'fix:Remove what SimKube'\''s own rules find (missing ServiceAccounts, Secrets, ConfigMaps; status)' \
'upgrade:Turn a legacy trace (version 1, missing fields, deprecated config) into one SimKube parses' \
'rebase:Shift and compress a trace'\''s timeline' \
'convert:Convert between MessagePack and JSON, losslessly' \
'export:Export a trace from sk-tracer (no manual port-forward needed)' \
'new:Make a trace from scratch\: one Deployment (from flags or a manifest) that SimKube plays' \
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
(( $+functions[_kubectl-skstep__subcmd__trace__subcmd__export_commands] )) ||
_kubectl-skstep__subcmd__trace__subcmd__export_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep trace export commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__trace__subcmd__fix_commands] )) ||
_kubectl-skstep__subcmd__trace__subcmd__fix_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep trace fix commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__trace__subcmd__help_commands] )) ||
_kubectl-skstep__subcmd__trace__subcmd__help_commands() {
    local commands; commands=(
'validate:The verdict SimKube'\''s driver will reach on a trace, and why' \
'inspect:What a trace contains\: events, objects, namespaces, Deployments, config' \
'fix:Remove what SimKube'\''s own rules find (missing ServiceAccounts, Secrets, ConfigMaps; status)' \
'upgrade:Turn a legacy trace (version 1, missing fields, deprecated config) into one SimKube parses' \
'rebase:Shift and compress a trace'\''s timeline' \
'convert:Convert between MessagePack and JSON, losslessly' \
'export:Export a trace from sk-tracer (no manual port-forward needed)' \
'new:Make a trace from scratch\: one Deployment (from flags or a manifest) that SimKube plays' \
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
(( $+functions[_kubectl-skstep__subcmd__trace__subcmd__help__subcmd__export_commands] )) ||
_kubectl-skstep__subcmd__trace__subcmd__help__subcmd__export_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep trace help export commands' commands "$@"
}
(( $+functions[_kubectl-skstep__subcmd__trace__subcmd__help__subcmd__fix_commands] )) ||
_kubectl-skstep__subcmd__trace__subcmd__help__subcmd__fix_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep trace help fix commands' commands "$@"
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
(( $+functions[_kubectl-skstep__subcmd__trace__subcmd__help__subcmd__new_commands] )) ||
_kubectl-skstep__subcmd__trace__subcmd__help__subcmd__new_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep trace help new commands' commands "$@"
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
(( $+functions[_kubectl-skstep__subcmd__trace__subcmd__new_commands] )) ||
_kubectl-skstep__subcmd__trace__subcmd__new_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep trace new commands' commands "$@"
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
(( $+functions[_kubectl-skstep__subcmd__version_commands] )) ||
_kubectl-skstep__subcmd__version_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-skstep version commands' commands "$@"
}

if [ "$funcstack[1]" = "_kubectl-skstep" ]; then
    _kubectl-skstep "$@"
else
    compdef _kubectl-skstep kubectl-skstep
fi
