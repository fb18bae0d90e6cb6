"""Issue 13 through the CLI and Python: safe outputs (planted symlinks, devices, FIFOs, a full disk, files of
another sort), datasets opened without blocking, unusable feeds refused, catalogue resource caps, the
frequency expansion cap, a zip bomb refused within a memory bound, the PBF input libosmium mishandled.
(The search index cases — stray side.kwd, failed rebuild, bit flips, rebuild while open — are in
test_search_integrity.py.)

Everything that could hang on a regression (a FIFO) runs in a subprocess with a timeout, so a regression
fails instead of hanging the test run.
"""
import os
import pathlib
import resource
import shutil
import signal
import subprocess
import sys
import textwrap

import pytest

import kwartier
import kwartier.gtfs as gtfs

SRC = pathlib.Path(os.environ.get("KW_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
BUILD = pathlib.Path(os.environ.get("KW_BUILD_DIR", SRC / "build" / "dev"))
CLI = BUILD / "bin" / "kwartier"
MINI = SRC / "data" / "gtfs" / "mini-brussels"
MINI_OSM = SRC / "data" / "osm" / "mini-brussels.osm"
CATALOGUE = SRC / "data" / "catalogue"
TIMEOUT = 60  # seconds; every case here takes well under one

# CLI exit codes: 10 + errc.
EXIT_INVALID_ARGUMENT, EXIT_IO, EXIT_NOT_FOUND, EXIT_INVALID_FORMAT, EXIT_LIMIT = 11, 12, 13, 14, 21

needs_cli = pytest.mark.skipif(not CLI.exists(), reason="kwartier CLI not built")


def cli(*args, limit_file_size=None, cwd=None):
    def limit():
        if limit_file_size is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_file_size, limit_file_size))

    # restore_signals (the default) gives the child SIGXFSZ's default action, as a shell would: the CLI
    # must turn the file size limit into an io_error itself.
    return subprocess.run([str(CLI), *map(str, args)], capture_output=True, text=True, timeout=TIMEOUT,
                          preexec_fn=limit, cwd=cwd)


def py(code, limit_file_size=None):
    """Runs `code` in a fresh Python (same PYTHONPATH) with a timeout; returns the CompletedProcess."""
    def limit():
        if limit_file_size is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_file_size, limit_file_size))

    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          timeout=TIMEOUT, preexec_fn=limit)


@pytest.fixture(scope="module")
def mini_tt():
    return gtfs.load(MINI).build()


def names(folder):
    return sorted(p.name for p in pathlib.Path(folder).iterdir())


# ------------------------------------------------------------------------------------------ planted symlinks

def test_symlink_at_target_is_refused_python(tmp_path, mini_tt):
    victim = tmp_path / "victim"
    victim.write_text("precious")
    (tmp_path / "out.kwt").symlink_to(victim)
    with pytest.raises(kwartier.InvalidArgumentError) as e:
        mini_tt.save(tmp_path / "out.kwt")
    assert e.value.file == str(tmp_path / "out.kwt")
    assert "symbolic link" in str(e.value)
    assert victim.read_text() == "precious"
    assert (tmp_path / "out.kwt").is_symlink()
    assert names(tmp_path) == ["out.kwt", "victim"]


@needs_cli
def test_symlink_at_target_is_refused_cli(tmp_path):
    victim = tmp_path / "victim"
    victim.write_text("precious")
    (tmp_path / "out.kwt").symlink_to(victim)
    r = cli("gtfs", "build", MINI, "-o", tmp_path / "out.kwt")
    assert r.returncode == EXIT_INVALID_ARGUMENT, r.stderr
    assert "symbolic link" in r.stderr and str(tmp_path / "out.kwt") in r.stderr
    assert victim.read_text() == "precious"
    assert names(tmp_path) == ["out.kwt", "victim"]


