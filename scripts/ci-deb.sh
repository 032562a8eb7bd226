#!/usr/bin/env bash
# CI: builds the .deb (scripts/package-deb.sh; PROFILE=dev reuses the binary the tests built)
# and checks it in a throwaway root: the files are there, the binary runs, the menu entry, the
# AppStream metainfo and the MIME type validate, and it depends on pcscd and libccid.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
root=$(mktemp -d)
trap 'rm -rf "$out" "$root"' EXIT
start=$(date +%s)
OUT=$out PROFILE=${PROFILE:-dev} scripts/package-deb.sh
deb=$(ls "$out"/emv-doctor_*.deb)

fail() { echo "ci-deb: $*" >&2; exit 1; }
dpkg-deb --info "$deb" >/dev/null
depends=$(dpkg-deb --field "$deb" Depends)
for dep in pcscd libccid libpcsclite1; do
  grep -qw "$dep" <<<"$depends" || fail "Depends lacks $dep: $depends"
done

dpkg -x "$deb" "$root"
id=org.emvdoctor.EmvDoctor
for f in usr/bin/emv-doctor usr/share/applications/$id.desktop usr/share/metainfo/$id.metainfo.xml \
  usr/share/mime/packages/emv-doctor.xml usr/share/icons/hicolor/scalable/apps/emv-doctor.svg \
  usr/share/icons/hicolor/48x48/apps/emv-doctor.png usr/share/icons/hicolor/256x256/apps/emv-doctor.png \
  usr/share/emv-doctor/guides/emv-error.ron usr/share/emv-doctor/schemas/report.schema.json \
  usr/share/doc/emv-doctor/copyright usr/share/doc/emv-doctor/report.md; do
  [ -s "$root/$f" ] || fail "missing or empty: /$f"
done
[ -x "$root/usr/bin/emv-doctor" ] || fail "/usr/bin/emv-doctor is not executable"

"$root/usr/bin/emv-doctor" --version | grep -q "^emv-doctor " || fail "--version"
"$root/usr/bin/emv-doctor" decode tvr "80 00 04 80 00" --json >/dev/null || fail "decode"
"$root/usr/bin/emv-doctor" guide check "$root/usr/share/emv-doctor/guides/emv-error.ron" >/dev/null \
  || fail "the shipped guide does not check"

desktop-file-validate "$root/usr/share/applications/$id.desktop"
grep -q '^Name\[zh_CN\]=' "$root/usr/share/applications/$id.desktop" || fail "no Chinese name"
grep -q '^MimeType=application/x-emv-doctor-report;' "$root/usr/share/applications/$id.desktop" \
  || fail "the menu entry does not open reports"
appstreamcli validate --no-net "$root/usr/share/metainfo/$id.metainfo.xml"

# The MIME type: *.emvdoc.ron must map to the report type in a database built from the package.
mkdir -p "$root/mimedb/packages"
cp "$root/usr/share/mime/packages/emv-doctor.xml" "$root/mimedb/packages/"
update-mime-database "$root/mimedb"
grep -q 'application/x-emv-doctor-report:\*\.emvdoc\.ron' "$root/mimedb/globs2" \
  || fail "the MIME database does not map *.emvdoc.ron"

echo "ci-deb: $(basename "$deb") $(du -h "$deb" | cut -f1), $(( $(date +%s) - start )) s"
echo "ci-deb: 1 passed, 0 failed"
