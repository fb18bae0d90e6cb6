"""Multilingual procedure search: build an index from catalogues, open it, query it.

>>> import kwartier
>>> idx = kwartier.SearchIndex.build(["data/catalogue"], "/tmp/kw-index")
>>> hits = idx.query("identiteitskaart", langs=["nl", "fr"], limit=5)
>>> hits[0].title, hits[0].lang, hits[0].snippet
>>> idx.query_dataframe("permis de bâtir", langs=["fr"])   # pandas

Every call goes through the same C++ API as ``kwartier search`` and the C ABI (docs/edges.md §4.5, §4.6);
option names and defaults are those of ``search::query_options`` (``kwartier.defaults()["search.query"]``).
Builds and queries release the GIL; a SearchIndex is immutable and may be shared by threads.
"""
from __future__ import annotations

import os
from typing import Any, Callable, Mapping, NamedTuple, Optional, Sequence, Union

from . import _args, _kwartier
from .report import Report

PathLike = Union[str, "os.PathLike[str]"]

__all__ = ["SearchResult", "SearchResults", "SearchIndex"]

_Q = _kwartier.search_defaults()["search.query"]
_B = _kwartier.search_defaults()["search.build"]


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
    community: str  # "fr", "nl", "de", "bicommunity", "regional" or "" (the procedure's language community)
    variant_group: str  # key shared by the community variants of one procedure ("" when none)
    other_langs: list[str]  # languages of the other documents of the same procedure
    score: float
    snippet: str  # body excerpt, matched words between highlight_open and highlight_close
    explanation: str  # filled when query(..., explain=True)


class SearchResults(list):  # type: ignore[type-arg]
    """A list of SearchResult with the query's facets, identified language and notes."""

    facets: dict[str, dict[str, int]]
    query_lang: str
    notes: list[str]
    n_matches: int
    community: str  # the community the answers were chosen for ("" = none: every variant, labelled)