@needs_cli
def test_symlink_at_old_fixed_temporary_is_ignored(tmp_path, mini_tt):
    victim = tmp_path / "victim"
    victim.write_text("precious")
    (tmp_path / "out.kwt.tmp").symlink_to(victim)
    r = cli("gtfs", "build", MINI, "-o", tmp_path / "out.kwt")
    assert r.returncode == 0, r.stderr
    mini_tt.save(tmp_path / "py.kwt")
    (tmp_path / "py.kwt.tmp").symlink_to(victim)
    mini_tt.save(tmp_path / "py.kwt")
    assert victim.read_text() == "precious"
    assert gtfs.Timetable.open(tmp_path / "out.kwt").n_trips == mini_tt.n_trips
    assert names(tmp_path) == ["out.kwt", "out.kwt.tmp", "py.kwt", "py.kwt.tmp", "victim"]


# ------------------------------------------------------------------------------------------ targets of another sort

@needs_cli
def test_folder_fifo_and_device_targets_are_refused_without_blocking(tmp_path):
    (tmp_path / "folder").mkdir()
    os.mkfifo(tmp_path / "fifo")
    targets = [tmp_path / "folder", tmp_path / "fifo"]
    if os.geteuid() == 0:  # a /dev/full of our own (major 1, minor 7), never the machine's
        os.mknod(tmp_path / "full", 0o666 | 0o020000, os.makedev(1, 7))
        targets.append(tmp_path / "full")
    for t in targets:
        r = cli("gtfs", "build", MINI, "-o", t)  # times out (fails) if it blocks
        assert r.returncode == EXIT_INVALID_ARGUMENT, (t, r.stderr)
        assert str(t) in r.stderr
        p = py(f"""
            import kwartier, kwartier.gtfs as gtfs
            try:
                gtfs.load({str(MINI)!r}).build().save({str(t)!r})
            except kwartier.InvalidArgumentError as e:
                print("refused", e.file)
            """)
        assert p.stdout.strip() == f"refused {t}", p.stderr
    assert (tmp_path / "folder").is_dir()
    assert (tmp_path / "fifo").is_fifo()
    if os.geteuid() == 0:
        assert (tmp_path / "full").is_char_device()


@needs_cli
def test_result_outputs_are_checked_before_the_work_and_stream_into_pipes(tmp_path):
    (tmp_path / "folder").mkdir()
    os.mkfifo(tmp_path / "fifo")
    missing = tmp_path / "none.kwn"  # checked after the output: the error names the output, not the network
    runs = [["access", "--network", missing, "--modes", "walk", opt] for opt in ("-o", "--csv", "--summary-csv")]
    runs += [["isochrone", "--network", missing, "--from", "50.85,4.35", "-o"],
             ["matrix", "--network", missing, "--origins", "o.csv", "--destinations", "d.csv", "-o"]]
    for args in runs:
        r = cli(*args, tmp_path / "folder")
        assert r.returncode == EXIT_INVALID_ARGUMENT and str(tmp_path / "folder") in r.stderr, (args, r.stderr)
    for opt in ("--map", "--html"):  # drawn by matplotlib / folium: regular files only
        r = cli("access", "--network", missing, "--modes", "walk", opt, tmp_path / "fifo")
        assert r.returncode == EXIT_INVALID_ARGUMENT and "FIFO" in r.stderr, r.stderr

    net = tmp_path / "mini.kwn"
    r = cli("network", "build", "-q", "--gtfs", MINI, "--osm", MINI_OSM, "-o", net)
    assert r.returncode == 0, r.stderr
    # A FIFO that nobody reads: an io error at once (cli() times out, a failure, if it waits).
    r = cli("access", "-q", "--network", net, "--modes", "walk", "--csv", tmp_path / "fifo")
    assert r.returncode == EXIT_IO and "nobody reads" in r.stderr, r.stderr
    # /dev/stdout (a link to the process's output): the GeoJSON arrives on stdout, as a pipe would get it.
    r = cli("isochrone", "-q", "--network", net, "--from", "50.8355,4.3358", "--format", "json", "-o", "/dev/stdout")
    assert r.returncode == 0, r.stderr
    first = r.stdout.splitlines()[0]
    assert first.startswith('{"type":"FeatureCollection"'), r.stdout[:200]
    # A regular file is replaced whole (by rename): no temporary is left beside it.
    (tmp_path / "scores.csv").write_text("old\n")
    r = cli("access", "-q", "--network", net, "--modes", "walk", "--csv", tmp_path / "scores.csv")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "scores.csv").read_text().startswith("id,lat,lon,weight")
    assert names(tmp_path) == ["fifo", "folder", "mini.kwn", "scores.csv"]


