#!/bin/sh
# screen-reader-check.sh [ACTOR_MAP]: reads the Positions view as a screen
# reader does, through the accessibility bus: Tab into the matrix, arrows
# from cell to cell, until Kaja Kallas's cell on Russia's return to the G8
# is heard. Prints what was heard; fails if that cell never was.
#
# Needs Debian's xvfb, xdotool, at-spi2-core and python3-pyatspi.
set -eu
cd "$(dirname "$0")/.."
app=${1:-_build/src/actor-map}
export AM_APP="$PWD/$app" GSETTINGS_SCHEMA_DIR="$PWD/_build/data"

exec xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- sh -c '
  /usr/libexec/at-spi-bus-launcher --launch-immediately &
  sleep 1
  dbus-send --session --dest=org.a11y.Bus /org/a11y/bus \
    org.freedesktop.DBus.Properties.Set string:org.a11y.Status string:IsEnabled variant:boolean:true
  GDK_BACKEND=x11 GSK_RENDERER=cairo "$AM_APP" &
  app=$!
  sleep 4
  /usr/bin/python3 build-aux/screen-reader-check.py
  status=$?
  kill $app
  exit $status'
