#!/usr/bin/env python3
# layout-overlaps.py: how many nodes sit on top of each other, in an SVG
# exported by Actor Map and in a Graphviz layout (DOT with pos=, default
# 0.75 x 0.5 inch nodes).
#
#   build-aux/layout-overlaps.py OURS.svg THEIRS.dot
import re, sys, math, collections
def stats(name, pts, rx, ry):
    cell = max(rx, ry) * 2
    grid = collections.defaultdict(list)
    for i, (x, y) in enumerate(pts):
        grid[(int(x // cell), int(y // cell))].append(i)
    overl = 0; coinc = 0; nn = []
    for i, (x, y) in enumerate(pts):
        gx, gy = int(x // cell), int(y // cell)
        best = 2 * cell; hit = False
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for j in grid[(gx + dx, gy + dy)]:
                    if j == i: continue
                    X, Y = pts[j]
                    d = math.hypot(X - x, Y - y)
                    best = min(best, d)
                    # two ellipses overlap roughly when the normalised distance < 2
                    if ((X - x) / (2 * rx)) ** 2 + ((Y - y) / (2 * ry)) ** 2 < 1: hit = True
        overl += hit
        if best < 1: coinc += 1
        nn.append(best / max(rx, ry))
    nn.sort()
    print(f"{name}: {len(pts)} nodes, centres within 1 pt of another: {coinc}, "
          f"nodes overlapping another: {overl} ({100*overl/len(pts):.1f}%), "
          f"median nearest-centre distance = {nn[len(nn)//2]:.2f} node radii")
svg = open(sys.argv[1]).read()
ours = [(float(a), float(b)) for a, b, r in re.findall(r'<g class="node[^"]*" id="node-[^"]*"><title>[^<]*</title>\n<circle cx="([-\d.]+)" cy="([-\d.]+)" r="([\d.]+)"', svg)]
r = float(re.search(r'<circle cx="[-\d.]+" cy="[-\d.]+" r="([\d.]+)"', svg).group(1))
stats("ours", ours, r, r)
dot = open(sys.argv[2]).read()
sf = [(float(a), float(b)) for a, b in re.findall(r'^\tn\d+\s+\[height=[\d.]+,\s*pos="([-\d.]+),([-\d.]+)"', dot, re.M)]
stats("sfdp", sf, 27, 18)
