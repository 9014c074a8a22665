#!/usr/bin/env python3
"""Generate the offline basemap layers of Heritage Atlas from GSHHG / WDBII via GMT.

Outputs (RFC 7946 GeoJSON, lon/lat, 5 decimals):
  public/data/basemap/water.geojson   Polygon features: lakes and the Yangtze estuary
  public/data/basemap/rivers.geojson  LineString features: rivers and canals
With --world (see "World mode" below; 2 decimals):
  public/data/basemap/world-land.geojson    Polygon features: land (continents, islands)
  public/data/basemap/world-lakes.geojson   Polygon features: big lakes, islands as holes
  public/data/basemap/world-rivers.geojson  LineString features: major rivers

Needs the Debian packages `gmt` and `gmt-gshhg-full` (full-resolution GSHHG 2.3.7
shorelines and WDBII rivers, LGPL-3). Standard library only otherwise. Run from the
repo root:  python3 tools/basemap.py   (see --help for options).

What GMT gives (investigated on GMT 6.4 / GSHHG 2.3.7, region 119.9/121.4/30.9/32.1):

* `gmt coast -R.. -Df -M -W<level>/<pen>` dumps shoreline *pieces cut at the
  1-degree GSHHG bins*, clipped to -R (GMT inserts points along the -R edge where a piece
  is cut). Empty segments occur. A lake crossing bin edges (Taihu) comes out as
  several open pieces whose end points match exactly; they are re-joined here.
  A bare `-W2` is NOT "level 2": GMT reads it as a 2p pen for all levels.
  Every piece keeps the GSHHG orientation "water on the right": lakes come out
  clockwise, islands anticlockwise, and this script relies on that.
    level 1 (land/sea) here is the Yangtze estuary: GSHHG counts the river as sea
      up to about 120.05E (west of Jiangyin), with islands/shoals in it
      (Chongming's west end is cut by the east edge). It becomes one "coast"
      polygon = water side of the shoreline closed along the bbox edge, with the
      islands as holes.
    level 2 (lakes): Taihu, Yangcheng Lake, Dianshan Lake, and two clipped slivers
      of an unnamed lake polygon at the west edge near 119.9E 32.0N (probably
      water beside the Yangtze near Yangzhong; the larger one, 5 km2, is kept).
      -A0/2/2+r (river-lakes only) returns nothing in this box.
    level 3 (islands in lakes): Xishan and Mashan in Taihu -> holes.
    level 4 (ponds on islands): none here, handled anyway.
  Smaller lakes (Jinji, Dushu, Chenghu, Kuncheng ...) are not in GSHHG.
* `gmt coast -R.. -Df -M -Ia` dumps WDBII rivers of every bin touching -R,
  *not* clipped, split at bin edges, with zero-length 2-point stubs at the cuts.
  Pieces are re-joined where exactly two ends meet, then clipped to the bbox.
  Levels: 0 double-lined river outline, 1-7 rivers, 8-10 canals (8 = major canal,
  which is the Grand Canal through Changzhou - Wuxi - Suzhou - Jiaxing).

Processing: join pieces -> close along the bbox edge -> drop rings below
--min-area-km2 -> assign holes -> Douglas-Peucker (--tolerance degrees) ->
round to 5 decimals -> RFC 7946 winding (outer rings anticlockwise).
Names are given only to Taihu and Yangcheng Lake, by point-in-polygon with the
label points in LABELS below. Output is deterministic (no timestamps, stable order).

World mode (`python3 tools/basemap.py --world`, needs `gmt` + `gmt-gshhg-low`):
the coarse layer the app draws beneath the regional one when a dataset's sites (or
the visitor's view) reach beyond it. Region -180/180/-85/85 (Web Mercator stops at
85.05 degrees), GSHHG low resolution (-Dl; crude -Dc is ~25 km and looks jagged at
zoom 5-6, where this layer matters most).
* Land polygons, not sea polygons. The map's background under the world layer is
  painted water and land is filled on top. A sea polygon would be the whole world
  minus every continent: one ring around the frame with ~800 holes, whose outer
  ring has to run along the antimeridian and both poles; any seam or pole artefact
  would flood a continent. Land rings are mostly closed already; the few that GMT
  cuts at the frame (Eurasia and Fiji at 180 degrees, Antarctica, whose level-1
  outline is the ice front, cut at -85) are closed along the frame edge, where no
  one sees the seam. Land pieces keep "water on the right", so they are reversed and
  closed by the same clockwise walk as the regional water rings (build_land).
* Lakes: level 2 rings >= --lake-min-area-km2 (default 1000 km2: the Caspian, the
  Great Lakes, Baikal, Victoria, Poyang, Taihu...), level-3 islands as holes.
* Rivers: WDBII levels 1-2 (major and additional major rivers), pieces joined at
  bin cuts, >= --min-length-km (default 100 km).
* No political boundaries, on purpose (GMT's -N is never called): maps published
  in China must take borders from the official standard map (标准地图), so the
  atlas draws none rather than one that may be wrong.
* Douglas-Peucker 0.02 degrees (about 1 px at zoom 6 at the equator), land rings
  below 200 km2 dropped, coordinates rounded to 2 decimals (about 1 km). The app
  simplifies again per zoom.
Measured (GMT 6.4, GSHHG 2.3.7, gzip -9): land 164,492 B, lakes 33,352 B, rivers
64,656 B: 262,500 bytes gzipped in total (596 KB + 121 KB + 280 KB raw). The script
prints these figures and fails when the total is over WORLD_BUDGET_GZ (300,000).
"""

