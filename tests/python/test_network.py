"""kwartier.Network: build, open, walk/bike times as numpy arrays (the drawn grid of
tests/street/grid_test.cc, answers worked out by hand there) and errors."""
import os
import pathlib

import numpy as np
import pytest

import kwartier

GRID_OSM = """<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="hand">
  <node id="1" lat="0.002" lon="0.000"/><node id="2" lat="0.002" lon="0.001"/><node id="3" lat="0.002" lon="0.002"/>
  <node id="4" lat="0.001" lon="0.000"/><node id="5" lat="0.001" lon="0.001"/><node id="6" lat="0.001" lon="0.002"/>
  <node id="7" lat="0.000" lon="0.000"/><node id="8" lat="0.000" lon="0.001"/><node id="9" lat="0.000" lon="0.002"/>
  <node id="10" lat="0.000" lon="0.010"/><node id="11" lat="0.000" lon="0.011"/>
  <way id="101"><nd ref="1"/><nd ref="2"/><tag k="highway" v="cycleway"/><tag k="foot" v="no"/></way>
  <way id="102"><nd ref="2"/><nd ref="3"/><tag k="highway" v="residential"/></way>
  <way id="103"><nd ref="1"/><nd ref="4"/><tag k="highway" v="residential"/></way>
  <way id="104"><nd ref="2"/><nd ref="5"/><tag k="highway" v="steps"/></way>
  <way id="105"><nd ref="3"/><nd ref="6"/><tag k="highway" v="residential"/></way>
  <way id="106"><nd ref="4"/><nd ref="5"/><tag k="highway" v="residential"/></way>
  <way id="107"><nd ref="5"/><nd ref="6"/><tag k="highway" v="residential"/><tag k="oneway" v="yes"/></way>
  <way id="108"><nd ref="4"/><nd ref="7"/><tag k="highway" v="residential"/></way>
  <way id="109"><nd ref="6"/><nd ref="9"/><tag k="highway" v="residential"/></way>
  <way id="110"><nd ref="7"/><nd ref="8"/><nd ref="9"/><tag k="highway" v="residential"/></way>
  <way id="112"><nd ref="10"/><nd ref="11"/><tag k="highway" v="residential"/></way>
</osm>
"""

DATA = pathlib.Path(os.environ.get("KW_SHARED_DATA_DIR", "../shared/data"))


@pytest.fixture
def grid(tmp_path):
    osm = tmp_path / "grid.osm"
    osm.write_text(GRID_OSM)
    return kwartier.Network.build(osm, output=tmp_path / "grid.kwn")


def node_at(net, lat, lon):
    ll = net.node_latlon(mode=None)
    return int(np.flatnonzero((np.abs(ll[:, 0] - lat) < 1e-9) & (np.abs(ll[:, 1] - lon) < 1e-9))[0])


def test_build_summary_counts_and_dropped_island(grid):
    s = grid.summary
    assert s is not None
    assert s["street"]["nodes"] == 8 and s["street"]["edges"] == 20
    assert s["street"]["modes"]["walk"]["dropped_nodes"] == 2  # the island J-K
    assert s["street"]["modes"]["bike"]["edges"] == 17
    assert grid.report is not None and grid.report.errors == 0
    assert grid.n_nodes == 8 and grid.n_stops == 0
    assert grid.node_latlon().shape == (8, 2)


def test_walk_and_bike_times_from_a_point(grid):
    # 0.0001 deg south of street G-H-I at lon 0.0014: to G 119.8 s, to I 51.3 s, F = I + 85.5 s = 136.8 s on
    # the street, plus 8.6 s for the 11.12 m from the point to the street (door to door), reported in whole
    # seconds (routing's unit, rounded once): G 128.4 -> 128, I 59.9 -> 60, F 145.4 -> 145.
    t = grid.walk_times(-0.0001, 0.0014, max_seconds=3600)
    assert t.dtype == np.float32 and t.shape == (8,)
    assert t[node_at(grid, 0.000, 0.000)] == 128
    assert t[node_at(grid, 0.000, 0.002)] == 60
    assert t[node_at(grid, 0.001, 0.002)] == 145
    # Bike from the same point (the 11.12 m to the street walked, 8.6 s): to F = 8.6 + 14.8 + 24.7 s = 48.1
    # -> 48; F -> E is against the one-way, so E = 8.6 + G + D + E = 8.6 + 34.6 + 24.7 + 24.7 = 92.6 -> 93.
    b = grid.bike_times(-0.0001, 0.0014, max_seconds=3600)
    assert b[node_at(grid, 0.001, 0.002)] == 48
    assert b[node_at(grid, 0.001, 0.001)] == 93
    # 2 minutes on foot reach I only (G needs 128.4 s).
    short = grid.walk_times(-0.0001, 0.0014, max_seconds=120)
    assert np.isfinite(short).sum() == 1


