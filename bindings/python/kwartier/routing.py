"""Journeys (``Network.route``): the records ``kwartier route --format json`` prints, as objects; isochrones
(``Network.isochrone``): node times, summary and GeoJSON polygons in an :class:`Isochrone`.

A :class:`Journey` holds its legs (:class:`Leg`); ``Journey.to_dataframe()`` gives one row per leg,
``journeys_dataframe(journeys)`` one row per leg of every journey (with a ``journey`` column). Times are ISO
8601 local times with the UTC offset of the timetable's zone (``"2019-10-15T08:01:00+02:00"``)."""
from __future__ import annotations

import json
from typing import Any, Iterable, Mapping, Optional

__all__ = ["Isochrone", "Journey", "Leg", "Place", "journeys_dataframe"]


class Place:
    """One end of a leg: a stop (``stop_id``), a bike-share station (``station_id``, ``name`` its name) or the
    origin/destination (both None)."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.stop_id: Optional[str] = data["stop_id"]
        self.name: str = data["name"]
        self.lat: float = float(data["lat"])
        self.lon: float = float(data["lon"])
        self.station_id: Optional[str] = data.get("station_id")

    def __repr__(self) -> str:
        return f"<Place {self.name}{'' if self.stop_id is None else ' (' + self.stop_id + ')'}>"


class Leg:
    """access, ride, transfer, egress, direct or bikeshare (a shared bike from one station to another, ``mode``
    "bike"); ride fields (``route_short_name``, ``headsign``, ``agency``, ``trip_id``, ``stops``...) are None
    for the walking (cycling) legs, whose ``mode`` is "walk" or "bike"."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self._data = dict(data)
        self.kind: str = data["kind"]
        self.mode: Optional[str] = data["mode"]
        self.departure: str = data["departure"]
        self.arrival: str = data["arrival"]
        self.duration_s: int = int(data["duration_s"])
        self.from_ = Place(data["from"])
        self.to = Place(data["to"])
        self.trip_id: Optional[str] = data["trip_id"]
        self.route_id: Optional[str] = data["route_id"]
        self.route_short_name: Optional[str] = data["route_short_name"]
        self.route_long_name: Optional[str] = data["route_long_name"]
        self.route_type: Optional[int] = data["route_type"]
        self.headsign: Optional[str] = data["headsign"]
        self.agency: Optional[str] = data["agency"]
        self.stops: Optional[int] = data["stops"]
        # realtime (Network.with_realtime): "scheduled" without data, "on_time", "delayed", "early", "cancelled"
        self.status: Optional[str] = data["status"]
        self.departure_delay_s: Optional[int] = data["departure_delay_s"]
        self.arrival_delay_s: Optional[int] = data["arrival_delay_s"]
        self.scheduled_departure: Optional[str] = data["scheduled_departure"]
        self.scheduled_arrival: Optional[str] = data["scheduled_arrival"]

    def to_dict(self) -> dict[str, Any]:
        """The leg as ``kwartier route --format json`` prints it."""
        return dict(self._data)

    def __repr__(self) -> str:
        what = f"{self.route_short_name} to {self.headsign}" if self.kind == "ride" else self.mode
        return f"<Leg {self.kind} {what}: {self.from_.name} {self.departure} -> {self.to.name} {self.arrival}>"


_COLUMNS = [
    "kind", "mode", "departure", "arrival", "duration_s", "from_stop_id", "from_name", "from_lat", "from_lon",
    "to_stop_id", "to_name", "to_lat", "to_lon", "route_short_name", "route_long_name", "route_id", "route_type",
    "headsign", "agency", "trip_id", "stops", "status", "departure_delay_s", "arrival_delay_s",
    "scheduled_departure", "scheduled_arrival",
]


