"""The Python edge's side of the contract (docs/edges.md §2, §4.7): wrong Python types raise
kwartier.ArgumentTypeError (an InvalidArgumentError and a TypeError) naming the argument, before anything runs;
lookups never return -1; handles pickle as their path and answer the same queries on the other side."""
from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pytest

import kwartier
import kwartier.gtfs as gtfs
from conftest import CATALOGUE, MINI, MINI_OSM


def raises_type_error(fn: Callable[[], Any], field: str) -> kwartier.ArgumentTypeError:
    with pytest.raises(kwartier.ArgumentTypeError) as e:
        fn()
    err = e.value
    assert isinstance(err, TypeError) and isinstance(err, kwartier.InvalidArgumentError)
    assert isinstance(err, kwartier.Error)
    assert err.field == field and err.code == "invalid_argument" and field in str(err)
    return err


@pytest.fixture(scope="module")
def net(tmp_path_factory: pytest.TempPathFactory) -> kwartier.Network:
    return kwartier.Network.build(MINI_OSM, gtfs=[MINI], output=tmp_path_factory.mktemp("py") / "mini.kwn")


@pytest.fixture(scope="module")
def index(search_index: Path) -> kwartier.SearchIndex:
    return kwartier.SearchIndex.open(search_index)


def test_a_single_path_where_a_list_is_expected(tmp_path: Path) -> None:
    # It used to iterate the characters and walk "/" until a filesystem error under /proc.
    err = raises_type_error(lambda: kwartier.SearchIndex.build(str(CATALOGUE), tmp_path / "idx"), "catalogues")
    assert "write catalogues=[" in str(err)
    assert not (tmp_path / "idx").exists()
    # It used to report "NotFoundError: t: no such file or folder".
    raises_type_error(lambda: kwartier.Network.build(MINI_OSM, gtfs=str(MINI), output=tmp_path / "x.kwn"), "gtfs")
    raises_type_error(lambda: kwartier.Network.build(MINI_OSM, gtfs=[MINI, 3], output=tmp_path / "x.kwn"), "gtfs[1]")
    raises_type_error(lambda: gtfs.load(42), "feeds[0]")
    assert not (tmp_path / "x.kwn").exists()


def test_lookups_raise_instead_of_returning_minus_one(net: kwartier.Network) -> None:
    tt = net.timetable()
    with pytest.raises(kwartier.NotFoundError) as nf:
        tt.find_stop("nope")
    assert nf.value.field == "stop_id"
    with pytest.raises(kwartier.OutOfRangeError) as oor:
        tt.stop_name(-1)  # it used to raise pybind's TypeError
    assert oor.value.field == "stop"
    with pytest.raises(kwartier.OutOfRangeError):
        tt.stop_name(tt.n_stops)
    raises_type_error(lambda: tt.stop_name(1.5), "stop")  # type: ignore[arg-type]
    raises_type_error(lambda: tt.find_stop(7), "stop_id")  # type: ignore[arg-type]
    assert tt.stop_name(tt.find_stop("GDM1"), "nl") == "Zuidstation"


def test_targets_of_the_wrong_shape(net: kwartier.Network) -> None:
    with pytest.raises(kwartier.InvalidArgumentError) as e:
        net.times_to(50.8483, 4.3500, [1, 2, 3])  # it used to raise numpy's ValueError
    assert e.value.field == "targets" and "(3,)" in str(e.value)
    raises_type_error(lambda: net.times_to(50.8483, 4.3500, "north"), "targets")
    raises_type_error(lambda: net.walk_times("50.8", 4.35), "lat")  # type: ignore[arg-type]
    assert net.times_to(50.8483, 4.3500, np.empty((0, 2))).shape == (0,)
    with pytest.raises(TypeError):
        net.walk_times(50.8483, 4.3500, 15)  # type: ignore[misc]  # max_seconds is keyword-only: 15 s or 15 min?


def test_query_options_checked(index: kwartier.SearchIndex) -> None:
    with pytest.raises(kwartier.InvalidArgumentError) as e:
        index.query("carte", langs=["klingon"])  # it used to be accepted silently
    assert e.value.field == "langs" and "klingon" in str(e.value)
    raises_type_error(lambda: index.query("carte", langs="nl"), "langs")
    raises_type_error(lambda: index.query("carte", limit="10"), "limit")  # type: ignore[arg-type]
    raises_type_error(lambda: index.query("carte", typos=1), "typos")  # type: ignore[arg-type]
    raises_type_error(lambda: index.query("carte", filters=[("country", "belgium")]), "filters")  # type: ignore[arg-type]
    with pytest.raises(kwartier.InvalidArgumentError) as e:
        index.query("carte", filters={"planet": "mars"})
    assert e.value.field == "filters"
    with pytest.raises(kwartier.InvalidArgumentError):
        index.query("carte", offset=-1)


