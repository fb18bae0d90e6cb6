"""The three edges asked the same thing answer the same (docs/edges.md §1): the CLI's --format json, the
C ABI's kw_*_json (through c_edge_tool) and the Python dicts are equal, the defaults are the C++ ones on every
edge, and each error kind has its documented code on each edge."""
from __future__ import annotations

import inspect
import json
import math
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import kwartier
import kwartier.gtfs as gtfs
from conftest import CATALOGUE, MINI, MINI_OSM, SRC, TF, cli, ctool

# Fields that name where a result was written or when; everything else must be equal across edges.
VOLATILE = {"output", "file", "seconds", "build_id"}


def strip(d: Any) -> Any:
    if isinstance(d, dict):
        return {k: strip(v) for k, v in d.items() if k not in VOLATILE}
    if isinstance(d, list):
        return [strip(v) for v in d]
    return d


def approx_equal(a: Any, b: Any) -> bool:
    """Equal, numbers within float32 printing error (C prints its options with %.17g)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(approx_equal(a[k], b[k]) for k in a)
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return math.isclose(a, b, rel_tol=1e-12)
    return bool(a == b)


# ------------------------------------------------------------------------------------------------ defaults


def test_defaults_are_the_cpp_ones_on_every_edge() -> None:
    py = kwartier.defaults()
    # A capability that adds <x>_defaults to kwartier.defaults() adds `c_edge_tool <x>-defaults` here.
    c = {}
    for group in ("search", "network", "route", "isochrone", "access", "matrix"):
        c.update(ctool(f"{group}-defaults").json())
    assert set(py) == set(c) >= {"search.query", "search.build", "network.build", "network.times", "network.route",
                                 "network.isochrone", "access.score", "network.matrix"}
    assert approx_equal(py, c), (py, c)


@pytest.mark.parametrize(
    "group,function,skip",
    [
        ("search.query", kwartier.SearchIndex.query, set()),
        ("search.build", kwartier.SearchIndex.build, {"concept_table"}),  # None: the built-in table
        ("network.build", kwartier.Network.build, set()),
        ("network.times", kwartier.Network.times, set()),
        ("network.times", kwartier.Network.times_to, set()),
        ("network.route", kwartier.Network.route, set()),
        ("network.isochrone", kwartier.Network.isochrone, set()),
        ("network.matrix", kwartier.Network.matrix, set()),
    ],
)
def test_python_signatures_take_their_defaults_from_cpp(group: str, function: Any, skip: set[str]) -> None:
    d = kwartier.defaults()[group]
    params = inspect.signature(function).parameters
    checked = 0
    for name, value in d.items():
        if name in params and name not in skip:
            assert params[name].default == value, (group, name)
            checked += 1
    assert checked >= len(d) - len(skip)


@pytest.mark.parametrize(
    "command,group,flags",
    [
        (["search", "query"], "search.query", {"limit": "--limit", "offset": "--offset", "snippet_chars": "--snippet-chars"}),
        (
            ["network", "build"],
            "network.build",
            {
                "walk_speed_mps": "--walk-speed-mps",
                "bike_speed_mps": "--bike-speed-mps",
                "max_link_m": "--max-link-m",
                "footpath_max_m": "--footpath-max-m",
                "detour_factor": "--detour-factor",
                "stop_area_max_m": "--stop-area-max-m",
                "min_component_nodes": "--min-component-nodes",
            },
        ),
        (
            ["route"],
            "network.route",
            {
                "max_transfers": "--max-transfers",
                "max_access_seconds": "--max-access-seconds",
                "max_travel_seconds": "--max-travel-seconds",
                "min_change_seconds": "--min-change-seconds",
                "departures": "--departures",
                "max_snap_m": "--max-snap-m",
            },
        ),
        (
            ["isochrone"],
            "network.isochrone",
            {
                "max_seconds": "--max-seconds",
                "max_transfers": "--max-transfers",
                "min_change_seconds": "--min-change-seconds",
                "max_snap_m": "--max-snap-m",
                "buffer_m": "--buffer-m",
            },
        ),
        (
            ["matrix"],
            "network.matrix",
            {
                "max_seconds": "--max-seconds",
                "max_access_seconds": "--max-access-seconds",
                "window_step": "--window-step",
                "percentile": "--percentile",
                "max_transfers": "--max-transfers",
                "max_snap_m": "--max-snap-m",
                "max_bytes": "--max-bytes",
            },
        ),
    ],
)
def test_cli_help_prints_the_cpp_defaults(command: list[str], group: str, flags: dict[str, str]) -> None:
    r = cli(*command, "--help")
    assert r.rc == 0
    d = kwartier.defaults()[group]
    for name, flag in flags.items():
        m = re.search(re.escape(flag) + r"\s+\S+=(\S+)", r.out)
        assert m, (flag, r.out)
        assert float(m.group(1)) == pytest.approx(d[name]), flag
    # bools: a default of True is switched off with --no-<name>, False switched on with --<name>
    if group == "search.query":
        for name in ("typos", "prefix", "concepts", "stemming", "group", "explain"):
            flag = ("--no-" if d[name] else "--") + name
            assert re.search(re.escape(flag) + r"\b", r.out), flag


# ----------------------------------------------------------------------------------------------------- gtfs


@pytest.mark.parametrize("feed", [MINI, TF / "undefined_stop", TF / "bad_date_format"])
def test_gtfs_validate_and_info_agree(feed: Path) -> None:
    loaded = gtfs.load(feed)
    for sub, py in (("validate", loaded.report.to_json()), ("info", loaded.info())):
        c_out = ctool(f"gtfs-{sub}", feed)
        cli_out = cli("gtfs", sub, feed, "--format", "json")
        assert cli_out.rc == c_out.rc == (1 if loaded.report.errors else 0)
        assert cli_out.json() == c_out.json() == py
    assert isinstance(loaded.first_date, (str, type(None)))


def test_gtfs_build_and_timetable_info_agree(tmp_path: Path) -> None:
    built = cli("gtfs", "build", MINI, "-o", tmp_path / "cli.kwt", "--format", "json", "-q").json()
    c_info = ctool("gtfs-build", tmp_path / "c.kwt", MINI).json()
    py_tt = gtfs.load(MINI).build()
    py_tt.save(tmp_path / "py.kwt")
    opened = gtfs.Timetable.open(tmp_path / "py.kwt")
    cli_info = cli("gtfs", "info", tmp_path / "py.kwt", "--format", "json").json()
    assert built["timetable"] == c_info == py_tt.info() == opened.info() == cli_info
    # mini-brussels: 7 trips (the frequency trip expands to 3), dates as ISO strings on every edge
    assert cli_info["counts"]["trips"] == 7
    assert (cli_info["first_date"], opened.first_date) == ("2024-12-09", "2024-12-09")


# --------------------------------------------------------------------------------------------------- search


def test_search_build_summaries_agree(tmp_path: Path) -> None:
    cli_s = cli("search", "build", CATALOGUE, "-o", tmp_path / "cli", "--format", "json", "-q").json()
    c_s = ctool("search-build", tmp_path / "c", CATALOGUE).json()
    py_s = kwartier.SearchIndex.build([CATALOGUE], tmp_path / "py").summary
    assert strip(cli_s) == strip(c_s) == strip(py_s)
    assert cli_s["documents"] == 23 and cli_s["skipped"] == 0


@pytest.mark.parametrize(
    "text,langs,filters,limit,offset",
    [
        ("identiteitskaart", "nl,fr", "", 10, 0),
        ("carte d'identite", "en", "country=belgium", 3, 0),
        ("permis de batir", "fr", "", 2, 1),
        ("de la et", "fr", "", 10, 0),  # only stop words: no hits, a note
    ],
)
def test_search_query_agrees(search_index: Path, text: str, langs: str, filters: str, limit: int, offset: int) -> None:
    args = ["search", "query", search_index, text, "--lang", langs, "-n", str(limit), "--offset", str(offset),
            "--format", "json"]
    if filters:
        args += ["--filter", filters]
    cli_j = cli(*args).json()
    c_j = ctool("search-query", search_index, text, langs, filters, limit, offset).json()
    assert cli_j == c_j
    fd = dict(f.split("=") for f in filters.split(";") if f)
    py = kwartier.SearchIndex.open(search_index).query(text, langs.split(","), limit, offset=offset, filters=fd)
    assert [h._asdict() for h in py] == [{k: v for k, v in h.items() if k != "rank"} for h in cli_j["hits"]]
    assert [h["rank"] for h in cli_j["hits"]] == list(range(1, len(py) + 1))
    assert (py.query_lang, py.n_matches, py.notes, py.facets) == (
        cli_j["query_lang"], cli_j["n_matches"], cli_j["notes"], cli_j["facets"])


# -------------------------------------------------------------------------------------------------- network


def test_network_build_and_info_agree(tmp_path: Path) -> None:
    cli_s = cli("network", "build", "--gtfs", MINI, "--osm", MINI_OSM, "-o", tmp_path / "cli.kwn", "--format",
                "json", "-q").json()
    c_s = ctool("network-build", tmp_path / "c.kwn", MINI_OSM, MINI).json()
    py = kwartier.Network.build(MINI_OSM, gtfs=[MINI], output=tmp_path / "py.kwn")
    assert strip(cli_s) == strip(c_s) == strip(py.summary)
    infos = [cli("network", "info", tmp_path / f"{e}.kwn", "--format", "json").json() for e in ("cli", "c", "py")]
    infos.append(ctool("network-info", tmp_path / "py.kwn").json())
    infos.append(kwartier.Network.open(tmp_path / "py.kwn").info())
    assert all(strip(i) == strip(infos[0]) for i in infos)
    assert infos[-1]["file"] == str(tmp_path / "py.kwn") and infos[0]["timetable"]["first_date"] == "2024-12-09"
    # GTFS alone: the straight-line parameters come from build_options, the same on every edge
    g = cli("network", "build", "--gtfs", MINI, "-o", tmp_path / "g.kwn", "-q")
    assert g.rc == 0
    gi = ctool("network-info", tmp_path / "g.kwn").json()
    assert gi["access_model"] == "straight_line"
    assert gi["straight_line"]["detour_factor"] == kwartier.defaults()["network.build"]["detour_factor"]


def test_network_times_agree(tmp_path: Path) -> None:
    net = kwartier.Network.build(MINI_OSM, gtfs=[MINI], output=tmp_path / "n.kwn")
    for mode in ("walk", "bike"):
        py = net.times(50.8483, 4.3500, mode, max_seconds=600)
        c = np.array([float(x) for x in ctool("network-times", tmp_path / "n.kwn", 50.8483, 4.3500, mode, 600)
                      .out.split()], dtype=np.float32)
        np.testing.assert_array_equal(py, c)
        assert np.isfinite(py).any() and (py[np.isfinite(py)] <= 600).all()


# ---------------------------------------------------------------------------------------------------- route


@pytest.mark.parametrize("time,lang,arrive_by", [("07:55", "nl", False), ("08:30", "", True), ("12:00", "fr", False)])
def test_route_agrees(tmp_path: Path, time: str, lang: str, arrive_by: bool) -> None:
    # GDM1 -> ROG on the sample: line 1 (M1A 08:00 -> 08:11 on Monday 2024-12-09).
    kwn = tmp_path / "n.kwn"
    net = kwartier.Network.build(MINI_OSM, gtfs=[MINI], output=kwn)
    args = ["route", "--network", kwn, "--from", "50.8355,4.3358", "--to", "50.8556,4.3589", "--date",
            "2024-12-09", "--time", time, "--lang", lang, "--format", "json"]
    cli_j = cli(*args, *(["--arrive-by"] if arrive_by else [])).json()
    c_j = ctool("route", kwn, 50.8355, 4.3358, 50.8556, 4.3589, "2024-12-09", time, lang, int(arrive_by)).json()
    py = net.route((50.8355, 4.3358), (50.8556, 4.3589), "2024-12-09", time, lang=lang, arrive_by=arrive_by)
    assert cli_j == c_j == {"journeys": [j.to_dict() for j in py]}
    assert len(py) >= 1


UPDATES = SRC / "data" / "realtime" / "mini-brussels-updates.pb"
FARES = SRC / "data" / "gtfs" / "mini-brussels-fares"


@pytest.mark.parametrize("gtfs_dir,updates,fares", [(MINI, UPDATES, False), (FARES, None, True),
                                                   (MINI, UPDATES, True)])
def test_route_with_realtime_and_fares_agrees(tmp_path: Path, gtfs_dir: Path, updates: Path | None,
                                              fares: bool) -> None:
    # data/realtime/mini-brussels-updates.textproto: M1A 5 min late (GDM1 08:05 -> ROG 08:16), one M1F run
    # cancelled; data/gtfs/mini-brussels-fares.md: the prices of M1A GDM1 -> ROG. Same JSON on every edge.
    kwn = tmp_path / "n.kwn"
    net = kwartier.Network.build(MINI_OSM, gtfs=[gtfs_dir], output=kwn)
    live = net.with_realtime(updates) if updates else net
    args = ["route", "--network", kwn, "--from", "50.8355,4.3358", "--to", "50.8556,4.3589", "--date",
            "2024-12-09", "--time", "07:55", "--format", "json"]
    args += ["--realtime", updates] if updates else []
    args += ["--fares"] if fares else []
    cli_j = cli(*args).json()
    c_j = ctool("route", kwn, 50.8355, 4.3358, 50.8556, 4.3589, "2024-12-09", "07:55", "", 0, updates or "-",
                int(fares)).json()
    py = live.route((50.8355, 4.3358), (50.8556, 4.3589), "2024-12-09", "07:55", fares=fares)
    assert cli_j == c_j == {"journeys": [j.to_dict() for j in py]}
    rides = [leg for j in cli_j["journeys"] for leg in j["legs"] if leg["kind"] == "ride"]
    assert rides
    if updates:
        assert {leg["status"] for leg in rides} & {"delayed", "on_time"}
        assert ctool("realtime-info", kwn, updates).json() == \
            cli("realtime", "info", updates, "--network", kwn, "--format", "json").json() == live.realtime
    if fares and gtfs_dir == FARES:
        assert all(j["fares"] for j in cli_j["journeys"] if j["rides"] > 0)


def test_cheapest_journey_agrees(tmp_path: Path) -> None:
    # data/gtfs/mini-brussels-fare-choice.md: GDM1 -> ROG at 07:55 on Monday 2024-12-09, metro M1A 08:00 ->
    # 08:11 for 3.00 EUR, bus B9A 08:02 -> 08:45 for 1.00 EUR. On (arrival, rides) only M1A; with the price as
    # a criterion B9A follows it. The same JSON on every edge, and the option's default is off everywhere.
    kwn = tmp_path / "n.kwn"
    net = kwartier.Network.build(MINI_OSM, gtfs=[SRC / "data" / "gtfs" / "mini-brussels-fare-choice"], output=kwn)
    args = ["route", "--network", kwn, "--from", "50.8355,4.3358", "--to", "50.8556,4.3589", "--date",
            "2024-12-09", "--time", "07:55", "--format", "json"]

    def rides(js: dict[str, Any]) -> list[tuple[str, str]]:
        return [(leg["trip_id"], j["fares"][0]["amount"] if j["fares"] else "")
                for j in js["journeys"] for leg in j["legs"] if leg["kind"] == "ride"]

    plain = cli(*args).json()
    cli_j = cli(*args, "--optimize-fare").json()
    c_j = ctool("route", kwn, 50.8355, 4.3358, 50.8556, 4.3589, "2024-12-09", "07:55", "", 0, "-", 2).json()
    py = net.route((50.8355, 4.3358), (50.8556, 4.3589), "2024-12-09", "07:55", optimize_fare=True)
    assert cli_j == c_j == {"journeys": [j.to_dict() for j in py]}
    assert rides(plain) == [("M1A", "")]
    assert rides(cli_j) == [("M1A", "3.00"), ("B9A", "1.00")]
    assert kwartier.defaults()["network.route"]["optimize_fare"] is False


def test_route_errors_have_their_codes_on_each_edge(tmp_path: Path) -> None:
    kwn, streets = tmp_path / "n.kwn", tmp_path / "s.kwn"
    net = kwartier.Network.build(MINI_OSM, gtfs=[MINI], output=kwn)
    only = kwartier.Network.build(MINI_OSM, output=streets)
    a, b = (50.8355, 4.3358), (50.8556, 4.3589)
    cases = [
        (kwn, "2024-12-09", "7:5x", 11, kwartier.InvalidArgumentError),  # malformed time
        (kwn, "2024-13-09", "08:00", 11, kwartier.InvalidArgumentError),  # malformed date
        (kwn, "2025-01-06", "08:00", 18, kwartier.OutOfRangeError),  # outside the service dates
        (streets, "2024-12-09", "08:00", 19, kwartier.UnsupportedError),  # no GTFS in the network
    ]
    for path, date, time, rc, exc in cases:
        r = cli("route", "--network", path, "--from", "50.8355,4.3358", "--to", "50.8556,4.3589", "--date", date,
                "--time", time)
        assert r.rc == rc, (date, time, r.err)
        assert ctool("route", path, *a, *b, date, time).rc == rc
        with pytest.raises(exc):
            (net if path == kwn else only).route(a, b, date, time)


# ------------------------------------------------------------------------------------------------ isochrone


@pytest.mark.parametrize("mode,extra", [("walk", []), ("transit", ["2024-12-09", "07:55"])])
def test_isochrone_agrees(tmp_path: Path, mode: str, extra: list[str]) -> None:
    # From GDM1 on the sample; walk + transit rides M1A (08:00 -> 08:11 on Monday 2024-12-09).
    kwn, out = tmp_path / "n.kwn", tmp_path / "cli.geojson"
    net = kwartier.Network.build(MINI_OSM, gtfs=[MINI], output=kwn)
    when = ["--date", extra[0], "--time", extra[1]] if extra else []
    cli_r = cli("isochrone", "--network", kwn, "--from", "50.8355,4.3358", "--mode", mode, *when, "--max-seconds",
                "1200", "--bands", "300,1200", "-o", out, "--format", "json", "-q")
    assert cli_r.rc == 0, cli_r.err
    c_lines = ctool("isochrone", kwn, 50.8355, 4.3358, mode, 1200, "300,1200", *extra).out.splitlines()
    py = net.isochrone((50.8355, 4.3358), mode=mode, max_seconds=1200, bands=[300, 1200],
                       **({"date": extra[0], "time": extra[1]} if extra else {}))
    assert cli_r.json() == json.loads(c_lines[0]) == py.summary
    assert json.loads(out.read_text()) == json.loads(c_lines[1]) == py.to_geojson()
    assert py.summary["nodes_reached"] > py.bands[0]["nodes"] > 0


def test_isochrone_errors_have_their_codes_on_each_edge(tmp_path: Path) -> None:
    kwn, streets = tmp_path / "n.kwn", tmp_path / "s.kwn"
    net = kwartier.Network.build(MINI_OSM, gtfs=[MINI], output=kwn)
    only = kwartier.Network.build(MINI_OSM, output=streets)
    cases = [  # (network, lat, lon, max_seconds, bands, date, exit code, Python exception)
        (kwn, 50.8355, 4.3358, 0, "300", "2024-12-09", 11, kwartier.InvalidArgumentError),  # zero budget
        (kwn, 50.8355, 4.3358, -60, "300", "2024-12-09", 11, kwartier.InvalidArgumentError),  # negative budget
        (kwn, 50.8355, 4.3358, 900, "0", "2024-12-09", 11, kwartier.InvalidArgumentError),  # zero band
        (kwn, 50.8355, 4.3358, 900, "300", "2025-01-06", 18, kwartier.OutOfRangeError),  # outside the dates
        (kwn, 51.5, -0.12, 900, "300", "2024-12-09", 17, kwartier.TooFarError),  # outside the network
        (streets, 50.8355, 4.3358, 900, "300", "2024-12-09", 19, kwartier.UnsupportedError),  # no GTFS
    ]
    for path, lat, lon, max_seconds, bands, date, rc, exc in cases:
        r = cli("isochrone", "--network", path, "--from", f"{lat},{lon}", "--mode", "transit", "--date", date,
                "--time", "08:00", f"--max-seconds={max_seconds}", "--bands", bands, "-q")
        assert r.rc == rc, (lat, max_seconds, bands, date, r.err)
        assert ctool("isochrone", path, lat, lon, "transit", max_seconds, bands, date, "08:00").rc == rc
        with pytest.raises(exc):
            (net if path == kwn else only).isochrone((lat, lon), mode="transit", date=date, time="08:00",
                                                    max_seconds=max_seconds, bands=[int(bands)])


# ------------------------------------------------------------------------------------------------ access


def test_access_agrees(tmp_path: Path) -> None:
    # Every street node of the sample, walk + bike + transit on 2024-12-10 07:55: the same summary on the three
    # edges, the same GeoJSON from the CLI and C.
    import kwartier.access as acc

    kwn, out = tmp_path / "n.kwn", tmp_path / "cli.geojson"
    net = kwartier.Network.build(MINI_OSM, gtfs=[MINI], output=kwn)
    cli_r = cli("access", "--network", kwn, "--modes", "walk,bike,transit", "--minutes", "15", "--date",
                "2024-12-10", "--time", "07:55", "-o", out, "--format", "json", "-q")
    assert cli_r.rc == 0, cli_r.err
    c = ctool("access", kwn, "walk,bike,transit", 15, "2024-12-10", "07:55")
    assert c.rc == 0, c.err
    c_summary, c_geojson = c.out.split("\n", 1)  # the GeoJSON has one feature per line
    df = acc.score(net, modes=["walk", "bike", "transit"], minutes=15, date="2024-12-10", time="07:55")
    assert cli_r.json() == json.loads(c_summary) == df.attrs["kwartier"]
    assert json.loads(out.read_text()) == json.loads(c_geojson)
    assert df.attrs["kwartier"]["origins"]["count"] == len(df) == 8


def test_access_errors_have_their_codes_on_each_edge(tmp_path: Path) -> None:
    import kwartier.access as acc

    kwn, streets = tmp_path / "n.kwn", tmp_path / "s.kwn"
    net = kwartier.Network.build(MINI_OSM, gtfs=[MINI], output=kwn)
    only = kwartier.Network.build(MINI_OSM, output=streets)
    empty = tmp_path / "empty.csv"
    empty.write_text("name,lat,lon,category\n")
    cases = [  # (network, modes, minutes, date, pois, exit code, Python exception)
        (kwn, "walk", 0, "", "osm", 11, kwartier.InvalidArgumentError),  # threshold 0
        (kwn, "walk,boat", 15, "", "osm", 11, kwartier.InvalidArgumentError),  # unknown mode
        (kwn, "walk", 15, "", str(tmp_path / "nope.csv"), 13, kwartier.NotFoundError),  # missing POI file
        (kwn, "walk", 15, "", str(empty), 14, kwartier.InvalidFormatError),  # empty POI set
        (kwn, "transit", 15, "2025-01-06", "osm", 18, kwartier.OutOfRangeError),  # outside the dates
        (streets, "transit", 15, "2024-12-10", "osm", 19, kwartier.UnsupportedError),  # no GTFS
    ]
    for path, modes, minutes, date, pois, rc, exc in cases:
        when = ["--date", date] if date else []
        r = cli("access", "--network", path, "--modes", modes, f"--minutes={minutes}", *when, "--pois", pois, "-q")
        assert r.rc == rc, (modes, minutes, date, pois, r.err)
        assert ctool("access", path, modes, minutes, date, "08:00", pois).rc == rc
        with pytest.raises(exc):
            acc.score(net if path == kwn else only, pois=pois, modes=modes, minutes=minutes, date=date or None)


# ---------------------------------------------------------------------------------------------------- errors


def test_each_error_kind_has_its_code_on_each_edge(search_index: Path, tmp_path: Path) -> None:
    # invalid_argument: an unknown language
    assert cli("search", "query", search_index, "carte", "--lang", "klingon").rc == 11
    assert ctool("search-query", search_index, "carte", "klingon").rc == 11
    with pytest.raises(kwartier.InvalidArgumentError) as e:
        kwartier.SearchIndex.open(search_index).query("carte", ["klingon"])
    assert e.value.field == "langs" and e.value.code == "invalid_argument"
    # not_found: a missing input
    assert cli("gtfs", "info", tmp_path / "nope.zip").rc == 13
    assert ctool("gtfs-info", tmp_path / "nope.zip").rc == 13
    with pytest.raises(kwartier.NotFoundError):
        gtfs.load(tmp_path / "nope.zip")
    # incompatible_dataset: a network file where a timetable is expected
    kwn = tmp_path / "n.kwn"
    assert cli("network", "build", "--osm", MINI_OSM, "-o", kwn, "-q").rc == 0
    assert cli("gtfs", "info", kwn).rc == 16
    assert ctool("timetable-info", kwn).rc == 16
    with pytest.raises(kwartier.IncompatibleDatasetError):
        gtfs.Timetable.open(kwn)
    # invalid_argument: a bad feed spec (the prefix may not contain a space)
    bad = f"st ib={MINI}"
    assert cli("gtfs", "validate", bad).rc == 11
    assert ctool("gtfs-validate", bad).rc == 11
    with pytest.raises(kwartier.InvalidArgumentError):
        gtfs.load(bad)


@pytest.mark.parametrize("kind", ["not-a-zip", "folder-without-gtfs"])
def test_a_path_that_is_not_gtfs_is_invalid_format_on_every_edge(tmp_path: Path, kind: str) -> None:
    # It used to build a timetable / network with 0 stops and exit 0. Validation still reports it (exit 1).
    bad = tmp_path / "bad.zip"
    if kind == "not-a-zip":
        bad.write_text("hello")
    else:
        bad.mkdir()
        (bad / "readme.txt").write_text("not a feed")
    assert cli("gtfs", "validate", bad).rc == ctool("gtfs-validate", bad).rc == 1
    assert gtfs.validate(bad).errors >= 1
    r = cli("gtfs", "build", bad, "-o", tmp_path / "x.kwt", "-q")
    assert r.rc == 14 and str(bad) in r.err and "[invalid_format]" in r.err, r.err
    r = cli("network", "build", "--gtfs", MINI, "--gtfs", f"b={bad}", "--osm", MINI_OSM, "-o", tmp_path / "x.kwn", "-q")
    assert r.rc == 14 and str(bad) in r.err, r.err  # the good feed does not hide the bad one
    assert ctool("gtfs-build", tmp_path / "c.kwt", bad).rc == 14
    assert ctool("network-build", tmp_path / "c.kwn", "-", bad).rc == 14
    with pytest.raises(kwartier.InvalidFormatError) as e:
        gtfs.load(bad).build()
    assert e.value.file == str(bad)
    with pytest.raises(kwartier.InvalidFormatError):
        kwartier.Network.build(MINI_OSM, gtfs=[MINI, bad], output=tmp_path / "p.kwn")
    assert not any((tmp_path / n).exists() for n in ("x.kwt", "x.kwn", "c.kwt", "c.kwn", "p.kwn"))


# ------------------------------------------------------------------------------- what a network holds (§4.4a)


def test_network_stops_nodes_and_times_to_agree(tmp_path: Path) -> None:
    kwn = tmp_path / "n.kwn"
    net = kwartier.Network.build(MINI_OSM, gtfs=[MINI], output=kwn)
    for lang in ("", "nl"):
        cli_j = cli("network", "stops", kwn, "--lang", lang, "--format", "json").json()
        c_j = ctool("network-stops", kwn, *([lang] if lang else [])).json()
        df = net.stops(lang)
        py = [{k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in r.items()}
              for r in df.to_dict("records")]
        assert cli_j == c_j
        assert [r["stop_id"] for r in py] == [r["stop_id"] for r in cli_j["stops"]]
        for p, c in zip(py, cli_j["stops"]):
            assert approx_equal({k: (float(v) if k == "link_m" and v is not None else v) for k, v in p.items()}, c)
    # mini-brussels: 6 stops, GDM1 "Zuidstation" in Dutch, a child of GDM; all linked within max_link_m
    stops = cli("network", "stops", kwn, "--lang", "nl", "--format", "json").json()["stops"]
    gdm1 = next(s for s in stops if s["stop_id"] == "GDM1")
    assert len(stops) == 6 and gdm1["name"] == "Zuidstation" and stops[gdm1["parent"]]["stop_id"] == "GDM"
    assert all(s["link_m"] is not None and s["link_m"] <= 100 for s in stops)
    text = cli("network", "stops", kwn)
    assert text.rc == 0 and "GDM1" in text.out and len(text.out.splitlines()) == 7
    # streets only: no stops, on every edge
    streets = tmp_path / "s.kwn"
    only = kwartier.Network.build(MINI_OSM, output=streets)
    assert cli("network", "stops", streets, "--format", "json").json() == ctool("network-stops", streets).json() == {"stops": []}
    assert only.n_stops == 0
    # node positions per mode (NaN outside that mode's graph), the same from C and Python
    for mode in ("walk", "bike"):
        c = np.array([[float(x) for x in l.split()] for l in ctool("network-nodes", kwn, mode).out.splitlines()])
        np.testing.assert_array_equal(c, net.node_latlon(mode))
    # one-to-many from C and Python
    targets = [(50.8556, 4.3589), (50.8355, 4.3358), (50.8483, 4.3500)]
    py_t = net.times_to(50.8483, 4.3500, targets, "walk", max_seconds=1800)
    c_t = np.array([float(x) for x in ctool("network-times-to", kwn, 50.8483, 4.3500, "walk", 1800,
                                            *[v for t in targets for v in t]).out.split()], dtype=np.float32)
    np.testing.assert_array_equal(py_t, c_t)
    assert c_t[2] < 60 and np.isfinite(c_t).all()  # the last target is the origin itself


# kwartier access (CLI) and kwartier.access.score (Python) take access::score_request's defaults (the C side:
# test_defaults_are_the_cpp_ones_on_every_edge).


def test_access_defaults_are_the_cpp_ones_on_the_cli_and_in_python() -> None:
    import kwartier.access as acc

    d = kwartier.defaults()["access.score"]
    params = inspect.signature(acc.score).parameters
    for name in ("pois", "minutes", "max_minutes", "time", "window_minutes", "percentile", "grid_m",
                 "category_column", "area_name", "max_snap_m", "threads"):
        assert params[name].default == d[name], name
    r = cli("access", "--help")
    for name in ("minutes", "max_minutes", "window_minutes", "percentile", "max_snap_m", "threads"):
        flag = "--" + name.replace("_", "-")
        m = re.search(re.escape(flag) + r"\s+\S+=(\S+)", r.out)
        assert m and float(m.group(1)) == pytest.approx(d[name]), flag
    for name in ("pois", "category_column", "time", "area_name"):
        assert re.search("--" + name.replace("_", "-") + r"\s+TEXT=" + re.escape(d[name]) + r"\s", r.out), name