import argparse
import gzip
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile

BBOX = (119.9, 121.4, 30.9, 32.1)  # west, east, south, north
ATTRIBUTION = "GSHHG / WDBII shorelines and rivers (Wessel & Smith), LGPL-3, via GMT"
GENERATED_BY = "tools/basemap.py"

# Label points (lon, lat) used to name lakes by point-in-polygon. Both were checked
# against the GSHHG polygons: the Taihu point lies in open water north of Xishan
# island; the Yangcheng point lies in the big lake ENE of Suzhou city
# (GSHHG polygon spanning about 120.64-120.87E, 31.35-31.48N).
LABELS = [
    ((120.20, 31.20), {"zh": "太湖", "en": "Taihu Lake"}),
    ((120.80, 31.43), {"zh": "阳澄湖", "en": "Yangcheng Lake"}),
]

REGIONAL_DEFAULTS = {"tolerance": 0.0005, "min_area_km2": 0.25, "lake_min_area_km2": None,
                     "min_length_km": 0.5, "resolution": "f", "decimals": 5}

# The world layer (--world): see "World mode" in the docstring.
WORLD_BBOX = (-180.0, 180.0, -85.0, 85.0)  # Web Mercator ends at 85.05 degrees
WORLD_RIVER_LEVELS = (1, 2)  # WDBII: 1 major rivers, 2 additional major rivers
WORLD_BUDGET_GZ = 300_000  # bytes, all three files, gzip -9
WORLD_DEFAULTS = {"tolerance": 0.02, "min_area_km2": 200.0, "lake_min_area_km2": 1000.0,
                  "min_length_km": 100.0, "resolution": "l", "decimals": 2}

EPS = 1e-9  # tolerance for "point lies on the bbox edge"


# ----------------------------------------------------------------------------- GMT

def run_gmt(args, gmt):
    """Run one gmt command in a scratch directory (GMT writes gmt.history to cwd)."""
    cmd = [gmt] + args + ["--GMT_HISTORY=false"]
    with tempfile.TemporaryDirectory(prefix="basemap-gmt-") as tmp:
        res = subprocess.run(cmd, cwd=tmp, capture_output=True, text=True)
    if res.returncode != 0:
        sys.exit("basemap.py: `%s` failed (%d):\n%s" % (" ".join(cmd), res.returncode, res.stderr))
    return res.stdout


def shoreline_pieces(base, level, gmt):
    """The shoreline pieces of one GSHHG level (1 land/sea, 2 lake, 3 island, 4 pond)."""
    # NB: a bare "-W2" is read by GMT as a 2-point pen for *all* levels; the
    # level must be followed by "/<pen>" (the pen itself is ignored with -M).
    cmd = base + ["-W%d/0.25p" % level]
    print("gmt " + " ".join(cmd), file=sys.stderr)
    pieces = []
    for header, pts in parse_segments(run_gmt(cmd, gmt)):
        if not header.endswith("Level %d" % level):
            sys.exit("basemap.py: unexpected segment header %r for -W%d" % (header, level))
        if len(pts) >= 2:
            pieces.append(pts)
    return pieces


