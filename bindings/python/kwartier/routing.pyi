from typing import Any, Iterable, Mapping, Optional

__all__ = ["Isochrone", "Journey", "Leg", "Place", "journeys_dataframe"]

class Place:
    stop_id: Optional[str]
    name: str
    lat: float
    lon: float
    station_id: Optional[str]
    def __init__(self, data: Mapping[str, Any]) -> None: ...

class Leg:
    kind: str
    mode: Optional[str]
    departure: str
    arrival: str
    duration_s: int
    from_: Place
    to: Place
    trip_id: Optional[str]
    route_id: Optional[str]
    route_short_name: Optional[str]
    route_long_name: Optional[str]
    route_type: Optional[int]
    headsign: Optional[str]
    agency: Optional[str]
    stops: Optional[int]
    status: Optional[str]
    departure_delay_s: Optional[int]
    arrival_delay_s: Optional[int]
    scheduled_departure: Optional[str]
    scheduled_arrival: Optional[str]
    def __init__(self, data: Mapping[str, Any]) -> None: ...
    def to_dict(self) -> dict[str, Any]: ...

class Journey:
    departure: str
    arrival: str
    duration_s: int
    rides: int
    transfers: int
    legs: list[Leg]
    fares: list[dict[str, Any]]
    def __init__(self, data: Mapping[str, Any]) -> None: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_dataframe(self) -> Any: ...

def journeys_dataframe(journeys: Iterable[Journey]) -> Any: ...

class Isochrone:
    node_seconds: Any
    summary: dict[str, Any]
    mode: str
    max_seconds: int
    bands: list[dict[str, Any]]
    geojson: str
    def __init__(self, node_seconds: Any, summary: Mapping[str, Any], geojson: str) -> None: ...
    def to_geojson(self) -> dict[str, Any]: ...
    def write_geojson(self, path: Any) -> None: ...
