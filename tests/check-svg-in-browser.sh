#!/bin/sh
# check-svg-in-browser.sh: the exported SVG in a real browser
#
#   tests/check-svg-in-browser.sh ACTOR_MAP BUNDLED_MAP
#
# Exports the bundled map and renders it with headless Chromium, without
# a fragment and at #quotes-lavrov, and with rsvg. Without the fragment,
# the browser must show the picture rsvg draws (no panel); rsvg must draw
# the same with and without panels in the file; at the fragment, OCR must
# read Lavrov's "spirit and letter" in the panel. Screenshots are kept in
# $AM_SCREENSHOT_DIR when it is set.
#
# Skips (77) when a tool is missing, except in CI (CI set), where that
# fails: build-aux/dev.sh installs them.
set -eu

actor_map=${1:?usage: $0 ACTOR_MAP BUNDLED_MAP}
bundled_map=${2:?usage: $0 ACTOR_MAP BUNDLED_MAP}

missing=""
for tool in chromium rsvg-convert tesseract compare convert; do
  command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
if [ -n "$missing" ]; then
  echo "missing:$missing"
  if [ -n "${CI:-}" ]; then exit 1; fi
  exit 77
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
out=${AM_SCREENSHOT_DIR:-$scratch}
mkdir -p "$out"

LC_ALL=C.UTF-8 LANGUAGE= "$actor_map" --export="$scratch/map.svg" "$bundled_map"
LC_ALL=C.UTF-8 LANGUAGE= "$actor_map" --static --export="$scratch/static.svg" "$bundled_map"
echo "size: $(wc -c < "$scratch/static.svg") bytes static, $(wc -c < "$scratch/map.svg") with panels"

# The picture's size in CSS pixels: the export is in points.
points=$(sed -n 's/.*<svg [^>]* width="\([0-9.]*\)pt" height="\([0-9.]*\)pt".*/\1 \2/p' "$scratch/map.svg")
width=$(echo "$points" | awk '{ printf "%d", $1 * 4 / 3 }')
height=$(echo "$points" | awk '{ printf "%d", $2 * 4 / 3 }')

# No network, no profile, no first-run work: each flag spares a wait or
# an error on a machine without a session.
screenshot () {
  profile=$(mktemp -d -p "$scratch")
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$profile" --window-size="$width,$height" \
    --screenshot="$1" "$2" >/dev/null 2>&1
  convert "$1" -crop "${width}x${height}+0+0" +repage "$1"
}

screenshot "$out/browser-closed.png" "file://$scratch/map.svg"
screenshot "$scratch/browser-static.png" "file://$scratch/static.svg"
screenshot "$out/browser-open.png" "file://$scratch/map.svg#quotes-lavrov"
rsvg-convert "$scratch/map.svg" -o "$scratch/rsvg.png"
rsvg-convert "$scratch/static.svg" -o "$scratch/rsvg-static.png"
convert "$scratch/rsvg.png" -background white -flatten -crop "${width}x${height}+0+0" +repage "$out/rsvg.png"
convert "$scratch/rsvg-static.png" -background white -flatten -crop "${width}x${height}+0+0" +repage \
  "$out/rsvg-static.png"

# Pixels that differ by more than the fuzz; compare exits 1 when any do.
differing () {
  compare -metric AE -fuzz "$3" "$1" "$2" null: 2>&1 | sed 's/[^0-9.e+].*//' || true
}

status=0
pixels=$((width * height))

same_rsvg=$(differing "$out/rsvg.png" "$out/rsvg-static.png" 0%)
echo "rsvg, panels against none: $same_rsvg pixels differ"
[ "$same_rsvg" = 0 ] || { echo "FAIL: rsvg draws something of the panels"; status=1; }

same_browser=$(differing "$out/browser-closed.png" "$scratch/browser-static.png" 0%)
echo "browser without fragment, panels against none: $same_browser pixels differ"
[ "$same_browser" = 0 ] || { echo "FAIL: the browser shows something of the panels"; status=1; }

# Browsers and rsvg set text and antialias edges a little differently
# (about 1% of the pixels of this map, all on text and lines), which is
# less than a panel's worth.
closed=$(differing "$out/browser-closed.png" "$out/rsvg.png" 10%)
echo "browser without fragment against rsvg: $closed of $pixels pixels differ"
awk -v n="$closed" -v all="$pixels" 'BEGIN { exit !(n <= all * 0.02) }' ||
  { echo "FAIL: the browser's picture without a fragment is not rsvg's"; status=1; }

opened=$(differing "$out/browser-open.png" "$out/browser-closed.png" 10%)
echo "browser at #quotes-lavrov against without: $opened pixels differ"
awk -v n="$opened" -v all="$pixels" 'BEGIN { exit !(n >= all * 0.025) }' ||
  { echo "FAIL: no panel opens at #quotes-lavrov"; status=1; }

tesseract "$out/browser-open.png" "$scratch/open" --psm 11 >/dev/null 2>&1
if tr '\n' ' ' < "$scratch/open.txt" | grep -qi "spirit and letter"; then
  echo "OCR at #quotes-lavrov: spirit and letter"
else
  echo "FAIL: OCR does not read \"spirit and letter\" at #quotes-lavrov"
  status=1
fi

tesseract "$out/browser-closed.png" "$scratch/closed" --psm 11 >/dev/null 2>&1
if tr '\n' ' ' < "$scratch/closed.txt" | grep -qi "spirit and letter"; then
  echo "FAIL: \"spirit and letter\" is readable without a fragment"
  status=1
fi

exit $status
