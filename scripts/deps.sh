#!/usr/bin/env bash
# Installs what EMV Doctor needs on Debian/Ubuntu, only what is missing. (Rendering a report to
# PNG/PDF with scripts/render-report.sh also needs chromium; no test does.)
#   scripts/deps.sh run    what building and running the app needs
#   scripts/deps.sh test   that plus what the tests need (virtual card reader, Xvfb, nftables)
#   scripts/deps.sh windows   cross-building the Windows packages (mingw-w64, NSIS, zip, the Rust target)
#   scripts/deps.sh wine      that plus running them under Wine for the smoke test (Wine, Xvfb, ImageMagick)
#   scripts/deps.sh deb       building and checking the .deb (desktop-file-utils, AppStream)
# Several may be given: `scripts/deps.sh test deb`.
# Uses apt-get as root, sudo otherwise, and says clearly what to do when neither works.
set -euo pipefail

want=(build-essential pkg-config curl ca-certificates libpcsclite-dev pcscd libccid
      libgl1 libegl1 libgl1-mesa-dri libxkbcommon-x11-0 libxcursor1 libxrandr2 libxi6 fonts-noto-cjk)
windows=""
for mode in "${@:-run}"; do
  case $mode in
    run) ;;
    test) want+=(vsmartcard-vpcd pcsc-tools xvfb xauth iproute2 nftables) ;;
    windows) want+=(gcc-mingw-w64-x86-64 nsis zip); windows=1 ;;
    wine) want+=(gcc-mingw-w64-x86-64 nsis zip unzip wine wine64 xvfb xauth x11-utils imagemagick); windows=1 ;;
    deb) want+=(binutils desktop-file-utils appstream shared-mime-info) ;;
    *) echo "emv-doctor: scripts/deps.sh: unknown set $mode (run, test, windows, wine, deb)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "emv-doctor: installing ${missing[*]}" >&2
  if [ "$(id -u)" -eq 0 ]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    echo "emv-doctor: these packages are missing and this user can neither run apt-get nor sudo:" >&2
    echo "  ${missing[*]}" >&2
    echo "Ask an administrator to run: apt-get install ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The Rust toolchain (1.95 or newer) comes from rustup, installed for this user when missing.
# run.sh and test.sh source ~/.cargo/env afterwards, so a fresh install is on their PATH.
if [ -f "$HOME/.cargo/env" ]; then . "$HOME/.cargo/env"; fi
if ! command -v cargo >/dev/null 2>&1; then
  if ! command -v curl >/dev/null 2>&1; then
    echo "emv-doctor: curl is needed to install Rust; install it (apt-get install curl) and run again" >&2
    exit 1
  fi
  echo "emv-doctor: installing Rust with rustup" >&2
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
  . "$HOME/.cargo/env"
fi
version=$(rustc --version | awk '{print $2}')
if [ "$(printf '%s\n1.95.0\n' "$version" | sort -V | head -n1)" != "1.95.0" ]; then
  if command -v rustup >/dev/null 2>&1; then
    echo "emv-doctor: Rust $version is older than 1.95; updating with rustup" >&2
    rustup update stable
  else
    echo "emv-doctor: Rust $version is older than 1.95, which EMV Doctor needs; please update it" >&2
    exit 1
  fi
fi
if [ -n "$windows" ] && ! rustup target list --installed 2>/dev/null | grep -qx x86_64-pc-windows-gnu; then
  echo "emv-doctor: adding the Rust target x86_64-pc-windows-gnu" >&2
  rustup target add x86_64-pc-windows-gnu
fi
