"""The CLI's side of the contract (docs/edges.md §2, §3): exit codes per error kind, CLI11 errors mapped to 2,
missing files to 13 on every command, --format json on every command that prints results, progress."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import CATALOGUE, DATA, MINI, MINI_OSM, TF, cli


@pytest.mark.parametrize(
    "args,words",
    [
        ([], ["a command is required", "gtfs, network, search"]),
        (["routing"], ["unknown command 'routing'", "gtfs, network, search"]),
        (["gtfs"], ["kwartier gtfs: a command is required", "validate, info, build"]),
        (["gtfs", "check", "x"], ["unknown command 'check'", "validate, info, build"]),
        (["search", "find"], ["unknown command 'find'", "build, update, query"]),
        (["network", "run"], ["unknown command 'run'", "build, info"]),
    ],
)
def test_unknown_or_missing_subcommand_names_the_valid_ones(args: list[str], words: list[str]) -> None:
    r = cli(*args)
    assert r.rc == 2
    for w in words:
        assert w in r.err


@pytest.mark.parametrize(
    "args",
    [
        ["gtfs", "validate"],  # missing argument
        ["gtfs", "validate", MINI, "--format", "xml"],  # value outside a fixed set
        ["search", "query", "idx", "x", "-n", "ten"],  # not a number
        ["gtfs", "info", MINI, "--bogus"],  # unknown option
    ],
)
def test_cli11_errors_are_usage_errors(args: list[str]) -> None:
    r = cli(*args)
    assert r.rc == 2, r.err
    assert "--help" in r.err


@pytest.mark.parametrize(
    "args",
    [
        ["gtfs", "validate", "no-such-feed.zip"],
        ["gtfs", "info", "no-such-feed"],
        ["gtfs", "build", "no-such-feed.zip", "-o", "x.kwt"],
        ["search", "build", "no-such-catalogue", "-o", "idx"],
        ["search", "query", "no-such-index", "carte"],
        ["network", "info", "no-such.kwn"],
        ["network", "build", "--osm", "no-such.osm", "-o", "x.kwn"],
    ],
)
def test_a_missing_input_exits_13_on_every_command(args: list[str], tmp_path: Path) -> None:
    r = cli(*[a if "no-such" in str(a) else (tmp_path / a if a in ("x.kwt", "idx", "x.kwn") else a) for a in args])
    assert r.rc == 13, r.err
    assert "[not_found]" in r.err and "no-such" in r.err


def test_input_with_errors_exits_1_for_validate_and_info() -> None:
    # undefined_stop: stop_times.txt line 11 names a stop that stops.txt lacks (SOURCE.md of the feed set).
    for sub in ("validate", "info"):
        r = cli("gtfs", sub, TF / "undefined_stop", "--format", "json")
        assert r.rc == 1, (sub, r.err)
        report = r.json() if sub == "validate" else r.json()["report"]
        assert report["errors"] >= 1
        assert any(p["code"] == "dangling_stop_id" and p["line"] == 11 for p in report["problems"])
    assert cli("gtfs", "validate", MINI).rc == 0


def test_gtfs_info_on_a_network_file_is_an_incompatible_dataset(tmp_path: Path) -> None:
    kwn = tmp_path / "mini.kwn"
    assert cli("network", "build", "-q", "--gtfs", MINI, "--osm", MINI_OSM, "-o", kwn).rc == 0
    r = cli("gtfs", "info", kwn)
    assert r.rc == 16, r.err  # 10 + incompatible_dataset; it used to print zeros and "1 errors" with exit 0
    assert "KWNW" in r.err and r.out == ""


def test_language_and_filter_lists_are_checked_by_the_library(search_index: Path) -> None:
    r = cli("search", "query", search_index, "carte", "--lang", "klingon")
    assert r.rc == 11 and "langs" in r.err and "klingon" in r.err
    r = cli("search", "query", search_index, "carte", "--filter", "country")
    assert r.rc == 11 and "filters" in r.err
    r = cli("search", "query", search_index, "carte", "--filter", "planet=mars")
    assert r.rc == 11 and "planet" in r.err
    r = cli("search", "query", search_index, "carte", "-n", "0")  # the library's range, not CLI11's
    assert r.rc == 11 and "limit" in r.err
    r = cli("search", "query", search_index, "carte", "--lang", "fr-BE, nl;q=0.5", "--format", "json")
    assert r.rc == 0 and r.json()["hits"][0]["lang"] == "fr"


@pytest.mark.parametrize("command", ["gtfs-build", "search-build", "network-build"])
def test_every_build_prints_json_and_is_quiet_with_q(command: str, tmp_path: Path) -> None:
    args = {
        "gtfs-build": ["gtfs", "build", MINI, "-o", tmp_path / "mini.kwt"],
        "search-build": ["search", "build", CATALOGUE, "-o", tmp_path / "idx"],
        "network-build": ["network", "build", "--gtfs", MINI, "--osm", MINI_OSM, "-o", tmp_path / "mini.kwn"],
    }[command]
    r = cli(*args, "--format", "json", "-q")
    assert r.rc == 0, r.err
    assert r.err == ""  # -q: no progress, no summary
    j = r.json()
    assert Path(j["output"]).name in ("mini.kwt", "idx", "mini.kwn")
    assert set(j["report"]) == {"errors", "warnings", "infos", "suppressed", "problems"}


def test_progress_without_a_terminal_is_one_line_per_stage_ending_at_100(tmp_path: Path) -> None:
    r = cli("network", "build", "--gtfs", MINI, "--osm", MINI_OSM, "-o", tmp_path / "mini.kwn")
    assert r.rc == 0, r.err
    assert "\r" not in r.err
    stages = [l for l in r.err.splitlines() if re.match(r"^  \S.*\s(100%|failed at \d+%)", l)]
    assert len(stages) >= 3
    assert all(" 100% " in l or l.endswith(" 100%") for l in stages)
    names = [l.split("  ")[1] for l in stages]
    assert len(names) == len(set(names))  # one line per stage


def test_progress_on_a_terminal_is_redrawn_in_place(tmp_path: Path) -> None:
    r = cli("search", "build", CATALOGUE, "-o", tmp_path / "idx", tty=True)
    assert r.rc == 0, r.err
    assert "\r" in r.err and "100%" in r.err


def test_a_failed_stage_says_so(tmp_path: Path) -> None:
    # The streets are read, then writing into a folder that does not exist fails (10 + io_error).
    r = cli("network", "build", "--osm", MINI_OSM, "-o", tmp_path / "no-such-dir" / "x.kwn")
    assert r.rc == 12, r.err
    lines = r.err.splitlines()
    assert any(l.strip().startswith("writing") and "failed at" in l for l in lines)
    assert any("100%" in l for l in lines)  # the stages before it finished
    assert "[io_error]" in lines[-1]
    bad = tmp_path / "bad.osm"
    bad.write_text("not osm at all")
    r = cli("network", "build", "--osm", bad, "-o", tmp_path / "x.kwn")
    assert r.rc == 14 and "[invalid_format]" in r.err


def test_strict_build_exits_1_when_the_input_has_errors(tmp_path: Path) -> None:
    cat = tmp_path / "cat.jsonl"
    good = json.loads((CATALOGUE / "sample-procedures.jsonl").read_text().splitlines()[0])
    cat.write_text(json.dumps(good) + "\n" + '{"id": "x", "lang": "fr"}\n')  # line 2: no title, no body
    r = cli("search", "build", cat, "-o", tmp_path / "idx", "--format", "json", "-q")
    assert r.rc == 0 and r.json()["skipped"] == 1
    assert r.json()["report"]["problems"][0]["line"] == 2
    r = cli("search", "build", cat, "-o", tmp_path / "idx2", "--strict", "-q")
    assert r.rc == 1


def leaf_commands(path: list[str]) -> list[list[str]]:
    """Every command under `path`, found through the CLI's own "the commands are: ..." message."""
    r = cli(*path, "no-such-command")
    m = re.search(r"the commands are: (.*)", r.err)
    if r.rc != 2 or not m:
        return [path]
    return [leaf for name in m.group(1).split(", ") for leaf in leaf_commands([*path, name])]


def test_every_command_accepts_q() -> None:
    leaves = leaf_commands([])
    assert {"gtfs validate", "network build", "search query", "route"} <= {" ".join(l) for l in leaves}
    for leaf in leaves:
        r = cli(*leaf, "--help")
        assert r.rc == 0 and re.search(r"-q,--quiet\b", r.out), leaf
    # a command with nothing to silence still runs with -q
    assert cli("gtfs", "validate", MINI, "-q").rc == 0
