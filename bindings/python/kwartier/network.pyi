import os
from typing import Any, Callable, Optional, Sequence, Union

import numpy as np
import numpy.typing as npt

from .gtfs import Timetable
from .report import Report
from .routing import Isochrone, Journey

PathLike = Union[str, "os.PathLike[str]"]

__all__ = ["Network"]

class Network:
    summary: Optional[dict[str, Any]]
    report: Optional[Report]
    def __init__(self, impl: Any, summary: Optional[dict[str, Any]] = ...) -> None: ...
    @staticmethod
    def build(
        osm: Optional[PathLike],
        gtfs: Sequence[PathLike] = ...,
        output: PathLike = ...,
        *,
        walk_speed_mps: float = ...,
        bike_speed_mps: float = ...,
        max_link_m: float = ...,
        footpath_max_m: float = ...,
        min_component_nodes: int = ...,
        detour_factor: float = ...,
        stop_area_max_m: float = ...,
        progress: Optional[Callable[[str, float], None]] = ...,
    ) -> Network: ...
    @staticmethod
    def open(path: PathLike) -> Network: ...
    def __reduce__(self) -> tuple[Any, ...]: ...
    def with_realtime(
        self, updates: Union[bytes, PathLike], *, feed_prefix: str = ..., on_time_seconds: int = ...
    ) -> Network: ...
    @property
    def realtime(self) -> Optional[dict[str, Any]]: ...
    def with_gbfs(
        self, path: PathLike, *, max_snap_m: float = ..., pickup_seconds: int = ..., dropoff_seconds: int = ...
    ) -> Network: ...
    @property
    def bikeshare(self) -> Optional[dict[str, Any]]: ...
    @property
    def path(self) -> str: ...
    @property
    def n_nodes(self) -> int: ...
    @property
    def n_edges(self) -> int: ...
    @property
    def n_stops(self) -> int: ...
    def info(self) -> dict[str, Any]: ...
    def timetable(self) -> Timetable: ...
    def stops(self, lang: str = ...) -> Any: ...
    def node_latlon(self, mode: Optional[str] = ...) -> npt.NDArray[np.float64]: ...
    def route(
        self,
        from_: Any,
        to: Any,
        date: str,
        time: str,
        *,
        mode: str = ...,
        access_mode: str = ...,
        arrive_by: bool = ...,
        lang: str = ...,
        step_free: bool = ...,
        unknown: str = ...,
        max_transfers: int = ...,
        max_access_seconds: int = ...,
        max_travel_seconds: int = ...,
        min_change_seconds: int = ...,
        departures: int = ...,
        max_snap_m: float = ...,
        fares: bool = ...,
        optimize_fare: bool = ...,
    ) -> list[Journey]: ...
    def isochrone(
        self,
        from_: Any,
        *,
        mode: str = ...,
        date: Optional[str] = ...,
        time: Optional[str] = ...,
        max_seconds: int = ...,
        bands: Sequence[int] = ...,
        step_free: bool = ...,
        unknown: str = ...,
        max_transfers: int = ...,
        min_change_seconds: int = ...,
        max_snap_m: float = ...,
        buffer_m: float = ...,
        polygons: bool = ...,
    ) -> Isochrone: ...
    def matrix(
        self,
        origins: Any,
        destinations: Any,
        *,
        mode: str = ...,
        access_mode: str = ...,
        date: Optional[str] = ...,
        time: str = ...,
        window_seconds: int = ...,
        window_step: int = ...,
        percentile: float = ...,
        max_seconds: int = ...,
        max_access_seconds: int = ...,
        max_transfers: int = ...,
        min_change_seconds: int = ...,
        max_snap_m: float = ...,
        skip_unsnapped: bool = ...,
        step_free: bool = ...,
        threads: int = ...,
        max_bytes: int = ...,
        use_ch: bool = ...,
        unit: str = ...,
    ) -> Any: ...
    def node_mask(self, mode: str = ...) -> npt.NDArray[np.bool_]: ...
    def walk_times(
        self, lat: float, lon: float, *, max_seconds: float = ..., max_snap_m: float = ...
    ) -> npt.NDArray[np.float32]: ...
    def bike_times(
        self, lat: float, lon: float, *, max_seconds: float = ..., max_snap_m: float = ...
    ) -> npt.NDArray[np.float32]: ...
    def times(
        self, lat: float, lon: float, mode: str = ..., *, max_seconds: float = ..., max_snap_m: float = ...
    ) -> npt.NDArray[np.float32]: ...
    def times_to(
        self,
        lat: float,
        lon: float,
        targets: Any,
        mode: str = ...,
        *,
        max_seconds: float = ...,
        max_snap_m: float = ...,
    ) -> npt.NDArray[np.float32]: ...
    def stop_link_distances(self) -> npt.NDArray[np.float32]: ...
    def footpaths(self) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.uint32], npt.NDArray[np.int32]]: ...
