#!/usr/bin/env bash
# Build (or reuse) sk-harness (testcluster/simkube/runner). Prints its path on stdout.
# Cache key = sha256 of go version + this script + runner/{go.mod,go.sum,*.go}.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$here/runner"
export PATH="/usr/local/go/bin:$PATH"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/kubectl-skstep/testcluster/sk-harness"
key="$( { go env GOVERSION; cat "$here/build.sh"; cd "$src" && cat go.mod go.sum $(ls *.go | sort); } | sha256sum | cut -c1-16)"
out="$cache/$key/sk-harness"
if [[ ! -x "$out" ]]; then
  mkdir -p "$cache/$key"
  # One build per key: clusters started at once wait for the first one's build instead of each
  # building it again (seen: eight identical Go builds side by side on a new machine).
  exec 9>"$cache/$key/.lock"
  flock 9
  if [[ ! -x "$out" ]]; then
    start=$(date +%s)
    ( cd "$src" && CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o "$out.tmp.$$" . ) >&2
    mv "$out.tmp.$$" "$out"
    echo "testcluster-simkube: built sk-harness in $(( $(date +%s) - start ))s -> $out" >&2
  fi
  exec 9>&-
fi
echo "$out"
