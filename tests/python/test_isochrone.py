"""kwartier.Network.isochrone on the hand-written Brussels sample (data/). Worked out by hand (walking 1.3 m/s,
the build default): from Gare du Midi's platform GDM1 (50.8355, 4.3358) the walk snaps onto Boulevard Anspach
at its end n1 (50.8360, 4.3365), 74.2 m away: n1 at 57 s; the next street node (junction) is n3 (50.8440,
4.3450), 526.0 + 545.6 m further up the boulevard (through n2, no junction): 1,145.8 / 1.3 = 881 s.
Rogier's street node n7 (50.8558, 4.3592) is 2.7 km up the boulevard (> 1,200 s on foot); by walk + transit
leaving at 07:55 on Monday 2024-12-09, trip M1A leaves GDM1 at 08:00 and reaches ROG at 08:11 (960 s), and ROG
is 30.6 m (24 s) from n7: n7 within 960 .. 1,000 s."""
import json
import os
import pathlib
import subprocess
import threading

import numpy as np
import pytest

import kwartier

SOURCE = pathlib.Path(os.environ.get("KW_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
BUILD = pathlib.Path(os.environ.get("KW_BUILD_DIR", SOURCE / "build" / "dev"))
GDM1 = (50.8355, 4.3358)


@pytest.fixture(scope="module")
def mini(tmp_path_factory):
    out = tmp_path_factory.mktemp("isochrone") / "mini.kwn"
    return kwartier.Network.build(
        SOURCE / "data/osm/mini-brussels.osm", gtfs=[SOURCE / "data/gtfs/mini-brussels"], output=out
    )


def node(net, lat, lon):
    ll = net.node_latlon(None)
    hits = np.flatnonzero((np.abs(ll[:, 0] - lat) < 1e-9) & (np.abs(ll[:, 1] - lon) < 1e-9))
    assert len(hits) == 1
    return int(hits[0])


def contains(geometry, lat, lon):
    """Even-odd rule over every ring of a GeoJSON (Multi)Polygon: independent of GEOS, which drew it."""
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    inside = False
    for rings in polygons:
        for ring in rings:
            for (xi, yi), (xj, yj) in zip(ring, ring[-1:] + ring[:-1]):
                if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
                    inside = not inside
    return inside


def test_walk_node_times_and_polygons(mini):
    iso = mini.isochrone(GDM1, max_seconds=1200, bands=[60, 500, 1200])
    t = iso.node_seconds
    assert t.dtype == np.float32 and t.shape == (mini.n_nodes,)
    n1, n3, n7 = node(mini, 50.8360, 4.3365), node(mini, 50.8440, 4.3450), node(mini, 50.8558, 4.3592)
    assert abs(t[n1] - 57) <= 1 and abs(t[n3] - 881) <= 2 and np.isinf(t[n7])
    assert iso.mode == "walk" and iso.max_seconds == 1200
    assert [b["seconds"] for b in iso.bands] == [60, 500, 1200]
    assert [b["nodes"] for b in iso.bands] == [int((t <= b).sum()) for b in (60, 500, 1200)]
    assert iso.summary["nodes_reached"] == int(np.isfinite(t).sum())
    fc = iso.to_geojson()
    assert fc["type"] == "FeatureCollection" and [f["properties"]["seconds"] for f in fc["features"]] == [1200, 500, 60]
    ll = mini.node_latlon(None)
    for f in fc["features"]:
        limit = f["properties"]["seconds"]
        for v in range(mini.n_nodes):
            assert contains(f["geometry"], ll[v, 0], ll[v, 1]) == (t[v] <= limit), (limit, v)


def test_walk_and_transit(mini):
    walk = mini.isochrone(GDM1, max_seconds=1200, bands=[1200], polygons=False)
    iso = mini.isochrone(GDM1, mode="transit", date="2024-12-09", time="07:55", max_seconds=1200, bands=[1200],
                         polygons=False)
    n7 = node(mini, 50.8558, 4.3592)
    assert 960 <= iso.node_seconds[n7] <= 1000 and np.isinf(walk.node_seconds[n7])
    assert (iso.node_seconds <= walk.node_seconds).all()
    assert iso.mode == "walk+transit" and iso.bands[0]["area_m2"] is None
    assert iso.to_geojson()["features"][0]["properties"]["mode"] == "walk+transit"


def test_same_answer_as_the_cli_and_defaults(mini, tmp_path):
    d = kwartier.defaults()["network.isochrone"]
    assert d["mode"] == "walk" and d["max_seconds"] == 900 and d["bands"] == [300, 600, 900]
    assert d["buffer_m"] == 25.0 and d["polygons"] is True
    iso = mini.isochrone(GDM1)
    assert iso.max_seconds == 900 and [b["seconds"] for b in iso.bands] == [300, 600, 900]
    iso.write_geojson(tmp_path / "py.geojson")
    assert json.loads((tmp_path / "py.geojson").read_text()) == iso.to_geojson()
    # One output shape on every edge: the CLI prints the same summary and writes the same GeoJSON.
    out = tmp_path / "cli.geojson"
    args = ["--mode", "transit", "--date", "2024-12-09", "--time", "07:55", "--max-seconds", "1200", "--bands", "300,1200"]
    cli = subprocess.run([str(BUILD / "bin" / "kwartier"), "isochrone", "--network", mini.path, "--from",
                          "50.8355,4.3358", *args, "-o", str(out), "--format", "json", "-q"],
                         check=True, capture_output=True, text=True)
    iso = mini.isochrone(GDM1, mode="transit", date="2024-12-09", time="07:55", max_seconds=1200, bands=[300, 1200])
    assert json.loads(cli.stdout) == iso.summary
    assert json.loads(out.read_text()) == iso.to_geojson()
    assert cli.stderr == ""  # -q: no progress


def test_threads_share_the_network(mini):
    want = mini.isochrone(GDM1, bands=[900], polygons=False).node_seconds
    got = []

    def run():
        got.append(mini.isochrone(GDM1, bands=[900], polygons=False).node_seconds)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(got) == 4 and all(np.array_equal(g, want) for g in got)


def test_bad_input(mini):
    with pytest.raises(kwartier.OutOfRangeError) as e:
        mini.isochrone(GDM1, mode="transit", date="2025-01-06", time="08:00")
    assert "2024-12-09 .. 2024-12-25" in str(e.value)
    with pytest.raises(kwartier.InvalidArgumentError) as e:
        mini.isochrone(GDM1, mode="transit")
    assert e.value.field == "date"
    with pytest.raises(kwartier.InvalidArgumentError) as e:
        mini.isochrone(GDM1, bands=[0])
    assert e.value.field == "bands"
    with pytest.raises(kwartier.InvalidArgumentError):
        mini.isochrone(GDM1, bands=[600, -300])
    with pytest.raises(kwartier.InvalidArgumentError) as e:
        mini.isochrone(GDM1, max_seconds=0)  # a zero budget
    assert e.value.field == "max_seconds"
    with pytest.raises(kwartier.InvalidArgumentError):
        mini.isochrone(GDM1, max_seconds=-60)
    with pytest.raises(kwartier.InvalidArgumentError):
        mini.isochrone(GDM1, bands=[300, 1200])  # above max_seconds (900)
    assert mini.isochrone(GDM1, bands=[]).bands == []  # node times only
    with pytest.raises(kwartier.ArgumentTypeError):
        mini.isochrone(GDM1, bands=[5.5])
    with pytest.raises(kwartier.ArgumentTypeError):
        mini.isochrone(GDM1, bands=15)
    with pytest.raises(kwartier.TooFarError):
        mini.isochrone((51.5, -0.12))  # London: outside the network
    with pytest.raises(kwartier.OutOfRangeError):
        mini.isochrone((95.0, 0.0))
    with pytest.raises(kwartier.InvalidArgumentError):
        mini.isochrone(GDM1, mode="car")


def test_no_gtfs_is_unsupported_for_transit(tmp_path):
    net = kwartier.Network.build(SOURCE / "data/osm/mini-brussels.osm", output=tmp_path / "streets.kwn")
    with pytest.raises(kwartier.UnsupportedError):
        net.isochrone(GDM1, mode="transit", date="2024-12-09", time="08:00")
    assert net.isochrone(GDM1, bands=[300]).summary["nodes_reached"] > 0