@needs_cli
def test_file_of_another_sort_is_not_overwritten(tmp_path, mini_tt):
    notes = tmp_path / "notes.kwt"
    notes.write_text("my notes")
    r = cli("gtfs", "build", MINI, "-o", notes)
    assert r.returncode == EXIT_INVALID_ARGUMENT
    assert "not a kwartier dataset" in r.stderr
    with pytest.raises(kwartier.InvalidArgumentError):
        mini_tt.save(notes)
    assert notes.read_text() == "my notes"
    # A network file is a dataset of another kind: `gtfs build -o city.kwn` must not replace it.
    net = tmp_path / "city.kwn"
    kwartier.Network.build(MINI_OSM, gtfs=[MINI], output=net)
    before = net.read_bytes()
    r = cli("gtfs", "build", MINI, "-o", net)
    assert r.returncode == EXIT_INVALID_ARGUMENT
    assert "'KWNW' dataset, not 'KWTT'" in r.stderr or "dataset, not" in r.stderr, r.stderr
    assert net.read_bytes() == before
    # The same kind is replaced (rebuilds work), and so is an empty file.
    assert cli("gtfs", "build", MINI, "-o", tmp_path / "tt.kwt").returncode == 0
    assert cli("gtfs", "build", MINI, "-o", tmp_path / "tt.kwt").returncode == 0
    (tmp_path / "empty.kwt").write_bytes(b"")
    mini_tt.save(tmp_path / "empty.kwt")
    assert gtfs.Timetable.open(tmp_path / "empty.kwt").n_trips == mini_tt.n_trips


# ------------------------------------------------------------------------------------------ full disk

@needs_cli
def test_file_size_limit_gives_io_error_and_keeps_the_old_file(tmp_path):
    net = tmp_path / "city.kwn"
    kwartier.Network.build(MINI_OSM, gtfs=[MINI], output=net)
    before = net.read_bytes()
    assert len(before) > 4096
    r = cli("network", "build", "-q", "--gtfs", MINI, "--osm", MINI_OSM, "-o", net, limit_file_size=4096)
    assert r.returncode == EXIT_IO, (r.returncode, r.stderr)
    assert str(net) in r.stderr and "too large" in r.stderr
    p = py(f"""
        import kwartier
        try:
            kwartier.Network.build({str(MINI_OSM)!r}, gtfs=[{str(MINI)!r}], output={str(net)!r})
        except kwartier.IOError_ as e:
            print("io_error", e.file)
        """, limit_file_size=4096)
    assert p.stdout.strip() == f"io_error {net}", p.stderr
    assert net.read_bytes() == before
    assert names(tmp_path) == ["city.kwn"]


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("mount") is None, reason="needs root to mount a tmpfs")
@needs_cli
def test_full_disk_gives_io_error_and_keeps_the_old_file(tmp_path):
    small = tmp_path / "small"
    small.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=48k", "tmpfs", str(small)]).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        (small / "mini.kwt").write_bytes(b"")  # a small file that fits
        r = cli("gtfs", "build", MINI, "-o", small / "mini.kwt")
        assert r.returncode == 0, r.stderr
        before = (small / "mini.kwt").read_bytes()
        (small / "filler").write_bytes(b"x" * (48 * 1024 - len(before) - 4096))
        r = cli("network", "build", "-q", "--gtfs", MINI, "--osm", MINI_OSM, "-o", small / "city.kwn")
        assert r.returncode == EXIT_IO, r.stderr
        assert "No space left" in r.stderr and str(small / "city.kwn") in r.stderr
        assert (small / "mini.kwt").read_bytes() == before
        assert names(small) == ["filler", "mini.kwt"]
    finally:
        subprocess.run(["umount", str(small)])


# ------------------------------------------------------------------------------------------ opening never blocks

