#!/usr/bin/env python3
# Time to the first picture of a map without positions, against the bare
# libxml2 SAX pass over the same file, measured in turn.
#
#   build-aux/measure-first-picture.py FILE [PAIRS] [FLOOR]
#
# Needs a display (run it under xvfb-run) and a build in _build. Each
# pair runs FLOOR (default /tmp/peers/floor_sax) on FILE, then
# _build/tests/actor-map-window-load-timing on FILE, then the headless
# read `_build/src/actor-map --stats FILE`; it prints each pair and the
# medians of the ratios taken pair by pair, so that a machine whose speed
# drifts still gives fair figures.
#
# first picture: from the window program's start to the canvas showing
#   the map's first frame; final: to the final layout in place; delay:
#   the longest the main loop was late, from opening the file on; peak:
#   the window program's peak memory, over that of the headless read.

import os
import re
import statistics
import subprocess
import sys
import time

SUMMARY = re.compile(r"summary: process start \+ (-?[0-9.]+) s, first picture (-?[0-9.]+) s, "
                     r"final layout (-?[0-9.]+) s, longest delay ([0-9.]+) ms, "
                     r"peak RSS ([0-9.]+) MiB")
MAX_RSS = re.compile(r"Maximum resident set size \(kbytes\): ([0-9]+)")


def timed(argv, env=None):
    start = time.monotonic()
    result = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env, check=False)
    return time.monotonic() - start, result


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: measure-first-picture.py FILE [PAIRS] [FLOOR]")
    path = sys.argv[1]
    pairs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    floor = sys.argv[3] if len(sys.argv) > 3 else "/tmp/peers/floor_sax"
    env = dict(os.environ, GSETTINGS_SCHEMA_DIR="_build/data", GDK_DEBUG="gl-disable")

    rows = []
    for i in range(pairs):
        floor_s, _ = timed([floor, path])
        _, window = timed(["_build/tests/actor-map-window-load-timing", path], env)
        _, headless = timed(["/usr/bin/time", "-v", "_build/src/actor-map", "--stats", path])
        summary = SUMMARY.search(window.stdout)
        rss = MAX_RSS.search(headless.stderr)
        if summary is None or rss is None:
            sys.exit("no summary from run %d:\n%s%s" % (i, window.stdout, headless.stderr))
        offset, first, final, delay, peak = (float(g) for g in summary.groups())
        row = {
            "floor": floor_s,
            "first": offset + first,
            "final": offset + final,
            "delay": delay,
            "peak": peak,
            "read_peak": int(rss.group(1)) / 1024.0,
        }
        rows.append(row)
        print("pair %d: floor %.2f s, first picture %.2f s (%.2f×), final %.2f s (%.2f×), "
              "longest delay %.0f ms, peak %.0f MiB / headless read %.0f MiB (%.2f×)"
              % (i + 1, row["floor"], row["first"], row["first"] / row["floor"],
                 row["final"], row["final"] / row["floor"], row["delay"], row["peak"],
                 row["read_peak"], row["peak"] / row["read_peak"]), flush=True)

    def median(key):
        return statistics.median(r[key] for r in rows)

    def median_ratio(key, over):
        return statistics.median(r[key] / r[over] for r in rows)

    print("medians of %d pairs: floor %.2f s; first picture %.2f s, %.2f× the floor; "
          "final %.2f s, %.2f×; longest delay %.0f ms; peak %.0f MiB, %.2f× the headless read"
          % (pairs, median("floor"), median("first"), median_ratio("first", "floor"),
             median("final"), median_ratio("final", "floor"), median("delay"),
             median("peak"), median_ratio("peak", "read_peak")))


if __name__ == "__main__":
    main()
