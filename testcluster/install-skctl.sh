#!/usr/bin/env bash
# Install SimKube 2.7.0's `skctl` from crates.io into ~/.cargo/bin, unless it is already there.
# The trace-rule tests compare `kubectl skstep trace validate` with `skctl validate check`.
# Shares install-simkube.sh's --target-dir, so the sk-* dependencies compiled there are reused
# (cold with that cache warm: see the README's test section; fully cold: longer).
set -euo pipefail
want=2.7.0
bin="${CARGO_HOME:-$HOME/.cargo}/bin"
export PATH="$bin:$PATH"
installed="$(cargo install --list 2>/dev/null || true)"
if [[ -x "$bin/skctl" ]] && grep -q "^skctl v$want:" <<<"$installed"; then
  exit 0
fi
echo "install-skctl: cargo install skctl =$want" >&2
cargo install skctl --version "=$want" --locked \
  --target-dir "${XDG_CACHE_HOME:-$HOME/.cache}/kubectl-skstep/sk-target" >&2
