#!/usr/bin/env bash
# Takes a screenshot of the real app window under a private Xvfb display.
#   scripts/screenshot.sh OUT.png [app arguments…]     e.g. scripts/screenshot.sh docs/screenshots/x.png --lang zh-CN
# Environment: BIN (default target/debug/emv-doctor), WAIT seconds before the shot (default 4),
# SIZE of the window as WxH (default 1024x720; needs xdotool for any other size),
# STEPS: what a user does before the shot (needs xdotool), in order, separated by spaces:
#   click:X,Y   type:TEXT (no spaces)   key:NAME (xdotool key name)   wait:SECONDS
set -euo pipefail
out=$1; shift
bin=${BIN:-target/debug/emv-doctor}
wait=${WAIT:-4}
n=77
while [ -e "/tmp/.X11-unix/X$n" ]; do n=$((n + 1)); done
size=${SIZE:-1024x720}
w=${size%x*}; h=${size#*x}
Xvfb ":$n" -screen 0 "$((w > 1100 ? w + 16 : 1100))x$((h > 780 ? h + 16 : 780))x24" -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
data=$(mktemp -d)
trap 'kill "$app" "$xvfb" 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$n" ] && break; sleep 0.1; done
DISPLAY=":$n" EMV_DOCTOR_DATA_DIR="$data" "$bin" "$@" >/dev/null 2>&1 &
app=$!
sleep "$wait"
if [ "$size" != 1024x720 ]; then
  DISPLAY=":$n" xdotool search --name "EMV Doctor" windowsize "$w" "$h" >/dev/null 2>&1
  sleep 1
fi
if [ -n "${STEPS:-}" ]; then
  # No window manager under Xvfb: give the window the keyboard focus, as a desktop would.
  DISPLAY=":$n" xdotool search --name "EMV Doctor" windowfocus >/dev/null 2>&1 || true
fi
for step in ${STEPS:-}; do
  arg=${step#*:}
  case $step in
    click:*) DISPLAY=":$n" xdotool mousemove "${arg%,*}" "${arg#*,}" click 1 ;;
    type:*) DISPLAY=":$n" xdotool type --delay 40 "$arg" ;;
    key:*) DISPLAY=":$n" xdotool key "$arg" ;;
    wait:*) sleep "$arg" ;;
  esac
  sleep 0.6
done
DISPLAY=":$n" import -window root -crop "${w}x${h}+0+0" "$out"
echo "$out"
