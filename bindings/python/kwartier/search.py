"""Multilingual procedure search: build an index from catalogues, open it, query it.

>>> import kwartier
>>> idx = kwartier.SearchIndex.build(["data/catalogue"], "/tmp/kw-index")
>>> hits = idx.query("identiteitskaart", langs=["nl", "fr"], limit=5)
>>> hits[0].title, hits[0].lang, hits[0].snippet
>>> idx.query_dataframe("permis de bâtir", langs=["fr"])   # pandas

Every call goes through the same C++ API as ``kwartier search`` and the C ABI. Builds and queries release the
GIL; a SearchIndex is immutable and may be shared by threads.
"""
from __future__ import annotations

import os
from typing import Any, Mapping, NamedTuple, Sequence, Union

from . import _kwartier

PathLike = Union[str, "os.PathLike[str]"]

__all__ = ["SearchResult", "SearchResults", "SearchIndex"]


class SearchResult(NamedTuple):
    """One answer: a procedure, given in the best language available for the user."""

    id: str
    lang: str
    title: str
    url: str
    organisation: str
    level: str
    country: str
    group: str  # procedure group key ("" when the document is its own answer)
    other_langs: list[str]  # languages of the other documents of the same procedure
    score: float
    snippet: str  # body excerpt, matched words between [ and ]
    explanation: str  # filled when query(..., explain=True)


class SearchResults(list):  # type: ignore[type-arg]
    """A list of SearchResult with the query's facets, identified language and notes."""

    facets: dict[str, dict[str, int]]
    query_lang: str
    notes: list[str]
    n_matches: int


class SearchIndex:
    """An opened search index (a directory written by ``SearchIndex.build`` or ``kwartier search build``)."""

    def __init__(self, handle: Any) -> None:
        self._h = handle
        self.build_stats: dict[str, Any] = {}
        self.problems: list[tuple[str, str, str, int, str, str]] = []

    @staticmethod
    def build(
        catalogues: Sequence[PathLike],
        path: PathLike,
        *,
        default_country: str = "",
        concept_table: PathLike | None = None,
        compounds: bool = True,
    ) -> "SearchIndex":
        """Loads catalogues (.jsonl, .md or directories), builds the index at ``path`` and opens it.

        Bad catalogue lines are skipped and listed in ``.problems`` (severity, code, file, line, field, message).
        """
        stats, problems = _kwartier.search_build(
            [os.fspath(c) for c in catalogues],
            os.fspath(path),
            default_country,
            os.fspath(concept_table) if concept_table is not None else "",
            compounds,
        )
        idx = SearchIndex.open(path)
        idx.build_stats = dict(stats)
        idx.problems = list(problems)
        return idx

    @staticmethod
    def open(path: PathLike) -> "SearchIndex":
        """Opens an index directory; NotFoundError / CorruptDatasetError when it is missing or damaged."""
        return SearchIndex(_kwartier.search_open(os.fspath(path)))

    @property
    def n_documents(self) -> int:
        return int(self._h.n_documents)

    @property
    def concept_table_version(self) -> str:
        return str(self._h.concept_table_version)

    @property
    def build_id(self) -> int:
        """Build id of the index generation this handle serves (a rebuild makes a new one)."""
        return int(self._h.build_id)

    def query(
        self,
        text: str,
        langs: Sequence[str] = (),
        limit: int = 10,
        *,
        filters: Mapping[str, str] | None = None,
        explain: bool = False,
        typos: bool = True,
        prefix: bool = True,
        group: bool = True,
    ) -> SearchResults:
        """Answers for ``text``, best first, in the preferred languages ``langs`` (best first) when available.

        ``filters`` like ``{"country": "belgium"}`` (fields: lang, country, organisation, level).
        """
        hits, facets, qlang, notes, n = self._h.query(
            text, list(langs), limit, list((filters or {}).items()), explain, typos, prefix, group
        )
        out = SearchResults(SearchResult(**h) for h in hits)
        out.facets = dict(facets)
        out.query_lang = str(qlang)
        out.notes = list(notes)
        out.n_matches = int(n)
        return out

    def query_dataframe(self, text: str, langs: Sequence[str] = (), limit: int = 10, **kw: Any) -> Any:
        """Like query(), as a pandas DataFrame (one row per answer, rank from 1)."""
        return to_dataframe(self.query(text, langs, limit, **kw))


def to_dataframe(results: Sequence[SearchResult]) -> Any:
    """SearchResult list -> pandas DataFrame with a ``rank`` column."""
    import pandas as pd

    df = pd.DataFrame([r._asdict() for r in results], columns=list(SearchResult._fields))
    df.insert(0, "rank", range(1, len(df) + 1))
    return df
