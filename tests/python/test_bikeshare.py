"""kwartier.Network.with_gbfs on the hand-written Brussels sample (data/) and its GBFS samples (data/gbfs,
README there): from Gare du Midi (50.8360, 4.3365) to Gare du Nord (50.8601, 4.3620) at 07:05 on Monday
2024-12-09 no train runs before 08:00 and walking takes 42 minutes; bike share takes a bike at the MIDI
station and docks it at NORD. The minute-by-minute answer is worked out by hand on a drawn street in
tests/routing/bikeshare_test.cc; here: the Python edge gives the same journeys as the CLI's JSON."""
import json
import os
import pathlib
import subprocess

import numpy as np
import pytest

import kwartier

SOURCE = pathlib.Path(os.environ.get("KW_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
BUILD = pathlib.Path(os.environ.get("KW_BUILD_DIR", SOURCE / "build" / "dev"))
GBFS3 = SOURCE / "data/gbfs/mini-brussels-3.0"
GBFS23 = SOURCE / "data/gbfs/mini-brussels-2.3"
MIDI, NORD = (50.8360, 4.3365), (50.8601, 4.3620)


@pytest.fixture(scope="module")
def mini(tmp_path_factory):
    out = tmp_path_factory.mktemp("bikeshare") / "mini.kwn"
    return kwartier.Network.build(
        SOURCE / "data/osm/mini-brussels.osm", gtfs=[SOURCE / "data/gtfs/mini-brussels"], output=out
    )


def test_with_gbfs_is_a_new_view(mini):
    shared = mini.with_gbfs(GBFS3)
    assert mini.bikeshare is None
    s = shared.bikeshare
    assert s["version"] == "3.0" and s["system_id"] == "mini-brussels-bikes"
    assert (s["stations"], s["vehicles"], s["points"], s["pick_up"], s["drop_off"]) == (7, 1, 8, 7, 6)
    by_id = {st["station_id"]: st for st in s["usable_stations"]}
    assert by_id["LEMO"]["pick_up"] is False and by_id["ROGI"]["drop_off"] is False
    assert shared.with_gbfs(GBFS23 / "gbfs.json").bikeshare["version"] == "2.3"


def test_bikeshare_journey_beats_walking_and_transit(mini):
    shared = mini.with_gbfs(GBFS3)
    plain = mini.route(MIDI, NORD, "2024-12-09", "07:05", mode="walk,transit")
    assert plain[0].legs[0].kind == "direct" and plain[0].duration_s > 40 * 60  # walking
    assert plain[1].rides == 1 and plain[1].arrival >= "2024-12-09T08:00"  # the 08:00 train
    js = shared.route(MIDI, NORD, "2024-12-09", "07:05", mode="walk,transit,bikeshare")
    b = js[0]
    assert b.rides == 0 and b.duration_s < 20 * 60 and b.departure == "2024-12-09T07:05:00+01:00"
    assert [leg.kind for leg in b.legs] == ["direct", "bikeshare", "direct"]
    ride = b.legs[1]
    assert ride.mode == "bike"
    assert (ride.from_.station_id, ride.from_.name) == ("MIDI", "Gare du Midi")
    assert (ride.to.station_id, ride.to.name) == ("NORD", "Gare du Nord")
    assert b.legs[0].from_.name == "origin" and b.legs[0].from_.station_id is None
    # The CLI prints the same journeys.
    cli = subprocess.run(
        [str(BUILD / "bin" / "kwartier"), "route", "--network", mini.path, "--from", "50.8360,4.3365",
         "--to", "50.8601,4.3620", "--date", "2024-12-09", "--time", "07:05", "--mode", "walk,transit,bikeshare",
         "--gbfs", str(GBFS3), "--format", "json"],
        capture_output=True, text=True, check=True)
    assert json.loads(cli.stdout)["journeys"] == [j.to_dict() for j in js]


def test_bikeshare_isochrone_reaches_farther(mini):
    shared = mini.with_gbfs(GBFS3)
    walk = shared.isochrone(MIDI, mode="walk", max_seconds=600, bands=[600], polygons=False)
    share = shared.isochrone(MIDI, mode="walk,bikeshare", max_seconds=600, bands=[600], polygons=False)
    assert share.summary["mode"] == "walk+bikeshare"
    reached_walk = np.isfinite(walk.node_seconds)
    reached_share = np.isfinite(share.node_seconds)
    assert reached_share.sum() > reached_walk.sum()
    # Bike share only adds ways: never later than walking.
    assert np.all(share.node_seconds[reached_walk] <= walk.node_seconds[reached_walk])


def test_bad_input(mini, tmp_path):
    with pytest.raises(kwartier.NotFoundError):
        mini.with_gbfs(tmp_path / "nothing-here")
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "system_information.json").write_text('{"version": "1.1", "data": {}}')
    with pytest.raises(kwartier.UnsupportedError, match="version"):
        mini.with_gbfs(bad)
    with pytest.raises(kwartier.InvalidArgumentError, match="GBFS"):
        mini.route(MIDI, NORD, "2024-12-09", "07:05", mode="walk,bikeshare")
    with pytest.raises(kwartier.InvalidArgumentError, match="scooter"):
        mini.with_gbfs(GBFS3).route(MIDI, NORD, "2024-12-09", "07:05", mode="walk,scooter")


def test_views_compose_with_realtime(mini):
    # A realtime view and a bike-share system are both views beside the same mapped file: each keeps the other.
    both = mini.with_gbfs(GBFS3).with_realtime(SOURCE / "data/realtime/mini-brussels-updates.pb")
    assert both.bikeshare is not None and both.realtime is not None
    again = both.with_gbfs(GBFS23)
    assert again.realtime is not None and again.bikeshare["version"] == "2.3"
    js = again.route(MIDI, NORD, "2024-12-09", "07:05", mode="walk,transit,bikeshare")
    assert js[0].legs[1].kind == "bikeshare"