def parse_segments(text):
    """Parse GMT multi-segment text. Returns [(header, [(lon, lat), ...])], empty ones dropped."""
    segs = []
    header, pts = None, None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith(">"):
            if pts:
                segs.append((header, pts))
            header, pts = line[1:].strip(), []
            continue
        parts = line.split()
        p = (float(parts[0]), float(parts[1]))
        if pts is None:
            header, pts = "", []
        if not pts or pts[-1] != p:
            pts.append(p)
    if pts:
        segs.append((header, pts))
    return segs


# ------------------------------------------------------------------------ geometry

def ring_area(ring):
    """Signed shoelace area in deg^2 (positive = anticlockwise). Ring may be open or closed."""
    a = 0.0
    n = len(ring)
    for i in range(n):
        x1, y1 = ring[i]
        x2, y2 = ring[(i + 1) % n]
        a += x1 * y2 - x2 * y1
    return a / 2.0


def area_km2(ring):
    lat = sum(p[1] for p in ring) / len(ring)
    kx = 111.32 * math.cos(math.radians(lat))
    return abs(ring_area(ring)) * kx * 110.57


def point_in_ring(pt, ring):
    x, y = pt
    inside = False
    n = len(ring)
    j = n - 1
    for i in range(n):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y):
            xc = xi + (y - yi) * (xj - xi) / (yj - yi)
            if x < xc:
                inside = not inside
        j = i
    return inside


def point_in_polygon(pt, rings):
    return point_in_ring(pt, rings[0]) and not any(point_in_ring(pt, h) for h in rings[1:])


def on_edge(p, bbox):
    """Which bbox edges the point lies on, as a set of 'N','E','S','W'."""
    w, e, s, n = bbox
    edges = set()
    if abs(p[1] - n) < EPS:
        edges.add("N")
    if abs(p[0] - e) < EPS:
        edges.add("E")
    if abs(p[1] - s) < EPS:
        edges.add("S")
    if abs(p[0] - w) < EPS:
        edges.add("W")
    return edges


def perimeter_pos(p, bbox):
    """Clockwise position along the bbox outline, starting at the NW corner."""
    w, e, s, n = bbox
    dx, dy = e - w, n - s
    x, y = p
    if abs(y - n) < EPS:
        return x - w
    if abs(x - e) < EPS:
        return dx + (n - y)
    if abs(y - s) < EPS:
        return dx + dy + (e - x)
    if abs(x - w) < EPS:
        return 2 * dx + dy + (y - s)
    raise ValueError("point %r not on bbox edge" % (p,))


def corners_cw(bbox):
    """Corners with their clockwise perimeter positions: NE, SE, SW, NW."""
    w, e, s, n = bbox
    dx, dy = e - w, n - s
    return [(dx, (e, n)), (dx + dy, (e, s)), (2 * dx + dy, (w, s)), (2 * dx + 2 * dy, (w, n))]


def join_directed(pieces):
    """Join oriented pieces whose end equals another piece's start (GSHHG bin cuts).

    Returns (rings, chains): closed rings (first point not repeated) and open chains.
    """
    by_start = {}
    for i, p in enumerate(pieces):
        by_start.setdefault(p[0], []).append(i)
    has_pred = set()
    for i, p in enumerate(pieces):
        for j in by_start.get(p[-1], []):
            if j != i:
                has_pred.add(j)
    used = set()
    rings, chains = [], []

    def follow(i):
        line = list(pieces[i])
        used.add(i)
        while True:
            nxt = [j for j in by_start.get(line[-1], []) if j not in used]
            if not nxt:
                return line
            used.add(nxt[0])
            line.extend(pieces[nxt[0]][1:])

    for i in range(len(pieces)):  # chains start at pieces nobody continues into
        if i not in used and i not in has_pred:
            chains.append(follow(i))
    for i in range(len(pieces)):  # the rest form cycles
        if i not in used:
            chains.append(follow(i))
    out_chains = []
    for c in chains:
        if len(c) > 2 and c[0] == c[-1]:
            rings.append(c[:-1])
        else:
            out_chains.append(c)
    return rings, out_chains


