"""Search index integrity through Python (issue 13): folders that are not an index are left untouched, a
failed rebuild keeps the old index serving, damaged or mismatched parts are refused with
CorruptDatasetError, an index rebuilt while open keeps answering from its own generation."""
from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import kwartier

SRC = Path(os.environ.get("KW_SOURCE_DIR", Path(__file__).resolve().parents[2]))
BUILD = Path(os.environ.get("KW_BUILD_DIR", SRC / "build" / "dev"))
CATALOGUE = SRC / "data" / "catalogue"

# Same number of documents, different answers: "identiteitskaart" is a1 in A and b2 in B.
CAT_A = (
    '{"id":"a1","lang":"nl","title":"Identiteitskaart","body":"Een identiteitskaart aanvragen."}\n'
    '{"id":"a2","lang":"fr","title":"Passeport","body":"Demander un passeport."}\n'
)
CAT_B = (
    '{"id":"b1","lang":"fr","title":"Carte de riverain","body":"Stationnement pour riverains."}\n'
    '{"id":"b2","lang":"nl","title":"Bewonerskaart identiteitskaart","body":"Parkeren voor bewoners."}\n'
)


def catalogue(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / f"{name}.jsonl"
    p.write_text(text, encoding="utf-8")
    return p


def top(idx: kwartier.SearchIndex, q: str = "identiteitskaart") -> str:
    hits = idx.query(q, langs=["nl"])
    return hits[0].id if hits else ""


def generation(index_dir: Path) -> Path:
    gens = sorted(index_dir.glob("gen-*"))
    assert len(gens) >= 1
    return gens[0]


def test_folder_with_stray_side_file_is_untouched(tmp_path: Path) -> None:
    d = tmp_path / "stray"
    d.mkdir()
    (d / "side.kwd").write_bytes(b"")
    (d / "notes.txt").write_text("keep me")
    with pytest.raises(kwartier.InvalidArgumentError):
        kwartier.SearchIndex.build([CATALOGUE], d)
    assert sorted(p.name for p in d.iterdir()) == ["notes.txt", "side.kwd"]
    assert (d / "notes.txt").read_text() == "keep me"


def _limit_file_size() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (16 * 1024, 16 * 1024))


def test_failed_rebuild_leaves_old_index_serving(tmp_path: Path) -> None:
    d = tmp_path / "idx"
    old = kwartier.SearchIndex.build([catalogue(tmp_path, "a", CAT_A)], d)
    old_id = old.build_id
    del old
    # the rebuild runs in a child under a 16 KB file size limit (like a full disk) and fails
    code = (
        "import kwartier, sys\n"
        "try:\n"
        f"    kwartier.SearchIndex.build([{str(CATALOGUE)!r}], {str(d)!r})\n"
        "except kwartier.Error as e:\n"
        "    print(type(e).__name__, e); sys.exit(3)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], preexec_fn=_limit_file_size, capture_output=True, text=True,
                       env=os.environ.copy())
    assert r.returncode == 3, r.stdout + r.stderr
    idx = kwartier.SearchIndex.open(d)
    assert idx.build_id == old_id
    assert top(idx) == "a1"
    assert len(list(d.glob("gen-*"))) == 1


