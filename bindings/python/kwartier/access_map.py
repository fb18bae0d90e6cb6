"""Draws the maps of a GeoJSON written by ``kwartier access -o out.geojson`` (what ``kwartier access --map
out.png --html out.html`` runs):

    python3 -m kwartier.access_map out.geojson --png map.png --html map.html [--mode transit] [--title T]
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any, Optional

import numpy as np

from . import _access_draw


def map_data(doc: dict[str, Any], mode: Optional[str] = None) -> dict[str, Any]:
    """The drawing input of a GeoJSON FeatureCollection written by the core (its "kwartier" member)."""
    meta = doc.get("kwartier")
    if not isinstance(meta, dict):
        raise ValueError("not a kwartier access GeoJSON (no \"kwartier\" member)")
    m = mode or meta["modes"][0]
    if m not in meta["modes"]:
        raise ValueError(f"mode {m!r} was not scored ({', '.join(meta['modes'])})")
    feats = doc["features"]
    lat = np.array([f["properties"]["lat"] for f in feats], dtype=float)
    lon = np.array([f["properties"]["lon"] for f in feats], dtype=float)
    reached = np.array([f["properties"][f"{m}_reached"] for f in feats], dtype=int)
    cells = None
    if meta.get("origins") == "grid":
        cells = np.array([[(p[1], p[0]) for p in f["geometry"]["coordinates"][0][:4]] for f in feats], dtype=float)
        cells = cells.reshape(len(feats), 4, 2)
    pois = meta.get("pois") or []
    areas = None
    if meta.get("areas"):
        areas = [(a["properties"]["name"], [[[(p[1], p[0]) for p in ring] for ring in poly]
                                             for poly in a["geometry"]["coordinates"]])
                 for a in meta["areas"]["features"]]
    return {
        "mode": m, "categories": meta["categories"], "minutes": meta["minutes"], "date": meta.get("date"),
        "time": meta.get("time"), "window_minutes": meta.get("window_minutes", 0),
        "percentile": meta.get("percentile", 50), "lat": lat, "lon": lon, "reached": reached,
        "ids": [f["properties"]["id"] for f in feats], "cells": cells,
        "pois": ([p[0] for p in pois], [p[1] for p in pois], [int(p[2]) for p in pois], [p[3] for p in pois]),
        "areas": areas,
    }


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="python3 -m kwartier.access_map", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("geojson")
    ap.add_argument("--png")
    ap.add_argument("--html")
    ap.add_argument("--mode")
    ap.add_argument("--title")
    a = ap.parse_args(argv)
    try:
        with open(a.geojson, encoding="utf-8") as f:
            md = map_data(json.load(f), a.mode)
        if a.png:
            _access_draw.png(md, a.png, a.title)
        if a.html:
            _access_draw.html(md, a.html, a.title)
    except (OSError, ValueError, KeyError) as e:
        print(f"kwartier.access_map: error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