def split_at_bbox_edges(ring_or_chain, closed, bbox):
    """Cut out the parts that run along the bbox edge (added by GMT's clipping).

    Returns (rings, chains). A closed ring that does not touch the edge stays a ring.
    """
    pts = ring_or_chain
    n = len(pts)
    segs = [(pts[i], pts[(i + 1) % n]) for i in range(n if closed else n - 1)]

    def along_edge(a, b):
        return bool(on_edge(a, bbox) & on_edge(b, bbox))

    cut = [along_edge(a, b) for a, b in segs]
    if not any(cut):
        return ([pts] if closed else []), ([] if closed else [pts])
    if closed:  # rotate so that the ring starts right after a cut segment
        k = cut.index(True)
        segs = segs[k + 1:] + segs[:k + 1]
        cut = cut[k + 1:] + cut[:k + 1]
    chains, cur = [], []
    for (a, b), c in zip(segs, cut):
        if c:
            if len(cur) >= 2:
                chains.append(cur)
            cur = []
        else:
            if not cur:
                cur = [a]
            cur.append(b)
    if len(cur) >= 2:
        chains.append(cur)
    return [], chains


def close_along_bbox(chains, bbox):
    """Close open chains (water on the right) into rings by walking the bbox clockwise."""
    for c in chains:
        if not (on_edge(c[0], bbox) and on_edge(c[-1], bbox)):
            raise ValueError("open shoreline chain not ending on the bbox edge: %r .. %r" % (c[0], c[-1]))
    per = 2 * ((bbox[1] - bbox[0]) + (bbox[3] - bbox[2]))
    starts = [perimeter_pos(c[0], bbox) for c in chains]
    remaining = set(range(len(chains)))
    rings = []
    while remaining:
        first = min(remaining)
        remaining.discard(first)
        ring = list(chains[first])
        cur = first
        for _ in range(len(chains) + 1):
            t_end = perimeter_pos(chains[cur][-1], bbox)
            # next chain start clockwise from t_end (may be the first chain itself)
            cands = [first] + sorted(remaining)
            best, best_d = None, None
            for j in cands:
                d = (starts[j] - t_end) % per
                if best is None or d < best_d - 1e-12:
                    best, best_d = j, d
            # insert bbox corners passed on the way
            for t_c, corner in corners_cw(bbox) + [(t + per, c) for t, c in corners_cw(bbox)]:
                dc = t_c - t_end
                if 1e-12 < dc < best_d - 1e-12 and dc < per:
                    ring.append(corner)
            if best == first:
                break
            remaining.discard(best)
            ring.extend(chains[best])
            cur = best
        rings.append(dedupe(ring))
    return rings


def dedupe(ring):
    out = []
    for p in ring:
        if not out or out[-1] != p:
            out.append(p)
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def build_polygons(pieces_by_level, bbox, min_area):
    """Shoreline pieces -> list of (level, [outer, holes...]); rings still GSHHG-oriented.

    Pieces of all given levels are closed along the bbox in one walk, so an island
    cut by the edge inside a lake cut by the edge still works. A ring gets the level
    of its first piece; clockwise rings are water (shells), anticlockwise are land (holes).
    """
    shells, holes = [], []
    open_chains = []
    for level in sorted(pieces_by_level):
        rings, chains = join_directed(pieces_by_level[level])
        for r in rings:
            rr, cc = split_at_bbox_edges(r, True, bbox)
            for x in rr:
                (shells if ring_area(x) < 0 else holes).append((level, x))
            open_chains.extend((level, c) for c in cc)
        for c in chains:
            _, cc = split_at_bbox_edges(c, False, bbox)
            open_chains.extend((level, c2) for c2 in cc)
    first_pt_level = {c[0]: lv for lv, c in open_chains}
    for x in close_along_bbox([c for _, c in open_chains], bbox):
        (shells if ring_area(x) < 0 else holes).append((first_pt_level.get(x[0], 0), x))
    shells = [(lv, r) for lv, r in shells if area_km2(r) >= min_area]
    holes = [(lv, r) for lv, r in holes if area_km2(r) >= min_area]
    polys = [(lv, [r]) for lv, r in shells]
    for _, h in holes:
        probe = next((p for p in h if not on_edge(p, bbox)), h[0])
        best = None
        for i, (_, rings) in enumerate(polys):
            if point_in_ring(probe, rings[0]):
                if best is None or abs(ring_area(rings[0])) < abs(ring_area(polys[best][1][0])):
                    best = i
        if best is not None:
            polys[best][1].append(h)
        else:
            print("WARNING: land ring near %r has no surrounding water ring; dropped" % (h[0],),
                  file=sys.stderr)
    return polys


