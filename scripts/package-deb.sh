#!/usr/bin/env bash
# Builds dist/emv-doctor_VERSION_ARCH.deb for Debian 12 / Ubuntu 22.04 and newer with dpkg-deb:
# the program, the menu entry (English and Chinese), the icon (SVG and PNGs), AppStream metainfo,
# the MIME type of *.emvdoc.ron reports, the guides, the docs and the JSON schemas. It depends on
# pcscd (socket-activated, so the card service starts by itself) and libccid (USB readers).
# Install it with `sudo apt install ./dist/emv-doctor_*.deb`.
# Environment: PROFILE=release (default) or dev (CI: the binary the tests already built),
# OUT=dist. Installs what is missing first (scripts/deps.sh run deb).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh run deb
if [ -f "$HOME/.cargo/env" ]; then . "$HOME/.cargo/env"; fi

profile=${PROFILE:-release}
out=${OUT:-dist}
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n1)
arch=$(dpkg --print-architecture)
target_dir=${CARGO_TARGET_DIR:-target}
case $profile in dev) bin=$target_dir/debug/emv-doctor ;; *) bin=$target_dir/$profile/emv-doctor ;; esac

cargo build --locked --profile "$profile" --bin emv-doctor

id=org.emvdoctor.EmvDoctor
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
share=$root/usr/share
install -d "$root/DEBIAN" "$root/usr/bin" "$share/applications" "$share/metainfo" \
  "$share/mime/packages" "$share/icons/hicolor/scalable/apps" "$share/emv-doctor/guides" \
  "$share/emv-doctor/schemas" "$share/doc/emv-doctor"
strip --strip-unneeded -o "$root/usr/bin/emv-doctor" "$bin"
chmod 0755 "$root/usr/bin/emv-doctor"
install -m 0644 packaging/linux/$id.desktop "$share/applications/"
install -m 0644 packaging/linux/$id.metainfo.xml "$share/metainfo/"
install -m 0644 packaging/linux/emv-doctor.xml "$share/mime/packages/"
install -m 0644 assets/icons/emv-doctor.svg "$share/icons/hicolor/scalable/apps/"
for s in 16 24 32 48 64 128 256 512; do
  install -D -m 0644 "assets/icons/emv-doctor-$s.png" "$share/icons/hicolor/${s}x$s/apps/emv-doctor.png"
done
install -m 0644 guides/*.ron "$share/emv-doctor/guides/"
install -m 0644 docs/*.schema.json "$share/emv-doctor/schemas/"
install -m 0644 README.md docs/report.md docs/findings.md docs/guide-format.md docs/net.md \
  "$share/doc/emv-doctor/"
cat > "$share/doc/emv-doctor/copyright" <<EOF
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: emv-doctor

Files: *
License: MIT or Apache-2.0

Files: assets/fonts/NotoSansSC-subset.otf
License: OFL-1.1
EOF

size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat > "$root/DEBIAN/control" <<EOF
Package: emv-doctor
Version: $version
Architecture: $arch
Maintainer: EMV Doctor developers <emv-doctor@localhost>
Installed-Size: $size
Depends: libc6 (>= 2.34), libgcc-s1, libpcsclite1, pcscd, libccid, libgl1, libegl1, libgl1-mesa-dri, libxkbcommon-x11-0, libx11-6, libxcursor1, libxrandr2, libxi6
Recommends: fonts-noto-cjk, xdg-desktop-portal-gtk | xdg-desktop-portal
Section: utils
Priority: optional
Description: find out why a card terminal says "EMV error"
 EMV Doctor tests a payment card in a USB card reader (read-only) and says in
 plain words, in English or Simplified Chinese, whether the chip is healthy,
 blocked, expired, out of PIN tries or mute; walks through the fix one
 question at a time; checks the network and the clock against the acquirer's
 host; and writes a report for the support desk. Card numbers are always
 masked. Also a command line for technicians and support scripts.
EOF

mkdir -p "$out"
deb=$out/emv-doctor_${version}_$arch.deb
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
ls -l "$deb"
