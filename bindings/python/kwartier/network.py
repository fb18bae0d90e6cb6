"""Network files (``.kwn``): GTFS timetable + walk/bike street graphs from OpenStreetMap, stop links and
footpaths; street travel times from a coordinate.

>>> import kwartier
>>> net = kwartier.Network.build("rnv.osm.pbf", gtfs=["rnv.zip"], output="rnv.kwn")   # slow, once
>>> net.summary["links"]["stops_linked"], net.report.warnings
>>> net = kwartier.Network.open("rnv.kwn")                                            # milliseconds
>>> t = net.walk_times(49.4094, 8.6931, max_seconds=900)  # numpy float32, seconds per street node
>>> (t <= 900).sum(), net.node_latlon()[t <= 900]
>>> net.stops()                                          # stop_id, name, lat, lon, parent, link_m
>>> iso = net.isochrone((49.4094, 8.6931), mode="transit", date="2024-01-08", time="08:00", bands=[900, 1800])
>>> iso.node_seconds, iso.summary, iso.to_geojson()      # float32 per node (inf: not reached), dict, GeoJSON

Every function calls the same C++ API as ``kwartier network`` and the C ABI. Building and queries release
the GIL; a Network is immutable and may be shared by threads.
"""
from __future__ import annotations

import collections.abc
import os
from typing import Any, Callable, Optional, Sequence, Union

import numpy as np
import numpy.typing as npt

from . import _args, _kwartier
from .gtfs import Timetable
from .report import Report
from .routing import Isochrone, Journey

PathLike = Union[str, "os.PathLike[str]"]

__all__ = ["Network"]

_B = _kwartier.network_defaults()["network.build"]
_T = _kwartier.network_defaults()["network.times"]
_R = _kwartier.route_defaults()["network.route"]
_I = _kwartier.isochrone_defaults()["network.isochrone"]
_M = _kwartier.matrix_defaults()["network.matrix"]


