"""Scale 15-minute scores beyond one machine on Dask (docs/access.md, "Dask").

>>> from distributed import Client
>>> import kwartier, kwartier.dask
>>> client = Client("tcp://scheduler:8786")             # or distributed.LocalCluster(n_workers=2)
>>> df = kwartier.dask.access("/data/city.kwn", modes=["walk", "transit"], grid_m=100, client=client)

The origins of the request (a grid, a file, or every street node) are computed once on the caller, split into
``n_tasks`` chunks, and each chunk is one Dask task: ``kwartier.access.score`` on a worker that opens the same
``.kwn`` by path (a :class:`kwartier.Network` pickles as its path), so every worker must see the network (and a
POI file) at that path -- a shared file system or a copy on every machine. Every origin's scores depend on the
network, the POIs and the options only, so the concatenated chunks equal the single-process result row for
row. The result is the per-origin DataFrame of ``kwartier.access.score`` (same columns and order); area
summaries are a single-process feature (``kwartier.access.score(..., areas=...)``).
"""
from __future__ import annotations

import os
from typing import Any, Optional, Sequence, Union

import pandas as pd

from . import _args
from . import access as _access

PathLike = Union[str, "os.PathLike[str]"]

__all__ = ["access", "matrix"]


def _path(network: Any) -> str:
    if isinstance(network, (str, os.PathLike)):
        return os.fspath(network)
    p = getattr(network, "path", None)
    if isinstance(p, str) and p:
        return p
    raise _args._type_error("network", "a .kwn path or a kwartier.Network opened from a file", network)


def _score_chunk(path: str, chunk: pd.DataFrame, kwargs: dict[str, Any]) -> pd.DataFrame:
    from .network import Network

    net = Network.open(path)
    df = _access.score(net, origins=chunk[["id", "lat", "lon", "weight", "node"]], **kwargs)
    for c in ("row", "col"):
        if c in chunk:
            df.insert(4 if c == "row" else 5, c, chunk[c].to_numpy())
    return df


def access(
    network: Any,
    pois: PathLike = "osm",
    modes: Union[str, Sequence[str]] = ("walk",),
    minutes: float = 15.0,
    origins: Optional[PathLike] = None,
    *,
    grid_m: float = 0.0,
    weight_column: Optional[str] = None,
    max_snap_m: Optional[float] = None,
    client: Any = None,
    n_tasks: Optional[int] = None,
    **options: Any,
) -> pd.DataFrame:
    """``kwartier.access.score`` over Dask: the same arguments (``options`` are its keyword options), plus the
    ``client`` (a ``distributed.Client``; None: the default Dask scheduler) and the number of tasks (default:
    4 per worker of the client, else 8)."""
    import dask

    path = _path(network)
    from .network import Network

    net = Network.open(path)
    snap = {} if max_snap_m is None else {"max_snap_m": max_snap_m}
    table = _access.origins(net, grid_m=grid_m, origins=origins, weight_column=weight_column, **snap)
    if n_tasks is None:
        workers = len(client.scheduler_info().get("workers", {})) if client is not None else 0
        n_tasks = 4 * workers if workers else 8
    n_tasks = max(1, min(int(n_tasks), len(table)))
    bounds = [len(table) * k // n_tasks for k in range(n_tasks + 1)]
    kwargs = dict(options, pois=pois, modes=modes, minutes=minutes, **snap)
    tasks = [dask.delayed(_score_chunk)(path, table.iloc[bounds[k]:bounds[k + 1]].reset_index(drop=True), kwargs)
             for k in range(n_tasks)]
    if client is not None:
        parts = client.gather(client.compute(tasks))
    else:
        parts = dask.compute(*tasks)
    out = pd.concat(list(parts), ignore_index=True)
    meta = dict(parts[0].attrs.get("kwartier", {}))
    for k in ("summary", "share", "areas"):
        meta.pop(k, None)
    meta["origins"] = {"kind": table.attrs.get("kind"), "count": len(out), "tasks": n_tasks}
    out.attrs["kwartier"] = meta
    out.attrs["pois"] = parts[0].attrs.get("pois")
    out.attrs["cells"] = None
    out.attrs["area_polygons"] = None
    return out


def matrix(network: Any, origins: Any, destinations: Any, *, client: Any = None, n_tasks: Optional[int] = None,
           **options: Any) -> Any:
    """Travel-time matrix over Dask: the origins split into tasks, each calling ``Network.matrix`` on a worker
    that opens the same ``.kwn`` by path; rows concatenated in order. Needs ``Network.matrix`` (routing's
    many-to-many matrices)."""
    import dask
    import numpy as np

    from .network import Network

    path = _path(network)
    if not hasattr(Network, "matrix"):
        from .errors import UnsupportedError

        raise UnsupportedError("this kwartier has no Network.matrix yet (routing matrices)")
    o = np.asarray(origins, dtype=float)
    d = np.asarray(destinations, dtype=float)
    if n_tasks is None:
        workers = len(client.scheduler_info().get("workers", {})) if client is not None else 0
        n_tasks = 4 * workers if workers else 8
    n_tasks = max(1, min(int(n_tasks), len(o)))
    bounds = [len(o) * k // n_tasks for k in range(n_tasks + 1)]

    def rows(p: str, part: Any) -> Any:
        return getattr(Network.open(p), "matrix")(part, d, **options)

    tasks = [dask.delayed(rows)(path, o[bounds[k]:bounds[k + 1]]) for k in range(n_tasks)]
    parts = client.gather(client.compute(tasks)) if client is not None else dask.compute(*tasks)
    return np.concatenate(list(parts), axis=0)
