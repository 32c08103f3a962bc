#!/bin/sh
# dev.sh: set up a fresh Debian 12 machine, build, and run the app or the tests.
#
#   build-aux/dev.sh run [FILE]   install what is missing, build, open FILE (default: the bundled map)
#   build-aux/dev.sh test         install what is missing, build, run the whole test suite
#
# BUILD_DIR picks the build folder (default _build); WERROR=1 turns warnings into errors.
set -eu

cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-_build}

# Debian 12 packages: the build, the tests and the desktop checks.
packages="meson ninja-build pkg-config gcc gettext libglib2.0-dev libglib2.0-dev-bin
  libxml2-dev libxml2-utils libcairo2-dev libpango1.0-dev libgtk-4-dev libadwaita-1-dev
  desktop-file-utils appstream xvfb xauth fonts-cantarell fonts-dejavu-core locales
  chromium tesseract-ocr librsvg2-bin imagemagick"

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"

install_missing () {
  missing=""
  for package in $packages; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed"; then
      missing="$missing $package"
    fi
  done
  [ -z "$missing" ] && return 0

  echo "Installing:$missing"
  $sudo apt-get update -q
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing
}

# The tests write numbers under a locale whose decimal separator is a comma.
ensure_test_locale () {
  locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$' && return 0
  echo "Generating the de_DE.UTF-8 locale"
  $sudo sh -c "grep -qx 'de_DE.UTF-8 UTF-8' /etc/locale.gen 2>/dev/null ||
    echo 'de_DE.UTF-8 UTF-8' >> /etc/locale.gen; locale-gen"
}

configure () {
  werror=false
  [ "${WERROR:-0}" = 1 ] && werror=true
  if [ -f "$build_dir/build.ninja" ]; then
    meson configure "$build_dir" -Dwerror=$werror
  else
    meson setup "$build_dir" -Dwerror=$werror
  fi
  meson compile -C "$build_dir"
}

command=${1:-run}
[ $# -gt 0 ] && shift

case "$command" in
  run)
    install_missing
    configure
    # Uninstalled: settings and translations come from the build folder.
    export GSETTINGS_SCHEMA_DIR="$PWD/$build_dir/data"
    export ACTOR_MAP_LOCALEDIR="$PWD/$build_dir/po"
    exec "$build_dir/src/actor-map" "$@"
    ;;
  test)
    install_missing
    ensure_test_locale
    configure
    # Tests that need a display get a virtual one.
    exec xvfb-run -a -s "-screen 0 1280x800x24" \
      meson test -C "$build_dir" --print-errorlogs "$@"
    ;;
  *)
    echo "usage: $0 run [FILE] | test [MESON-TEST-ARGS]" >&2
    exit 2
    ;;
esac