class Network:
    """An opened network file.

    ``summary`` holds what ``build`` reported (the dict ``kwartier network build --format json`` prints; None
    after ``open``) and ``report`` its problems (a :class:`kwartier.Report`)."""

    def __init__(self, impl: Any, summary: Optional[dict[str, Any]] = None) -> None:
        self._impl = impl
        self._rt: Any = None
        self._bs: Any = None
        self.summary = summary
        self.report: Optional[Report] = Report(summary["report"]) if summary is not None else None

    @staticmethod
    def build(
        osm: Optional[PathLike],
        gtfs: Sequence[PathLike] = (),
        output: PathLike = "network.kwn",
        *,
        walk_speed_mps: float = _B["walk_speed_mps"],
        bike_speed_mps: float = _B["bike_speed_mps"],
        max_link_m: float = _B["max_link_m"],
        footpath_max_m: float = _B["footpath_max_m"],
        min_component_nodes: int = _B["min_component_nodes"],
        detour_factor: float = _B["detour_factor"],
        stop_area_max_m: float = _B["stop_area_max_m"],
        progress: Optional[Callable[[str, float], None]] = None,
    ) -> "Network":
        """Builds ``output`` from an OSM extract (.osm.pbf/.osm) and GTFS feed specs (``[prefix=]path`` to a
        zip or a folder; a list, even of one), then opens it. Options are those of ``network::build_options``
        (``kwartier.defaults()["network.build"]``); ``progress(stage, fraction)`` is called while it builds.

        ``osm=None`` builds a straight-line network from GTFS alone (no streets: access, egress and footpaths
        are great-circle distances x ``detour_factor`` at walking speed); ``info()["access_model"]`` says
        which kind a network is."""
        if progress is not None and not callable(progress):
            raise _args._type_error("progress", "a callable (stage, fraction)", progress)
        summary = _kwartier.network_build(
            _args.paths("gtfs", gtfs),
            "" if osm is None else _args.path("osm", osm),
            _args.path("output", output),
            _args.number("walk_speed_mps", walk_speed_mps),
            _args.number("bike_speed_mps", bike_speed_mps),
            _args.number("max_link_m", max_link_m),
            _args.number("footpath_max_m", footpath_max_m),
            _args.integer("min_component_nodes", min_component_nodes),
            _args.number("detour_factor", detour_factor),
            _args.number("stop_area_max_m", stop_area_max_m),
            progress,
        )
        return Network(_kwartier.network_open(os.fspath(output)), summary)

    @staticmethod
    def open(path: PathLike) -> "Network":
        """Maps and validates a .kwn file (CorruptDatasetError / IncompatibleDatasetError when damaged)."""
        return Network(_kwartier.network_open(_args.path("path", path)))

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled as its path (docs/edges.md §4.7): the other side maps the same file.
        return (Network.open, (self.path,))

    def with_realtime(
        self, updates: Union[bytes, PathLike], *, feed_prefix: str = "", on_time_seconds: int = 60
    ) -> "Network":
        """This network with GTFS-realtime TripUpdates applied (``updates``: the FeedMessage as protobuf
        ``bytes``, or a path to a file), as ``realtime::apply``: a new Network sharing the same mapped file
        whose ``route`` rides delayed trips at their realtime times, routes around cancelled trips and
        skipped stops, and gives each ride its ``status`` and delays. ``self`` is unchanged (queries already
        running on it keep their view). ``realtime`` holds what matched (the dict ``kwartier realtime info
        --format json`` prints). ``feed_prefix`` is the feed's id prefix in a merged network; a delay below
        ``on_time_seconds`` is on time. A pickled Network is reopened without its realtime view.

        Raises InvalidFormatError for bytes that are not a FeedMessage, NotFoundError for a missing file,
        UnsupportedError for a DIFFERENTIAL feed or a network without GTFS."""
        if isinstance(updates, (bytes, bytearray, memoryview)):
            view = _kwartier.network_apply_realtime(
                self._impl, bytes(updates), False, _args.string("feed_prefix", feed_prefix),
                _args.integer("on_time_seconds", on_time_seconds))
        else:
            view = _kwartier.network_apply_realtime(
                self._impl, _args.path("updates", updates), True, _args.string("feed_prefix", feed_prefix),
                _args.integer("on_time_seconds", on_time_seconds))
        out = Network(self._impl, self.summary)
        out._rt = view
        out._bs = self._bs
        return out

    @property
    def realtime(self) -> Optional[dict[str, Any]]:
        """What the realtime update matched (``with_realtime``), or None for the network as scheduled."""
        if self._rt is None:
            return None
        summary: dict[str, Any] = self._rt.summary
        return summary

    def with_gbfs(
        self,
        path: PathLike,
        *,
        max_snap_m: float = 100.0,
        pickup_seconds: int = 60,
        dropoff_seconds: int = 60,
    ) -> "Network":
        """This network with a GBFS 2.3 / 3.0 bike-share system (``path``: a folder with ``gbfs.json`` or the feed
        files, or ``gbfs.json`` itself), as ``bikeshare::system::load``: a new Network sharing the same mapped
        file whose ``route`` and ``isochrone`` ride shared bikes when ``mode`` lists "bikeshare"
        (``"walk,transit,bikeshare"``, ``"walk,bikeshare"``). ``self`` is unchanged. ``bikeshare`` holds the
        summary (stations, usable points, problems). Stations farther than ``max_snap_m`` from a street are not
        used; taking and leaving a bike take ``pickup_seconds`` and ``dropoff_seconds``. A pickled Network is
        reopened without its bike-share system.

        Raises NotFoundError for a missing path or GBFS file, InvalidFormatError for a file that is not GBFS
        JSON, UnsupportedError for another GBFS version or a network without streets."""
        system = _kwartier.network_load_gbfs(
            self._impl, _args.path("path", path), _args.number("max_snap_m", max_snap_m),
            _args.integer("pickup_seconds", pickup_seconds), _args.integer("dropoff_seconds", dropoff_seconds))
        out = Network(self._impl, self.summary)
        out._rt = self._rt
        out._bs = system
        return out

    @property
    def bikeshare(self) -> Optional[dict[str, Any]]:
        """The bike-share system of ``with_gbfs`` (the dict ``kw_network_gbfs_json`` gives), or None."""
        if self._bs is None:
            return None
        summary: dict[str, Any] = self._bs.summary
        return summary

    @property
    def path(self) -> str:
        """The .kwn file this network was opened from."""
        p: str = self._impl.path
        return p

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
        """What ``kwartier network info FILE --format json`` prints: ``access_model``, ``street``, ``links``,
        ``timetable`` (None without GTFS), ``straight_line`` (None for a street network)."""
        d: dict[str, Any] = self._impl.info()
        return d

    def timetable(self) -> Timetable:
        """The network's timetable (a view of the same file; no stops without GTFS)."""
        return Timetable(self._impl.timetable())

    def stops(self, lang: str = "") -> Any:
        """The network's stops as a pandas DataFrame: stop_id, name (in ``lang`` when given), lat, lon, parent
        (-1: none), link_m (metres from the stop to its street; NaN when not linked). Row i is stop index i."""
        df = self.timetable().stops_dataframe(lang)
        df["link_m"] = self._impl.stop_link_distances()
        return df

    def node_latlon(self, mode: Optional[str] = _T["mode"]) -> npt.NDArray[np.float64]:
        """(n_nodes, 2) array of node latitude, longitude, aligned with the arrays of ``times``. Nodes outside
        the graph of ``mode`` ("walk" by default, "bike") are NaN, so no query starts from an unusable node;
        ``mode=None`` gives every node."""
        a: npt.NDArray[np.float64] = self._impl.node_latlon("" if mode is None else _args.string("mode", mode))
        return a

    def node_mask(self, mode: str = _T["mode"]) -> npt.NDArray[np.bool_]:
        """Boolean array: is the node in the graph of ``mode``."""
        a: npt.NDArray[np.bool_] = self._impl.node_mask(_args.string("mode", mode))
        return a

    def walk_times(
        self, lat: float, lon: float, *, max_seconds: float = _T["max_seconds"], max_snap_m: float = _T["max_snap_m"]
    ) -> npt.NDArray[np.float32]:
        """Seconds on foot from (lat, lon) to every street node; ``inf`` past ``max_seconds``.

        Raises TooFarError when no walkable street lies within ``max_snap_m``."""
        return self.times(lat, lon, "walk", max_seconds=max_seconds, max_snap_m=max_snap_m)

    def bike_times(
        self, lat: float, lon: float, *, max_seconds: float = _T["max_seconds"], max_snap_m: float = _T["max_snap_m"]
    ) -> npt.NDArray[np.float32]:
        """Seconds by bike from (lat, lon) to every street node; ``inf`` past ``max_seconds``."""
        return self.times(lat, lon, "bike", max_seconds=max_seconds, max_snap_m=max_snap_m)

    def times(
        self,
        lat: float,
        lon: float,
        mode: str = _T["mode"],
        *,
        max_seconds: float = _T["max_seconds"],
        max_snap_m: float = _T["max_snap_m"],
    ) -> npt.NDArray[np.float32]:
        """One-to-all: seconds from (lat, lon) to every street node in ``mode`` ("walk" or "bike"), ``inf``
        where not reached within ``max_seconds`` (``routing::street_query``: 900 s, 200 m snap by default)."""
        a: npt.NDArray[np.float32] = self._impl.times(
            _args.number("lat", lat),
            _args.number("lon", lon),
            _args.string("mode", mode),
            _args.number("max_seconds", max_seconds),
            _args.number("max_snap_m", max_snap_m),
        )
        return a

    def times_to(
        self,
        lat: float,
        lon: float,
        targets: Any,
        mode: str = _T["mode"],
        *,
        max_seconds: float = _T["max_seconds"],
        max_snap_m: float = _T["max_snap_m"],
    ) -> npt.NDArray[np.float32]:
        """One-to-many: seconds from (lat, lon) to each target (an (n, 2) array-like of lat, lon); ``inf`` when
        not reached within ``max_seconds`` or when a target lies farther than ``max_snap_m`` from any street."""
        a: npt.NDArray[np.float32] = self._impl.times_to(
            _args.number("lat", lat),
            _args.number("lon", lon),
            _args.points("targets", targets),
            _args.string("mode", mode),
            _args.number("max_seconds", max_seconds),
            _args.number("max_snap_m", max_snap_m),
        )
        return a

    def route(
        self,
        from_: Any,
        to: Any,
        date: str,
        time: str,
        *,
        mode: str = _R["mode"],
        access_mode: str = _R["access_mode"],
        arrive_by: bool = _R["arrive_by"],
        lang: str = _R["lang"],
        step_free: bool = _R["step_free"],
        unknown: str = _R["unknown"],
        max_transfers: int = _R["max_transfers"],
        max_access_seconds: int = _R["max_access_seconds"],
        max_travel_seconds: int = _R["max_travel_seconds"],
        min_change_seconds: int = _R["min_change_seconds"],
        departures: int = _R["departures"],
        max_snap_m: float = _R["max_snap_m"],
        fares: bool = _R["fares"],
        optimize_fare: bool = _R["optimize_fare"],
    ) -> list[Journey]:
        """Journeys from ``from_`` to ``to`` ((lat, lon) pairs) at a local ``date`` ("YYYY-MM-DD") and ``time``
        ("HH:MM" or "HH:MM:SS", the timetable's zone; with ``arrive_by`` the latest arrival), as
        ``routing::route``: the Pareto set on (arrival, rides), fewest rides first, each leaving as late as its
        connections allow, a direct walk (bike) first when it is no slower, then the next ``departures - 1``
        departures. ``mode`` "walk", "bike" or "transit", or a comma-separated list of walk, bike, transit,
        bikeshare (a network ``with_gbfs``) and bike_and_ride; ``lang`` picks translated names; ``step_free``
        avoids inaccessible stops and trips (``unknown="avoid"``: also those with no value). Each
        :class:`kwartier.routing.Journey` has ``legs`` and ``to_dataframe()``; on a network ``with_realtime``,
        rides carry ``status``, ``departure_delay_s`` and ``arrival_delay_s``. ``fares=True`` prices each journey
        with the feed's GTFS fares (``Journey.fares``: v1 and one v2 price per rider category and medium);
        ``optimize_fare=True`` makes the price a third Pareto criterion, listing slower but cheaper journeys too
        (implies ``fares``; docs/realtime.md). The GIL is released while the library plans.

        Raises OutOfRangeError for a date outside the timetable's service dates (named in the message),
        InvalidArgumentError for a malformed date or time, TooFarError for a point far from any street,
        UnsupportedError for transit on a network built without GTFS."""
        fl, fo = _args.point("from_", from_)
        tl, to_ = _args.point("to", to)
        data = _kwartier.network_route(
            self._impl,
            fl,
            fo,
            tl,
            to_,
            _args.string("date", date),
            _args.string("time", time),
            _args.string("mode", mode),
            _args.string("access_mode", access_mode),
            _args.boolean("arrive_by", arrive_by),
            _args.string("lang", lang),
            _args.boolean("step_free", step_free),
            _args.string("unknown", unknown),
            _args.integer("max_transfers", max_transfers),
            _args.integer("max_access_seconds", max_access_seconds, None),
            _args.integer("max_travel_seconds", max_travel_seconds, None),
            _args.integer("min_change_seconds", min_change_seconds, None),
            _args.integer("departures", departures),
            _args.number("max_snap_m", max_snap_m),
            self._rt,
            _args.boolean("fares", fares),
            _args.boolean("optimize_fare", optimize_fare),
            self._bs,
        )
        return [Journey(j) for j in data["journeys"]]

    def isochrone(
        self,
        from_: Any,
        *,
        mode: str = _I["mode"],
        date: Optional[str] = None,
        time: Optional[str] = None,
        max_seconds: int = _I["max_seconds"],
        bands: Sequence[int] = _I["bands"],
        step_free: bool = _I["step_free"],
        unknown: str = _I["unknown"],
        max_transfers: int = _I["max_transfers"],
        min_change_seconds: int = _I["min_change_seconds"],
        max_snap_m: float = _I["max_snap_m"],
        buffer_m: float = _I["buffer_m"],
        polygons: bool = _I["polygons"],
    ) -> Isochrone:
        """Travel time from ``from_`` ((lat, lon)) to every street node within ``max_seconds``, and polygons
        of the area reached within each of ``bands`` (seconds, each at most ``max_seconds``), as
        ``routing::isochrone``. ``mode``
        "walk", "bike" or "transit" (walk + transit, leaving at the local ``date`` "YYYY-MM-DD" and ``time``
        "HH:MM[:SS]" in the timetable's zone); ``step_free`` avoids steps, wheelchair=no, raised kerbs and
        inaccessible stops and trips (``unknown="avoid"``: also those with no value); ``polygons=False`` skips
        the polygons. Returns a :class:`kwartier.routing.Isochrone`: ``node_seconds`` (numpy float32, ``inf``
        where not reached, aligned with ``node_latlon()``), ``summary``, ``bands``, ``to_geojson()``. The GIL
        is released while the library works.

        Raises OutOfRangeError for a date outside the timetable's service dates (named in the message) or a
        bad coordinate, InvalidArgumentError for max_seconds <= 0, a band <= 0 or above it, a malformed date or time or transit
        without them, TooFarError for a point far from any street, UnsupportedError for transit on a network
        built without GTFS."""
        lat, lon = _args.point("from_", from_)
        if isinstance(bands, (str, bytes)) or not isinstance(bands, collections.abc.Iterable):
            raise _args._type_error("bands", "a sequence of ints (seconds)", bands)
        band_list = list(bands)
        secs, summary, geojson = _kwartier.network_isochrone(
            self._impl,
            lat,
            lon,
            _args.string("mode", mode),
            None if date is None else _args.string("date", date),
            None if time is None else _args.string("time", time),
            _args.integer("max_seconds", max_seconds, None),
            [_args.integer(f"bands[{i}]", b, None) for i, b in enumerate(band_list)],
            _args.boolean("step_free", step_free),
            _args.string("unknown", unknown),
            _args.integer("max_transfers", max_transfers),
            _args.integer("min_change_seconds", min_change_seconds, None),
            _args.number("max_snap_m", max_snap_m),
            _args.number("buffer_m", buffer_m),
            _args.boolean("polygons", polygons),
            self._bs,
        )
        return Isochrone(secs, summary, geojson)

    def matrix(
        self,
        origins: Any,
        destinations: Any,
        *,
        mode: str = _M["mode"],
        access_mode: str = _M["access_mode"],
        date: Optional[str] = None,
        time: str = _M["time"],
        window_seconds: int = _M["window_seconds"],
        window_step: int = _M["window_step"],
        percentile: float = _M["percentile"],
        max_seconds: int = _M["max_seconds"],
        max_access_seconds: int = _M["max_access_seconds"],
        max_transfers: int = _M["max_transfers"],
        min_change_seconds: int = _M["min_change_seconds"],
        max_snap_m: float = _M["max_snap_m"],
        skip_unsnapped: bool = _M["skip_unsnapped"],
        step_free: bool = _M["step_free"],
        threads: int = _M["threads"],
        max_bytes: int = _M["max_bytes"],
        use_ch: bool = _M["use_ch"],
        unit: str = "seconds",
    ) -> Any:
        """Travel-time matrix from ``origins`` to ``destinations`` ((n, 2) arrays of latitude, longitude), as
        ``routing::matrix``: an (n_origins, n_destinations) numpy array of int32 seconds (unreachable:
        2147483647), or with ``unit="minutes"`` uint16 minutes rounded to the nearest (unreachable: 65535).
        ``mode`` "walk", "bike" or "transit" (walk or bike to the stops: ``access_mode``; a local ``date``
        "YYYY-MM-DD" and ``time`` "HH:MM"; ``window_seconds`` > 0: departures every ``window_step`` seconds,
        each cell the ``percentile`` of their travel times). Walk and bike use the network's contraction
        hierarchy when it has one (``use_ch``). Origins run on ``threads`` threads (0: one per core) with the
        GIL released.

        Raises InvalidArgumentError for empty origins or destinations and bad options, OutOfRangeError for a
        coordinate out of range (named ``origins[i]``) or a date outside the timetable's service dates,
        TooFarError for a point far from any street (unless ``skip_unsnapped``), LimitExceededError when the
        request needs more than ``max_bytes``, UnsupportedError for transit on a network without GTFS."""
        u = _args.string("unit", unit)
        if u not in ("seconds", "minutes"):
            raise _args._argument_error(_args.InvalidArgumentError, "unit", f"must be 'seconds' or 'minutes', not {u!r}")
        return _kwartier.network_matrix(
            self._impl,
            _args.points("origins", origins),
            _args.points("destinations", destinations),
            _args.string("mode", mode),
            _args.string("access_mode", access_mode),
            "" if date is None else _args.string("date", date),
            _args.string("time", time),
            _args.integer("window_seconds", window_seconds, None),
            _args.integer("window_step", window_step, None),
            _args.number("percentile", percentile),
            _args.integer("max_seconds", max_seconds, None),
            _args.integer("max_access_seconds", max_access_seconds, None),
            _args.integer("max_transfers", max_transfers),
            _args.integer("min_change_seconds", min_change_seconds, None),
            _args.number("max_snap_m", max_snap_m),
            _args.boolean("skip_unsnapped", skip_unsnapped),
            _args.boolean("step_free", step_free),
            _args.integer("threads", threads),
            _args.integer("max_bytes", max_bytes),
            _args.boolean("use_ch", use_ch),
            u == "minutes",
        )

    def stop_link_distances(self) -> npt.NDArray[np.float32]:
        """Per timetable stop: metres from the stop to its street (NaN when unlinked)."""
        a: npt.NDArray[np.float32] = self._impl.stop_link_distances()
        return a

    def footpaths(self) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.uint32], npt.NDArray[np.int32]]:
        """All footpaths as (from_stop, to_stop, seconds) arrays (stop indices of the timetable)."""
        f, t, s = self._impl.footpaths()
        return f, t, s
