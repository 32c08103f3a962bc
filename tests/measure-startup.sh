#!/bin/sh
# Start-up time of the desktop app on the bundled map: from the process's
# start to the first frame the window draws with the map.
#
#   tests/measure-startup.sh [ACTOR_MAP [RUNS]]
#
# Needs a display; without one, run it under Xvfb, and under a session
# bus as on a desktop:
#   xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
#     env GDK_BACKEND=x11 GSK_RENDERER=cairo tests/measure-startup.sh _build/src/actor-map 11
# One run comes first unmeasured, so that caches are warm and the
# session's accessibility bus is up. _build/tests/actor-map-startup-floor,
# a bare libadwaita window, prints the same line: measured in turn with
# the app, it shows how much of the time is the toolkit's own.

app=${1:-_build/src/actor-map}
runs=${2:-11}
log=$(mktemp)
times=$(mktemp)

ACTOR_MAP_DEBUG=startup-timing "$app" >/dev/null 2>&1

i=0
while [ "$i" -lt "$runs" ]; do
  ACTOR_MAP_DEBUG=startup-timing /usr/bin/time -v -o "$log" "$app" 2>/dev/null |
    sed -n 's/^frame with the map: \([0-9.]*\) ms after process start, \([0-9.]*\) ms after main().*/\1 \2/p' |
    tr '\n' ' ' >>"$times"
  # Whole process, quitting included, as /usr/bin/time sees it.
  sed -n 's/^.*Elapsed (wall clock) time (h:mm:ss or m:ss): \(.*\)$/\1/p; s/^.*Maximum resident set size (kbytes): \(.*\)$/\1/p' "$log" |
    tr '\n' ' ' >>"$times"
  echo >>"$times"
  i=$((i + 1))
done

awk '
  function median(a, n,   i, j, t) {
    for (i = 2; i <= n; i++)
      for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  function report(name, a, n,   lo, hi, i) {
    lo = hi = a[1]
    for (i = 2; i <= n; i++) { if (a[i] < lo) lo = a[i]; if (a[i] > hi) hi = a[i] }
    printf "%-38s median %7.1f  min %7.1f  max %7.1f\n", name, median(a, n), lo, hi
  }
  NF >= 4 {
    n++; start[n] = $1; main_[n] = $2
    split($3, t, ":"); wall[n] = (t[1] * 60 + t[2]) * 1000; rss[n] = $4 / 1024
  }
  END {
    if (n == 0) { print "no runs printed a frame time"; exit 1 }
    printf "%d runs\n", n
    report("first frame after process start, ms", start, n)
    report("first frame after main(), ms", main_, n)
    report("whole process (/usr/bin/time), ms", wall, n)
    report("peak RSS, MiB", rss, n)
  }' "$times"
status=$?
rm -f "$log" "$times"
exit $status