def test_offset_pages_through_the_answers(index: kwartier.SearchIndex) -> None:
    first = index.query("identiteitskaart", ["nl"], limit=4)
    second = index.query("identiteitskaart", ["nl"], limit=2, offset=2)
    assert [h.id for h in second] == [h.id for h in first[2:4]]
    df = index.query_dataframe("identiteitskaart", ["nl"], limit=2, offset=2)
    assert list(df["rank"]) == [3, 4]


def test_group_and_highlight_options(index: kwartier.SearchIndex) -> None:
    grouped = [h.id for h in index.query("identiteitskaart", ["nl"], limit=3)]
    ungrouped = [h.id for h in index.query("identiteitskaart", ["nl"], limit=3, group=False)]
    assert "kw-idcard-en" not in grouped and {"kw-idcard-nl", "kw-idcard-en", "kw-idcard-fr"} == set(ungrouped)
    marked = index.query("identiteitskaart", ["nl"], highlight_open="<b>", highlight_close="</b>")
    assert "<b>identiteitskaart</b>" in marked[0].snippet


def test_problems_are_one_record_type(net: kwartier.Network, tmp_path: Path) -> None:
    assert net.report is not None
    feed_report = gtfs.load(MINI).report
    for report in (net.report, feed_report):
        assert isinstance(report, kwartier.Report)
        assert all(isinstance(p, kwartier.Problem) for p in report)
    assert feed_report.problems[0] == kwartier.Problem("info", "unknown_column", "trips.txt", 1, "note",
                                                       feed_report.problems[0].message)
    assert net.summary is not None and net.summary["report"] == net.report.to_json()


def test_progress_callback(tmp_path: Path) -> None:
    seen: list[tuple[str, float]] = []
    kwartier.Network.build(MINI_OSM, gtfs=[MINI], output=tmp_path / "p.kwn", progress=lambda s, f: seen.append((s, f)))
    assert seen and all(0.0 <= f <= 1.0 for _, f in seen)
    stages = list(dict.fromkeys(s for s, _ in seen))
    assert len(stages) >= 3
    idx_seen: list[str] = []
    kwartier.SearchIndex.build([CATALOGUE], tmp_path / "idx", progress=lambda s, f: idx_seen.append(s))
    assert idx_seen

    def boom(stage: str, fraction: float) -> None:
        raise KeyError(stage)

    with pytest.raises(KeyError):  # the callback's exception reaches the caller after the build
        kwartier.Network.build(MINI_OSM, output=tmp_path / "b.kwn", progress=boom)
    raises_type_error(lambda: kwartier.Network.build(MINI_OSM, output=tmp_path / "c.kwn", progress=3), "progress")


def test_network_stops_and_node_positions(net: kwartier.Network) -> None:
    stops = net.stops("nl")
    assert list(stops.columns) == ["stop_id", "name", "lat", "lon", "parent", "link_m"]
    assert len(stops) == net.n_stops == 6
    assert stops.loc[stops.stop_id == "GDM1", "name"].item() == "Zuidstation"
    assert stops["link_m"].notna().all() and (stops["link_m"] <= 100).all()  # all 6 linked within max_link_m
    # The bike graph has 7 of the 8 junctions (network info); the one missing is NaN in the bike positions.
    walk, bike = net.node_latlon("walk"), net.node_latlon("bike")
    assert walk.shape == bike.shape == (8, 2)
    assert not np.isnan(walk).any() and np.isnan(bike[:, 0]).sum() == 1
    assert (np.isnan(bike[:, 0]) == ~net.node_mask("bike")).all()
    assert net.info()["street"]["modes"]["bike"]["nodes"] == int(net.node_mask("bike").sum())
    # A query from every usable node works (none raises TooFarError).
    for lat, lon in bike[~np.isnan(bike[:, 0])]:
        assert np.isfinite(net.bike_times(lat, lon, max_seconds=60)).any()


def test_handles_pickle_as_their_path(net: kwartier.Network, index: kwartier.SearchIndex, tmp_path: Path) -> None:
    again = pickle.loads(pickle.dumps(net))
    assert again.path == net.path
    np.testing.assert_array_equal(again.walk_times(50.8483, 4.3500), net.walk_times(50.8483, 4.3500))
    idx = pickle.loads(pickle.dumps(index))
    assert [h.id for h in idx.query("bouwvergunning", ["nl"])] == [h.id for h in index.query("bouwvergunning", ["nl"])]
    assert idx.build_id == index.build_id
    built = gtfs.load(MINI).build()
    with pytest.raises(TypeError):
        pickle.dumps(built)  # built in memory: there is no path to reopen
    built.save(tmp_path / "t.kwt")
    tt = pickle.loads(pickle.dumps(gtfs.Timetable.open(tmp_path / "t.kwt")))
    assert tt.info() == built.info()
    assert len(pickle.dumps(net)) < 300  # the path, not the contents
