#!/usr/bin/env bash
# Builds EMV Doctor for Windows (x86_64) on Debian/Ubuntu, cross-compiled with mingw-w64:
#   dist/emv-doctor-VERSION-windows-x64.zip         portable: unzip anywhere, start emv-doctor-window.exe
#   dist/emv-doctor-VERSION-windows-x64-setup.exe   installer (NSIS): per user, no administrator rights
# Both hold emv-doctor.exe (the command line, a console program), emv-doctor-window.exe (opens the
# window without a console; shortcuts and double-clicked reports use it), the icon, the guides,
# the JSON schemas and a README.txt. Installs what is missing first (scripts/deps.sh windows).
# Environment: PROFILE=release (default) or another cargo profile; OUT=dist.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh windows
if [ -f "$HOME/.cargo/env" ]; then . "$HOME/.cargo/env"; fi

target=x86_64-pc-windows-gnu
profile=${PROFILE:-release}
out=${OUT:-dist}
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n1)
target_dir=${CARGO_TARGET_DIR:-target}
case $profile in dev) bin_dir=$target_dir/$target/debug ;; *) bin_dir=$target_dir/$target/$profile ;; esac

cargo build --locked --profile "$profile" --target "$target" --bins

name=emv-doctor-$version-windows-x64
stage=$out/$name
rm -rf "$stage"
mkdir -p "$stage/docs" "$stage/guides"
for exe in emv-doctor emv-doctor-window; do
  x86_64-w64-mingw32-strip -o "$stage/$exe.exe" "$bin_dir/$exe.exe"
done
cp assets/icons/emv-doctor.ico "$stage/"
cp guides/*.ron "$stage/guides/"
cp docs/*.schema.json docs/report.md docs/findings.md docs/guide-format.md "$stage/docs/"
# Windows Notepad wants CRLF line ends.
sed 's/$/\r/' packaging/windows/README.txt > "$stage/README.txt"

rm -f "$out/$name.zip"
(cd "$out" && zip -qr "$name.zip" "$name")

makensis -V2 -DVERSION="$version" -DSTAGE="$(realpath "$stage")" \
  -DOUTFILE="$(realpath "$out")/$name-setup.exe" packaging/windows/installer.nsi

ls -l "$out/$name.zip" "$out/$name-setup.exe" "$stage"/*.exe
