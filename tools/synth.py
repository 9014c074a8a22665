#!/usr/bin/env python3
"""Writes a deterministic SYNTHETIC dataset for `make bench`.

China counts about 36,000 immovable revolutionary relics, so the map and the
timeline must stay fluid at that scale. No such open dataset exists, and real
data must never be invented, so this script makes one up: every site, name,
date and position is random, and the file says so (the collection's title, a
`"synthetic": true` on every feature, and the source line).

    python3 tools/synth.py                      # bench/out/synthetic-36k.geojson
    python3 tools/synth.py OUT.geojson --count 500 --seed 7
    python3 tools/synth.py bench/out/synthetic-360k.geojson --count 360000 --lean

`--lean` writes only what the map needs, so 360,000 sites fit under the
viewer's 50 MB limit (MAX_DATASET_BYTES) at about 130 bytes a site instead of
about 450: a plain-string name (the id is generated from it: one note for the
file), a category and a point with three decimals (about 100 m). No events (the
sites are undated: one note for the file) and no sources (one warning a site).

Same arguments, same bytes: the generator is seeded and uses only Python's
stdlib. The output belongs in bench/out/ (gitignored); never put it under
public/, or it would ship in dist/.
"""

from __future__ import annotations

import argparse
import calendar
import json
import os
import random
import sys
import tempfile

DEFAULT_OUT = "bench/out/synthetic-36k.geojson"
DEFAULT_COUNT = 36_000
DEFAULT_SEED = 1921

FIRST_YEAR = 1840
LAST_YEAR = 2021

# A rough outline of mainland China (lon, lat), drawn by hand from memory at
# about one degree: good enough to keep random points on land and out of the
# neighbours; it is not a border and is never drawn.
MAINLAND = [
    (73.5, 39.5), (75.0, 37.2), (78.5, 35.6), (79.0, 32.5), (81.0, 30.2),
    (85.0, 28.4), (88.0, 27.9), (92.0, 27.8), (97.0, 28.2), (98.5, 25.0),
    (97.6, 24.0), (99.5, 22.1), (101.5, 21.3), (103.0, 22.6), (106.5, 22.4),
    (108.0, 21.6), (109.7, 21.5), (110.5, 20.4), (111.0, 21.4), (113.0, 22.2),
    (116.5, 22.9), (119.0, 25.0), (120.0, 26.8), (121.8, 29.6), (121.9, 31.0),
    (120.9, 32.6), (119.3, 34.8), (120.3, 36.0), (122.4, 37.3), (119.0, 37.2),
    (118.0, 38.6), (119.8, 40.0), (121.5, 38.9), (124.3, 39.9), (126.0, 41.5),
    (129.0, 42.4), (130.6, 42.4), (131.2, 44.9), (133.0, 45.0), (134.7, 48.3),
    (130.8, 48.9), (127.5, 49.7), (125.5, 52.9), (121.5, 53.3), (120.0, 52.6),
    (117.8, 49.6), (116.0, 47.6), (115.5, 45.5), (112.0, 45.0), (111.0, 43.5),
    (107.0, 42.2), (103.0, 42.5), (97.0, 42.8), (96.0, 44.0), (91.0, 45.0),
    (90.5, 47.7), (87.5, 49.1), (85.5, 47.0), (83.0, 47.2), (82.5, 45.3),
    (80.0, 44.9), (80.5, 42.5), (77.0, 41.0), (75.0, 40.5),
]

