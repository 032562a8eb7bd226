#!/usr/bin/env bash
# Usage: scripts/rss.sh [debug|release]
# Resident memory (VmRSS) of the EMV Doctor window beside a bare eframe window, in the same run,
# under the X display in $DISPLAY (e.g. Xvfb on :99). Each window runs for a few seconds with its
# own empty data folder; the figure is read from /proc after it settled.
set -euo pipefail
profile=${1:-release}
flag=(); [ "$profile" = release ] && flag=(--release)
cargo build -q "${flag[@]}" --bin emv-doctor --example bare_window
dir=${CARGO_TARGET_DIR:-target}/$profile
rss() {
    local data; data=$(mktemp -d)
    EMV_DOCTOR_DATA_DIR=$data EMV_DOCTOR_FILE_DIALOG=window "$@" >/dev/null 2>&1 &
    local pid=$!
    sleep "${SETTLE:-6}"
    local kb; kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
    kill "$pid"; wait "$pid" 2>/dev/null || true
    rm -rf "$data"
    echo $((kb / 1024))
}
echo "bare eframe window:        $(rss "$dir/examples/bare_window") MB"
echo "EMV Doctor (English):      $(rss "$dir/emv-doctor" --lang en) MB"
echo "EMV Doctor (简体中文):     $(rss "$dir/emv-doctor" --lang zh-CN) MB"
