"""Real runs of the 15-minute question (docs/access.md), each producing the tables and the maps:

- Beatty (gtfs-sample-beatty): the OSM POIs of the extract, every mode, a 250 m grid;
- Atlanta (otp-atlanta): its OSM POIs (the OTP-filtered extract carries only transit stops, 34 features), and a
  seeded POI file (benchmarks/access/gen_pois.py) for the 9 service categories;
- RNV (rnv-heidelberg, streets only, no POIs): the seeded POI file.

POI counts are checked against an independent reading of the OSM files with pyosmium (the default category table
of docs/access.md applied to the raw tags: one POI per matching node, per tagged entrance of a matching area,
else one per matching way / multipolygon) and the GTFS stop counts against SOURCE.md.
"""
from __future__ import annotations

import collections
import csv
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import kwartier
import kwartier.access as acc

SRC = Path(os.environ.get("KW_SOURCE_DIR", Path(__file__).resolve().parents[2]))
BUILD = Path(os.environ.get("KW_BUILD_DIR", SRC / "build" / "dev"))
DATA = Path(os.environ.get("KW_SHARED_DATA_DIR", SRC.parent / "shared" / "data"))
CLI = BUILD / "bin" / "kwartier"
GEN = SRC / "benchmarks" / "access" / "gen_pois.py"

# docs/access.md, "POI categories" (kwartier-poi/1), restated here as the oracle's own table.
RULES = {
    "pharmacy": [("amenity", "pharmacy"), ("healthcare", "pharmacy")],
    "health_care": [("amenity", v) for v in ("doctors", "clinic", "hospital", "dentist")]
    + [("healthcare", v) for v in ("doctor", "clinic", "hospital", "dentist", "centre")],
    "library": [("amenity", "library")],
    "town_hall": [("amenity", "townhall")],
    "childcare": [("amenity", "kindergarten"), ("amenity", "childcare")],
    "school": [("amenity", "school")],
    "food_shop": [("shop", v) for v in ("supermarket", "convenience", "greengrocer", "bakery")],
    "park": [("leisure", v) for v in ("park", "garden", "playground")],
    "post_office": [("amenity", "post_office")],
    "transit_stop": [("highway", "bus_stop"), ("public_transport", "platform"), ("public_transport", "station"),
                     ("railway", "station"), ("railway", "halt"), ("railway", "tram_stop"),
                     ("amenity", "bus_station")],
}


def osm_poi_counts(path: Path) -> dict[str, int]:
    """POIs per category of an OSM file, read with pyosmium (not kwartier's extractor)."""
    osmium = pytest.importorskip("osmium")
    entrances: set[int] = set()
    counts: collections.Counter[str] = collections.Counter()

    def cats(tags: Any) -> list[str]:
        return [c for c, rules in RULES.items() if any(tags.get(k) == v for k, v in rules)]

    class H(osmium.SimpleHandler):  # type: ignore[misc]
        def node(self, n: Any) -> None:
            e = n.tags.get("entrance")
            if (e is not None and e != "no") or n.tags.get("barrier") in ("gate", "entrance"):
                entrances.add(n.id)
            for c in cats(n.tags):
                counts[c] += 1

        def way(self, w: Any) -> None:
            found = cats(w.tags)
            if not found:
                return
            refs = [r.ref for r in w.nodes]
            closed = len(refs) >= 4 and refs[0] == refs[-1] and w.tags.get("area") != "no"
            k = len({r for r in refs if r in entrances}) if closed else 0
            for c in found:
                counts[c] += max(k, 1)

        def relation(self, r: Any) -> None:
            if r.tags.get("type") == "multipolygon":
                for c in cats(r.tags):
                    counts[c] += 1

    H().apply_file(str(path))
    return {c: counts[c] for c in RULES}


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    return subprocess.run([str(CLI), *args], check=True, capture_output=True, text=True, env=env)