# Where random sites gather: (lon, lat, weight, spread in degrees). Heavier
# and tighter in the east, where most people (and most relics) are; the
# places are only anchors for noise, nothing in the output names them.
CENTRES = [
    (116.4, 39.9, 6, 0.8), (121.4, 31.2, 6, 0.6), (118.8, 32.1, 5, 0.8),
    (120.2, 30.3, 4, 0.8), (113.3, 23.1, 5, 0.9), (114.3, 30.6, 5, 0.9),
    (113.0, 28.2, 5, 1.0), (115.9, 28.7, 5, 1.0), (116.0, 25.9, 4, 0.8),
    (117.2, 31.8, 4, 0.9), (117.0, 36.7, 4, 1.0), (113.6, 34.8, 4, 1.0),
    (114.5, 38.0, 4, 1.0), (112.5, 37.9, 3, 1.0), (109.5, 36.6, 4, 0.9),
    (108.9, 34.3, 3, 0.9), (106.5, 29.6, 4, 1.0), (104.1, 30.7, 3, 1.0),
    (106.7, 26.6, 3, 1.0), (102.7, 25.0, 2, 1.2), (108.4, 22.8, 2, 1.0),
    (119.3, 26.1, 3, 0.8), (123.4, 41.8, 3, 1.2), (125.3, 43.9, 2, 1.2),
    (126.6, 45.8, 2, 1.4), (111.7, 40.8, 1, 1.2), (103.8, 36.1, 1, 1.2),
    (87.6, 43.8, 1, 1.5), (91.1, 29.7, 1, 1.2), (101.8, 36.6, 1, 1.2),
]
# Share of sites scattered over the whole outline (thinning westwards) rather
# than around a centre, so no region is empty.
BACKGROUND_SHARE = 0.2

# The known categories (crates/atlas-core/src/model.rs) and how common each is.
CATEGORIES = [
    ("revolutionary-site", 30), ("memorial", 22), ("event-site", 14),
    ("cemetery", 10), ("museum", 8), ("landmark", 8), ("base", 6), ("zone", 2),
]

# Eras the events fall in, weighted: (first year, last year, weight).
ERAS = [(1840, 1918, 2), (1919, 1949, 5), (1950, 2021, 3)]


def inside(lon: float, lat: float, ring=MAINLAND) -> bool:
    """Even-odd point-in-polygon test."""
    hit = False
    j = len(ring) - 1
    for i, (xi, yi) in enumerate(ring):
        xj, yj = ring[j]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            hit = not hit
        j = i
    return hit


def position(rng: random.Random) -> tuple[float, float]:
    """A random point inside the outline, denser in the east."""
    min_lon = min(p[0] for p in MAINLAND)
    max_lon = max(p[0] for p in MAINLAND)
    min_lat = min(p[1] for p in MAINLAND)
    max_lat = max(p[1] for p in MAINLAND)
    weights = [c[2] for c in CENTRES]
    while True:
        if rng.random() < BACKGROUND_SHARE:
            lon = rng.uniform(min_lon, max_lon)
            lat = rng.uniform(min_lat, max_lat)
            # Keep western points with a probability that falls off westwards.
            if rng.random() > 0.1 + 0.9 * ((lon - min_lon) / (max_lon - min_lon)) ** 1.5:
                continue
        else:
            clon, clat, _, spread = rng.choices(CENTRES, weights)[0]
            lon = rng.gauss(clon, spread)
            lat = rng.gauss(clat, spread * 0.8)
        if inside(lon, lat):
            return round(lon, 4), round(lat, 4)


def date(rng: random.Random, year: int) -> str:
    """A date in `year` at a random precision: YYYY, YYYY-MM or YYYY-MM-DD."""
    roll = rng.random()
    if roll < 0.45:
        return f"{year:04d}"
    month = rng.randint(1, 12)
    if roll < 0.7:
        return f"{year:04d}-{month:02d}"
    day = rng.randint(1, calendar.monthrange(year, month)[1])
    return f"{year:04d}-{month:02d}-{day:02d}"


def events(rng: random.Random, label: str) -> list[dict]:
    """One to three events, in date order, between FIRST_YEAR and LAST_YEAR."""
    first, last, _ = rng.choices(ERAS, [e[2] for e in ERAS])[0]
    count = rng.choices([1, 2, 3], [5, 3, 2])[0]
    years = sorted(
        [rng.randint(first, last)] + [rng.randint(first, LAST_YEAR) for _ in range(count - 1)]
    )
    out = []
    for n, year in enumerate(years, start=1):
        event: dict = {"date": date(rng, year)}
        if len(event["date"]) == 4 and rng.random() < 0.15:
            event["circa"] = True
        elif rng.random() < 0.05 and year < LAST_YEAR:
            event["end_date"] = f"{rng.randint(year + 1, min(year + 8, LAST_YEAR)):04d}"
        event["title"] = {"zh": f"合成事件 {label}-{n}", "en": f"Synthetic event {label}-{n}"}
        out.append(event)
    return out


