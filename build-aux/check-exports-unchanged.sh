#!/bin/sh
# check-exports-unchanged.sh: does a change keep every SVG export byte for byte?
#
#   build-aux/check-exports-unchanged.sh [BASE_REV]     default: main
#
# Builds BASE_REV in a temporary work tree and the working tree in _build,
# exports the bundled map and every file of the GraphML corpus with both,
# and compares the SVGs. Prints each file that differs and fails if any does.
set -eu

cd "$(dirname "$0")/.."
base=${1:-main}
corpus=${AM_CORPUS_DIR:-../shared/graphml-corpus}
scratch=$(mktemp -d)
trap 'git worktree remove --force "$scratch/base" >/dev/null 2>&1; rm -rf "$scratch"' EXIT

git worktree add --detach "$scratch/base" "$base" >/dev/null
meson setup "$scratch/base/_build" "$scratch/base" >/dev/null
meson compile -C "$scratch/base/_build" actor-map >/dev/null
[ -f _build/build.ninja ] || meson setup _build >/dev/null
meson compile -C _build actor-map >/dev/null

find_binary () {
  for candidate in "$1/src/actor-map" "$1/actor-map"; do
    [ -x "$candidate" ] && { echo "$candidate"; return; }
  done
  echo "no actor-map in $1" >&2
  exit 1
}
before=$(find_binary "$scratch/base/_build")
after=$(find_binary _build)

inputs="$scratch/inputs"
: > "$inputs"
# The base revision's bundled map: a change of the map is not a change of code.
echo "$scratch/base/data/peace-talks.graphml" >> "$inputs"
[ -d "$corpus" ] && find "$corpus" -type f \( -name '*.graphml' -o -name '*.xml' \) | sort >> "$inputs"

checked=0; differ=0
while read -r file; do
  checked=$((checked + 1))
  LC_ALL=C.UTF-8 "$before" --export="$scratch/before.svg" "$file" >/dev/null 2>&1 || echo refused > "$scratch/before.svg"
  LC_ALL=C.UTF-8 "$after" --export="$scratch/after.svg" "$file" >/dev/null 2>&1 || echo refused > "$scratch/after.svg"
  if ! cmp -s "$scratch/before.svg" "$scratch/after.svg"; then
    echo "differs: $file"
    differ=$((differ + 1))
  fi
  rm -f "$scratch/before.svg" "$scratch/after.svg"
done < "$inputs"

echo "$checked files exported, $differ differ"
[ "$differ" -eq 0 ]
