"""kwartier.Network.route on the hand-written Brussels sample (data/): line 1 trip M1A leaves Gare du Midi
(GDM1) at 08:00 and reaches Rogier (ROG) at 08:11 on Monday 2024-12-09 (data/gtfs/mini-brussels/stop_times.txt);
Europe/Brussels is UTC+1 in December; translations.txt names GDM1 "Zuidstation" in Dutch."""
import os
import pathlib
import threading

import pytest

import kwartier

SOURCE = pathlib.Path(os.environ.get("KW_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
GDM1 = (50.8355, 4.3358)
ROG = (50.8556, 4.3589)


@pytest.fixture(scope="module")
def mini(tmp_path_factory):
    out = tmp_path_factory.mktemp("route") / "mini.kwn"
    return kwartier.Network.build(
        SOURCE / "data/osm/mini-brussels.osm", gtfs=[SOURCE / "data/gtfs/mini-brussels"], output=out
    )


def test_journey_legs_and_dataframe(mini):
    js = mini.route(GDM1, ROG, "2024-12-09", "07:55", lang="nl")
    assert len(js) == 1
    j = js[0]
    assert j.rides == 1 and j.transfers == 0
    rides = [leg for leg in j.legs if leg.kind == "ride"]
    assert len(rides) == 1
    r = rides[0]
    assert (r.trip_id, r.route_short_name, r.route_id, r.route_type) == ("M1A", "1", "M1", 1)
    assert r.departure == "2024-12-09T08:00:00+01:00" and r.arrival == "2024-12-09T08:11:00+01:00"
    assert r.duration_s == 660 and r.stops == 4
    assert r.from_.stop_id == "GDM1" and r.from_.name == "Zuidstation" and r.to.stop_id == "ROG"
    assert r.agency == "Mini Brussels Transit"
    df = j.to_dataframe()
    assert list(df["kind"]) == [leg.kind for leg in j.legs]
    row = df[df["kind"] == "ride"].iloc[0]
    assert row["trip_id"] == "M1A" and row["from_name"] == "Zuidstation" and row["duration_s"] == 660
    assert j.to_dict()["legs"][0]["kind"] == j.legs[0].kind
    all_legs = kwartier.routing.journeys_dataframe(js)
    assert list(all_legs["journey"]) == [0] * len(j.legs)


def test_same_answer_as_the_cli_json(mini):
    # One output shape on every edge: the CLI's JSON is edges::to_json, Python's dicts are the same value.
    js = mini.route(GDM1, ROG, "2024-12-09", "07:55")
    assert js[0].to_dict()["legs"][-1]["to"]["stop_id"] is None  # the destination
    assert set(js[0].to_dict()) == {"departure", "arrival", "duration_s", "rides", "transfers", "legs", "fares"}


def test_arrive_by_and_defaults(mini):
    d = kwartier.defaults()["network.route"]
    assert d["mode"] == "transit" and d["max_transfers"] == 8 and d["max_access_seconds"] == 900
    js = mini.route(GDM1, ROG, "2024-12-09", "08:30", arrive_by=True)
    assert len(js) == 1
    assert [leg.trip_id for leg in js[0].legs if leg.kind == "ride"] == ["M1A"]
    walk = mini.route(GDM1, ROG, "2024-12-09", "08:00", mode="walk")
    assert len(walk) == 1 and walk[0].legs[0].kind == "direct" and walk[0].legs[0].mode == "walk"


def test_bad_input(mini):
    with pytest.raises(kwartier.InvalidArgumentError) as e:
        mini.route(GDM1, ROG, "2024-12-09", "7:5x")
    assert e.value.field == "time"
    with pytest.raises(kwartier.OutOfRangeError) as e:
        mini.route(GDM1, ROG, "2025-01-06", "08:00")
    assert "2024-12-09 .. 2024-12-25" in str(e.value)
    with pytest.raises(kwartier.InvalidArgumentError):
        mini.route(GDM1, ROG, "2024-12-09", "08:00", mode="car")
    with pytest.raises(kwartier.ArgumentTypeError):
        mini.route(50.8, ROG, "2024-12-09", "08:00")
    with pytest.raises(kwartier.OutOfRangeError):
        mini.route((95.0, 0.0), ROG, "2024-12-09", "08:00")


def test_no_gtfs_is_unsupported_for_transit(tmp_path):
    net = kwartier.Network.build(SOURCE / "data/osm/mini-brussels.osm", output=tmp_path / "streets.kwn")
    with pytest.raises(kwartier.UnsupportedError):
        net.route(GDM1, ROG, "2024-12-09", "08:00")
    assert len(net.route(GDM1, ROG, "2024-12-09", "08:00", mode="walk")) == 1


def test_threads_share_one_network(mini):
    # The GIL is released while the library plans: threads query one network, each gets the same answer.
    out = []

    def run():
        out.append(mini.route(GDM1, ROG, "2024-12-09", "07:55")[0].arrival)

    ts = [threading.Thread(target=run) for _ in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert len(set(out)) == 1 and len(out) == 4