def clip_line(line, bbox):
    """Clip a polyline to the bbox (Liang-Barsky per segment). Returns list of parts."""
    w, e, s, n = bbox
    parts, cur = [], []
    for a, b in zip(line, line[1:]):
        x0, y0 = a
        dx, dy = b[0] - x0, b[1] - y0
        t0, t1, ok = 0.0, 1.0, True
        for p, q in ((-dx, x0 - w), (dx, e - x0), (-dy, y0 - s), (dy, n - y0)):
            if p == 0:
                if q < 0:
                    ok = False
                    break
            else:
                r = q / p
                if p < 0:
                    t0 = max(t0, r)
                else:
                    t1 = min(t1, r)
        if not ok or t0 > t1:
            if len(cur) >= 2:
                parts.append(cur)
            cur = []
            continue
        pa = (x0 + t0 * dx, y0 + t0 * dy) if t0 > 0 else a
        pb = (x0 + t1 * dx, y0 + t1 * dy) if t1 < 1 else b
        if cur and cur[-1] != pa:
            if len(cur) >= 2:
                parts.append(cur)
            cur = []
        if not cur:
            cur = [pa]
        if pb != cur[-1]:
            cur.append(pb)
        if t1 < 1:
            if len(cur) >= 2:
                parts.append(cur)
            cur = []
    if len(cur) >= 2:
        parts.append(cur)
    return parts


def join_undirected(pieces):
    """Join river pieces at points where exactly two piece ends meet (bin cuts)."""
    pieces = [list(p) for p in pieces if len(set(p)) > 1]  # drop zero-length stubs at bin cuts
    ends = {}
    for i, p in enumerate(pieces):
        ends.setdefault(p[0], []).append(i)
        ends.setdefault(p[-1], []).append(i)
    alive = {i: p for i, p in enumerate(pieces)}
    changed = True
    while changed:
        changed = False
        for pt in sorted(ends):
            ids = ends[pt]
            if len(ids) != 2 or ids[0] == ids[1]:
                continue
            i, j = ids
            a, b = alive[i], alive[j]
            a = a if a[-1] == pt else a[::-1]
            b = b if b[0] == pt else b[::-1]
            merged = a + b[1:]
            alive[i] = merged
            del alive[j]
            del ends[pt]
            for q in (merged[0], merged[-1]):
                ends[q] = [i if k == j else k for k in ends[q]]
            changed = True
            break
    return [alive[i] for i in sorted(alive)]


def _perp_dist(p, a, b):
    ax, ay = a
    dx, dy = b[0] - ax, b[1] - ay
    if dx == 0 and dy == 0:
        return math.hypot(p[0] - ax, p[1] - ay)
    t = ((p[0] - ax) * dx + (p[1] - ay) * dy) / (dx * dx + dy * dy)
    t = max(0.0, min(1.0, t))
    return math.hypot(p[0] - (ax + t * dx), p[1] - (ay + t * dy))


def douglas_peucker(pts, tol):
    """Iterative Douglas-Peucker on an open polyline (keeps both ends)."""
    if len(pts) < 3 or tol <= 0:
        return list(pts)
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        i, j = stack.pop()
        dmax, idx = -1.0, None
        for k in range(i + 1, j):
            d = _perp_dist(pts[k], pts[i], pts[j])
            if d > dmax:
                dmax, idx = d, k
        if idx is not None and dmax > tol:
            keep[idx] = True
            stack.append((i, idx))
            stack.append((idx, j))
    return [p for p, k in zip(pts, keep) if k]


def simplify_ring(ring, tol, bbox):
    """DP on a closed ring: split at the vertex farthest from the first one."""
    if len(ring) < 4:
        return list(ring)
    p0 = ring[0]
    far = max(range(len(ring)), key=lambda k: (ring[k][0] - p0[0]) ** 2 + (ring[k][1] - p0[1]) ** 2)
    a = douglas_peucker(ring[:far + 1], tol)
    b = douglas_peucker(ring[far:] + [ring[0]], tol)
    return a[:-1] + b[:-1]


