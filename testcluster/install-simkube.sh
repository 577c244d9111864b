#!/usr/bin/env bash
# Install SimKube 2.7.0's sk-tracer, sk-ctrl and sk-driver from crates.io into
# ~/.cargo/bin, unless sk-tracer already reports 2.7.0. Cold: ~8.5 min on 2 cores.
set -euo pipefail
want=2.7.0
bin="${CARGO_HOME:-$HOME/.cargo}/bin"
export PATH="$bin:$PATH"
# sk-tracer has no --version flag (its clap Options lack `version`), so ask cargo's
# install registry (~/.cargo/.crates2.json) and check the binary is there.
installed="$(cargo install --list 2>/dev/null || true)"
have() { [[ -x "$bin/$1" ]] && grep -q "^$1 v$want:" <<<"$installed"; }
if have sk-tracer && have sk-ctrl && have sk-driver; then
  exit 0
fi
echo "testcluster: cargo install sk-tracer sk-ctrl sk-driver =$want (cold: ~8-9 min)" >&2
cargo install sk-tracer sk-ctrl sk-driver --version "=$want" --locked \
  --target-dir "${XDG_CACHE_HOME:-$HOME/.cache}/kubectl-skstep/sk-target" >&2
