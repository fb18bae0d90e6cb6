"""kwartier.SearchIndex over the sample catalogue in data/catalogue (answers known from its text)."""
from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

import kwartier

SRC = Path(os.environ.get("KW_SOURCE_DIR", Path(__file__).resolve().parents[2]))
CATALOGUE = SRC / "data" / "catalogue"


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> kwartier.SearchIndex:
    return kwartier.SearchIndex.build([CATALOGUE], tmp_path_factory.mktemp("kw") / "index")


def test_build_stats(index: kwartier.SearchIndex) -> None:
    assert index.n_documents == 23  # 14 + 7 JSONL lines (communities/) + 2 Markdown guides
    assert index.summary is not None and index.summary["skipped"] == 0 and index.summary["documents"] == 23
    assert index.report is not None and index.report.ok
    assert index.concept_table_version


def test_query_preferred_language(index: kwartier.SearchIndex) -> None:
    hits = index.query("identiteitskaart", langs=["nl"], limit=5)
    assert hits[0].id == "kw-idcard-nl"
    assert sorted(hits[0].other_langs) == ["en", "fr"]
    assert "[identiteitskaart]" in hits[0].snippet
    # same procedure, asked in French by an English speaker: answered in English
    en = index.query("carte d'identité", langs=["en"])
    assert en[0].id == "kw-idcard-en"
    assert en.query_lang == "fr"


def test_synonyms_typos_filters(index: kwartier.SearchIndex) -> None:
    assert index.query("permis de bâtir", langs=["fr"])[0].id == "kw-permit-fr"
    assert index.query("bouwvergunning", langs=["nl"])[0].id == "kw-permit-nl"
    assert index.query("verhuizen", langs=["nl"])[0].id == "kw-address-nl"
    assert index.query("adreswijzging", langs=["nl"])[0].id == "kw-address-nl"  # typo
    res = index.query("carte", langs=["fr"], filters={"level": "regional"}, explain=True)
    assert res and all(h.level == "regional" for h in res)
    assert res[0].explanation
    # facets count matching documents (both language versions of the parking card: "carte" reaches the
    # Dutch "kaart" through the fr->nl dictionary), all of them regional
    assert list(res.facets["level"]) == ["regional"] and res.facets["level"]["regional"] >= len(res)


def test_dataframe(index: kwartier.SearchIndex) -> None:
    df = index.query_dataframe("trouwen", langs=["fr"])
    assert list(df["rank"])[:1] == [1]
    assert df.iloc[0]["lang"] == "fr"
    assert "title" in df.columns


def test_bad_input(index: kwartier.SearchIndex, tmp_path: Path) -> None:
    with pytest.raises(kwartier.InvalidArgumentError):
        index.query("   ")
    assert list(index.query("?!")) == []
    assert list(index.query("de la et", langs=["fr"])) == []
    assert isinstance(index.query("carte " * 20000, langs=["fr"]), list)
    with pytest.raises(kwartier.NotFoundError):
        kwartier.SearchIndex.open(tmp_path / "missing")


def test_threads(index: kwartier.SearchIndex) -> None:
    out: list[str] = []

    def run() -> None:
        for _ in range(20):
            out.append(index.query("passport", langs=["nl"])[0].id if index.query("passport", langs=["nl"]) else "")

    ts = [threading.Thread(target=run) for _ in range(2)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert len(out) == 40
