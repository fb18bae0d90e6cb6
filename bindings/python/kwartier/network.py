"""Network files (``.kwn``): GTFS timetable + walk/bike street graphs from OpenStreetMap, stop links and
footpaths; street travel times from a coordinate.

>>> import kwartier
>>> net = kwartier.Network.build("rnv.osm.pbf", gtfs=["rnv.zip"], output="rnv.kwn")   # slow, once
>>> net = kwartier.Network.open("rnv.kwn")                                            # milliseconds
>>> t = net.walk_times(49.4094, 8.6931, max_minutes=15)   # numpy float32, seconds per street node
>>> (t <= 900).sum(), net.node_latlon()[t <= 900]

Every function calls the same C++ API as ``kwartier network`` and the C ABI. Building and queries release
the GIL; a Network is immutable and may be shared by threads.
"""
from __future__ import annotations

import os
from typing import Any, Sequence, Union

import numpy as np
import numpy.typing as npt

from . import _kwartier

PathLike = Union[str, "os.PathLike[str]"]

__all__ = ["Network"]


class Network:
    """An opened network file. ``summary`` holds what ``build`` reported (None after ``open``)."""

    def __init__(self, impl: Any, summary: dict[str, Any] | None = None) -> None:
        self._impl = impl
        self.summary = summary

    @staticmethod
    def build(
        osm: PathLike | None,
        gtfs: Sequence[PathLike] = (),
        output: PathLike = "network.kwn",
        *,
        prefixes: Sequence[str] = (),
        walk_speed: float = 1.3,
        bike_speed: float = 4.5,
        max_link_m: float = 100.0,
        footpath_max_m: float = 500.0,
        min_component_nodes: int = 20,
        detour_factor: float = 1.3,
    ) -> "Network":
        """Builds ``output`` from an OSM extract (.osm.pbf/.osm) and GTFS feeds (zip or folder), then opens it.

        ``osm=None`` builds a straight-line network from GTFS alone (no streets: access, egress and footpaths
        are great-circle distances x ``detour_factor`` at walking speed); ``info()["access_model"]`` says
        which kind a network is.

        ``summary`` of the result: ``street`` (nodes, edges, per mode kept/dropped), ``links`` (stops linked,
        unlinked, near a street, footpaths), ``file_bytes`` and ``problems`` (severity, code, file, line,
        field, message)."""
        summary = _kwartier.network_build(
            [os.fspath(g) for g in gtfs],
            list(prefixes),
            "" if osm is None else os.fspath(osm),
            os.fspath(output),
            walk_speed,
            bike_speed,
            max_link_m,
            footpath_max_m,
            min_component_nodes,
            detour_factor,
        )
        return Network(_kwartier.network_open(os.fspath(output)), summary)

    @staticmethod
    def open(path: PathLike) -> "Network":
        """Maps and validates a .kwn file (CorruptDatasetError / IncompatibleDatasetError when damaged)."""
        return Network(_kwartier.network_open(os.fspath(path)))

    @property
    def n_nodes(self) -> int:
        """Street nodes (junctions) of the graph."""
        n: int = self._impl.n_nodes
        return n

    @property
    def n_edges(self) -> int:
        n: int = self._impl.n_edges
        return n

    @property
    def n_stops(self) -> int:
        n: int = self._impl.n_stops
        return n

    def info(self) -> dict[str, Any]:
        """Counts stored in the file: ``street`` and ``links`` (as in ``kwartier network info``)."""
        d: dict[str, Any] = self._impl.info()
        return d

    def node_latlon(self) -> npt.NDArray[np.float64]:
        """(n_nodes, 2) array of node latitude, longitude."""
        a: npt.NDArray[np.float64] = self._impl.node_latlon()
        return a

    def walk_times(
        self, lat: float, lon: float, max_minutes: float = 15.0, max_snap_m: float = 200.0
    ) -> npt.NDArray[np.float32]:
        """Seconds on foot from (lat, lon) to every street node; ``inf`` past ``max_minutes``.

        Raises TooFarError when no walkable street lies within ``max_snap_m``."""
        return self.times(lat, lon, "walk", max_minutes, max_snap_m)

    def bike_times(
        self, lat: float, lon: float, max_minutes: float = 15.0, max_snap_m: float = 200.0
    ) -> npt.NDArray[np.float32]:
        """Seconds by bike from (lat, lon) to every street node; ``inf`` past ``max_minutes``."""
        return self.times(lat, lon, "bike", max_minutes, max_snap_m)

    def times(
        self, lat: float, lon: float, mode: str, max_minutes: float = 15.0, max_snap_m: float = 200.0
    ) -> npt.NDArray[np.float32]:
        """Seconds from (lat, lon) to every street node in ``mode`` ("walk" or "bike")."""
        a: npt.NDArray[np.float32] = self._impl.times(lat, lon, mode, max_minutes * 60.0, max_snap_m)
        return a

    def times_to(
        self,
        lat: float,
        lon: float,
        targets: Any,
        mode: str = "walk",
        max_minutes: float = 15.0,
        max_snap_m: float = 200.0,
    ) -> npt.NDArray[np.float32]:
        """Seconds from (lat, lon) to each target (an (n, 2) array-like of lat, lon); ``inf`` when not reached
        within ``max_minutes`` or when a target lies farther than ``max_snap_m`` from any street."""
        t = np.asarray(targets, dtype=np.float64).reshape(-1, 2)
        a: npt.NDArray[np.float32] = self._impl.times_to(
            lat, lon, t[:, 0].tolist(), t[:, 1].tolist(), mode, max_minutes * 60.0, max_snap_m
        )
        return a

    def stop_link_distances(self) -> npt.NDArray[np.float32]:
        """Per timetable stop: metres from the stop to its street (NaN when unlinked)."""
        a: npt.NDArray[np.float32] = self._impl.stop_link_distances()
        return a

    def footpaths(self) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.uint32], npt.NDArray[np.int32]]:
        """All footpaths as (from_stop, to_stop, seconds) arrays (stop indices of the timetable)."""
        f, t, s = self._impl.footpaths()
        return f, t, s
