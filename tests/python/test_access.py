"""kwartier.access (score, plot, html) and kwartier.dask on the sample town in data/ (docs/access.md)."""
from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import kwartier
import kwartier.access as acc

SRC = Path(os.environ.get("KW_SOURCE_DIR", Path(__file__).resolve().parents[2]))
BUILD = Path(os.environ.get("KW_BUILD_DIR", SRC / "build" / "dev"))
DATA = SRC / "data"


@pytest.fixture(scope="module")
def net(tmp_path_factory: pytest.TempPathFactory) -> kwartier.Network:
    out = tmp_path_factory.mktemp("access") / "mini.kwn"
    return kwartier.Network.build(str(DATA / "osm/mini-brussels.osm"), gtfs=[str(DATA / "gtfs/mini-brussels")],
                                  output=str(out))


def test_score_columns_defaults_and_summary(net: kwartier.Network) -> None:
    df = acc.score(net, modes=["walk", "bike", "transit"], date="2024-12-10", time="08:00")
    meta = df.attrs["kwartier"]
    cats = [c["name"] for c in meta["categories"]]
    assert cats[:3] == ["pharmacy", "health_care", "library"] and len(cats) == 10
    assert list(df.columns[:4]) == ["id", "lat", "lon", "weight"]
    for m in ("walk", "bike", "transit"):
        for c in cats:
            assert f"{m}_{c}_s" in df
        assert df[f"{m}_share"].between(0, 1).all()
    assert len(df) == 8  # the 8 walkable junctions of the sample
    # Transit never takes longer than walking (the direct walk is one of its options).
    w, t = df["walk_pharmacy_s"].to_numpy(), df["transit_pharmacy_s"].to_numpy()
    both = ~np.isnan(w)
    assert (t[both] <= w[both]).all()
    assert meta["date"] == "2024-12-10" and meta["time"] == "08:00" and meta["default_date"] is False
    assert {s["mode"] for s in meta["summary"]} == {"walk", "bike", "transit"}
    # Defaults come from C++ (access::score_request).
    d = kwartier._kwartier.access_defaults()["access.score"]
    assert d["minutes"] == 15.0 and d["pois"] == "osm"


def test_cli_and_python_agree(net: kwartier.Network, tmp_path: Path) -> None:
    cli = BUILD / "bin" / "kwartier"
    out = tmp_path / "o.csv"
    subprocess.run([str(cli), "access", "-q", "--network", net.path, "--modes", "walk,bike", "--csv", str(out)],
                   check=True, capture_output=True)
    rows = list(csv.DictReader(out.open()))
    df = acc.score(net, modes=["walk", "bike"])
    assert len(rows) == len(df)
    for r, (_, p) in zip(rows, df.iterrows()):
        assert r["id"] == p["id"]
        for col in ("walk_pharmacy_s", "bike_park_s", "walk_school_s"):
            assert (r[col] == "" and np.isnan(p[col])) or float(r[col]) == p[col]
        assert float(r["share"]) == pytest.approx(p["share"], abs=1e-6)
    j = subprocess.run([str(cli), "access", "-q", "--network", net.path, "--modes", "walk,bike", "--format",
                        "json"], check=True, capture_output=True, text=True)
    cli_json = json.loads(j.stdout)
    assert cli_json["summary"] == df.attrs["kwartier"]["summary"]


