"""Compiled core of kwartier (pybind11). Use the ``kwartier`` package rather than this module."""

__version__: str

def _raise_for_test(code: int, msg: str, file: str, line: int, field: str) -> None: ...

# ---- gtfs (transit)


import numpy as _np
import numpy.typing as _npt

from typing import Any, Optional

class _GtfsFeed:
    def info(self) -> dict[str, Any]: ...
    def build(self) -> _Timetable: ...

class _Timetable:
    @property
    def n_stops(self) -> int: ...
    @property
    def n_routes(self) -> int: ...
    @property
    def n_trips(self) -> int: ...
    @property
    def n_stop_times(self) -> int: ...
    @property
    def n_services(self) -> int: ...
    @property
    def n_transfers(self) -> int: ...
    @property
    def path(self) -> str: ...
    def info(self) -> dict[str, Any]: ...
    def stop_ids(self) -> list[str]: ...
    def stop_names(self, lang: str = ...) -> list[str]: ...
    def stop_lat(self) -> _npt.NDArray[_np.float64]: ...
    def stop_lon(self) -> _npt.NDArray[_np.float64]: ...
    def stop_parent(self) -> _npt.NDArray[_np.int64]: ...
    def find_stop(self, stop_id: str) -> int: ...
    def stop_name(self, stop: int, lang: str = ...) -> str: ...
    def save(self, path: str) -> None: ...

def gtfs_load(specs: list[str], max_frequency_trips: int = ...) -> _GtfsFeed: ...
def timetable_open(path: str) -> _Timetable: ...

# ---- search

class _SearchIndex:
    @property
    def n_documents(self) -> int: ...
    @property
    def concept_table_version(self) -> str: ...
    @property
    def path(self) -> str: ...
    @property
    def build_id(self) -> int: ...
    def query(
        self,
        text: str,
        langs: list[str],
        limit: int,
        offset: int,
        filters: list[tuple[str, str]],
        typos: bool,
        prefix: bool,
        concepts: bool,
        stemming: bool,
        group: bool,
        explain: bool,
        snippet_chars: int,
        highlight_open: str,
        highlight_close: str,
        community: str,
    ) -> tuple[list[dict[str, Any]], dict[str, dict[str, int]], str, list[str], int, str]: ...

def search_defaults() -> dict[str, dict[str, Any]]: ...
def search_build(
    catalogues: list[str], out: str, default_country: str, concept_table: str, compounds: bool, progress: Any
) -> dict[str, Any]: ...
def search_update(
    dir: str, add: list[str], replace: list[str], remove: list[str], default_country: str, compounds: bool
) -> dict[str, Any]: ...
def search_open(path: str) -> _SearchIndex: ...

# ---- network

class _Network:
    @property
    def n_nodes(self) -> int: ...
    @property
    def n_edges(self) -> int: ...
    @property
    def n_stops(self) -> int: ...
    @property
    def size_bytes(self) -> int: ...
    @property
    def path(self) -> str: ...
    def info(self) -> dict[str, Any]: ...
    def node_latlon(self, mode: str) -> _npt.NDArray[_np.float64]: ...
    def node_mask(self, mode: str) -> _npt.NDArray[_np.bool_]: ...
    def timetable(self) -> _Timetable: ...
    def times(self, lat: float, lon: float, mode: str, max_seconds: float, max_snap_m: float) -> _npt.NDArray[_np.float32]: ...
    def times_to(
        self, lat: float, lon: float, targets: _npt.NDArray[_np.float64], mode: str, max_seconds: float, max_snap_m: float
    ) -> _npt.NDArray[_np.float32]: ...
    def stop_link_distances(self) -> _npt.NDArray[_np.float32]: ...
    def footpaths(self) -> tuple[_npt.NDArray[_np.uint32], _npt.NDArray[_np.uint32], _npt.NDArray[_np.int32]]: ...

def network_defaults() -> dict[str, dict[str, Any]]: ...
def network_build(
    gtfs: list[str],
    osm: str,
    out: str,
    walk_speed_mps: float,
    bike_speed_mps: float,
    max_link_m: float,
    footpath_max_m: float,
    min_component_nodes: int,
    detour_factor: float,
    stop_area_max_m: float,
    progress: Any,
) -> dict[str, Any]: ...
def network_open(path: str) -> _Network: ...

# ---- routing

def route_defaults() -> dict[str, dict[str, Any]]: ...
def network_route(
    net: _Network,
    from_lat: float,
    from_lon: float,
    to_lat: float,
    to_lon: float,
    date: str,
    time: str,
    mode: str,
    access_mode: str,
    arrive_by: bool,
    lang: str,
    step_free: bool,
    unknown: str,
    max_transfers: int,
    max_access_seconds: int,
    max_travel_seconds: int,
    min_change_seconds: int,
    departures: int,
    max_snap_m: float,
    realtime: _RealtimeView | None,
    fares: bool,
    optimize_fare: bool,
    bikeshare: Optional[_BikeshareSystem],
) -> dict[str, Any]: ...
def isochrone_defaults() -> dict[str, dict[str, Any]]: ...
def network_isochrone(
    net: _Network,
    lat: float,
    lon: float,
    mode: str,
    date: Optional[str],
    time: Optional[str],
    max_seconds: int,
    bands: list[int],
    step_free: bool,
    unknown: str,
    max_transfers: int,
    min_change_seconds: int,
    max_snap_m: float,
    buffer_m: float,
    polygons: bool,
    bikeshare: Optional[_BikeshareSystem],
) -> tuple[_npt.NDArray[_np.float32], dict[str, Any], str]: ...

# ---- bike share

class _BikeshareSystem:
    @property
    def summary(self) -> dict[str, Any]: ...

def network_load_gbfs(
    net: _Network, path: str, max_snap_m: float, pickup_seconds: int, dropoff_seconds: int
) -> _BikeshareSystem: ...

def matrix_defaults() -> dict[str, dict[str, Any]]: ...
def network_matrix(
    net: _Network,
    origins: Any,
    destinations: Any,
    mode: str,
    access_mode: str,
    date: str,
    time: str,
    window_seconds: int,
    window_step: int,
    percentile: float,
    max_seconds: int,
    max_access_seconds: int,
    max_transfers: int,
    min_change_seconds: int,
    max_snap_m: float,
    skip_unsnapped: bool,
    step_free: bool,
    threads: int,
    max_bytes: int,
    use_ch: bool,
    minutes: bool,
) -> Any: ...

# ---- realtime

class _RealtimeView:
    @property
    def summary(self) -> dict[str, Any]: ...

def network_apply_realtime(
    net: _Network, updates: Any, is_path: bool, feed_prefix: str, on_time_seconds: int
) -> _RealtimeView: ...

# access (15-minute scores; kwartier/access.py)
def access_defaults() -> dict[str, dict[str, Any]]: ...
def access_origins(network: _Network, grid_m: float, origins: str, weight_column: str, max_snap_m: float) -> dict[str, Any]: ...
def access_score(
    network: _Network,
    pois: str,
    category_column: str,
    categories: str,
    modes: str,
    minutes: float,
    max_minutes: float,
    date: str,
    time: str,
    window_minutes: float,
    percentile: float,
    grid_m: float,
    origins: str,
    weight_column: str,
    areas: str,
    area_name: str,
    max_snap_m: float,
    threads: int,
    given: dict[str, Any] | None,
    progress: Any,
) -> dict[str, Any]: ...
