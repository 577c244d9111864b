#!/usr/bin/env bash
# Build (or reuse) krew v0.4.3 from the Go module proxy: `kubectl-krew` (cmd/krew, named as
# kubectl's plugin discovery expects) and `validate-krew-manifest` (cmd/validate-krew-manifest).
# Prints the folder holding both on stdout; progress goes to stderr.
# Cache key = sha256 of go version + this script; the binaries live in
# ${XDG_CACHE_HOME:-~/.cache}/kubectl-skstep/krew/bin/<key>/ (as build.sh caches the control plane).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export PATH="/usr/local/go/bin:$PATH"
command -v go >/dev/null || { echo "build-krew: go not found (Go >= 1.22 builds krew)" >&2; exit 2; }
version=v0.4.3
cache="${XDG_CACHE_HOME:-$HOME/.cache}/kubectl-skstep/krew/bin"
key="$( { go env GOVERSION; cat "$here/build-krew.sh"; } | sha256sum | cut -c1-16)"
dir="$cache/$key"
if [[ ! -x "$dir/kubectl-krew" || ! -x "$dir/validate-krew-manifest" ]]; then
  echo "build-krew: building krew $version ($key) from the Go module proxy; the first build takes ~10-60 s (downloads included)" >&2
  start=$(date +%s)
  mkdir -p "$cache"
  tmp="$(mktemp -d "$cache/.tmp.XXXXXX")"
  trap 'rm -rf "$tmp"' EXIT
  # krew prints its version from these (a plain build says "unknown").
  ld="-s -w -X sigs.k8s.io/krew/internal/version.gitTag=$version"
  GOBIN="$tmp" CGO_ENABLED=0 go install -trimpath -ldflags="$ld" \
    "sigs.k8s.io/krew/cmd/krew@$version" "sigs.k8s.io/krew/cmd/validate-krew-manifest@$version" >&2
  mv "$tmp/krew" "$tmp/kubectl-krew"
  chmod 755 "$tmp"
  rm -rf "$dir"
  mv "$tmp" "$dir"
  trap - EXIT
  echo "build-krew: built in $(( $(date +%s) - start ))s -> $dir" >&2
fi
echo "$dir"