def test_bit_flipped_xapian_file_is_refused(tmp_path: Path) -> None:
    d = tmp_path / "idx"
    kwartier.SearchIndex.build([CATALOGUE], d)
    termlist = generation(d) / "xapian" / "termlist.glass"
    data = bytearray(termlist.read_bytes())
    data[len(data) // 2] ^= 0x08
    termlist.write_bytes(bytes(data))
    with pytest.raises(kwartier.CorruptDatasetError, match="termlist.glass"):
        kwartier.SearchIndex.open(d)


def test_side_file_of_another_build_is_refused(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    kwartier.SearchIndex.build([catalogue(tmp_path, "a", CAT_A)], a)
    kwartier.SearchIndex.build([catalogue(tmp_path, "b", CAT_B)], b)
    shutil.copyfile(generation(b) / "side.kwd", generation(a) / "side.kwd")  # same document count
    with pytest.raises(kwartier.CorruptDatasetError):
        kwartier.SearchIndex.open(a)


def test_side_file_with_invalid_utf8_is_refused(tmp_path: Path) -> None:
    tamper = BUILD / "tests" / "search" / "search_tamper"
    if not tamper.exists():
        pytest.skip("search_tamper helper not built")
    d = tmp_path / "idx"
    kwartier.SearchIndex.build([catalogue(tmp_path, "a", CAT_A)], d)
    subprocess.run([str(tamper), str(generation(d) / "side.kwd"), "Identiteitskaart"], check=True)
    with pytest.raises(kwartier.CorruptDatasetError, match="UTF-8"):
        kwartier.SearchIndex.open(d)


def test_rebuilt_while_open(tmp_path: Path) -> None:
    d = tmp_path / "idx"
    old = kwartier.SearchIndex.build([catalogue(tmp_path, "a", CAT_A)], d)
    assert top(old) == "a1"
    new_built = kwartier.SearchIndex.build([catalogue(tmp_path, "b", CAT_B)], d)
    assert new_built.summary is not None and new_built.summary["build_id"] != old.build_id
    # the old handle keeps answering from its own generation (also from new threads' searchers)
    assert top(old) == "a1"
    answers: list[str] = []
    import threading

    ts = [threading.Thread(target=lambda: answers.append(top(old))) for _ in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert answers == ["a1"] * 4
    fresh = kwartier.SearchIndex.open(d)
    assert fresh.build_id == new_built.build_id
    assert top(fresh) == "b2"


def test_bad_documents_are_reported_and_the_rest_indexed(tmp_path: Path) -> None:
    long_lang = "x" * 300
    text = CAT_A + f'{{"id":"bad","lang":"{long_lang}","title":"Passeport","body":"x"}}\n'
    idx = kwartier.SearchIndex.build([catalogue(tmp_path, "c", text)], tmp_path / "idx")
    assert idx.n_documents == 2
    assert idx.summary is not None and idx.summary["skipped"] == 1
    assert idx.report is not None
    assert [(p.code, p.line, p.field) for p in idx.report] == [("value_too_long", 3, "lang")]


CAT_ADD = '{"id":"c1","lang":"nl","title":"Bewonerskaart","body":"Parkeerkaart voor bewoners."}\n'
CAT_REPLACE = '{"id":"a2","lang":"fr","title":"Passeport biométrique","body":"Demander un passeport biométrique."}\n'


def test_update_add_replace_remove(tmp_path: Path) -> None:
    idx = kwartier.SearchIndex.build([catalogue(tmp_path, "a", CAT_A)], tmp_path / "idx")
    new = idx.update(add=[catalogue(tmp_path, "add", CAT_ADD)], replace=[catalogue(tmp_path, "rep", CAT_REPLACE)],
                     remove=["a1"])
    assert new.summary is not None
    assert (new.summary["added"], new.summary["replaced"], new.summary["removed"]) == (1, 1, 1)
    assert new.n_documents == 2
    assert new.build_id != idx.build_id
    assert top(new, "bewonerskaart") == "c1"
    assert new.query("biométrique", langs=["fr"])[0].id == "a2"
    assert all(h.id != "a1" for h in new.query("identiteitskaart", langs=["nl"]))
    assert top(idx) == "a1"  # the old handle keeps its generation


def test_update_conflicts_change_nothing(tmp_path: Path) -> None:
    idx = kwartier.SearchIndex.build([catalogue(tmp_path, "a", CAT_A)], tmp_path / "idx")
    with pytest.raises(kwartier.InvalidArgumentError, match="already holds"):
        idx.update(add=[catalogue(tmp_path, "dup", CAT_A)])  # ids a1, a2 exist
    with pytest.raises(kwartier.NotFoundError, match="missing-id"):
        idx.update(remove=["missing-id"])
    with pytest.raises(kwartier.InvalidArgumentError, match="twice"):
        idx.update(remove=["a1", "a1"])
    again = kwartier.SearchIndex.open(tmp_path / "idx")
    assert again.build_id == idx.build_id and again.n_documents == 2
