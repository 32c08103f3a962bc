# screen-reader-check.py: run by screen-reader-check.sh, inside its session.
import subprocess
import sys
import time

import pyatspi


def key(name):
    subprocess.run(["xdotool", "key", name], check=True)
    time.sleep(0.3)


def walk(obj):
    yield obj
    for child in obj:
        if child is not None:
            yield from walk(child)


desktop = pyatspi.Registry.getDesktop(0)
app = next((a for a in desktop if a is not None and a.name == "actor-map"), None)
if app is None:
    sys.exit("actor-map is not on the accessibility bus")

key("alt+2")
time.sleep(1)
matrix = next((o for o in walk(app)
               if o.getRoleName() == "panel" and (o.name or "").startswith("Positions in")), None)
if matrix is None:
    sys.exit("no Positions matrix on the accessibility bus")

for _ in range(20):
    if matrix.getState().contains(pyatspi.STATE_FOCUSED):
        break
    key("Tab")
print("focused:", matrix.name)

heard = None
for row in range(15):
    for column in range(15):
        if matrix.name.startswith("Kaja Kallas on") and "G8" in matrix.name:
            heard = matrix.name
            break
        key("Right")
    if heard:
        break
    for column in range(15):
        key("Left")
    key("Down")

print("heard:", heard)
print("description:", matrix.description)
sys.exit(0 if heard == "Kaja Kallas on Russia’s return to the G8: opposes, 1 statement" else 1)
