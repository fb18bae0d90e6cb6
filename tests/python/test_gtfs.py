"""kwartier.gtfs: the same capabilities as `kwartier gtfs` and kw_gtfs_*, checked against known answers."""
import os
import pathlib

import pytest

import kwartier
import kwartier.gtfs as gtfs

SRC = pathlib.Path(os.environ.get("KW_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
DATA = pathlib.Path(os.environ.get("KW_SHARED_DATA_DIR", SRC.parent / "shared" / "data"))
MINI = SRC / "data" / "gtfs" / "mini-brussels"
TF = DATA / "gtfs-malformed-transitfeed"


def test_mini_feed_counts_and_report():
    # Counts worked out by hand in tests/transit/mini_feed.h.
    feed = gtfs.load(MINI)
    assert feed.counts["stops"] == 6
    assert feed.counts["trips"] == 5
    assert feed.counts["stop_times"] == 18
    assert feed.counts["frequencies"] == 1
    assert (feed.first_date, feed.last_date) == ("2024-12-09", "2024-12-25")  # ISO dates on every edge
    assert feed.agencies == [gtfs.Agency("MINI", "Mini Brussels Transit", "Europe/Brussels")]
    assert feed.agencies[0].timezone == "Europe/Brussels"
    assert feed.report.ok
    assert [(p.severity, p.code, p.file, p.line, p.field) for p in feed.report] == [
        ("info", "unknown_column", "trips.txt", 1, "note")
    ]


def test_validate_report_as_dataframe():
    report = gtfs.validate(TF / "bad_date_format")
    assert not report.ok
    df = report.to_dataframe()
    assert list(df.columns) == ["severity", "code", "file", "line", "field", "message"]
    row = df[(df.code == "invalid_date") & (df.file == "calendar.txt")].iloc[0]
    assert row.line == 2 and row.field == "start_date" and row.severity == "error"
    assert report.to_json()["errors"] == report.errors


def test_not_a_zip_is_reported_and_missing_path_raises():
    report = gtfs.validate(TF / "unknown_format.zip")
    assert report.errors == 1 and report.problems[0].code == "invalid_archive"
    with pytest.raises(kwartier.NotFoundError):
        gtfs.load(DATA / "no-such-feed.zip")


def test_build_save_open_round_trip(tmp_path):
    tt = gtfs.load(MINI).build()
    # 7 trips: the frequency trip expands to 3 (06:00, 06:20, 06:40); 2 routes; 5 * 4 + 2 * 3 stop times.
    assert (tt.n_stops, tt.n_routes, tt.n_trips, tt.n_stop_times) == (6, 2, 7, 26)
    assert tt.n_services == 3
    path = tmp_path / "mini.kwt"
    tt.save(path)
    opened = gtfs.Timetable.open(path)
    assert (opened.n_stops, opened.n_trips, opened.n_stop_times) == (6, 7, 26)
    assert (opened.first_date, opened.last_date) == ("2024-12-09", "2024-12-25")
    s = opened.find_stop("GDM1")
    assert opened.stop_name(s, "nl") == "Zuidstation"
    assert opened.stop_name(s, "en") == "Brussels-South"
    assert opened.stop_name(s) == "Gare du Midi"
    with pytest.raises(kwartier.NotFoundError) as nf:
        opened.find_stop("nope")  # never -1, which would index the last stop of a numpy array
    assert nf.value.field == "stop_id"
    assert sorted(opened.languages) == ["en", "fr", "nl"]
    stops = opened.stops_dataframe("nl")
    assert stops.loc[stops.stop_id == "BRS", "name"].item() == "Beurs"
    assert stops.loc[stops.stop_id == "GDM1", "parent"].item() == opened.find_stop("GDM")
    assert abs(stops.loc[stops.stop_id == "BRS", "lat"].item() - 50.8481) < 1e-9
    with pytest.raises(kwartier.Error):
        opened.save(tmp_path / "again.kwt")  # an opened (mapped) timetable is read-only


def test_truncated_kwt_is_corrupt(tmp_path):
    path = tmp_path / "mini.kwt"
    gtfs.load(MINI).build().save(path)
    data = path.read_bytes()
    bad = tmp_path / "bad.kwt"
    bad.write_bytes(data[: len(data) // 2])
    with pytest.raises(kwartier.CorruptDatasetError):
        gtfs.Timetable.open(bad)


def test_two_feeds_namespaced():
    feed = gtfs.load(f"stib={MINI}", f"sncb={MINI}")  # feed specs [prefix=]path
    assert feed.counts["stops"] == 12
    tt = feed.build()
    assert tt.find_stop("stib:GDM1") >= 0 and tt.find_stop("sncb:GDM1") >= 0
    with pytest.raises(kwartier.NotFoundError):
        tt.find_stop("GDM1")


def test_rnv_counts_match_source():
    feed = gtfs.load(DATA / "rnv-heidelberg" / "rnv.zip")
    assert (feed.counts["stops"], feed.counts["routes"], feed.counts["trips"], feed.counts["stop_times"]) == (
        2057,
        100,
        20636,
        424266,
    )