def rnd(p, nd):
    return (round(p[0], nd) + 0.0, round(p[1], nd) + 0.0)


def finish_ring(ring, tol, nd, bbox, ccw):
    r = dedupe([rnd(p, nd) for p in simplify_ring(ring, tol, bbox)])
    if len(r) < 3 or ring_area(r) == 0:
        return None
    if (ring_area(r) > 0) != ccw:
        r = r[::-1]
    return [list(p) for p in r] + [list(r[0])]


def finish_line(line, tol, nd):
    out = []
    for p in douglas_peucker(line, tol):
        q = rnd(p, nd)
        if not out or out[-1] != q:
            out.append(q)
    return [list(p) for p in out] if len(out) >= 2 else None


def line_km(line):
    tot = 0.0
    for a, b in zip(line, line[1:]):
        kx = 111.32 * math.cos(math.radians((a[1] + b[1]) / 2))
        tot += math.hypot((b[0] - a[0]) * kx, (b[1] - a[1]) * 110.57)
    return tot


# -------------------------------------------------------------------------- output

def write_fc(path, features):
    fc = {
        "type": "FeatureCollection",
        "attribution": ATTRIBUTION,
        "generated_by": GENERATED_BY,
        "features": features,
    }
    text = json.dumps(fc, ensure_ascii=False, separators=(",", ":"))
    # one feature per line keeps diffs readable
    text = text.replace(',{"type":"Feature"', ',\n{"type":"Feature"').replace('"features":[{', '"features":[\n{')
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text + "\n")
    return len(text.encode("utf-8")) + 1


def count_vertices(features):
    n = 0
    for f in features:
        g = f["geometry"]
        if g["type"] == "Polygon":
            n += sum(len(r) for r in g["coordinates"])
        elif g["type"] == "LineString":
            n += len(g["coordinates"])
    return n


# --------------------------------------------------------------------- world mode

def build_land(pieces, bbox, min_area):
    """Level-1 shoreline pieces -> land rings (no holes: lakes are their own layer).

    Closed rings are land already (anticlockwise: water on the right). Pieces cut at
    the bbox edge (Eurasia and Fiji at 180 degrees, Antarctica along its whole coast)
    are reversed, so that land lies on their right, and closed by the same clockwise
    walk along the bbox that closes the regional water rings: it then encloses land.
    """
    rings, chains = join_directed(pieces)
    land, open_chains = [], []
    for r in rings:
        rr, cc = split_at_bbox_edges(r, True, bbox)
        land.extend(rr)
        open_chains.extend(cc)
    for c in chains:
        _, cc = split_at_bbox_edges(c, False, bbox)
        open_chains.extend(cc)
    if open_chains:
        land.extend(close_along_bbox([c[::-1] for c in open_chains], bbox))
    return [r for r in land if area_km2(r) >= min_area]


