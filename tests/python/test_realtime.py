"""kwartier.Network.with_realtime on the hand-written Brussels sample (data/): the updates in
data/realtime/mini-brussels-updates.textproto make trip M1A (GDM1 08:00 -> ROG 08:11 on Monday 2024-12-09)
run 5 minutes late, cancel the 06:20 run of M1F and name an unknown trip NOPE."""
import os
import pathlib

import pytest

import kwartier

SOURCE = pathlib.Path(os.environ.get("KW_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
UPDATES = SOURCE / "data/realtime/mini-brussels-updates.pb"
GDM1 = (50.8355, 4.3358)
ROG = (50.8556, 4.3589)


@pytest.fixture(scope="module")
def mini(tmp_path_factory):
    out = tmp_path_factory.mktemp("realtime") / "mini.kwn"
    return kwartier.Network.build(
        SOURCE / "data/osm/mini-brussels.osm", gtfs=[SOURCE / "data/gtfs/mini-brussels"], output=out
    )


def _ride(net):
    js = net.route(GDM1, ROG, "2024-12-09", "07:55")
    assert len(js) == 1
    rides = [leg for leg in js[0].legs if leg.kind == "ride"]
    assert len(rides) == 1
    return rides[0]


def test_a_delayed_ride_from_bytes_and_from_a_path(mini):
    assert mini.realtime is None
    static = _ride(mini)
    assert static.status == "scheduled" and static.departure_delay_s == 0
    assert static.departure == static.scheduled_departure == "2024-12-09T08:00:00+01:00"
    for updates in (UPDATES.read_bytes(), UPDATES):
        live = mini.with_realtime(updates)
        r = _ride(live)
        assert r.trip_id == "M1A" and r.status == "delayed"
        assert (r.departure_delay_s, r.arrival_delay_s) == (300, 300)
        assert r.departure == "2024-12-09T08:05:00+01:00" and r.arrival == "2024-12-09T08:16:00+01:00"
        assert r.scheduled_departure == "2024-12-09T08:00:00+01:00"
        assert r.scheduled_arrival == "2024-12-09T08:11:00+01:00"
        s = live.realtime
        assert (s["trip_updates"], s["trips_matched"], s["trips_unmatched"]) == (3, 2, 1)
        assert (s["trips_cancelled"], s["trips_changed"]) == (1, 1)
        assert any(p["code"] == "unknown_trip_id" for p in s["report"]["problems"])
        df = live.route(GDM1, ROG, "2024-12-09", "07:55")[0].to_dataframe()
        assert list(df[df["kind"] == "ride"]["status"]) == ["delayed"]
    # The network it came from still plans as scheduled.
    assert _ride(mini).departure == "2024-12-09T08:00:00+01:00"


def test_bad_updates_raise_the_library_errors(mini):
    with pytest.raises(kwartier.InvalidFormatError):
        mini.with_realtime(b"\x0a\x05trunc")
    with pytest.raises(kwartier.InvalidFormatError):
        mini.with_realtime(b"")
    with pytest.raises(kwartier.NotFoundError):
        mini.with_realtime(SOURCE / "data/realtime/no-such-file.pb")