def _row(leg: Leg) -> dict[str, Any]:
    d = leg.to_dict()
    row = {k: d[k] for k in ("kind", "mode", "departure", "arrival", "duration_s")}
    for end, p in (("from", leg.from_), ("to", leg.to)):
        row[f"{end}_stop_id"] = p.stop_id
        row[f"{end}_name"] = p.name
        row[f"{end}_lat"] = p.lat
        row[f"{end}_lon"] = p.lon
    for k in ("route_short_name", "route_long_name", "route_id", "route_type", "headsign", "agency", "trip_id", "stops",
              "status", "departure_delay_s", "arrival_delay_s", "scheduled_departure", "scheduled_arrival"):
        row[k] = d[k]
    return row


class Journey:
    """A journey: ``departure``, ``arrival`` (ISO local times), ``duration_s``, ``rides``, ``transfers`` and
    ``legs``."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self._data = dict(data)
        self.departure: str = data["departure"]
        self.arrival: str = data["arrival"]
        self.duration_s: int = int(data["duration_s"])
        self.rides: int = int(data["rides"])
        self.transfers: int = int(data["transfers"])
        self.legs: list[Leg] = [Leg(x) for x in data["legs"]]
        # route(..., fares=True): [{"system": "v1"|"v2", "rider_category", "fare_media", "amount": "2.10", "currency"}]
        self.fares: list[dict[str, Any]] = [dict(f) for f in data["fares"]]

    def to_dict(self) -> dict[str, Any]:
        """The journey as ``kwartier route --format json`` prints it."""
        return dict(self._data)

    def to_dataframe(self) -> Any:
        """One row per leg (pandas DataFrame): kind, mode, departure, arrival, duration_s, from_*/to_* (stop_id,
        name, lat, lon), route_short_name, route_long_name, route_id, route_type, headsign, agency, trip_id,
        stops, status, departure_delay_s, arrival_delay_s, scheduled_departure, scheduled_arrival."""
        import pandas as pd

        return pd.DataFrame([_row(x) for x in self.legs], columns=_COLUMNS)

    def __repr__(self) -> str:
        return f"<Journey {self.departure} -> {self.arrival}, {self.rides} rides, {len(self.legs)} legs>"


def journeys_dataframe(journeys: Iterable[Journey]) -> Any:
    """One row per leg of every journey, with the journey's position in a ``journey`` column."""
    import pandas as pd

    rows = [{"journey": i, **_row(x)} for i, j in enumerate(journeys) for x in j.legs]
    return pd.DataFrame(rows, columns=["journey", *_COLUMNS])


class Isochrone:
    """What ``Network.isochrone`` returns: ``node_seconds`` (numpy float32 per street node, ``inf`` where
    not reached within the budget; aligned with ``Network.node_latlon()``), ``summary`` (the dict
    ``kwartier isochrone --format json`` prints: ``mode``, ``max_seconds``, ``nodes``, ``nodes_reached``,
    ``bands``), ``bands`` (``summary["bands"]``: ``seconds``, ``nodes``, ``area_m2``, smallest first) and the
    polygons as GeoJSON (``to_geojson()`` a dict, ``geojson`` the text ``kwartier isochrone -o`` writes; one
    Feature per band, largest first)."""

    def __init__(self, node_seconds: Any, summary: Mapping[str, Any], geojson: str) -> None:
        self.node_seconds = node_seconds
        self.summary: dict[str, Any] = dict(summary)
        self.mode: str = summary["mode"]
        self.max_seconds: int = int(summary["max_seconds"])
        self.bands: list[dict[str, Any]] = list(summary["bands"])
        self.geojson: str = geojson

    def to_geojson(self) -> dict[str, Any]:
        """The FeatureCollection as a dict (``properties``: ``seconds``, ``minutes``, ``mode``, ``nodes``)."""
        result: dict[str, Any] = json.loads(self.geojson)
        return result

    def write_geojson(self, path: Any) -> None:
        """Writes the GeoJSON text to ``path`` (what ``kwartier isochrone -o path`` writes)."""
        with open(path, "w", encoding="utf-8") as f:
            f.write(self.geojson)
            f.write("\n")

    def __repr__(self) -> str:
        bands = ", ".join(f"{b['seconds']} s: {b['nodes']} nodes" for b in self.bands)
        return f"<Isochrone {self.mode}, {self.summary['nodes_reached']} nodes reached ({bands})>"
