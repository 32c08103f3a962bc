#!/bin/sh
# check-startup-timing.sh ACTOR_MAP: the start-up timing switch that
# tests/measure-startup.sh and count-startup-instructions.sh rely on. With
# ACTOR_MAP_DEBUG=startup-timing=N the app prints a line for each of N
# frames with the map, numbering the window's frames, and then quits.
set -u
app=$1
status=0

run () {
  ACTOR_MAP_DEBUG="$1" timeout 60 "$app" 2>/dev/null
  echo "exit $?"
}

check () {
  debug=$1 frames=$2
  out=$(run "$debug")
  lines=$(printf '%s\n' "$out" | grep -c "^frame with the map: [0-9.]* ms after process start, [0-9.]* ms after main(), the window's frame [0-9]*$")
  if [ "$lines" != "$frames" ]; then
    echo "ACTOR_MAP_DEBUG=$debug: $lines frame lines, not $frames:"; printf '%s\n' "$out"; status=1
  fi
  if ! printf '%s\n' "$out" | grep -qx "exit 0"; then
    echo "ACTOR_MAP_DEBUG=$debug: did not quit by itself with status 0:"; printf '%s\n' "$out"; status=1
  fi
  # The frames counted are the window's own, one after another; the first
  # with the map is usually the window's first, but a slow reading
  # thread (as under a sanitizer) may miss it.
  printf '%s\n' "$out" | sed -n "s/.*the window's frame \([0-9]*\)$/\1/p" >"$numbers"
  if ! awk 'NR == 1 && $1 < 1 { exit 1 } NR > 1 && $1 != last + 1 { exit 1 } { last = $1 }' "$numbers"; then
    echo "ACTOR_MAP_DEBUG=$debug: frames not numbered one after another from 1 on:"; cat "$numbers"; status=1
  fi
}

numbers=$(mktemp)
check startup-timing 1
check "something-else, startup-timing=3" 3
rm -f "$numbers"
exit $status