@needs_cli
def test_fifo_given_as_dataset_is_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "fifo.kwt")
    os.mkfifo(tmp_path / "fifo.kwn")
    # A real index whose side file is replaced by a FIFO.
    kwartier.SearchIndex.build([CATALOGUE], tmp_path / "index")
    (side,) = (tmp_path / "index").glob("gen-*/side.kwd")
    side.unlink()
    os.mkfifo(side)
    for args in (["gtfs", "info", tmp_path / "fifo.kwt"], ["network", "info", tmp_path / "fifo.kwn"],
                 ["search", "query", tmp_path / "index", "identiteitskaart"]):
        r = cli(*args)  # subprocess.TimeoutExpired (a failure) if it blocks
        assert r.returncode == EXIT_IO, (args, r.stderr)
        # `gtfs info` decides between a feed and a .kwt itself; the dataset loaders say what the path is.
        assert args[0] == "gtfs" or "FIFO" in r.stderr, r.stderr
    p = py(f"""
        import kwartier, kwartier.gtfs as gtfs
        for f in (lambda: gtfs.Timetable.open({str(tmp_path / 'fifo.kwt')!r}),
                  lambda: kwartier.Network.open({str(tmp_path / 'fifo.kwn')!r}),
                  lambda: kwartier.SearchIndex.open({str(tmp_path / 'index')!r})):
            try:
                f()
            except kwartier.IOError_ as e:
                print("refused", e.file)
        """)
    assert p.stdout.split("\n")[:3] == [f"refused {tmp_path / 'fifo.kwt'}", f"refused {tmp_path / 'fifo.kwn'}",
                                        f"refused {side}"], p.stderr


# ------------------------------------------------------------------------------------------ unusable feeds

@needs_cli
def test_unusable_feed_builds_nothing(tmp_path):
    (tmp_path / "notzip.zip").write_text("hello\n")
    garbage = tmp_path / "garbage"
    garbage.mkdir()
    (garbage / "stops.txt").write_text("garbage\n")
    for feed in (tmp_path / "notzip.zip", garbage):
        r = cli("gtfs", "build", feed, "-o", tmp_path / "out.kwt")
        assert r.returncode == EXIT_INVALID_FORMAT, r.stderr
        # "feed is unusable: ..." (not a zip) or "not a usable GTFS feed: ..." (no stop survived), naming it
        assert "usable" in r.stderr and feed.name in r.stderr, r.stderr
        with pytest.raises(kwartier.InvalidFormatError, match="usable"):
            gtfs.load(feed).build()
        r = cli("network", "build", "-q", "--gtfs", feed, "--osm", MINI_OSM, "-o", tmp_path / "out.kwn")
        assert r.returncode == EXIT_INVALID_FORMAT, r.stderr
    assert names(tmp_path) == ["garbage", "notzip.zip"]
    # Validation still reports what is wrong, with exit 1.
    assert cli("gtfs", "validate", tmp_path / "notzip.zip").returncode == 1


# ------------------------------------------------------------------------------------------ catalogue caps

def nested_catalogue(root):
    """A catalogue with the shape of the 250 KB guide that took 63 s (60,000 nested block quotes, then
    emphasis runs; cmark's cost is depth x emphasis nodes), a 2 MB guide over the document size cap, and an
    ordinary guide."""
    d = root / "catalogue" / "nl" / "belgium"
    d.mkdir(parents=True)
    (d / "gids.md").write_text("---\ntitle: Diep genest\n---\nInleiding.\n\n" + "> " * 60000 +
                               "*kaart* " * 16000 + "parkeerkaart\n")
    (d / "groot.md").write_text("---\ntitle: Te groot\n---\n" + "woord " * 350000)
    (d / "paspoort.md").write_text("---\ntitle: Paspoort aanvragen\n---\nU vraagt een *paspoort* aan.\n")
    return root / "catalogue"