def gen_pois(net: kwartier.Network, out: Path, per_category: int) -> None:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    subprocess.run([sys.executable, str(GEN), net.path, "-o", str(out), "--seed", "20261128",
                    "--per-category", str(per_category)], check=True, capture_output=True, env=env)


def run_with_outputs(net: kwartier.Network, tmp: Path, name: str, *args: str) -> dict[str, Any]:
    """`kwartier access` writing every table and both maps; checks them and returns the summary JSON."""
    out = {k: tmp / f"{name}.{k}" for k in ("geojson", "csv", "summary.csv", "png", "html")}
    r = cli("access", "-q", "--network", net.path, *args, "-o", str(out["geojson"]), "--csv", str(out["csv"]),
            "--summary-csv", str(out["summary.csv"]), "--map", str(out["png"]), "--html", str(out["html"]),
            "--format", "json")
    summary = json.loads(r.stdout)
    n = summary["origins"]["count"]
    assert n > 0
    gj = json.loads(out["geojson"].read_text())
    assert gj["type"] == "FeatureCollection" and len(gj["features"]) == n
    rows = list(csv.DictReader(out["csv"].open()))
    assert len(rows) == n and "share" in rows[0]
    table = list(csv.DictReader(out["summary.csv"].open()))
    assert table[0]["area"] == "all" and int(table[0]["origins"]) == n
    assert out["png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out["png"].stat().st_size > 20_000
    page = out["html"].read_text()
    assert "leaflet" in page.lower() and "POIs" in page and "categories reached" in page
    return summary


def check_transit_not_slower(df: Any, cats: list[str]) -> int:
    """Transit includes walking all the way: never slower. Returns how many (origin, category) it beats."""
    better = 0
    for c in cats:
        w, t = df[f"walk_{c}_s"].to_numpy(), df[f"transit_{c}_s"].to_numpy()
        assert not (np.isnan(t) & ~np.isnan(w)).any()
        both = ~np.isnan(w)
        assert (t[both] <= w[both]).all()
        better += int((t[both] < w[both]).sum() + (np.isnan(w) & ~np.isnan(t)).sum())
    return better


def require(*paths: Path) -> None:
    for p in paths:
        if not p.exists():
            pytest.skip(f"no data: {p}")


def test_beatty_osm_pois_tables_and_maps(tmp_path: Path) -> None:
    d = DATA / "gtfs-sample-beatty"
    require(d / "beatty.osm.pbf", d / "sample-feed")
    net = kwartier.Network.build(str(d / "beatty.osm.pbf"), gtfs=[str(d / "sample-feed")],
                                 output=str(tmp_path / "beatty.kwn"))
    assert len(net.stops()) == 11  # SOURCE.md: stops 11
    expected = osm_poi_counts(d / "beatty.osm.pbf")
    # What pyosmium finds in the extract: 1 clinic, 1 town hall, 3 schools, 2 parks + 1 playground, 5 post
    # offices, 1 transit station; none of the other categories.
    assert expected == {"pharmacy": 0, "health_care": 1, "library": 0, "town_hall": 1, "childcare": 0, "school": 3,
                        "food_shop": 0, "park": 3, "post_office": 5, "transit_stop": 1}
    df = acc.score(net, modes=["walk", "bike", "transit"], grid_m=250)
    meta = df.attrs["kwartier"]
    got = collections.Counter(df.attrs["pois"]["category"])
    assert {c: got[c] for c in RULES} == expected
    # The default day: the feed runs from Monday 2007-01-01, so the first Tuesday is 2007-01-02.
    assert meta["date"] == "2007-01-02" and meta["default_date"] is True
    cats = [c["name"] for c in meta["categories"]]
    check_transit_not_slower(df, cats)
    # Empty categories are named in the report; nobody reaches them.
    empty = {p["message"].split()[1] for p in meta["report"]["problems"] if p["code"] == "empty_category"}
    assert empty == {c for c, n in expected.items() if n == 0}
    assert df["walk_pharmacy_s"].isna().all()
    summary = run_with_outputs(net, tmp_path, "beatty", "--modes", "walk,bike,transit", "--grid", "250")
    assert summary["origins"]["count"] == len(df)
    # The CLI and Python agree on the table.
    py = {(s["category"], s["mode"]): s["reached"] for s in meta["summary"]}
    assert py == {(s["category"], s["mode"]): s["reached"] for s in summary["summary"]}


def test_atlanta_osm_transit_stops_and_seeded_pois(tmp_path: Path) -> None:
    d = DATA / "otp-atlanta"
    require(d / "central-atlanta-filtered.osm.pbf", d / "atlanta-blue-green-line.gtfs.zip")
    net = kwartier.Network.build(str(d / "central-atlanta-filtered.osm.pbf"),
                                 gtfs=[str(d / "atlanta-blue-green-line.gtfs.zip")], output=str(tmp_path / "atl.kwn"))
    assert len(net.stops()) == 221  # SOURCE.md: stops 221
    expected = osm_poi_counts(d / "central-atlanta-filtered.osm.pbf")
    # OTP filtered the extract: no amenity of the service categories is left, only 34 stops and platforms.
    assert expected["transit_stop"] == 34 and sum(expected.values()) == 34
    osm = acc.score(net, modes=["walk", "transit"], grid_m=200, categories=["transit_stop"])
    assert len(osm.attrs["pois"]) == 34
    # The first Tuesday of service (2021-08-14 is a Saturday).
    assert osm.attrs["kwartier"]["date"] == "2021-08-17"
    check_transit_not_slower(osm, ["transit_stop"])

    pois = tmp_path / "atlanta-pois.csv"
    gen_pois(net, pois, per_category=15)
    df = acc.score(net, pois=pois, modes=["walk", "bike", "transit"], grid_m=200, date="2021-09-14", time="08:00")
    cats = [c["name"] for c in df.attrs["kwartier"]["categories"]]
    assert len(cats) == 9 and len(df.attrs["pois"]) == 9 * 15
    # MARTA rail is fast: somewhere it beats walking.
    assert check_transit_not_slower(df, cats) > 0
    summary = run_with_outputs(net, tmp_path, "atlanta", "--pois", str(pois), "--modes", "walk,bike,transit",
                               "--grid", "200", "--date", "2021-09-14", "--map-mode", "transit")
    assert summary["date"] == "2021-09-14" and summary["default_date"] is False
    assert len(summary["summary"]) == 9 * 3


def test_rnv_streets_with_a_seeded_poi_file(tmp_path: Path) -> None:
    d = DATA / "rnv-heidelberg"
    require(d / "rnv.osm.pbf", d / "rnv.zip")
    net = kwartier.Network.build(str(d / "rnv.osm.pbf"), gtfs=[str(d / "rnv.zip")], output=str(tmp_path / "rnv.kwn"))
    assert len(net.stops()) == 2057  # SOURCE.md: stops 2,057
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    gen_pois(net, a, per_category=40)
    gen_pois(net, b, per_category=40)
    assert a.read_bytes() == b.read_bytes()  # seeded: the same file every time
    rows = list(csv.DictReader(a.open()))
    assert len(rows) == 9 * 40 and collections.Counter(r["category"] for r in rows)["park"] == 40
    summary = run_with_outputs(net, tmp_path, "rnv", "--pois", str(a), "--modes", "walk,bike", "--grid", "1000")
    assert [c["name"] for c in summary["categories"]] == [
        "pharmacy", "health_care", "library", "town_hall", "childcare", "school", "food_shop", "park", "post_office"]
    assert all(c["pois"] == 40 for c in summary["categories"])  # every seeded POI lies by a street
    # Bike reaches at least as many origins as walking in every category (4.5 vs 1.3 m/s, same POIs).
    walk = {s["category"]: s["reached"] for s in summary["summary"] if s["mode"] == "walk"}
    bike = {s["category"]: s["reached"] for s in summary["summary"] if s["mode"] == "bike"}
    assert all(0 < walk[c] < 1 for c in walk)
    assert all(bike[c] >= walk[c] - 0.05 for c in walk)
