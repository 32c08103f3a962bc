#!/bin/sh
# The main thread's instructions in start-up, counted by callgrind: from
# the application's activation to the first frame with the bundled map,
# and before it, for the app and for the bare libadwaita window.
#
#   tests/count-startup-instructions.sh [ACTOR_MAP [FLOOR]]
#
# Needs valgrind (apt-get install valgrind) and a display; run it as
# tests/measure-startup.sh is run:
#   xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
#     env GDK_BACKEND=x11 GSK_RENDERER=cairo GSETTINGS_SCHEMA_DIR=_build/data \
#     tests/count-startup-instructions.sh
# Counts repeat to within 0.1% from run to run, where wall times on a
# shared machine drift by a third: they show what a change saves long
# before the timings can. Callgrind runs one thread at a time, so the
# map, read in another thread, can miss the first frame, which then
# shows the loading page and costs a frame more than on a real start;
# such runs are left out and made again.

app=${1:-_build/src/actor-map}
floor=${2:-_build/tests/actor-map-startup-floor}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! command -v valgrind >/dev/null; then
  echo "valgrind is not installed (apt-get install valgrind)" >&2
  exit 1
fi

# count PROGRAM ACTIVATE_FUNCTION NAME: prints "BEFORE AFTER" in instructions
count () {
  attempt=1
  while [ "$attempt" -le 6 ]; do
    rm -f "$work"/cg.*
    ACTOR_MAP_DEBUG=startup-timing valgrind --tool=callgrind --separate-threads=yes \
      --dump-before="$2" --callgrind-out-file="$work/cg.out" "$1" >"$work/out" 2>/dev/null
    frame=$(sed -n "s/.*the window's frame \([0-9]*\).*/\1/p" "$work/out")
    before=$(sed -n 's/^totals: //p' "$work/cg.out.1-01" 2>/dev/null)
    after=$(sed -n 's/^totals: //p' "$work/cg.out-01" 2>/dev/null)
    if [ -n "$before" ] && [ -n "$after" ] && [ "${frame:-1}" = 1 ]; then
      echo "$before $after"
      return 0
    fi
    attempt=$((attempt + 1))
  done
  echo "$3: no run drew the map in its first frame, or callgrind wrote no counts" >&2
  return 1
}

# One unmeasured run, so that caches are warm and the accessibility bus is up.
ACTOR_MAP_DEBUG=startup-timing "$app" >/dev/null 2>&1

counts=$(count "$app" am_application_activate "$app") || exit 1
app_before=${counts% *} app_after=${counts#* }
counts=$(count "$floor" on_activate_cb "$floor") || exit 1
floor_before=${counts% *} floor_after=${counts#* }

awk -v ab="$app_before" -v aa="$app_after" -v fb="$floor_before" -v fa="$floor_after" \
    -v app="$app" -v floor="$floor" 'BEGIN {
  printf "main thread, millions of instructions    before activation  activation to first frame  in all\n"
  printf "  %-38s %10.1f %26.1f %9.1f\n", app, ab / 1e6, aa / 1e6, (ab + aa) / 1e6
  printf "  %-38s %10.1f %26.1f %9.1f\n", floor, fb / 1e6, fa / 1e6, (fb + fa) / 1e6
  printf "%s / %s: %.3f in all, %.2f from activation\n", app, floor, (ab + aa) / (fb + fa), aa / fa
}'