@needs_cli
def test_catalogue_caps_cli(tmp_path):
    import json
    cat = nested_catalogue(tmp_path)
    r = cli("search", "build", cat, "-o", tmp_path / "idx", "--format", "json")  # fails by timeout if uncapped
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["documents"] == 2 and out["skipped"] == 1
    problems = {(p["code"], pathlib.Path(p["file"]).name, p["line"]) for p in out["report"]["problems"]}
    assert ("markdown_too_deep", "gids.md", 6) in problems  # front matter 1-3, "Inleiding." 4, blank 5
    assert ("document_too_large", "groot.md", 1) in problems
    q = cli("search", "query", tmp_path / "idx", "parkeerkaart", "--lang", "nl", "--format", "json")
    assert q.returncode == 0, q.stderr
    assert json.loads(q.stdout)["hits"][0]["title"] == "Diep genest"


def test_catalogue_caps_python(tmp_path):
    cat = nested_catalogue(tmp_path)
    idx = kwartier.SearchIndex.build([cat], tmp_path / "idx")
    assert idx.n_documents == 2
    codes = {(p.severity, p.code, pathlib.Path(p.file).name) for p in idx.report}
    assert ("warning", "markdown_too_deep", "gids.md") in codes
    assert ("error", "document_too_large", "groot.md") in codes
    assert idx.query("parkeerkaart", langs=["nl"])[0].title == "Diep genest"


# ------------------------------------------------------------------------------------------ frequency cap

def frequency_feed(root, rows):
    """mini-brussels with frequencies.txt replaced by `rows` rows for M1F, each 00:00:00-00:16:40 every
    second: 1,000 s / 1 s = 1,000 trips per row."""
    feed = root / f"freq{rows}"
    shutil.copytree(MINI, feed)
    (feed / "frequencies.txt").write_text("trip_id,start_time,end_time,headway_secs\n" +
                                          "M1F,00:00:00,00:16:40,1\n" * rows)
    return feed


@needs_cli
def test_frequency_cap_cli(tmp_path):
    import json
    # Cap 2,500: the total after row k is 1,000 k; past half (1,250) at k = 2 (file line 3), past the cap at
    # k = 3 (line 4).
    three, two = frequency_feed(tmp_path, 3), frequency_feed(tmp_path, 2)
    out = tmp_path / "out.kwt"
    r = cli("gtfs", "build", three, "-o", out, "--max-frequency-trips", 2500)
    assert r.returncode == EXIT_LIMIT, r.stderr
    assert "frequencies.txt:4" in r.stderr and "max_frequency_trips" in r.stderr, r.stderr
    assert not out.exists()
    r = cli("network", "build", "-q", "--gtfs", three, "--osm", MINI_OSM, "-o", tmp_path / "out.kwn",
            "--max-frequency-trips", 2500)
    assert r.returncode == EXIT_LIMIT, r.stderr
    assert not (tmp_path / "out.kwn").exists()
    # Two rows fit, with the warning at line 3; M1F becomes 2,000 trips beside the 4 plain ones.
    r = cli("gtfs", "build", two, "-o", out, "--max-frequency-trips", 2500, "--format", "json")
    assert r.returncode == 0, r.stderr
    summary = json.loads(r.stdout)
    warnings = [p for p in summary["report"]["problems"] if p["code"] == "frequency_trips_high"]
    assert [(pathlib.Path(w["file"]).name, w["line"], w["severity"]) for w in warnings] == \
        [("frequencies.txt", 3, "warning")]
    assert gtfs.Timetable.open(out).n_trips == 2004
    # The default cap (500,000) takes 3,000 trips without a warning.
    r = cli("gtfs", "validate", three, "--format", "json")
    assert "frequency_trips_high" not in r.stdout


def test_frequency_cap_python(tmp_path):
    three, two = frequency_feed(tmp_path, 3), frequency_feed(tmp_path, 2)
    with pytest.raises(kwartier.LimitExceededError) as e:
        gtfs.load(three, max_frequency_trips=2500)
    assert pathlib.Path(e.value.file).name == "frequencies.txt" and e.value.line == 4
    assert "max_frequency_trips" in str(e.value)
    feed = gtfs.load(two, max_frequency_trips=2500)
    assert [(p.severity, p.line) for p in feed.report if p.code == "frequency_trips_high"] == [("warning", 3)]
    assert feed.build().n_trips == 2004
    assert not [p for p in gtfs.load(three).report if p.code == "frequency_trips_high"]
    with pytest.raises(kwartier.InvalidArgumentError):
        gtfs.load(two, max_frequency_trips=-1)


