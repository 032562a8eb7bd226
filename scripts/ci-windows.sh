#!/usr/bin/env bash
# CI: builds the Windows packages (scripts/package-windows.sh) and smoke-tests them under Wine on a
# private Xvfb display: the command line (--version, decode, probe --sim, readers --json without
# a card service, guide walk driven by stdin, report export), the window through
# emv-doctor-window.exe (a screenshot), and the installer (silent install: files, shortcuts, file
# type, uninstaller; then silent uninstall).
# Wine cannot test real Windows PC/SC: its winscard is a stub that fails every call.
# Environment: PROFILE (default release: what ships), SHOTS=DIR to keep the screenshots
# (window-en.png, window-zh-CN.png, installer.png), KEEP=DIR to keep the built packages.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh wine
start=$(date +%s)

work=$(mktemp -d)
xvfb=""
cleanup() {
  WINEPREFIX=$work/prefix wineserver -k 2>/dev/null || true
  if [ -n "$xvfb" ]; then kill "$xvfb" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "ci-windows: FAILED: $*" >&2; exit 1; }
passed=0
step() { passed=$((passed + 1)); echo "ci-windows: ok: $* ($(( $(date +%s) - start )) s)"; }

OUT=$work/dist scripts/package-windows.sh
build_done=$(date +%s)
if [ -n "${KEEP:-}" ]; then mkdir -p "$KEEP" && cp "$work"/dist/*.zip "$work"/dist/*-setup.exe "$KEEP/"; fi
step "packages built"

# The portable zip, unpacked as a user would, plus the test-only ProcessPrng shim (Wine 8 lacks it).
mkdir -p "$work/app"
(cd "$work/app" && unzip -q "$work"/dist/*.zip)
app=$(ls -d "$work"/app/emv-doctor-*-windows-x64)
x86_64-w64-mingw32-gcc -O2 -shared -o "$work/bcryptprimitives.dll" \
  packaging/windows/wine-test/bcryptprimitives.c packaging/windows/wine-test/bcryptprimitives.def -lbcrypt
cp "$work/bcryptprimitives.dll" "$app/"

n=80
while [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done
Xvfb ":$n" -screen 0 1100x780x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$n" ] && break; sleep 0.1; done
# A private home too: Wine links its Desktop and Documents folders to the home's.
mkdir -p "$work/home"
export HOME=$work/home DISPLAY=":$n" WINEPREFIX=$work/prefix WINEDEBUG=-all WINEARCH=win64 \
  WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
wineboot -i >/dev/null 2>&1
step "Wine prefix ready"

exe=$app/emv-doctor.exe
run() { wine "$exe" "$@" 2>"$work/stderr"; }

run --version | tee "$work/out" | grep -q "^emv-doctor " || fail "--version: $(cat "$work/out")"
run decode tvr "80 00 04 80 00" --json >"$work/out" || fail "decode exit $?"
grep -q '"kind"' "$work/out" || fail "decode --json: $(cat "$work/out")"
run --lang zh-CN decode sw 6A81 | grep -q "。" || fail "decode in Chinese"
run probe --sim expired --json >"$work/out" || fail "probe --sim exit $?"
grep -q '"app.expired"' "$work/out" || fail "probe --sim: $(cat "$work/out")"
step "--version, decode, probe --sim"

# Wine's winscard fails every call: the JSON still comes, with the finding and exit code 3.
set +e
run readers --json >"$work/out"
code=$?
set -e
[ "$code" -eq 3 ] || fail "readers --json exit $code (want 3): $(cat "$work/out" "$work/stderr")"
grep -q '"service":"unavailable"' "$work/out" || fail "readers --json: $(cat "$work/out")"
grep -q '"code":"service.unavailable"' "$work/out" || fail "readers --json finding: $(cat "$work/out")"
grep -q 'services.msc' "$work/out" || fail "readers --json: no Windows advice: $(cat "$work/out")"
step "readers --json without a card service"

cp tests/fixtures/chip-quick.guide.ron "$work/chip-quick.guide.ron"
# Every card fails -> wipe the chip -> it did not help -> chip damaged (tests/report_cli.rs).
printf '2\nn\nwiped twice\n2\n' | run --lang en guide walk "$(winepath -w "$work/chip-quick.guide.ron")" \
  --save "$(winepath -w "$work/walk.emvdoc.ron")" >"$work/out" || fail "guide walk: $(cat "$work/stderr")"
[ -s "$work/walk.emvdoc.ron" ] || fail "guide walk saved nothing: $(cat "$work/out")"
run report check "$(winepath -w "$work/walk.emvdoc.ron")" >/dev/null || fail "report check"
run report export "$(winepath -w "$work/walk.emvdoc.ron")" --format json >"$work/report.json" \
  || fail "report export json"
grep -q '"schema": "emv-doctor.report"' "$work/report.json" || fail "report export json: $(head -c 400 "$work/report.json")"
run report export "$(winepath -w "$work/walk.emvdoc.ron")" --format html -o "$(winepath -w "$work/report.html")" \
  || fail "report export html"
grep -q "<html" "$work/report.html" || fail "report export html"
step "guide walk (stdin), report check and export"

# The window, started as the shortcuts start it, in both languages.
shot() { # LANG FILE
  wine "$app/emv-doctor-window.exe" --lang "$1" >/dev/null 2>&1 || fail "emv-doctor-window.exe --lang $1"
  local found=""
  for _ in $(seq 60); do
    if xwininfo -root -tree 2>/dev/null | grep -q '"EMV Doctor"'; then found=1; break; fi
    sleep 1
  done
  [ -n "$found" ] || fail "no window titled EMV Doctor appeared (--lang $1)"
  sleep 4
  import -window root "$2"
  colours=$(identify -format '%k' "$2")
  [ "$colours" -gt 20 ] || fail "the window looks empty ($colours colours)"
  wineserver -k
  sleep 1
}
shot en "$work/window-en.png"
shot zh-CN "$work/window-zh-CN.png"
step "window (en, zh-CN) under Xvfb"

# The installer: silent per-user install, then what a user gets, then silent uninstall.
setup=$(ls "$work"/dist/*-setup.exe)
wine "$setup" /S
user_dir=$WINEPREFIX/drive_c/users/$(id -un)
inst="$user_dir/AppData/Local/Programs/EMV Doctor"
for f in emv-doctor.exe emv-doctor-window.exe emv-doctor.ico uninstall.exe docs/report.schema.json guides/emv-error.ron; do
  [ -s "$inst/$f" ] || fail "installer: missing $f"
done
menu="$user_dir/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/EMV Doctor"
for f in "EMV Doctor.lnk" "EMV Doctor 刷卡诊断.lnk"; do
  [ -s "$menu/$f" ] || fail "installer: no Start-menu shortcut $f"
  [ -s "$user_dir/Desktop/$f" ] || fail "installer: no desktop shortcut $f"
done
wine reg query 'HKCU\Software\Classes\EmvDoctor.Report\shell\open\command' /ve 2>/dev/null \
  | grep -q 'emv-doctor-window.exe" open "%1"' || fail "installer: no open command for reports"
wine reg query 'HKCU\Software\Classes\.ron' /ve 2>/dev/null | grep -q 'EmvDoctor.Report' \
  || fail "installer: .ron is not associated"
wine reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\EMV Doctor' /v UninstallString \
  >/dev/null 2>&1 || fail "installer: not listed in Apps & features"
wine "$inst/uninstall.exe" /S
for _ in $(seq 30); do [ -e "$inst/emv-doctor.exe" ] || break; sleep 1; done
[ ! -e "$inst/emv-doctor.exe" ] || fail "uninstaller left the program"
[ ! -e "$menu" ] || fail "uninstaller left the Start-menu folder"
if wine reg query 'HKCU\Software\Classes\EmvDoctor.Report' >/dev/null 2>&1; then fail "uninstaller left the file type"; fi
step "installer and uninstaller"

# The installer's first page (language choice) for the docs.
if [ -n "${SHOTS:-}" ]; then
  mkdir -p "$SHOTS"
  cp "$work/window-en.png" "$work/window-zh-CN.png" "$SHOTS/"
  wine "$setup" >/dev/null 2>&1 &
  sleep 8
  import -window root "$SHOTS/installer.png"
  wineserver -k
fi

exe_size=$(du -h "$app/emv-doctor.exe" | cut -f1)
echo "ci-windows: exe $exe_size, zip $(du -h "$work"/dist/*.zip | cut -f1), installer $(du -h "$setup" | cut -f1); build $(( build_done - start )) s, Wine tests $(( $(date +%s) - build_done )) s"
echo "ci-windows: $passed passed, 0 failed"
