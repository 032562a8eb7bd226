#!/usr/bin/env bash
# Renders the app icon's PNGs and the Windows .ico from its source, assets/icons/emv-doctor.svg.
# Run after editing the SVG and commit the results (builds and packages use the committed files,
# so they need neither tool). Needs rsvg-convert (librsvg2-bin) and icotool (icoutils).
set -euo pipefail
cd "$(dirname "$0")/../assets/icons"
sizes=(16 24 32 48 64 128 256 512)
for s in "${sizes[@]}"; do
  rsvg-convert -w "$s" -h "$s" emv-doctor.svg -o "emv-doctor-$s.png"
done
# The .ico: the small sizes as bitmaps, 256 as PNG (what Windows Vista and later expect).
icotool -c -o emv-doctor.ico emv-doctor-{16,24,32,48,64,128}.png -r emv-doctor-256.png