def world_main(args, gmt, repo):
    """Writes world-land, world-lakes and world-rivers (see WORLD_DOC)."""
    w, e, s, n = WORLD_BBOX
    base = ["coast", "-R%g/%g/%g/%g" % (w, e, s, n), "-D" + args.resolution, "-M"]

    def shoreline(level):
        return shoreline_pieces(base, level, gmt)

    def polygon(rings, props):
        out = []
        for k, r in enumerate(rings):
            fr = finish_ring(r, args.tolerance, args.decimals, WORLD_BBOX, ccw=(k == 0))
            if fr is None:
                if k == 0:
                    return None
                continue
            out.append(fr)
        return {"type": "Feature", "properties": props,
                "geometry": {"type": "Polygon", "coordinates": out}}

    def largest_first(features):
        # stable: by area, then by the first point, so equal areas never swap between runs
        features.sort(key=lambda f: (-abs(ring_area([tuple(p) for p in f["geometry"]["coordinates"][0]])),
                                     f["geometry"]["coordinates"][0][0]))
        return features

    land = [polygon([r], {"kind": "land"})
            for r in build_land(shoreline(1), WORLD_BBOX, args.min_area_km2)]
    land = largest_first([f for f in land if f])
    lake_levels = {lv: p for lv, p in ((2, shoreline(2)), (3, shoreline(3))) if p}
    lakes = [polygon(rings, {"kind": "lake", "level": lv})
             for lv, rings in build_polygons(lake_levels, WORLD_BBOX, args.lake_min_area_km2)]
    lakes = largest_first([f for f in lakes if f])

    cmd = base + ["-Ia"]
    print("gmt " + " ".join(cmd), file=sys.stderr)
    by_level = {}
    for header, pts in parse_segments(run_gmt(cmd, gmt)):
        lv = int(header.rsplit("Level", 1)[1].strip())
        if lv in WORLD_RIVER_LEVELS and len(pts) >= 2:
            by_level.setdefault(lv, []).append(pts)
    rivers = []
    for lv in sorted(by_level):
        for line in join_undirected(by_level[lv]):
            for part in clip_line(line, WORLD_BBOX):
                if line_km(part) < args.min_length_km:
                    continue
                coords = finish_line(part, args.tolerance, args.decimals)
                if coords:
                    rivers.append({"type": "Feature", "properties": {"kind": "river", "level": lv},
                                   "geometry": {"type": "LineString", "coordinates": coords}})

    total = 0
    for fname, feats in (("world-land.geojson", land), ("world-lakes.geojson", lakes),
                         ("world-rivers.geojson", rivers)):
        path = os.path.join(args.out_dir, fname)
        size = write_fc(path, feats)
        with open(path, "rb") as f:
            gz = len(gzip.compress(f.read(), compresslevel=9, mtime=0))
        total += gz
        shown = os.path.relpath(path, repo) if path.startswith(repo + os.sep) else path
        print("%s: %d features, %d vertices, %d bytes, %d gzipped (-9)" % (
            shown, len(feats), count_vertices(feats), size, gz))
    print("world layer: %d bytes gzipped in total (budget %d)" % (total, WORLD_BUDGET_GZ))
    if total > WORLD_BUDGET_GZ:
        sys.exit("basemap.py: the world layer is over its budget; raise --tolerance or the minimum areas")


