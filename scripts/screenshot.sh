#!/usr/bin/env bash
# Takes a screenshot of the real app window under a private Xvfb display.
#   scripts/screenshot.sh OUT.png [app arguments…]     e.g. scripts/screenshot.sh docs/screenshots/x.png --lang zh-CN
# Environment: BIN (default target/debug/emv-doctor), WAIT seconds before the shot (default 4),
# CLICKS: "x,y x,y …" points clicked in order, then KEYS: xdotool key names pressed (needs xdotool).
set -euo pipefail
out=$1; shift
bin=${BIN:-target/debug/emv-doctor}
wait=${WAIT:-4}
n=77
while [ -e "/tmp/.X11-unix/X$n" ]; do n=$((n + 1)); done
Xvfb ":$n" -screen 0 1100x780x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
data=$(mktemp -d)
trap 'kill "$app" "$xvfb" 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$n" ] && break; sleep 0.1; done
DISPLAY=":$n" EMV_DOCTOR_DATA_DIR="$data" "$bin" "$@" >/dev/null 2>&1 &
app=$!
sleep "$wait"
for c in ${CLICKS:-}; do
  DISPLAY=":$n" xdotool mousemove "${c%,*}" "${c#*,}" click 1; sleep 0.7
done
if [ -n "${KEYS:-}" ]; then
  for k in $KEYS; do DISPLAY=":$n" xdotool key "$k"; sleep 0.5; done
  sleep 1
fi
DISPLAY=":$n" import -window root -crop 1024x720+0+0 "$out"
echo "$out"
