import os
from typing import Any, Callable, Mapping, NamedTuple, Optional, Sequence, Union

from .report import Report

PathLike = Union[str, "os.PathLike[str]"]

__all__ = ["SearchResult", "SearchResults", "SearchIndex"]

class SearchResult(NamedTuple):
    id: str
    lang: str
    title: str
    url: str
    organisation: str
    level: str
    country: str
    group: str
    community: str
    variant_group: str
    other_langs: list[str]
    score: float
    snippet: str
    explanation: str

class SearchResults(list[SearchResult]):
    facets: dict[str, dict[str, int]]
    query_lang: str
    notes: list[str]
    n_matches: int
    community: str

class SearchIndex:
    summary: Optional[dict[str, Any]]
    report: Optional[Report]
    def __init__(self, handle: Any, summary: Optional[dict[str, Any]] = ...) -> None: ...
    @staticmethod
    def build(
        catalogues: Sequence[PathLike],
        path: PathLike,
        *,
        default_country: str = ...,
        concept_table: PathLike | None = ...,
        compounds: bool = ...,
        progress: Optional[Callable[[str, float], None]] = ...,
    ) -> SearchIndex: ...
    def update(
        self,
        *,
        add: Sequence[PathLike] = ...,
        replace: Sequence[PathLike] = ...,
        remove: Sequence[str] = ...,
        default_country: str = ...,
        compounds: bool = ...,
    ) -> SearchIndex: ...
    @staticmethod
    def open(path: PathLike) -> SearchIndex: ...
    def __reduce__(self) -> tuple[Any, ...]: ...
    @property
    def path(self) -> str: ...
    @property
    def n_documents(self) -> int: ...
    @property
    def concept_table_version(self) -> str: ...
    @property
    def build_id(self) -> int: ...
    def query(
        self,
        text: str,
        langs: Sequence[str] = ...,
        limit: int = ...,
        *,
        offset: int = ...,
        filters: Mapping[str, str] | None = ...,
        typos: bool = ...,
        prefix: bool = ...,
        concepts: bool = ...,
        stemming: bool = ...,
        group: bool = ...,
        explain: bool = ...,
        snippet_chars: int = ...,
        highlight_open: str = ...,
        highlight_close: str = ...,
        community: str = ...,
    ) -> SearchResults: ...
    def query_dataframe(self, text: str, langs: Sequence[str] = ..., limit: int = ..., **kw: Any) -> Any: ...

def to_dataframe(results: Sequence[SearchResult], first_rank: int = ...) -> Any: ...
