#!/usr/bin/env bash
# The race against NDlib and Mesa, in one command:  bash benches/peers/run.sh [--quick]
# Creates a virtual env with the pinned peers, runs their side, runs ours on the same inputs
# (single thread, release build), prints the table for BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=target/peers
venv=target/peers-venv
mkdir -p "$out"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q -r benches/peers/requirements.txt
fi
"$venv/bin/python" -W ignore benches/peers/peers.py "$out" "$@"
cargo run -q --release --no-default-features --example peers -- "$out" "$@" > /dev/null
"$venv/bin/python" benches/peers/compare.py "$out"
