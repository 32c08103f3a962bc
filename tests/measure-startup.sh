#!/bin/sh
# Start-up time of the desktop app on the bundled map: from the process's
# start to the first frame the window draws with the map.
#
#   tests/measure-startup.sh [ACTOR_MAP [RUNS [OTHER...]]]
#
# Needs a display; without one, run it under Xvfb, and under a session
# bus as on a desktop:
#   xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
#     env GDK_BACKEND=x11 GSK_RENDERER=cairo tests/measure-startup.sh _build/src/actor-map 11 \
#     _build/tests/actor-map-startup-floor
# One run of each comes first unmeasured, so that caches are warm and the
# session's accessibility bus is up. _build/tests/actor-map-startup-floor,
# a bare libadwaita window, prints the same line: measured in turn with
# the app, it shows how much of the time is the toolkit's own. Programs
# named after RUNS are run in turn with ACTOR_MAP, one of each per round,
# so that a busy machine slows them alike; each is then compared with
# ACTOR_MAP by the median over rounds of their whole-process times.

app=${1:-_build/src/actor-map}
runs=${2:-11}
[ $# -gt 2 ] && shift 2 || set --
log=$(mktemp)
times=$(mktemp)

for program in "$app" "$@"; do
  ACTOR_MAP_DEBUG=startup-timing "$program" >/dev/null 2>&1
done

i=0
while [ "$i" -lt "$runs" ]; do
  for program in "$app" "$@"; do
    printf '%s ' "$program" >>"$times"
    started=$(date +%s%N)
    ACTOR_MAP_DEBUG=startup-timing /usr/bin/time -v -o "$log" "$program" 2>/dev/null |
      sed -n 's/^frame with the map: \([0-9.]*\) ms after process start, \([0-9.]*\) ms after main().*/\1 \2/p' |
      tr '\n' ' ' >>"$times"
    ended=$(date +%s%N)
    # Whole process, quitting included, to the microsecond: /usr/bin/time
    # gives it only to 10 ms, as much as the gaps measured here.
    echo "$started $ended" | awk '{ printf "%.3f ", ($2 - $1) / 1e6 }' >>"$times"
    sed -n 's/^.*Maximum resident set size (kbytes): \(.*\)$/\1/p' "$log" |
      tr '\n' ' ' >>"$times"
    # Processor time, which other work on the machine disturbs less.
    awk '/User time \(seconds\)|System time \(seconds\)/ { s += $NF } END { printf "%d ", s * 1000 }' "$log" >>"$times"
    echo "$i" >>"$times"
  done
  i=$((i + 1))
done

awk -v app="$app" '
  function median(a, n,   i, j, t) {
    for (i = 2; i <= n; i++)
      for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  function report(name, a, n,   lo, hi, i) {
    lo = hi = a[1]
    for (i = 2; i <= n; i++) { if (a[i] < lo) lo = a[i]; if (a[i] > hi) hi = a[i] }
    printf "  %-38s median %7.1f  min %7.1f  max %7.1f\n", name, median(a, n), lo, hi
  }
  NF >= 7 {
    p = $1
    if (!(p in n)) order[++programs] = p
    k = ++n[p]
    start[p, k] = $2; main_[p, k] = $3
    wall[p, k] = $4; rss[p, k] = $5 / 1024
    cpu[p, k] = $6; round[p, k] = $7; wall_in_round[p, $7] = wall[p, k]
  }
  END {
    if (programs == 0) { print "no runs printed a frame time"; exit 1 }
    for (q = 1; q <= programs; q++) {
      p = order[q]
      printf "%s: %d runs\n", p, n[p]
      for (k = 1; k <= n[p]; k++) { a[k] = start[p, k]; b[k] = main_[p, k]; c[k] = wall[p, k]; d[k] = rss[p, k]; e[k] = cpu[p, k] }
      report("first frame after process start, ms", a, n[p])
      report("first frame after main(), ms", b, n[p])
      report("whole process, ms", c, n[p])
      report("processor time (user + system), ms", e, n[p])
      report("peak RSS, MiB", d, n[p])
      wall_median[p] = median(c, n[p]); cpu_median[p] = median(e, n[p])
    }
    for (q = 1; q <= programs; q++) {
      p = order[q]
      if (p == app) continue
      m = 0
      for (k = 1; k <= n[p]; k++) {
        r = round[p, k]
        if ((app, r) in wall_in_round && wall_in_round[p, r] > 0) ratio[++m] = wall_in_round[app, r] / wall_in_round[p, r]
      }
      printf "%s / %s, whole process: ratio of medians %.3f, median of per-round ratios %.3f; processor time: ratio of medians %.3f\n",
             app, p, wall_median[app] / wall_median[p], median(ratio, m), cpu_median[app] / cpu_median[p]
    }
  }' "$times"
status=$?
rm -f "$log" "$times"
exit $status
