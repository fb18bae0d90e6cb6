"""Answers that differ by language community, through the three edges (docs/edges.md, search rows): the
sample catalogue's secondary-school registration exists for French-speaking schools (FR, EN) and for
Dutch-speaking schools in Brussels (NL, FR, EN), one variant group (data/catalogue/communities/)."""
from __future__ import annotations

from pathlib import Path

import kwartier
from conftest import cli, ctool

SCHOOL = "secondary-school-registration"


def top(records: list[dict]) -> tuple[str, str, str]:
    return records[0]["id"], records[0]["community"], records[0]["variant_group"]


def test_community_through_cli_python_and_c(search_index: Path) -> None:
    idx = kwartier.SearchIndex.open(search_index)
    cases = [
        # (query, langs, community option, expected first id, expected community of the answers)
        ("inscription école secondaire", "fr", "", "kw-school-fwb-fr", "fr"),
        ("inschrijving secundaire school", "nl", "", "kw-school-vg-nl", "nl"),
        ("inscription école secondaire", "fr", "nl", "kw-school-vg-fr", "nl"),
    ]
    for text, langs, community, first, com in cases:
        args = ["search", "query", search_index, text, "--lang", langs, "--format", "json"]
        if community:
            args += ["--community", community]
        r = cli(*args)
        assert r.rc == 0, r.err
        c = ctool("search-query", search_index, text, langs, "", "10", "0", community)
        assert c.rc == 0, c.err
        py = idx.query(text, langs=[langs], community=community)
        for hits, got_community in ((r.json()["hits"], r.json()["community"]),
                                    (c.json()["hits"], c.json()["community"]),
                                    ([h._asdict() for h in py], py.community)):
            assert top(hits) == (first, com, SCHOOL)
            assert got_community == com
            assert all(h["community"] != ("nl" if com == "fr" else "fr") for h in hits)


def test_english_speaker_gets_both_variants_labelled(search_index: Path) -> None:
    r = cli("search", "query", search_index, "secondary school registration", "--lang", "en", "--format", "json")
    assert r.rc == 0, r.err
    hits = r.json()["hits"][:2]
    assert sorted(h["community"] for h in hits) == ["fr", "nl"]
    assert all(h["variant_group"] == SCHOOL and h["lang"] == "en" for h in hits)
    text = cli("search", "query", search_index, "secondary school registration", "--lang", "en")
    assert "fr community's variant of " + SCHOOL in text.out and "nl community's variant of " + SCHOOL in text.out
    py = kwartier.SearchIndex.open(search_index).query("secondary school registration", langs=["en"])
    assert sorted(h.community for h in py[:2]) == ["fr", "nl"] and py.community == ""


def test_unknown_community_is_an_invalid_argument(search_index: Path) -> None:
    r = cli("search", "query", search_index, "crèche", "--community", "flemish")
    assert r.rc == 11, r.err  # 10 + invalid_argument
    c = ctool("search-query", search_index, "crèche", "", "", "10", "0", "flemish")
    assert c.rc != 0
    try:
        kwartier.SearchIndex.open(search_index).query("crèche", community="flemish")
    except kwartier.InvalidArgumentError as e:
        assert "community" in str(e)
    else:
        raise AssertionError("no error")
