import os
from typing import Any, Sequence, Union

import numpy as np
import numpy.typing as npt

PathLike = Union[str, "os.PathLike[str]"]

__all__ = ["Network"]

class Network:
    summary: dict[str, Any] | None
    def __init__(self, impl: Any, summary: dict[str, Any] | None = ...) -> None: ...
    @staticmethod
    def build(
        osm: PathLike | None,
        gtfs: Sequence[PathLike] = ...,
        output: PathLike = ...,
        *,
        prefixes: Sequence[str] = ...,
        walk_speed: float = ...,
        bike_speed: float = ...,
        max_link_m: float = ...,
        footpath_max_m: float = ...,
        min_component_nodes: int = ...,
        detour_factor: float = ...,
    ) -> Network: ...
    @staticmethod
    def open(path: PathLike) -> Network: ...
    @property
    def n_nodes(self) -> int: ...
    @property
    def n_edges(self) -> int: ...
    @property
    def n_stops(self) -> int: ...
    def info(self) -> dict[str, Any]: ...
    def node_latlon(self) -> npt.NDArray[np.float64]: ...
    def walk_times(
        self, lat: float, lon: float, max_minutes: float = ..., max_snap_m: float = ...
    ) -> npt.NDArray[np.float32]: ...
    def bike_times(
        self, lat: float, lon: float, max_minutes: float = ..., max_snap_m: float = ...
    ) -> npt.NDArray[np.float32]: ...
    def times(
        self, lat: float, lon: float, mode: str, max_minutes: float = ..., max_snap_m: float = ...
    ) -> npt.NDArray[np.float32]: ...
    def times_to(
        self,
        lat: float,
        lon: float,
        targets: Any,
        mode: str = ...,
        max_minutes: float = ...,
        max_snap_m: float = ...,
    ) -> npt.NDArray[np.float32]: ...
    def stop_link_distances(self) -> npt.NDArray[np.float32]: ...
    def footpaths(self) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.uint32], npt.NDArray[np.int32]]: ...