# ------------------------------------------------------------------------------------------ zip bomb

def zip_bomb(path, inflated_mb=128):
    """mini-brussels as a zip whose stop_times.txt is its header plus `inflated_mb` MB of one row repeated:
    deflate packs it about 1000:1 (a zip of a few hundred KB), far past the ratio cap (100)."""
    import zipfile
    row = b"M1A,08:00:00,08:00:00,GDM1,1\n"
    chunk = row * ((1 << 20) // len(row) + 1)  # 1 MB
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for f in MINI.iterdir():
            if f.name != "stop_times.txt":
                z.write(f, f.name)
        with z.open("stop_times.txt", "w", force_zip64=True) as w:
            w.write(b"trip_id,arrival_time,departure_time,stop_id,stop_sequence\n")
            for _ in range(inflated_mb):
                w.write(chunk)
    return path


def peak_rss_mb_of(args):
    """Runs args in a fresh Python that only waits for it: RUSAGE_CHILDREN's max RSS is then that process's."""
    code = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
            "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024); "
            "print(r.stderr, file=sys.stderr)")
    p = subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True,
                       timeout=TIMEOUT)
    rc, mb = map(int, p.stdout.split())
    return rc, mb, p.stderr


@needs_cli
def test_zip_bomb_refused_within_a_memory_bound(tmp_path):
    bomb = zip_bomb(tmp_path / "bomb.zip")
    assert bomb.stat().st_size < 1 << 20  # 128 MB inflated from about 330 KB
    # Before the fix a 2 MB zip took 2.1 GB RSS; now the entry is refused from its header's sizes, before
    # inflating. The bound is the plain CLI's own footprint (measured the same way on the mini feed) + 64 MB
    # (measured: 10 MB for the mini feed, 11 MB for the bomb).
    rc0, base_mb, err = peak_rss_mb_of([CLI, "gtfs", "validate", MINI])
    assert rc0 == 0, err
    rc, mb, err = peak_rss_mb_of([CLI, "gtfs", "build", bomb, "-o", tmp_path / "out.kwt"])
    assert rc == EXIT_INVALID_FORMAT, err
    assert "bomb.zip/stop_times.txt" in err and "zip bomb" in err, err
    assert mb < base_mb + 64, (mb, base_mb)
    assert not (tmp_path / "out.kwt").exists()
    p = py(f"""
        import resource, kwartier, kwartier.gtfs as gtfs
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        try:
            gtfs.load({str(bomb)!r})
        except kwartier.InvalidFormatError as e:
            print("refused", e.file)
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024 - before)
        """)
    lines = p.stdout.split()
    assert lines[0] == "refused" and lines[1].endswith("bomb.zip/stop_times.txt"), p.stdout + p.stderr
    assert int(lines[2]) < 64, p.stdout


# ------------------------------------------------------------------------------------------ PBF framing

TYPELESS_PBF = SRC / "fuzz" / "corpus" / "osm" / "ubsan-blobheader-without-type.osm.pbf"


@needs_cli
def test_pbf_blob_header_without_type_is_refused(tmp_path):
    # The osm fuzz target's UBSan finding (libosmium compares a missing BlobHeader type with strncmp on a
    # null pointer): refused by kwartier before libosmium sees it, naming the file and the byte offset.
    r = cli("network", "build", "-q", "--osm", TYPELESS_PBF, "-o", tmp_path / "out.kwn")
    assert r.returncode == EXIT_INVALID_FORMAT, r.stderr
    assert str(TYPELESS_PBF) in r.stderr and "PBF BlobHeader has no type" in r.stderr, r.stderr
    with pytest.raises(kwartier.InvalidFormatError, match="BlobHeader has no type") as e:
        kwartier.Network.build(TYPELESS_PBF, output=tmp_path / "out.kwn")
    assert e.value.file == str(TYPELESS_PBF)
    assert names(tmp_path) == []
