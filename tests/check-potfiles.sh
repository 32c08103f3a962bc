#!/bin/sh
# check-potfiles.sh SOURCE_ROOT: po/POTFILES.in names every source file that
# marks strings for translation, and nothing that does not exist.
set -eu
cd "$1"
status=0
for file in $(grep -l 'glib/gi18n' src/*.c src/*/*.c); do
  grep -qx "$file" po/POTFILES.in || { echo "not in po/POTFILES.in: $file"; status=1; }
done
while read -r file; do
  [ -z "$file" ] || [ -f "$file" ] || { echo "in po/POTFILES.in but missing: $file"; status=1; }
done < po/POTFILES.in
exit $status