def test_user_pois_origins_areas_and_weights(net: kwartier.Network, tmp_path: Path) -> None:
    pois = tmp_path / "pois.csv"
    pois.write_text("name,lat,lon,kind\nA,50.8486,4.3508,doctor\nB,50.8590,4.3598,doctor\nC,50.8403,4.3398,shop\n"
                    "far,51.5,4.0,shop\nbad,,4.35,shop\n")
    homes = tmp_path / "homes.csv"
    homes.write_text("id,lat,lon,population\nh1,50.8483,4.3500,100\nh2,50.8601,4.3620,50\nh3,50.8360,4.3365,0\n")
    areas = tmp_path / "areas.geojson"
    areas.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "north"},
         "geometry": {"type": "Polygon", "coordinates": [[[4.33, 50.845], [4.37, 50.845], [4.37, 50.87],
                                                          [4.33, 50.87], [4.33, 50.845]]]}},
        {"type": "Feature", "properties": {"name": "south"},
         "geometry": {"type": "Polygon", "coordinates": [[[4.33, 50.83], [4.37, 50.83], [4.37, 50.845],
                                                          [4.33, 50.845], [4.33, 50.83]]]}}]}))
    df = acc.score(net, pois=str(pois), category_column="kind", origins=str(homes), weight_column="population",
                   categories={"doctor": 2, "shop": 1}, areas=str(areas))
    assert list(df["id"]) == ["h1", "h2", "h3"]
    assert list(df["weight"]) == [100, 50, 0]
    meta = df.attrs["kwartier"]
    assert [c["name"] for c in meta["categories"]] == ["doctor", "shop"]
    assert [c["weight"] for c in meta["categories"]] == [2, 1]
    codes = {p["code"] for p in meta["report"]["problems"]}
    assert "missing_coordinate" in codes and "poi_off_network" in codes
    # h1 is 70 m from doctor A: reached, weighted share = 2/3 if the shop is not reached.
    assert df.loc[0, "walk_doctor_s"] < 120
    names = [a["name"] for a in meta["areas"]]
    assert names == ["north", "south"]
    north = meta["areas"][0]
    assert north["origins"] == 2 and north["weight"] == 150


def test_bad_input_raises_named_errors(net: kwartier.Network, tmp_path: Path) -> None:
    with pytest.raises(kwartier.InvalidArgumentError) as e:
        acc.score(net, minutes=0)
    assert e.value.field == "minutes"
    not_geojson = tmp_path / "areas.geojson"
    not_geojson.write_text("name,lat,lon\n")
    with pytest.raises(kwartier.InvalidFormatError) as e2:
        acc.score(net, areas=str(not_geojson))
    assert e2.value.file == str(not_geojson)
    with pytest.raises(kwartier.InvalidArgumentError):
        acc.score(net, categories=["pharmacy", "cinema"])
    with pytest.raises(kwartier.InvalidArgumentError):
        acc.score(net, modes=["walk", "car"])
    empty = tmp_path / "empty.csv"
    empty.write_text("lat,lon,category\n")
    with pytest.raises(kwartier.InvalidFormatError):
        acc.score(net, pois=str(empty))


