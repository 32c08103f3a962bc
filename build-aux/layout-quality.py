#!/usr/bin/env python3
# layout-quality.py: how readable a layout is, ours against Graphviz's.
#
#   build-aux/layout-quality.py clustered DIR
#       writes DIR/clustered.graphml and DIR/clustered.dot: 10,000 nodes in
#       20 groups, 50,000 edges, nine in ten inside a group
#   build-aux/layout-quality.py overlaps OURS.svg THEIRS.dot
#       nodes drawn on top of another (Graphviz's default 0.75 x 0.5 inch
#       nodes), and centres within 1 pt of another
#   build-aux/layout-quality.py clusters OURS.svg THEIRS.dot
#       for the clustered graph: the share of each node's 10 nearest
#       neighbours on the page that are in its group (0.05 at random)
#
# OURS.svg is `actor-map --export=OURS.svg FILE.graphml`; THEIRS.dot is
# `sfdp -Tdot FILE.dot` (any layout with pos= attributes).
import collections
import math
import random
import re
import sys

GROUPS = 20


def write_clustered(directory):
    rng = random.Random(7)
    n, m = 10000, 50000
    group = [i % GROUPS for i in range(n)]
    members = [[i for i in range(n) if group[i] == g] for g in range(GROUPS)]
    edges = set()
    while len(edges) < m:
        a = rng.randrange(n)
        b = rng.choice(members[group[a]]) if rng.random() < 0.9 else rng.randrange(n)
        if a != b:
            edges.add((a, b))
    with open(f"{directory}/clustered.graphml", "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
                '<key id="label" for="node" attr.name="label" attr.type="string"/>\n'
                '<key id="aff" for="node" attr.name="affiliation" attr.type="string"/>\n'
                '<graph edgedefault="undirected">\n')
        for i in range(n):
            f.write(f'<node id="n{i}"><data key="label">n{i}</data>'
                    f'<data key="aff">Group {group[i]}</data></node>\n')
        for a, b in sorted(edges):
            f.write(f'<edge source="n{a}" target="n{b}"/>\n')
        f.write('</graph>\n</graphml>\n')
    with open(f"{directory}/clustered.dot", "w") as f:
        f.write("graph G {\n")
        for a, b in sorted(edges):
            f.write(f"n{a} -- n{b};\n")
        f.write("}\n")


def ours(path):
    svg = open(path).read()
    found = re.findall(r'<g class="node[^"]*" id="node-([^"]*)"><title>[^<]*</title>\n'
                       r'<circle cx="([-\d.]+)" cy="([-\d.]+)" r="([\d.]+)"', svg)
    return [(float(x), float(y), i) for i, x, y, r in found], float(found[0][3])


def theirs(path):
    dot = open(path).read()
    found = re.findall(r'^\s*(\w+)\s+\[[^\]]*?pos="([-\d.]+),([-\d.]+)"', dot, re.M | re.S)
    return [(float(x), float(y), i) for i, x, y in found]


def grid_of(points, cell):
    grid = collections.defaultdict(list)
    for index, (x, y, _) in enumerate(points):
        grid[(int(x // cell), int(y // cell))].append(index)
    return grid


def overlaps(name, points, rx, ry):
    cell = 2 * max(rx, ry)
    grid = grid_of(points, cell)
    overlapping = coincident = 0
    for index, (x, y, _) in enumerate(points):
        gx, gy = int(x // cell), int(y // cell)
        hit = near = False
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for other in grid[(gx + dx, gy + dy)]:
                    if other == index:
                        continue
                    ox, oy, _ = points[other]
                    near |= math.hypot(ox - x, oy - y) < 1
                    hit |= ((ox - x) / (2 * rx)) ** 2 + ((oy - y) / (2 * ry)) ** 2 < 1
        overlapping += hit
        coincident += near
    print(f"{name}: {len(points)} nodes; on top of another: {overlapping} "
          f"({100 * overlapping / len(points):.1f}%); centres within 1 pt: {coincident}")


def clusters(name, points, k=10):
    group = [int(re.sub(r"\D", "", i)) % GROUPS for _, _, i in points]
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    cell = math.sqrt((max(xs) - min(xs)) * (max(ys) - min(ys)) / len(points) * 4)
    grid = grid_of(points, cell)
    total = 0.0
    for index, (x, y, _) in enumerate(points):
        gx, gy = int(x // cell), int(y // cell)
        reach = 1
        while True:
            nearby = [o for dx in range(-reach, reach + 1) for dy in range(-reach, reach + 1)
                      for o in grid[(gx + dx, gy + dy)] if o != index]
            if len(nearby) >= 3 * k or reach > 6:
                break
            reach += 1
        nearby.sort(key=lambda o: (points[o][0] - x) ** 2 + (points[o][1] - y) ** 2)
        nearest = nearby[:k]
        total += sum(group[o] == group[index] for o in nearest) / max(1, len(nearest))
    print(f"{name}: share of the 10 nearest nodes in the same group: {total / len(points):.2f}")


def main(argv):
    if len(argv) == 3 and argv[1] == "clustered":
        write_clustered(argv[2])
    elif len(argv) == 4 and argv[1] in ("overlaps", "clusters"):
        points, radius = ours(argv[2])
        other = theirs(argv[3])
        if argv[1] == "overlaps":
            overlaps("ours", points, radius, radius)
            overlaps("theirs", other, 27, 18)
        else:
            clusters("ours", points)
            clusters("theirs", other)
    else:
        sys.exit(__doc__ if __doc__ else "see the comment at the top of this file")


if __name__ == "__main__":
    main(sys.argv)
