"""15-minute city: which POI categories each origin reaches within a threshold, on foot, by bike and by public
transport (``kwartier access`` on the command line, ``kw_access_score`` in C; docs/access.md).

>>> import kwartier, kwartier.access as acc
>>> net = kwartier.Network.open("city.kwn")
>>> df = acc.score(net, modes=["walk", "transit"], minutes=15, grid_m=200, date="2024-12-10", time="08:00")
>>> df[["id", "walk_pharmacy_s", "walk_reached", "share"]].head()
>>> df.attrs["kwartier"]["summary"]          # per category and mode: share of origins reaching it, median
>>> acc.plot(df, "map.png", html="map.html")  # PNG (matplotlib) and an offline HTML map (folium)

Columns: ``id, lat, lon, weight`` (``row, col`` for grid cells), ``<mode>_<category>_s`` (seconds to the nearest
POI; NaN past ``max_minutes``), ``<mode>_reached`` (categories within the threshold), ``<mode>_share``
(weighted share of categories within the threshold) and ``share`` (by any of the modes) -- the same names as
the CSV and GeoJSON the CLI writes. Every option and default is ``access::score_request``'s
(``kwartier.defaults()["access.score"]``). The GIL is released while scoring.
"""
from __future__ import annotations

import os
from typing import Any, Callable, Optional, Sequence, Union

import numpy as np
import pandas as pd

from . import _args, _kwartier

PathLike = Union[str, "os.PathLike[str]"]

__all__ = ["score", "origins", "plot", "html"]

_D = _kwartier.access_defaults()["access.score"]
_UNREACHABLE = np.iinfo(np.int32).max


def _modes(modes: Union[str, Sequence[str]]) -> str:
    if isinstance(modes, str):
        return modes
    if not all(isinstance(m, str) for m in modes):
        raise _args._type_error("modes", "a list of 'walk', 'bike', 'transit'", modes)
    return ",".join(modes)


def _categories(categories: Any) -> str:
    if categories is None:
        return ""
    if isinstance(categories, str):
        return categories
    if isinstance(categories, dict):
        return ",".join(f"{k}:{float(v)!r}" for k, v in categories.items())
    return ",".join(str(c) for c in categories)


def _given(origins: Any) -> Optional[dict[str, Any]]:
    """Origins given as a DataFrame (lat, lon[, weight, id, node]) or an (n, 2) array of (lat, lon)."""
    if isinstance(origins, pd.DataFrame):
        n = len(origins)
        return {
            "lat": np.asarray(origins["lat"], dtype=float).tolist(),
            "lon": np.asarray(origins["lon"], dtype=float).tolist(),
            "weight": np.asarray(origins["weight"] if "weight" in origins else np.ones(n), dtype=float).tolist(),
            "node": np.asarray(origins["node"] if "node" in origins else -np.ones(n), dtype=np.int64).tolist(),
            "id": [str(x) for x in (origins["id"] if "id" in origins else range(1, n + 1))],
        }
    a = np.asarray(origins, dtype=float)
    if a.ndim != 2 or a.shape[1] != 2:
        raise _args._type_error("origins", "a path, a DataFrame with lat/lon or an (n, 2) array", origins)
    n = a.shape[0]
    return {"lat": a[:, 0].tolist(), "lon": a[:, 1].tolist(), "weight": [1.0] * n, "node": [-1] * n,
            "id": [str(i + 1) for i in range(n)]}


def origins(network: Any, *, grid_m: float = _D["grid_m"], origins: Optional[PathLike] = None,
            weight_column: Optional[str] = None, max_snap_m: float = _D["max_snap_m"]) -> pd.DataFrame:
    """The origins a request names (a grid, a CSV/GeoJSON file, else every street node) as a DataFrame
    ``id, lat, lon, weight, node`` (node: street node index, -1 for a point), e.g. to split them into tasks."""
    d = _kwartier.access_origins(network._impl, _args.number("grid_m", grid_m),
                                 "" if origins is None else _args.path("origins", origins),
                                 weight_column or "", _args.number("max_snap_m", max_snap_m))
    df = pd.DataFrame({"id": d["id"], "lat": d["lat"], "lon": d["lon"], "weight": d["weight"], "node": d["node"]})
    if d["grid"] is not None:
        df["row"] = d["row"]
        df["col"] = d["col"]
    df.attrs["kind"] = d["kind"]
    df.attrs["grid"] = d["grid"]
    return df


