"""Network.route(..., fares=True) on the Brussels sample with fares (data/gtfs/mini-brussels-fares.md works the
prices out): M1A GDM1 08:00 -> ROG 08:11 on Monday 2024-12-09 costs 3.50 EUR in fares v1 (ZONE12) and, in
fares v2, SINGLE: ADULT/CARD 2.10, CHILD/CARD 1.30, CASH 2.60."""
import os
import pathlib

import pytest

import kwartier

SOURCE = pathlib.Path(os.environ.get("KW_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
GDM1 = (50.8355, 4.3358)
ROG = (50.8556, 4.3589)


@pytest.fixture(scope="module")
def mini(tmp_path_factory):
    out = tmp_path_factory.mktemp("fares") / "mini.kwn"
    return kwartier.Network.build(
        SOURCE / "data/osm/mini-brussels.osm", gtfs=[SOURCE / "data/gtfs/mini-brussels-fares"], output=out
    )


def test_journey_fares_v1_and_v2(mini):
    assert kwartier.defaults()["network.route"]["fares"] is False
    js = mini.route(GDM1, ROG, "2024-12-09", "07:55", fares=True)
    assert len(js) == 1
    got = {(f["system"], f["rider_category"], f["fare_media"]): (f["amount"], f["currency"]) for f in js[0].fares}
    assert got == {
        ("v1", None, None): ("3.50", "EUR"),
        ("v2", "ADULT", "CARD"): ("2.10", "EUR"),
        ("v2", "CHILD", "CARD"): ("1.30", "EUR"),
        ("v2", None, "CASH"): ("2.60", "EUR"),
    }
    assert js[0].to_dict()["fares"] == js[0].fares
    assert mini.route(GDM1, ROG, "2024-12-09", "07:55")[0].fares == []
