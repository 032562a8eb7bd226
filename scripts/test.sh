#!/usr/bin/env bash
# Quick start, command 2: install what is missing, start what the tests need (pcscd with the vpcd
# virtual reader, Xvfb), run every test, check the .deb and the Windows build (under Wine), and
# stop what this script started.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh test
if [ -f "$HOME/.cargo/env" ]; then . "$HOME/.cargo/env"; fi

started_xvfb=""
cleanup() {
  scripts/pcscd.sh stop || true
  if [ -n "$started_xvfb" ]; then kill "$started_xvfb" 2>/dev/null || true; fi
}
trap cleanup EXIT

scripts/pcscd.sh start

# A display for the tests that open a real window.
if [ -z "${DISPLAY:-}" ]; then
  for n in $(seq 90 99); do
    if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then
      Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
      started_xvfb=$!
      export DISPLAY=":$n"
      for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$n" ] && break; sleep 0.1; done
      break
    fi
  done
fi

# Tests never touch the user's own data folder.
EMV_DOCTOR_DATA_DIR="$(mktemp -d)"
export EMV_DOCTOR_DATA_DIR

if cargo nextest --version >/dev/null 2>&1; then
  cargo nextest run --locked --no-fail-fast
else
  cargo test --locked --no-fail-fast --all-targets
fi
cargo test --locked --doc

# The packages: the .deb (from the binary the tests built) checked in a throwaway root, and the
# Windows build smoke-tested under Wine. EMV_DOCTOR_SKIP_PACKAGES=1 leaves them out of a quick
# local run; CI runs them.
if [ "${EMV_DOCTOR_SKIP_PACKAGES:-}" != 1 ]; then
  scripts/ci-deb.sh
  scripts/ci-windows.sh
fi
