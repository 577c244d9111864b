#!/usr/bin/env bash
# Build (or reuse) the multi-call control-plane binary. Prints its path on stdout.
# Cache key = sha256 of go version + this script + testcluster/cp/{go.mod,go.sum,*.go}; the
# binary lives in ${XDG_CACHE_HOME:-~/.cache}/kubectl-skstep/testcluster/bin/<key>/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$here/cp"
export PATH="/usr/local/go/bin:$PATH"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/kubectl-skstep/testcluster/bin"
key="$( { go env GOVERSION; cat "$here/build.sh"; cd "$src" && cat go.mod go.sum $(ls *.go | sort); } | sha256sum | cut -c1-16)"
dir="$cache/$key"
out="$dir/testcluster"
mkdir -p "$dir"
if [[ ! -x "$out" ]]; then
  echo "testcluster: building control plane ($key); cold build takes ~15-20 min on 2 cores" >&2
  start=$(date +%s)
  # Stamp the real Kubernetes version (a plain `go build` reports v0.0.0-master).
  kv="$(awk '$1=="k8s.io/kubernetes"{print $2; exit}' "$src/go.mod")"
  major="${kv#v}"; major="${major%%.*}"; minor="$(cut -d. -f2 <<<"$kv")"
  ld="-s -w"
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ld+=" -X $pkg.gitVersion=$kv -X $pkg.gitMajor=$major -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean"
  done
  ( cd "$src" && CGO_ENABLED=0 go build -trimpath -ldflags="$ld" -o "$out.tmp" . ) >&2
  mv "$out.tmp" "$out"
  echo "testcluster: built in $(( $(date +%s) - start ))s -> $out" >&2
fi
# KWOK's CRDs (kustomize/crd/bases of the pinned kwok module) travel with the binary.
if [[ ! -d "$dir/kwok-crds" ]]; then
  kwokdir="$(cd "$src" && go list -m -f '{{.Dir}}' sigs.k8s.io/kwok)"
  cp -r "$kwokdir/kustomize/crd/bases" "$dir/kwok-crds.tmp"
  chmod -R u+w "$dir/kwok-crds.tmp"
  mv "$dir/kwok-crds.tmp" "$dir/kwok-crds"
fi
echo "$out"
