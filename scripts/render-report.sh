#!/usr/bin/env bash
# Renders an HTML report export with headless Chromium (Debian's `chromium` package):
#   scripts/render-report.sh IN.html OUT.png   # screenshot of an A4-wide page at 150 dpi
#   scripts/render-report.sh IN.html OUT.pdf   # print to PDF (A4, the page's print CSS)
# Needs: apt-get install -y chromium (and poppler-utils to turn a PDF into PNG pages).
set -euo pipefail
if [[ $# -ne 2 ]]; then
    echo "usage: $0 IN.html OUT.png|OUT.pdf" >&2
    exit 2
fi
in=$(realpath "$1")
out=$(realpath -m "$2")
browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z $browser ]]; then
    echo "chromium not found: apt-get install -y chromium" >&2
    exit 1
fi
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-background-networking
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile")
case $out in
*.png) "$browser" "${flags[@]}" --screenshot="$out" --window-size=1240,1754 --hide-scrollbars "file://$in" ;;
*.pdf) "$browser" "${flags[@]}" --print-to-pdf="$out" --no-pdf-header-footer "file://$in" ;;
*)
    echo "output must end in .png or .pdf" >&2
    exit 2
    ;;
esac 2>"$profile/chromium.log" || { cat "$profile/chromium.log" >&2; exit 1; }
[[ -s $out ]] || { echo "chromium wrote nothing" >&2; cat "$profile/chromium.log" >&2; exit 1; }
echo "$out"