class SearchIndex:
    """An opened search index (a directory written by ``SearchIndex.build`` or ``kwartier search build``).

    ``summary`` holds what ``build`` reported (the dict ``kwartier search build --format json`` prints; None
    after ``open``) and ``report`` its catalogue problems."""

    def __init__(self, handle: Any, summary: Optional[dict[str, Any]] = None) -> None:
        self._h = handle
        self.summary = summary
        self.report: Optional[Report] = Report(summary["report"]) if summary is not None else None

    @staticmethod
    def build(
        catalogues: Sequence[PathLike],
        path: PathLike,
        *,
        default_country: str = _B["default_country"],
        concept_table: Optional[PathLike] = None,
        compounds: bool = _B["compounds"],
        progress: Optional[Callable[[str, float], None]] = None,
    ) -> "SearchIndex":
        """Loads catalogues (.jsonl, .md or directories; a list, even of one), builds the index at ``path``
        and opens it. Bad catalogue lines are skipped and listed in ``.report``; ``progress(stage, fraction)``
        is called while it builds."""
        if progress is not None and not callable(progress):
            raise _args._type_error("progress", "a callable (stage, fraction)", progress)
        summary = _kwartier.search_build(
            _args.paths("catalogues", catalogues),
            _args.path("path", path),
            _args.string("default_country", default_country),
            _args.path("concept_table", concept_table) if concept_table is not None else _B["concept_table"],
            _args.boolean("compounds", compounds),
            progress,
        )
        return SearchIndex(_kwartier.search_open(os.fspath(path)), summary)

    def update(
        self,
        *,
        add: Sequence[PathLike] = (),
        replace: Sequence[PathLike] = (),
        remove: Sequence[str] = (),
        default_country: str = _B["default_country"],
        compounds: bool = _B["compounds"],
    ) -> "SearchIndex":
        """Adds (catalogues of new ids), replaces (catalogues of indexed ids) and removes (ids) documents of
        this index's folder without a full rebuild, and returns the index opened on the new generation
        (``summary`` = ``kwartier search update --format json``).

        All or nothing: an added id already indexed, an id twice, or a replaced/removed id the index does not
        hold raises (InvalidArgumentError / NotFoundError) and changes nothing. This handle keeps answering
        from its own generation. ``compounds`` must be what the index was built with.
        """
        summary = _kwartier.search_update(
            str(self._h.path),
            _args.paths("add", add),
            _args.paths("replace", replace),
            _args.strings("remove", remove, "['id-1', 'id-2']"),
            _args.string("default_country", default_country),
            _args.boolean("compounds", compounds),
        )
        return SearchIndex(_kwartier.search_open(str(self._h.path)), summary)

    @staticmethod
    def open(path: PathLike) -> "SearchIndex":
        """Opens an index directory; NotFoundError / CorruptDatasetError when it is missing or damaged."""
        return SearchIndex(_kwartier.search_open(_args.path("path", path)))

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled as its directory (docs/edges.md §4.7): the other side opens the same index.
        return (SearchIndex.open, (self.path,))

    @property
    def path(self) -> str:
        return str(self._h.path)

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
        limit: int = _Q["limit"],
        *,
        offset: int = _Q["offset"],
        filters: Optional[Mapping[str, str]] = None,
        typos: bool = _Q["typos"],
        prefix: bool = _Q["prefix"],
        concepts: bool = _Q["concepts"],
        stemming: bool = _Q["stemming"],
        group: bool = _Q["group"],
        explain: bool = _Q["explain"],
        snippet_chars: int = _Q["snippet_chars"],
        highlight_open: str = _Q["highlight_open"],
        highlight_close: str = _Q["highlight_close"],
        community: str = _Q["community"],
    ) -> SearchResults:
        """Answers for ``text``, best first, in the preferred languages ``langs`` (best first) when available.

        ``filters`` like ``{"country": "belgium"}`` (fields: lang, country, organisation, level). An unknown
        language or filter field, an empty query or a limit outside 1..1000 raise InvalidArgumentError.
        ``community`` ("fr", "nl", "de"): the user's community, whose variant of a procedure that differs by
        community is answered; default: that of the first preferred language, else every variant, labelled.
        """
        hits, facets, qlang, notes, n, com = self._h.query(
            _args.string("text", text),
            _args.strings("langs", langs, "['nl', 'fr']"),
            _args.integer("limit", limit),
            _args.integer("offset", offset),
            _args.string_pairs("filters", filters, "{'country': 'belgium'}"),
            _args.boolean("typos", typos),
            _args.boolean("prefix", prefix),
            _args.boolean("concepts", concepts),
            _args.boolean("stemming", stemming),
            _args.boolean("group", group),
            _args.boolean("explain", explain),
            _args.integer("snippet_chars", snippet_chars),
            _args.string("highlight_open", highlight_open),
            _args.string("highlight_close", highlight_close),
            _args.string("community", community),
        )
        out = SearchResults(SearchResult(**h) for h in hits)
        out.facets = dict(facets)
        out.query_lang = str(qlang)
        out.notes = list(notes)
        out.n_matches = int(n)
        out.community = str(com)
        return out

    def query_dataframe(self, text: str, langs: Sequence[str] = (), limit: int = _Q["limit"], **kw: Any) -> Any:
        """Like query(), as a pandas DataFrame (one row per answer, ``rank`` from offset + 1)."""
        return to_dataframe(self.query(text, langs, limit, **kw), first_rank=int(kw.get("offset", 0)) + 1)


def to_dataframe(results: Sequence[SearchResult], first_rank: int = 1) -> Any:
    """SearchResult list -> pandas DataFrame with a ``rank`` column."""
    import pandas as pd

    df = pd.DataFrame([r._asdict() for r in results], columns=list(SearchResult._fields))
    df.insert(0, "rank", range(first_rank, first_rank + len(df)))
    return df
