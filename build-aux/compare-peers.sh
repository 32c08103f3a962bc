#!/bin/sh
# compare-peers.sh: time Actor Map against Graphviz, igraph and a bare
# libxml2 pass on the same generated files, in turn, and print ratios.
#
#   build-aux/compare-peers.sh BENCH_DIR [RUNS]
#
# BENCH_DIR holds the peers' benchmark kit: gen_graphml.py, floor_sax.c,
# igraph_read.c and add_positions.py (a writable copy). Missing inputs
# are generated there first, as its own scripts do: data/actors_medium and
# _large.graphml, the medium graph as DOT, sfdp's layout of it, and the
# medium GraphML with those positions. Each pair of commands runs RUNS
# times (default 5, after one warm-up each), A B A B …, and a ratio is
# taken pair by pair, so that a machine whose speed drifts still compares
# fairly. Times are whole processes from /usr/bin/time: wall seconds and
# peak resident memory.
set -eu

bench=$(cd "$1" && pwd)
runs=${2:-5}
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$here/_build}
app=$build/src/actor-map
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

[ -x "$app" ] || { echo "build first: $app is missing" >&2; exit 1; }
for tool in sfdp neato python3 gcc pkg-config; do
  command -v "$tool" >/dev/null || { echo "$tool is needed (graphviz, python3, gcc)" >&2; exit 1; }
done

cd "$bench"
mkdir -p data
[ -x floor_sax ] || gcc -O2 -o floor_sax floor_sax.c $(pkg-config --cflags --libs libxml-2.0)
[ -x igraph_read ] || gcc -O2 -o igraph_read igraph_read.c $(pkg-config --cflags --libs igraph)
for size in medium large; do
  [ -f "data/actors_$size.graphml" ] || python3 gen_graphml.py "$size"
done
[ -f data/actors_medium.dot ] || python3 graphml_to_dot.py data/actors_medium.graphml data/actors_medium.dot
[ -f data/actors_medium.sfdp.dot ] ||
  sfdp -Tdot data/actors_medium.dot -o data/actors_medium.sfdp.dot
[ -f data/actors_medium_pos.graphml ] ||
  python3 add_positions.py data/actors_medium.graphml data/actors_medium.sfdp.dot \
    data/actors_medium_pos.graphml

# One timed run: prints "WALL_SECONDS PEAK_KIB".
timed () {
  /usr/bin/time -f "%e %M" -o "$out/time" "$@" >/dev/null 2>&1 || true
  cat "$out/time"
}

# compare NAME 'A COMMAND' 'B COMMAND'
compare () {
  name=$1 a=$2 b=$3
  : > "$out/pairs"
  # shellcheck disable=SC2086
  timed $a >/dev/null; timed $b >/dev/null
  i=0
  while [ "$i" -lt "$runs" ]; do
    # shellcheck disable=SC2086
    echo "$(timed $a) $(timed $b)" >> "$out/pairs"
    i=$((i + 1))
  done
  python3 - "$name" "$out/pairs" <<'PY'
import statistics, sys
name, path = sys.argv[1], sys.argv[2]
rows = [list(map(float, line.split())) for line in open(path) if line.strip()]
wa = statistics.median(r[0] for r in rows)
wb = statistics.median(r[2] for r in rows)
ratio = statistics.median(r[0] / r[2] for r in rows)
mem = statistics.median(r[1] / r[3] for r in rows)
print(f"{name:<44} {wa:7.2f} s {wb:7.2f} s   time {ratio:5.2f}   memory {mem:5.2f}")
PY
}

echo "runs: $runs per command, medians; ratios are ours / theirs, pair by pair"
printf '%-44s %9s %9s\n' "" "ours" "theirs"
compare "read large vs libxml2 SAX floor" \
  "$app --stats data/actors_large.graphml" "./floor_sax data/actors_large.graphml"
compare "read large vs igraph (attributes)" \
  "$app --stats data/actors_large.graphml" "./igraph_read data/actors_large.graphml"
compare "medium to SVG, laid out, vs sfdp -Tsvg" \
  "$app --export=$out/a.svg data/actors_medium.graphml" \
  "sfdp -Tsvg data/actors_medium.dot -o $out/b.svg"
compare "medium with positions to SVG vs neato -n2" \
  "$app --export=$out/a.svg data/actors_medium_pos.graphml" \
  "neato -n2 -Tsvg data/actors_medium.sfdp.dot -o $out/b.svg"
compare "medium with positions to PNG vs neato -n2" \
  "$app --export=$out/a.png data/actors_medium_pos.graphml" \
  "neato -n2 -Tpng:cairo data/actors_medium.sfdp.dot -o $out/b.png"