def feature(rng: random.Random, number: int, width: int) -> dict:
    label = f"{number:0{width}d}"
    lon, lat = position(rng)
    category = rng.choices([c[0] for c in CATEGORIES], [c[1] for c in CATEGORIES])[0]
    # No summaries or event texts: they would only add bytes (36k copies of one
    # sentence); the collection's title and description say what the data is.
    props: dict = {
        "id": f"synthetic-{label}",
        "synthetic": True,
        "name": {"zh": f"合成地点 {label}", "en": f"Synthetic site {label}"},
        "category": category,
        "events": events(rng, label),
        "sources": [{"title": "Synthetic data (tools/synth.py)"}],
    }
    # Some sites are placed only roughly, so uncertainty circles get exercised too.
    if rng.random() < 0.1:
        props["location"] = {
            "datum": "WGS84",
            "precision_m": rng.choice([500, 1000, 2000, 5000]),
            "approximate": True,
        }
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": props,
    }


def lean_feature(rng: random.Random, number: int) -> dict:
    lon, lat = position(rng)
    category = rng.choices([c[0] for c in CATEGORIES], [c[1] for c in CATEGORIES])[0]
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(lon, 3), round(lat, 3)]},
        "properties": {"name": f"S{number}", "category": category},
    }


def collection(count: int, seed: int, lean: bool = False) -> dict:
    rng = random.Random(seed)
    width = max(5, len(str(count)))
    return {
        "type": "FeatureCollection",
        "atlas": {
            "version": 1,
            "title": {
                "zh": f"合成数据（非史实）：{count:,} 处随机生成的地点，仅供性能测试",
                "en": f"SYNTHETIC data (not history): {count:,} randomly generated sites, for performance tests only",
            },
            "description": {
                "zh": f"本数据集由 tools/synth.py（种子 {seed}）随机生成：所有地点、名称、日期和位置都是虚构的，只用于测量地图和时间轴在大数据量下的速度。",
                "en": f"This dataset was generated at random by tools/synth.py (seed {seed}): every site, name, date and position is made up, only to measure how fast the map and the timeline are with many sites.",
            },
            "synthetic": True,
        },
        "features": [
            lean_feature(rng, n) if lean else feature(rng, n, width) for n in range(1, count + 1)
        ],
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", default=DEFAULT_OUT, help=f"output path (default {DEFAULT_OUT})")
    parser.add_argument("--count", type=int, default=DEFAULT_COUNT, help=f"number of sites (default {DEFAULT_COUNT})")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    parser.add_argument("--lean", action="store_true", help="only name, category and point (fits 360k sites under 50 MB)")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("--count must be at least 1")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    target = os.path.abspath(args.out)
    if any(target.startswith(os.path.join(root, d) + os.sep) for d in ("public", "dist")):
        parser.error("synthetic data must not go under public/ or dist/: it would ship with the app")

    data = collection(args.count, args.seed, args.lean)
    out_dir = os.path.dirname(os.path.abspath(args.out))
    os.makedirs(out_dir, exist_ok=True)
    # Write beside the target and rename, so a reader never sees half a file.
    fd, tmp = tempfile.mkstemp(dir=out_dir, prefix=".synth-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, separators=(",", ":"))
            f.write("\n")
        os.chmod(tmp, 0o644)  # mkstemp makes it private; it is only test data
        os.replace(tmp, args.out)
    except BaseException:
        os.unlink(tmp)
        raise
    print(f"synth: wrote {args.count} synthetic sites to {args.out} ({os.path.getsize(args.out) / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