def test_times_to_targets(grid):
    t = grid.times_to(-0.0001, 0.0014, [(0.00005, 0.0016), (0.0012, 0.0021), (0.005, 0.005)], "walk", max_seconds=3600)
    assert t[0] == 30  # 17.1 s along the street + 8.6 s + 4.3 s to and from it
    assert t[1] == 171  # 153.9 s + 8.6 s + 8.6 s
    assert np.isinf(t[2])


def test_errors_are_kwartier_exceptions(grid, tmp_path):
    with pytest.raises(kwartier.TooFarError):
        grid.walk_times(0.005, 0.005)
    with pytest.raises(kwartier.OutOfRangeError):
        grid.walk_times(100.0, 0.0)
    with pytest.raises(kwartier.InvalidArgumentError):
        grid.times(0.0, 0.001, "car")
    with pytest.raises(kwartier.NotFoundError):
        kwartier.Network.open(tmp_path / "missing.kwn")
    bad = tmp_path / "bad.osm"
    bad.write_text("not osm at all")
    with pytest.raises(kwartier.InvalidFormatError):
        kwartier.Network.build(bad, output=tmp_path / "x.kwn")
    broken = tmp_path / "broken.kwn"
    whole = (tmp_path / "grid.kwn").read_bytes()
    broken.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(kwartier.CorruptDatasetError):
        kwartier.Network.open(broken)


def test_gtfs_alone_gives_a_straight_line_network(tmp_path):
    src = pathlib.Path(os.environ.get("KW_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
    net = kwartier.Network.build(None, gtfs=[src / "data/gtfs/mini-brussels"], output=tmp_path / "g.kwn")
    assert net.info()["access_model"] == "straight_line"
    assert net.n_nodes == 0 and net.n_stops == 6
    assert net.summary["links"]["stops_linked"] == 0
    with pytest.raises(kwartier.InvalidArgumentError):
        kwartier.Network.build(None, output=tmp_path / "none.kwn")
    with pytest.raises(kwartier.InvalidArgumentError):
        kwartier.Network.build(None, gtfs=[src / "data/gtfs/mini-brussels"], output=tmp_path / "x.kwn", detour_factor=0.9)


def test_open_gives_the_same_answers(grid, tmp_path):
    again = kwartier.Network.open(tmp_path / "grid.kwn")
    assert again.summary is None
    assert again.info()["street"]["nodes"] == 8
    np.testing.assert_array_equal(again.walk_times(0.0, 0.001, max_seconds=1800), grid.walk_times(0.0, 0.001, max_seconds=1800))


@pytest.mark.skipif(not (DATA / "gtfs-sample-beatty").exists(), reason="shared data not available")
def test_beatty_sample_feed_with_stops_and_footpaths(tmp_path):
    d = DATA / "gtfs-sample-beatty"
    net = kwartier.Network.build(d / "beatty.osm.pbf", gtfs=[d / "sample-feed"], output=tmp_path / "b.kwn")
    assert net.n_stops == 11
    links = net.summary["links"]
    assert links["stops_linked"] + links["stops_unlinked"] == 11
    dist = net.stop_link_distances()
    assert dist.shape == (11,)
    assert int(np.isfinite(dist).sum()) == links["stops_linked"]
    assert np.nanmax(dist) <= 100.0
    f, t, s = net.footpaths()
    assert len(f) == links["footpaths"]