def main():
    ap = argparse.ArgumentParser(
        description="Regenerate public/data/basemap/{water,rivers}.geojson (regional, Debian "
                    "packages gmt + gmt-gshhg-full) or, with --world, world-{land,lakes,rivers}"
                    ".geojson (gmt + gmt-gshhg-low) from GSHHG/WDBII. Run from the repo root.")
    ap.add_argument("--world", action="store_true",
                    help="write the coarse world layer instead of the regional one")
    ap.add_argument("--tolerance", type=float,
                    help="Douglas-Peucker tolerance in degrees (default 0.0005, about 50 m, "
                         "roughly one screen pixel at 1:200k; --world: %g)" % WORLD_DEFAULTS["tolerance"])
    ap.add_argument("--min-area-km2", type=float,
                    help="drop lake/island/estuary rings smaller than this, after clipping "
                         "(default 0.25 km2; --world: %g, for land)" % WORLD_DEFAULTS["min_area_km2"])
    ap.add_argument("--lake-min-area-km2", type=float,
                    help="--world only: drop lakes smaller than this (default %g)"
                         % WORLD_DEFAULTS["lake_min_area_km2"])
    ap.add_argument("--min-length-km", type=float,
                    help="drop river pieces shorter than this after clipping (default 0.5 km; "
                         "--world: %g)" % WORLD_DEFAULTS["min_length_km"])
    ap.add_argument("--resolution", choices="fhilc",
                    help="GSHHG resolution passed to gmt -D (default f = full; --world: %s)"
                         % WORLD_DEFAULTS["resolution"])
    ap.add_argument("--decimals", type=int,
                    help="coordinate decimals (default 5; --world: %d)" % WORLD_DEFAULTS["decimals"])
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--out-dir", default=os.path.join(repo, "public", "data", "basemap"),
                    help="output directory (default <repo>/public/data/basemap)")
    ap.add_argument("--gmt", default="gmt", help="gmt executable (default: gmt on PATH)")
    args = ap.parse_args()
    defaults = WORLD_DEFAULTS if args.world else REGIONAL_DEFAULTS
    for key, value in defaults.items():
        if getattr(args, key) is None:
            setattr(args, key, value)

    if args.world:
        gmt = shutil.which(args.gmt)
        if not gmt:
            sys.exit("basemap.py: gmt not found; apt-get install -y gmt gmt-gshhg-low")
        world_main(args, gmt, repo)
        return
    gmt = shutil.which(args.gmt)
    if not gmt:
        sys.exit("basemap.py: gmt not found; apt-get install -y gmt gmt-gshhg-full")
    w, e, s, n = BBOX
    region = "-R%g/%g/%g/%g" % (w, e, s, n)
    base = ["coast", region, "-D" + args.resolution, "-M"]

    # --- shorelines: level 1 land/sea, 2 lake, 3 island in lake, 4 pond on island
    shore = {}
    for level in (1, 2, 3, 4):
        pieces = shoreline_pieces(base, level, gmt)
        if pieces:
            shore[level] = pieces
    # Level 1 and 3 rings are land inside water of level 0/2, so polygons are built
    # separately for the sea (levels 1) and the lakes (levels 2-4).
    water = []
    if 1 in shore:
        for lv, rings in build_polygons({1: shore[1]}, BBOX, args.min_area_km2):
            water.append(("coast", lv, rings))
    lake_levels = {lv: shore[lv] for lv in (2, 3, 4) if lv in shore}
    if lake_levels:
        for lv, rings in build_polygons(lake_levels, BBOX, args.min_area_km2):
            water.append(("lake", lv, rings))

    named = {}
    for pt, name in LABELS:
        hits = [i for i, (k, _, rings) in enumerate(water) if k == "lake" and point_in_polygon(pt, rings)]
        if len(hits) != 1:
            print("WARNING: label point %r for %s is in %d lake polygons" % (pt, name["en"], len(hits)),
                  file=sys.stderr)
        for i in hits:
            named[i] = name

    features = []
    for i, (kind, lv, rings) in enumerate(water):
        out = []
        for k, r in enumerate(rings):
            fr = finish_ring(r, args.tolerance, args.decimals, BBOX, ccw=(k == 0))
            if fr is None:
                if k == 0:
                    break
                continue
            out.append(fr)
        if not out:
            continue
        props = {"kind": kind, "level": lv}
        if i in named:
            props["name"] = named[i]
        features.append({"type": "Feature", "properties": props,
                         "geometry": {"type": "Polygon", "coordinates": out}})
    # stable order: kind, then largest first
    features.sort(key=lambda f: (f["properties"]["kind"] != "lake",
                                 -abs(ring_area([tuple(p) for p in f["geometry"]["coordinates"][0]]))))
    water_feats = features

    # --- rivers and canals (WDBII); the dump is whole bins, clip to the bbox ourselves
    cmd = base + ["-Ia"]
    print("gmt " + " ".join(cmd), file=sys.stderr)
    by_level = {}
    for header, pts in parse_segments(run_gmt(cmd, gmt)):
        try:
            lv = int(header.rsplit("Level", 1)[1].strip())
        except (IndexError, ValueError):
            sys.exit("basemap.py: cannot read river level from header %r" % header)
        if len(pts) >= 2:
            by_level.setdefault(lv, []).append(pts)
    river_feats = []
    for lv in sorted(by_level):
        kind = "canal" if lv >= 8 else "river"
        for line in join_undirected(by_level[lv]):
            for part in clip_line(line, BBOX):
                if line_km(part) < args.min_length_km:
                    continue
                coords = finish_line(part, args.tolerance, args.decimals)
                if coords:
                    river_feats.append({"type": "Feature", "properties": {"kind": kind, "level": lv},
                                        "geometry": {"type": "LineString", "coordinates": coords}})

    for fname, feats in (("water.geojson", water_feats), ("rivers.geojson", river_feats)):
        path = os.path.join(args.out_dir, fname)
        size = write_fc(path, feats)
        shown = os.path.relpath(path, repo) if path.startswith(repo + os.sep) else path
        print("%s: %d features, %d vertices, %d bytes" % (shown, len(feats), count_vertices(feats), size))
    for f in water_feats:
        p = f["properties"]
        ring = f["geometry"]["coordinates"][0]
        print("  %-5s level %d  %7.1f km2  holes %d  %s" % (
            p["kind"], p["level"], area_km2([tuple(q) for q in ring]),
            len(f["geometry"]["coordinates"]) - 1, p.get("name", {}).get("en", "")))


if __name__ == "__main__":
    main()