def test_bad_poi_rows_are_warnings_naming_file_line_and_field(net: kwartier.Network, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("name,lat,lon,category\n"
                   "bakery,50.8403,4.3398,food_shop\n"      # line 2: good
                   "no lat,,4.34,food_shop\n"               # line 3: missing coordinate
                   "north pole,95.0,4.34,food_shop\n"       # line 4: out of range
                   "casino,50.8403,4.3398,casino\n"         # line 5: not a category asked for
                   "far away,51.5,4.34,food_shop\n")        # line 6: 70 km north of the sample town
    df = acc.score(net, pois=bad, categories=["food_shop"])
    meta = df.attrs["kwartier"]
    problems = {(p["line"], p["code"]): p for p in meta["report"]["problems"] if p["file"] == str(bad)}
    assert {k[0] for k in problems} == {3, 4, 5, 6}
    by_line = {k[0]: p for k, p in problems.items()}
    assert by_line[3]["field"] == "lat" and "empty lat" in by_line[3]["message"]
    assert "outside [-90, 90]" in by_line[4]["message"]
    assert by_line[5]["code"] == "unknown_category" and "casino" in by_line[5]["message"]
    assert "more than 200 m from a walkable street" in by_line[6]["message"]
    assert all(p["severity"] == "warning" for p in problems.values())
    # The good row is scored: 2 POIs read, 1 on the network.
    assert len(df.attrs["pois"]) == 2 and meta["categories"][0]["pois"] == 1
    assert df["walk_food_shop_s"].notna().any()
    # Every POI off the network: scored, nobody reaches it, said in the report.
    far = tmp_path / "far.geojson"
    far.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [4.34, 51.5]}, "properties": {"category": "park"}},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [4.34, 250.0]}, "properties": {"category": "park"}}]}))
    df = acc.score(net, pois=far)
    assert df["walk_park_s"].isna().all() and (df["share"] == 0).all()
    codes = {(p["field"], p["code"]) for p in df.attrs["kwartier"]["report"]["problems"]}
    assert ("category", "empty_category") in codes
    assert any(f.startswith("features[1].geometry") for f, _ in codes)
    # Only bad rows: an error naming the file and the first bad row.
    allbad = tmp_path / "allbad.csv"
    allbad.write_text("name,lat,lon,category\nx,,4.3,park\ny,91,4.3,park\n")
    with pytest.raises(kwartier.InvalidFormatError) as e:
        acc.score(net, pois=allbad)
    assert e.value.file == str(allbad) and "the first: line 2, lat: empty lat" in str(e.value)
    nocol = tmp_path / "nocol.csv"
    nocol.write_text("name,y,x,category\nx,50.84,4.34,park\n")
    with pytest.raises(kwartier.InvalidFormatError) as e:
        acc.score(net, pois=nocol)
    assert e.value.file == str(nocol) and e.value.field == "lat"
    with pytest.raises(kwartier.NotFoundError) as e3:
        acc.score(net, pois=tmp_path / "missing.csv")
    assert e3.value.file == str(tmp_path / "missing.csv")


def test_plot_png_and_offline_html(net: kwartier.Network, tmp_path: Path) -> None:
    df = acc.score(net, modes=["walk", "transit"], grid_m=100, date="2024-12-10")
    assert {"row", "col"} <= set(df.columns)
    png, page = tmp_path / "map.png", tmp_path / "map.html"
    acc.plot(df, png, mode="transit", html=page)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    text = page.read_text()
    assert not re.search(r'<(script|link)[^>]+(src|href)="https?://', text)  # nothing from a CDN
    assert "2024-12-10" in text and "POIs" in text
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("chromium is not installed")
    with tempfile.TemporaryDirectory() as profile:
        r = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                            "--disable-background-networking", "--disable-component-update", "--disable-sync",
                            "--no-first-run", f"--user-data-dir={profile}", "--enable-logging=stderr",
                            "--log-level=0", "--virtual-time-budget=5000", "--dump-dom", page.as_uri()],
                           capture_output=True, text=True, timeout=120)
    console = [line for line in r.stderr.splitlines() if "CONSOLE" in line]
    assert console == [], console
    dom = r.stdout
    assert "leaflet-control-layers" in dom
    assert "origins: categories reached (transit)" in dom and "POIs" in dom
    assert dom.count("leaflet-interactive") >= len(df)  # every cell drawn (and the POIs)


def test_dask_local_cluster_equals_single_process(net: kwartier.Network) -> None:
    distributed = pytest.importorskip("distributed")
    import kwartier.dask as kd

    single = acc.score(net, modes=["walk", "bike", "transit"], grid_m=150, date="2024-12-10")
    nodes = acc.score(net, modes=["walk", "transit"], date="2024-12-10")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as lc:
        with distributed.Client(lc) as client:
            spread = kd.access(net, modes=["walk", "bike", "transit"], grid_m=150, date="2024-12-10",
                               client=client, n_tasks=5)
            spread_nodes = kd.access(net.path, modes=["walk", "transit"], date="2024-12-10", client=client,
                                     n_tasks=3)
    assert spread.attrs["kwartier"]["origins"]["tasks"] == 5
    pd.testing.assert_frame_equal(spread, single, check_dtype=False)
    pd.testing.assert_frame_equal(spread_nodes, nodes, check_dtype=False)
