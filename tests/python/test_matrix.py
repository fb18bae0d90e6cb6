"""kwartier.Network.matrix on the hand-written Brussels sample (data/), checked against one-to-one queries of
the same network (Network.times_to for walk and bike, Network.route for transit: line 1 leaves Gare du Midi
at 08:00 and reaches Rogier at 08:11 on Monday 2024-12-09), the CLI's CSV and .npy outputs equal to the
Python array, the GIL released while the matrix runs, and bad input through the Python error classes."""
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
ROG = (50.8556, 4.3589)
MID = (50.8450, 4.3500)
ORIGINS = np.array([GDM1, ROG, MID])
DESTS = np.array([ROG, MID, GDM1, (50.8400, 4.3400)])
UNREACHABLE = 2147483647


@pytest.fixture(scope="module")
def mini(tmp_path_factory):
    out = tmp_path_factory.mktemp("matrix") / "mini.kwn"
    return kwartier.Network.build(
        SOURCE / "data/osm/mini-brussels.osm", gtfs=[SOURCE / "data/gtfs/mini-brussels"], output=out
    )


def test_walk_and_bike_equal_times_to(mini):
    for mode in ("walk", "bike"):
        m = mini.matrix(ORIGINS, DESTS, mode=mode, max_seconds=3600)
        assert m.shape == (3, 4) and m.dtype == np.int32
        for i, o in enumerate(ORIGINS):
            row = mini.times_to(o[0], o[1], DESTS, mode, max_seconds=3600)
            want = np.where(np.isinf(row), UNREACHABLE, np.round(row)).astype(np.int64)
            assert list(m[i]) == list(want), (mode, i)
        assert (m != UNREACHABLE).sum() >= 8
        mins = mini.matrix(ORIGINS, DESTS, mode=mode, max_seconds=3600, unit="minutes")
        assert mins.dtype == np.uint16
        assert list(mins.ravel()) == [65535 if s == UNREACHABLE else (s + 30) // 60 for s in m.ravel()]


def test_transit_equals_route(mini):
    m = mini.matrix([GDM1], [ROG], mode="transit", date="2024-12-09", time="07:55", threads=2)
    js = mini.route(GDM1, ROG, "2024-12-09", "07:55")
    arrival = min(j.arrival for j in js)  # "2024-12-09T08:1x:yy+01:00"
    h, mi, s = (int(x) for x in arrival[11:19].split(":"))
    assert int(m[0, 0]) == h * 3600 + mi * 60 + s - (7 * 3600 + 55 * 60)
    # The window 07:50 .. 07:59 every minute: each cell is the 50th percentile (not interpolated: the 5th of
    # the 10 sorted times, unreachable counting as longest) of the single-departure matrices.
    w = mini.matrix(ORIGINS, DESTS, mode="transit", date="2024-12-09", time="07:50", window_seconds=600,
                    window_step=60, percentile=50)
    singles = np.stack([mini.matrix(ORIGINS, DESTS, mode="transit", date="2024-12-09", time=f"07:5{k}")
                        for k in range(10)])
    assert np.array_equal(w, np.sort(singles, axis=0)[4])
    assert int(singles[5][0, 0]) == int(m[0, 0])  # 07:55


def test_cli_outputs_equal_python(mini, tmp_path):
    cli = BUILD / "bin" / "kwartier"
    if not cli.exists():
        pytest.skip("the CLI is not built")
    o = tmp_path / "o.csv"
    d = tmp_path / "d.csv"
    o.write_text("id,lat,lon\n" + "".join(f"o{i},{a},{b}\n" for i, (a, b) in enumerate(ORIGINS)))
    d.write_text("id,lat,lon\n" + "".join(f"d{i},{a},{b}\n" for i, (a, b) in enumerate(DESTS)))
    want = mini.matrix(ORIGINS, DESTS, mode="transit", date="2024-12-09", time="07:55")
    base = [str(cli), "matrix", "--network", mini.path, "--origins", str(o), "--destinations", str(d), "--mode",
            "transit", "--date", "2024-12-09", "--time", "07:55", "-q"]
    subprocess.run(base + ["-o", str(tmp_path / "m.npy")], check=True)
    assert np.array_equal(np.load(tmp_path / "m.npy"), want)
    subprocess.run(base + ["-o", str(tmp_path / "m.csv")], check=True)
    lines = (tmp_path / "m.csv").read_text().splitlines()
    assert lines[0] == "origin_id,d0,d1,d2,d3"
    assert [[int(x) for x in line.split(",")[1:]] for line in lines[1:]] == want.tolist()
    subprocess.run(base + ["--unit", "minutes", "-o", str(tmp_path / "min.npy")], check=True)
    mins = np.load(tmp_path / "min.npy")
    assert mins.dtype == np.uint16 and np.array_equal(mins, mini.matrix(ORIGINS, DESTS, mode="transit",
                                                                         date="2024-12-09", time="07:55",
                                                                         unit="minutes"))


def test_gil_released(mini):
    # Another Python thread keeps running while matrices run.
    ticks = []
    stop = threading.Event()

    def spin():
        while not stop.is_set():
            ticks.append(1)

    t = threading.Thread(target=spin)
    t.start()
    for _ in range(20):
        mini.matrix(np.repeat(ORIGINS, 20, axis=0), DESTS, mode="walk", threads=1)
    stop.set()
    t.join()
    assert len(ticks) > 0


def test_bad_input(mini):
    with pytest.raises(kwartier.InvalidArgumentError, match="no origins"):
        mini.matrix(np.zeros((0, 2)), DESTS)
    with pytest.raises(kwartier.OutOfRangeError, match=r"origins\[1\]"):
        mini.matrix([GDM1, (95.0, 4.3)], DESTS)
    with pytest.raises(kwartier.TooFarError):
        mini.matrix([GDM1], [(50.0, 4.0)])
    assert int(mini.matrix([GDM1], [(50.0, 4.0)], skip_unsnapped=True)[0, 0]) == UNREACHABLE
    with pytest.raises(kwartier.LimitExceededError, match="memory cap"):
        mini.matrix(ORIGINS, DESTS, max_bytes=1000)
    with pytest.raises(kwartier.OutOfRangeError, match="service dates"):
        mini.matrix(ORIGINS, DESTS, mode="transit", date="2030-01-01")
    with pytest.raises(kwartier.InvalidArgumentError):
        mini.matrix(ORIGINS, DESTS, mode="boat")
    with pytest.raises(kwartier.InvalidArgumentError):
        mini.matrix(ORIGINS, [[1.0, 2.0, 3.0]])
    with pytest.raises(kwartier.InvalidArgumentError):
        mini.matrix(ORIGINS, DESTS, unit="hours")


def test_dask_local_cluster_equals_single_process(mini):
    distributed = pytest.importorskip("distributed")
    import kwartier.dask as kd

    origins = np.repeat(ORIGINS, 4, axis=0)  # 12 rows over 5 tasks
    single = mini.matrix(origins, DESTS, mode="transit", date="2024-12-09", time="07:55")
    walk = mini.matrix(origins, DESTS, mode="walk")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as lc:
        with distributed.Client(lc) as client:
            spread = kd.matrix(mini, origins, DESTS, client=client, n_tasks=5, mode="transit", date="2024-12-09",
                               time="07:55")
            spread_walk = kd.matrix(mini.path, origins, DESTS, client=client, n_tasks=3)
    assert spread.shape == (12, 4) and np.array_equal(spread, single)
    assert np.array_equal(spread_walk, walk)
