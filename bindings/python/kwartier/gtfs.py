"""GTFS feeds: load and validate, build the compact timetable, save and open it (``.kwt``).

>>> import kwartier.gtfs as gtfs
>>> report = gtfs.validate("stib.zip")            # a Report; report.to_dataframe() for pandas
>>> feed = gtfs.load("stib.zip", "sncb.zip", prefixes=["stib", "sncb"])
>>> feed.counts["stop_times"], feed.report.errors
>>> tt = feed.build(); tt.save("brussels.kwt")
>>> tt = gtfs.Timetable.open("brussels.kwt"); tt.stop_name(tt.find_stop("stib:0601"), "nl")

Every function calls the same C++ API as ``kwartier gtfs`` and the C ABI. Loading and building release the
GIL. A Timetable is immutable and may be shared by threads.
"""
from __future__ import annotations

import json
import os
from typing import Any, Iterator, NamedTuple, Sequence, Union

from . import _kwartier

PathLike = Union[str, "os.PathLike[str]"]

__all__ = ["Problem", "Report", "Feed", "Timetable", "load", "validate"]


class Problem(NamedTuple):
    """One validation problem."""

    severity: str  # "error", "warning" or "info"
    code: str  # stable name, e.g. "dangling_stop_id"
    file: str  # e.g. "stop_times.txt" (or "stib/stop_times.txt" when several feeds are merged)
    line: int  # 1-based line, 0 when not about a line
    field: str  # column name, "" when not about a column
    message: str


class Report:
    """The validation report of a feed: every problem with severity, code, file, line, field, message."""

    def __init__(self, feed: Any) -> None:
        self._feed = feed
        self.problems: list[Problem] = [Problem(*p) for p in feed.problems]
        self.errors: int = feed.n_errors
        self.warnings: int = feed.n_warnings
        self.infos: int = feed.n_infos
        self.suppressed: int = feed.n_suppressed  # problems counted but not stored (over 1000 per code)

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return self.errors == 0

    def __len__(self) -> int:
        return len(self.problems)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.problems)

    def count(self, code: str) -> int:
        """Number of stored problems with this code."""
        return sum(1 for p in self.problems if p.code == code)

    def to_json(self) -> dict[str, Any]:
        """The report as a JSON-compatible dict (the same as ``kwartier gtfs validate --format json``)."""
        result: dict[str, Any] = json.loads(self._feed.report_json())
        return result

    def to_dataframe(self) -> Any:
        """The problems as a pandas DataFrame with columns severity, code, file, line, field, message."""
        import pandas as pd

        return pd.DataFrame(self.problems, columns=list(Problem._fields))


class Timetable:
    """The compact timetable (stops, RAPTOR routes, trips, service days, transfers)."""

    def __init__(self, impl: Any) -> None:
        self._impl = impl

    @staticmethod
    def open(path: PathLike) -> "Timetable":
        """Maps and validates a ``.kwt`` file (CorruptDatasetError if damaged)."""
        return Timetable(_kwartier.timetable_open(os.fspath(path)))

    def save(self, path: PathLike) -> None:
        """Writes a built timetable to a ``.kwt`` file."""
        self._impl.save(os.fspath(path))

    n_stops = property(lambda self: self._impl.n_stops, doc="Number of stops.")
    n_routes = property(lambda self: self._impl.n_routes, doc="Number of RAPTOR routes (stop patterns).")
    n_trips = property(lambda self: self._impl.n_trips, doc="Number of trips (frequencies expanded).")
    n_stop_times = property(lambda self: self._impl.n_stop_times, doc="Number of stop times.")
    n_services = property(lambda self: self._impl.n_services, doc="Number of distinct service-day bitsets.")
    n_transfers = property(lambda self: self._impl.n_transfers, doc="Number of transfers.")
    first_date = property(lambda self: self._impl.first_date, doc="First service day as yyyymmdd.")
    last_date = property(lambda self: self._impl.last_date, doc="Last service day as yyyymmdd.")
    languages = property(lambda self: self._impl.languages, doc="Languages of translated stop names.")

    def find_stop(self, stop_id: str) -> int:
        """Index of the stop with this (namespaced) id, or -1."""
        result: int = self._impl.find_stop(stop_id)
        return result

    def stop_name(self, stop: int, lang: str = "") -> str:
        """Name of stop ``stop`` in ``lang`` ("fr", "nl", "en"), else its stops.txt name."""
        result: str = self._impl.stop_name(stop, lang)
        return result

    def stops_dataframe(self, lang: str = "") -> Any:
        """Stops as a pandas DataFrame: stop_id, name (in ``lang`` when given), lat, lon, parent (-1: none)."""
        import pandas as pd

        return pd.DataFrame(
            {
                "stop_id": self._impl.stop_ids(),
                "name": self._impl.stop_names(lang),
                "lat": self._impl.stop_lat(),
                "lon": self._impl.stop_lon(),
                "parent": self._impl.stop_parent(),
            }
        )


class Feed:
    """Loaded GTFS feed(s): counts, agencies, validation report; ``build()`` makes the timetable."""

    def __init__(self, impl: Any) -> None:
        self._impl = impl
        self.counts: dict[str, int] = dict(impl.counts)
        self.agencies: list[tuple[str, str, str]] = list(impl.agencies)  # (id, name, timezone)
        self.report = Report(impl)

    def build(self) -> Timetable:
        """Builds the compact timetable (frequencies expanded, service days as shared bitsets)."""
        return Timetable(self._impl.build())


def load(*feeds: PathLike, prefixes: Sequence[str] | None = None) -> Feed:
    """Loads one or several feeds (each a .zip or a folder). ``prefixes`` names each feed's id namespace;
    without it a single feed keeps its ids and several feeds use their file names."""
    if not feeds:
        raise TypeError("load() needs at least one feed")
    return Feed(_kwartier.gtfs_load([os.fspath(f) for f in feeds], list(prefixes or [])))


def validate(*feeds: PathLike, prefixes: Sequence[str] | None = None) -> Report:
    """Loads the feeds and returns their validation report."""
    return load(*feeds, prefixes=prefixes).report
