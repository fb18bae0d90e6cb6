#!/usr/bin/env python3
"""Seeded user POI file for a network without POIs (RNV's streets carry none): `--per-category` POIs in each
of the 9 service categories of the default table (docs/access.md), each placed near a random walkable street
node of the network (up to `--jitter-m` metres off in latitude and longitude), written as CSV
``id,name,lat,lon,category`` for ``kwartier access --pois FILE.csv``.

    benchmarks/access/gen_pois.py city.kwn -o pois.csv --seed 20261128 --per-category 40

The same seed and network give the same file (numpy's PCG64).
"""
from __future__ import annotations

import argparse
import csv
import math
import sys

import numpy as np

import kwartier

CATEGORIES = ["pharmacy", "health_care", "library", "town_hall", "childcare", "school", "food_shop", "park",
              "post_office"]


def generate(network: kwartier.Network, seed: int, per_category: int, jitter_m: float) -> list[dict[str, object]]:
    xy = network.node_latlon("walk")
    nodes = xy[~np.isnan(xy[:, 0])]
    if len(nodes) == 0:
        raise SystemExit("the network has no walkable street node")
    rng = np.random.default_rng(seed)
    rows: list[dict[str, object]] = []
    for cat in CATEGORIES:
        pick = rng.integers(0, len(nodes), per_category)
        d = rng.uniform(-jitter_m, jitter_m, (per_category, 2))
        for k in range(per_category):
            lat, lon = nodes[pick[k]]
            lat += d[k, 0] / 111_195.0
            lon += d[k, 1] / (111_195.0 * math.cos(math.radians(lat)))
            rows.append({"id": len(rows) + 1, "name": f"{cat} {k + 1}", "lat": f"{lat:.7f}", "lon": f"{lon:.7f}",
                         "category": cat})
    return rows


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("network", help=".kwn network file")
    ap.add_argument("-o", "--output", required=True, help="CSV to write")
    ap.add_argument("--seed", type=int, default=20261128)
    ap.add_argument("--per-category", type=int, default=40)
    ap.add_argument("--jitter-m", type=float, default=50.0)
    a = ap.parse_args(argv)
    rows = generate(kwartier.Network.open(a.network), a.seed, a.per_category, a.jitter_m)
    with open(a.output, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["id", "name", "lat", "lon", "category"])
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {a.output}: {len(rows)} POIs in {len(CATEGORIES)} categories (seed {a.seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
