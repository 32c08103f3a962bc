#!/bin/sh
# fuzz.sh: build the GraphML reader's libFuzzer target and run it.
#
#   build-aux/fuzz.sh [SECONDS]     default 60
#
# Seeds come from the bundled map and, where present, the third-party
# corpus beside the source tree. Anything found is left in _fuzz/ as
# crash-*, leak-*, oom-* or timeout-*, and the script fails.
set -eu

cd "$(dirname "$0")/.."
seconds=${1:-60}
out=_fuzz

for package in clang libclang-rt-14-dev; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed"; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends clang libclang-rt-14-dev
    break
  fi
done

mkdir -p "$out/corpus" "$out/seeds"
cat > "$out/config.h" <<'H'
#define GETTEXT_PACKAGE "actor-map"
#define PACKAGE_VERSION "fuzz"
#define LOCALEDIR "/usr/share/locale"
H

# shellcheck disable=SC2046
clang -g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE -Isrc/core -I"$out" \
  $(pkg-config --cflags gio-2.0 libxml-2.0) \
  src/core/am-graph.c src/core/am-display-text.c src/core/am-style.c src/core/am-vocabulary.c src/core/am-memory.c src/core/am-id-index.c \
  src/core/am-graphml-reader.c src/core/am-graphml-reader-errors.c \
  src/core/am-graphml-reader-limits.c \
  src/core/am-graphml-reader-split.c src/core/am-graphml-reader-yed.c \
  tests/fuzz/fuzz-graphml-reader.c \
  -o "$out/fuzz-graphml-reader" $(pkg-config --libs gio-2.0 libxml-2.0) -lm

cp data/peace-talks.graphml tests/fuzz/seeds/* "$out/seeds/" 2>/dev/null || true
if [ -d ../shared/graphml-corpus ]; then
  find ../shared/graphml-corpus -type f \( -name '*.graphml' -o -name '*.xml' \) -size -200k \
    -exec cp {} "$out/seeds/" \;
fi

cd "$out"
./fuzz-graphml-reader -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 \
  -timeout=30 -dict=../tests/fuzz/graphml.dict -print_final_stats=1 corpus seeds
