#!/usr/bin/env python3
"""Peer for the walk part of the 15-minute benchmark: the usual data-science way, OSMnx + NetworkX, on the same
streets (the RNV OSM extract, kept to the ways kwartier's walk profile allows: src/street/profile.h restated
below), the same POI file and the same speed (1.3 m/s).

Per category: one ``networkx.multi_source_dijkstra_path_length`` from the graph nodes nearest to its POIs (the
POIs of the peer's file sit on street nodes, so both sides attach them to the same node) with a 30-minute
cutoff; an origin reaches the category when its time is within 15 minutes. OSMnx's simplification drops the
nodes where two ways continue each other, so only the POIs on nodes it kept are scored, on both sides.
kwartier's answer for the same POIs (``kwartier.access.score``, walk, every street node) is computed in the
same process; origins are matched by
their coordinates, and the answers must agree (within 2 s or 1 %) on at least 99 % of the matched
(origin, category) pairs before the times count. Prints one JSON object.

    benchmarks/access/peer_osmnx.py rnv.osm.pbf rnv.kwn pois-on-nodes.csv --threads 2
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import os
import sys
import tempfile
import time
from typing import Any

import numpy as np

WALK_MPS = 1.3
WALK_HW = {"trunk", "trunk_link", "primary", "primary_link", "secondary", "secondary_link", "tertiary",
           "tertiary_link", "unclassified", "residential", "living_street", "service", "road", "track", "cycleway",
           "path", "busway", "footway", "pedestrian", "steps", "corridor", "platform", "bridleway", "elevator"}
YES = {"yes", "designated", "permissive", "destination", "official", "customers"}
NO = {"no", "private", "agricultural", "forestry", "delivery", "use_sidepath", "discouraged_no"}


def walkable(tags: Any) -> bool:
    hw = tags.get("highway")
    if hw not in WALK_HW:
        return False
    ok = tags.get("access") not in NO and tags.get("motorroad") != "yes"
    foot = tags.get("foot")
    if foot in YES:
        ok = True
    if foot in NO:
        ok = False
    return ok


def to_walk_xml(pbf: str, out: str) -> int:
    """The extract's walkable ways and their nodes as OSM XML (what osmnx.graph_from_xml reads)."""
    import osmium

    keep_nodes: set[int] = set()

    class Ways(osmium.SimpleHandler):  # type: ignore[misc]
        def way(self, w: Any) -> None:
            if walkable(w.tags):
                keep_nodes.update(n.ref for n in w.nodes)

    Ways().apply_file(pbf)
    writer = osmium.SimpleWriter(out)
    n_ways = 0

    class Copy(osmium.SimpleHandler):  # type: ignore[misc]
        def node(self, n: Any) -> None:
            if n.id in keep_nodes:
                writer.add_node(n)

        def way(self, w: Any) -> None:
            nonlocal n_ways
            if walkable(w.tags):
                writer.add_way(w)
                n_ways += 1

    Copy().apply_file(pbf)
    writer.close()
    return n_ways


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("osm")
    ap.add_argument("network")
    ap.add_argument("pois")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--minutes", type=float, default=15.0)
    ap.add_argument("--max-minutes", type=float, default=30.0)
    a = ap.parse_args(argv)

    import networkx as nx
    import osmnx as ox
    from scipy.spatial import cKDTree

    import kwartier
    import kwartier.access as acc

    out: dict[str, Any] = {"osmnx": ox.__version__, "networkx": nx.__version__}
    # ---- setup (not timed as the walk part): XML, graph, POIs to nodes
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        xml = os.path.join(tmp, "walk.osm")
        out["ways"] = to_walk_xml(a.osm, xml)
        G = ox.graph_from_xml(xml, bidirectional=True, simplify=True, retain_all=True)
    out["graph_s"] = time.perf_counter() - t0
    out["graph_nodes"] = G.number_of_nodes()
    out["graph_edges"] = G.number_of_edges()
    ids = np.array(list(G.nodes))
    lat = np.array([G.nodes[n]["y"] for n in ids])
    lon = np.array([G.nodes[n]["x"] for n in ids])
    k = math.cos(math.radians(float(lat.mean())))
    tree = cKDTree(np.c_[lat * 111_195.0, lon * 111_195.0 * k])
    # POIs on a node OSMnx kept (its simplification drops nodes where two ways continue each other): both
    # sides score exactly these.
    cats: dict[str, list[Any]] = {}
    kept: list[dict[str, str]] = []
    with open(a.pois) as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        dist, i = tree.query([float(r["lat"]) * 111_195.0, float(r["lon"]) * 111_195.0 * k])
        if dist < 0.05:
            cats.setdefault(r["category"], []).append(ids[i])
            kept.append(r)
    out["pois"] = len(kept)
    out["pois_dropped"] = len(rows) - len(kept)
    pois_path = os.path.join(tempfile.mkdtemp(), "pois-peer.csv")
    with open(pois_path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(kept)

    # ---- the walk part, timed: one multi-source Dijkstra per category
    cutoff_m = a.max_minutes * 60 * WALK_MPS
    t0 = time.perf_counter()
    peer: dict[str, dict[Any, float]] = {}
    for c, src in cats.items():
        d = nx.multi_source_dijkstra_path_length(G, set(src), cutoff=cutoff_m, weight="length")
        peer[c] = {n: m / WALK_MPS for n, m in d.items()}
    out["peer_walk_s"] = time.perf_counter() - t0

    # ---- kwartier, same process, same POI file, every street node
    net = kwartier.Network.open(a.network)
    t0 = time.perf_counter()
    df = acc.score(net, pois=pois_path, modes=["walk"], minutes=a.minutes, max_minutes=a.max_minutes,
                   threads=a.threads)
    out["kwartier_walk_s"] = time.perf_counter() - t0
    out["kwartier_origins"] = len(df)
    out["categories"] = len(cats)

    # ---- answers: origins matched by coordinates (1e-6 degrees)
    where = {(round(float(y), 6), round(float(x), 6)): n for n, y, x in zip(ids, lat, lon)}
    node = [where.get((round(float(y), 6), round(float(x), 6))) for y, x in zip(df["lat"], df["lon"])]
    matched = [i for i, n in enumerate(node) if n is not None]
    agree = total = reached_ours = reached_peer = one_sided = 0
    diffs: list[float] = []
    thr = a.minutes * 60
    for c in cats:
        ours = df[f"walk_{c}_s"].to_numpy()
        for i in matched:
            p = peer[c].get(node[i], math.inf)
            o = ours[i] if not math.isnan(ours[i]) else math.inf
            total += 1
            reached_ours += o <= thr
            reached_peer += p <= thr
            if math.isinf(o) != math.isinf(p):
                one_sided += 1
            elif not math.isinf(o):
                diffs.append(abs(o - p))
            if (math.isinf(o) and math.isinf(p)) or (not math.isinf(o) and not math.isinf(p)
                                                     and abs(o - p) <= max(2.0, 0.01 * p)):
                agree += 1
    out["matched_origins"] = len(matched)
    out["pairs"] = total
    out["agree"] = agree / total if total else 0.0
    out["one_sided"] = one_sided
    out["diff_p50_s"], out["diff_p90_s"], out["diff_p99_s"] = (float(np.percentile(diffs, q)) for q in (50, 90, 99))
    out["reached_kwartier"] = reached_ours
    out["reached_peer"] = reached_peer
    out["ratio"] = out["peer_walk_s"] / out["kwartier_walk_s"]
    print(json.dumps(out, default=lambda x: x.item()))
    if len(matched) < 0.5 * len(df) or out["agree"] < 0.99:
        print(f"peer answers differ: {out}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
