"""GTFS feeds: load and validate, build the compact timetable, save and open it (``.kwt``).

>>> import kwartier.gtfs as gtfs
>>> report = gtfs.validate("stib.zip")            # a Report; report.to_dataframe() for pandas
>>> feed = gtfs.load("stib=stib.zip", "sncb=sncb.zip")   # feed specs: [prefix=]path
>>> feed.counts["stop_times"], feed.report.errors, feed.first_date   # dates are ISO strings
>>> tt = feed.build(); tt.save("brussels.kwt")
>>> tt = gtfs.Timetable.open("brussels.kwt"); tt.stop_name(tt.find_stop("stib:0601"), "nl")

Every function calls the same C++ API as ``kwartier gtfs`` and the C ABI (docs/edges.md §4.1, §4.2); the
dicts have the shape of ``kwartier gtfs ... --format json``. Loading and building release the GIL. A
Timetable is immutable and may be shared by threads.
"""
from __future__ import annotations

import os
from typing import Any, NamedTuple, Optional, Union

from . import _args, _kwartier
from .report import Problem, Report

PathLike = Union[str, "os.PathLike[str]"]

__all__ = ["Agency", "Problem", "Report", "Feed", "Timetable", "load", "validate"]


class Agency(NamedTuple):
    id: str  # namespaced
    name: str
    timezone: str  # IANA name, e.g. "Europe/Brussels"


class Timetable:
    """The compact timetable (stops, RAPTOR routes, trips, service days, transfers)."""

    def __init__(self, impl: Any) -> None:
        self._impl = impl
        self._info: dict[str, Any] = impl.info()

    @staticmethod
    def open(path: PathLike) -> "Timetable":
        """Maps and validates a ``.kwt`` file (CorruptDatasetError if damaged)."""
        return Timetable(_kwartier.timetable_open(_args.path("path", path)))

    def save(self, path: PathLike) -> None:
        """Writes a built timetable to a ``.kwt`` file."""
        self._impl.save(_args.path("path", path))

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled as its path (docs/edges.md §4.7): the other side maps the same file.
        if not self._impl.path:
            raise TypeError("a timetable built in memory cannot be pickled: save() it and pickle Timetable.open(path)")
        return (Timetable.open, (self._impl.path,))

    n_stops = property(lambda self: self._impl.n_stops, doc="Number of stops.")
    n_routes = property(lambda self: self._impl.n_routes, doc="Number of RAPTOR routes (stop patterns).")
    n_trips = property(lambda self: self._impl.n_trips, doc="Number of trips (frequencies expanded).")
    n_stop_times = property(lambda self: self._impl.n_stop_times, doc="Number of stop times.")
    n_services = property(lambda self: self._impl.n_services, doc="Number of distinct service-day bitsets.")
    n_transfers = property(lambda self: self._impl.n_transfers, doc="Number of transfers.")

    @property
    def first_date(self) -> Optional[str]:
        """First service day, ISO ("2024-12-09"); None without service."""
        d: Optional[str] = self._info["first_date"]
        return d

    @property
    def last_date(self) -> Optional[str]:
        """Last service day, ISO; None without service."""
        d: Optional[str] = self._info["last_date"]
        return d

    @property
    def languages(self) -> list[str]:
        """Languages of translated stop names."""
        return list(self._info["languages"])

    @property
    def path(self) -> Optional[str]:
        """The .kwt file this timetable was opened from (None when built in memory)."""
        p: str = self._impl.path
        return p or None

    def info(self) -> dict[str, Any]:
        """What ``kwartier gtfs info FILE.kwt --format json`` prints."""
        d: dict[str, Any] = self._impl.info()
        return d

    def find_stop(self, stop_id: str) -> int:
        """Index of the stop with this (namespaced) id; NotFoundError when there is none."""
        result: int = self._impl.find_stop(_args.string("stop_id", stop_id))
        return result

    def stop_name(self, stop: int, lang: str = "") -> str:
        """Name of stop ``stop`` (an index) in ``lang`` ("fr", "nl", "en"), else its stops.txt name.
        OutOfRangeError for an index outside 0..n_stops-1."""
        result: str = self._impl.stop_name(_args.integer("stop", stop, minimum=None), _args.string("lang", lang))
        return result

    def stops_dataframe(self, lang: str = "") -> Any:
        """Stops as a pandas DataFrame: stop_id, name (in ``lang`` when given), lat, lon, parent (-1: none)."""
        import pandas as pd

        return pd.DataFrame(
            {
                "stop_id": self._impl.stop_ids(),
                "name": self._impl.stop_names(_args.string("lang", lang)),
                "lat": self._impl.stop_lat(),
                "lon": self._impl.stop_lon(),
                "parent": self._impl.stop_parent(),
            }
        )


class Feed:
    """Loaded GTFS feed(s): counts, agencies, service dates, validation report; ``build()`` makes the timetable."""

    def __init__(self, impl: Any) -> None:
        self._impl = impl
        self._info: dict[str, Any] = impl.info()
        self.counts: dict[str, int] = dict(self._info["counts"])
        self.agencies: list[Agency] = [Agency(**a) for a in self._info["agencies"]]
        self.first_date: Optional[str] = self._info["first_date"]  # ISO, None without service
        self.last_date: Optional[str] = self._info["last_date"]
        self.report = Report(self._info["report"])

    def info(self) -> dict[str, Any]:
        """What ``kwartier gtfs info SPEC... --format json`` prints."""
        return dict(self._info)

    def build(self) -> Timetable:
        """Builds the compact timetable (frequencies expanded, service days as shared bitsets).
        InvalidFormatError when the feed is unusable (not GTFS, nothing routable)."""
        return Timetable(self._impl.build())


def load(*feeds: PathLike, max_frequency_trips: Optional[int] = None) -> Feed:
    """Loads one or several feeds, each a spec ``[prefix=]path`` to a .zip or a folder. The prefix names the
    feed's id namespace; without one a single feed keeps its ids and several feeds use their file names.
    LimitExceededError when frequencies.txt expands into more than ``max_frequency_trips`` trips (the report
    warns ``frequency_trips_high`` past half of it; None: the C++ default, 500,000); InvalidFormatError naming
    the entry for a zip bomb."""
    if not feeds:
        raise _args._type_error("feeds", "at least one feed spec", ())
    specs = [_args.path(f"feeds[{i}]", f) for i, f in enumerate(feeds)]
    if max_frequency_trips is None:
        return Feed(_kwartier.gtfs_load(specs))
    return Feed(_kwartier.gtfs_load(specs, _args.integer("max_frequency_trips", max_frequency_trips)))


def validate(*feeds: PathLike, max_frequency_trips: Optional[int] = None) -> Report:
    """Loads the feeds and returns their validation report."""
    return load(*feeds, max_frequency_trips=max_frequency_trips).report
