#!/usr/bin/env python3
# Peak memory of a map opened in the window, against the headless read of
# the same file and a bare libadwaita window, measured in turn.
#
#   build-aux/measure-peak-memory.py FILE [PAIRS] [--timeline] [--gl]
#
# Needs a display (run it under xvfb-run) and a build in _build. Each
# round runs the bare window (_build/tests/actor-map-startup-floor), the
# window loading FILE (_build/tests/actor-map-window-load-timing) and the
# headless read (`_build/src/actor-map --stats FILE`), and prints their
# peaks (VmHWM) with two ratios: the window's over the read's, and the
# map's share, (window - bare window) / read, which leaves out what the
# toolkit takes whatever it shows. Both windows draw with GL disabled, as
# in measure-first-picture.py, unless --gl is given.
#
# --timeline also prints, for the first round, the window's resident
# memory each time its loading moved on to a new stage, and its highest
# between stages, to tell which stage the peak belongs to.

import os
import re
import statistics
import subprocess
import sys
import threading
import time

MAX_RSS = re.compile(r"Maximum resident set size \(kbytes\): ([0-9]+)")
STATUS_FIELD = re.compile(r"^(VmRSS|VmHWM):\s+([0-9]+) kB", re.MULTILINE)


def status_mib(pid):
    try:
        with open("/proc/%d/status" % pid) as status:
            fields = dict(STATUS_FIELD.findall(status.read()))
    except OSError:
        return None
    if "VmRSS" not in fields or "VmHWM" not in fields:
        return None
    return int(fields["VmRSS"]) / 1024.0, int(fields["VmHWM"]) / 1024.0


def peak_of(argv, env):
    result = subprocess.run(["/usr/bin/time", "-v"] + argv, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, env=env, check=False)
    match = MAX_RSS.search(result.stderr)
    if match is None:
        sys.exit("no peak from %s:\n%s" % (argv[0], result.stderr))
    return int(match.group(1)) / 1024.0


def window_peak(path, env, timeline):
    """Samples the window program's memory while it runs; its own
    peak is read last, just before it exits, from its summary line."""
    # Line by line, for the stages to be seen as they come.
    process = subprocess.Popen(["stdbuf", "-oL", "_build/tests/actor-map-window-load-timing", path],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True, env=env)
    highest = [0.0]
    lines = []

    def sample():
        while process.poll() is None:
            now = status_mib(process.pid)
            if now is not None:
                highest[0] = max(highest[0], now[0])
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    for line in process.stdout:
        now = status_mib(process.pid)
        lines.append((line.rstrip(), now, highest[0]))
        highest[0] = 0.0
    process.wait()
    sampler.join()

    summary = [l for l, _, _ in lines if l.startswith("summary:")]
    match = re.search(r"peak RSS ([0-9.]+) MiB", summary[0]) if summary else None
    if match is None:
        sys.exit("no summary from the window:\n%s" % "\n".join(l for l, _, _ in lines))
    if timeline:
        print("  %-56s %8s %8s" % ("stage", "RSS", "highest"))
        for line, now, high in lines:
            if now is None or not re.match(r"^\s*[0-9.]+ s  ", line):
                continue
            print("  %-56s %6.0f M %6.0f M" % (line.strip()[:56], now[0], max(high, now[0])))
    return float(match.group(1))


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if not args:
        sys.exit("usage: measure-peak-memory.py FILE [PAIRS] [--timeline] [--gl]")
    path = args[0]
    rounds = int(args[1]) if len(args) > 1 else 3
    env = dict(os.environ, GSETTINGS_SCHEMA_DIR="_build/data")
    if "--gl" not in sys.argv:
        env["GDK_DEBUG"] = "gl-disable"

    rows = []
    for i in range(rounds):
        floor = peak_of(["_build/tests/actor-map-startup-floor"], env)
        window = window_peak(path, env, "--timeline" in sys.argv and i == 0)
        read = peak_of(["_build/src/actor-map", "--stats", path], env)
        rows.append((floor, window, read))
        print("round %d: bare window %.0f MiB, window %.0f MiB, headless read %.0f MiB: "
              "%.2f× the read, map's share %.2f×"
              % (i + 1, floor, window, read, window / read, (window - floor) / read), flush=True)

    print("medians of %d rounds: bare window %.0f MiB, window %.0f MiB, headless read %.0f MiB; "
          "%.2f× the read, map's share %.2f×"
          % (rounds, statistics.median(r[0] for r in rows), statistics.median(r[1] for r in rows),
             statistics.median(r[2] for r in rows),
             statistics.median(r[1] / r[2] for r in rows),
             statistics.median((r[1] - r[0]) / r[2] for r in rows)))


if __name__ == "__main__":
    main()
