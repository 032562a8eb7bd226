#!/usr/bin/env bash
# Quick start, command 1: install what is missing, build EMV Doctor (release) and start the app.
# Arguments are passed to the app, e.g. `scripts/run.sh --lang zh-CN`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh run
if [ -f "$HOME/.cargo/env" ]; then . "$HOME/.cargo/env"; fi
cargo build --release --locked
exec target/release/emv-doctor "$@"