def score(
    network: Any,
    pois: PathLike = _D["pois"],
    modes: Union[str, Sequence[str]] = ("walk",),
    minutes: float = _D["minutes"],
    origins: Any = None,
    *,
    grid_m: float = _D["grid_m"],
    category_column: str = _D["category_column"],
    categories: Any = None,
    max_minutes: float = _D["max_minutes"],
    date: Optional[str] = None,
    time: str = _D["time"],
    window_minutes: float = _D["window_minutes"],
    percentile: float = _D["percentile"],
    weight_column: Optional[str] = None,
    areas: Optional[PathLike] = None,
    area_name: str = _D["area_name"],
    max_snap_m: float = _D["max_snap_m"],
    threads: int = _D["threads"],
    progress: Optional[Callable[[str, float], None]] = None,
) -> pd.DataFrame:
    """Scores every origin: ``origins`` is None (every street node, or the grid of ``grid_m``-metre cells), a
    CSV/GeoJSON path, a DataFrame with ``lat, lon`` (and ``weight``, ``id``, ``node``) or an (n, 2) array.
    ``pois`` is ``"osm"`` (the network's) or a CSV/GeoJSON file whose ``category_column`` names the category;
    ``categories`` a list, a dict of weights or ``"pharmacy,school:2"``. Without ``date`` transit departs on
    the first Tuesday with service (``df.attrs["kwartier"]["date"]``). ``areas``: districts (GeoJSON) for
    ``df.attrs["kwartier"]["areas"]``."""
    if progress is not None and not callable(progress):
        raise _args._type_error("progress", "a callable (stage, fraction)", progress)
    path = ""
    given = None
    if origins is not None:
        if isinstance(origins, (str, os.PathLike)):
            path = _args.path("origins", origins)
        else:
            given = _given(origins)
    r = _kwartier.access_score(
        network._impl, _args.path("pois", pois) if pois != "osm" else "osm", category_column,
        _categories(categories), _modes(modes), _args.number("minutes", minutes),
        _args.number("max_minutes", max_minutes), date or "", time, _args.number("window_minutes", window_minutes),
        _args.number("percentile", percentile), _args.number("grid_m", grid_m), path, weight_column or "",
        "" if areas is None else _args.path("areas", areas), area_name, _args.number("max_snap_m", max_snap_m),
        _args.integer("threads", threads), given, progress)
    return _frame(r)


def _frame(r: dict[str, Any]) -> pd.DataFrame:
    o = r["origins"]
    s = r["summary"]
    cols: dict[str, Any] = {"id": o["id"], "lat": o["lat"], "lon": o["lon"], "weight": o["weight"]}
    if o["grid"] is not None:
        cols["row"] = o["row"]
        cols["col"] = o["col"]
    sec = r["seconds"]
    cats = [c["name"] for c in s["categories"]]
    for mi, m in enumerate(s["modes"]):
        for ci, c in enumerate(cats):
            v = sec[mi, ci].astype(float)
            v[sec[mi, ci] == _UNREACHABLE] = np.nan
            cols[f"{m}_{c}_s"] = v
        cols[f"{m}_reached"] = r["reached"][mi].astype(np.int64)
        cols[f"{m}_share"] = r["share"][mi].astype(float)
    cols["share"] = r["share_any"].astype(float)
    df = pd.DataFrame(cols)
    p = r["pois"]
    df.attrs["kwartier"] = s
    df.attrs["pois"] = pd.DataFrame({"lat": p["lat"], "lon": p["lon"],
                                     "category": [cats[c] for c in p["category"]], "name": p["name"]})
    df.attrs["cells"] = o["cells"]
    df.attrs["area_polygons"] = r["area_polygons"]
    return df


def _map_data(df: pd.DataFrame, mode: Optional[str]) -> dict[str, Any]:
    s = df.attrs.get("kwartier")
    if s is None:
        raise _args._type_error("df", "a DataFrame returned by kwartier.access.score", df)
    m = mode or s["modes"][0]
    if m not in s["modes"]:
        raise _args._type_error("mode", f"one of {s['modes']}", mode)
    pois = df.attrs["pois"]
    cats = [c["name"] for c in s["categories"]]
    areas = None
    if df.attrs.get("area_polygons") is not None:
        areas = [(a["name"], poly) for a, poly in zip(s["areas"], df.attrs["area_polygons"])]
    return {
        "mode": m, "categories": cats, "minutes": s["minutes"], "date": s["date"], "time": s["time"],
        "window_minutes": s["window_minutes"], "percentile": s["percentile"],
        "lat": np.asarray(df["lat"]), "lon": np.asarray(df["lon"]), "reached": np.asarray(df[f"{m}_reached"]),
        "ids": list(df["id"]), "cells": df.attrs.get("cells"),
        "pois": (np.asarray(pois["lat"]), np.asarray(pois["lon"]), [cats.index(c) for c in pois["category"]],
                 list(pois["name"])),
        "areas": areas,
    }


def plot(df: pd.DataFrame, path: Optional[PathLike] = None, *, mode: Optional[str] = None,
         html: Optional[PathLike] = None, title: Optional[str] = None) -> Any:
    """Draws the scores of ``mode`` (default: the first scored): cells (or points) coloured by the number of
    categories reached within the threshold, the POIs on top, a legend, a scale bar, the title with the mode
    and the date/time. Writes a PNG to ``path`` (and an offline HTML map to ``html``); returns the matplotlib
    Figure."""
    from . import _access_draw
    md = _map_data(df, mode)
    fig = _access_draw.png(md, None if path is None else os.fspath(path), title)
    if html is not None:
        _access_draw.html(md, os.fspath(html), title)
    return fig


def html(df: pd.DataFrame, path: PathLike, *, mode: Optional[str] = None, title: Optional[str] = None) -> None:
    """Writes the interactive map (folium, Leaflet inlined from Debian's libjs-leaflet: works offline)."""
    from . import _access_draw
    _access_draw.html(_map_data(df, mode), os.fspath(path), title)
