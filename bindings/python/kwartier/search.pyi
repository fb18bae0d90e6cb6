import os
from typing import Any, Mapping, NamedTuple, Sequence, Union

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
    other_langs: list[str]
    score: float
    snippet: str
    explanation: str

class SearchResults(list[SearchResult]):
    facets: dict[str, dict[str, int]]
    query_lang: str
    notes: list[str]
    n_matches: int

class SearchIndex:
    build_stats: dict[str, Any]
    problems: list[tuple[str, str, str, int, str, str]]
    def __init__(self, handle: Any) -> None: ...
    @staticmethod
    def build(
        catalogues: Sequence[PathLike],
        path: PathLike,
        *,
        default_country: str = ...,
        concept_table: PathLike | None = ...,
        compounds: bool = ...,
    ) -> SearchIndex: ...
    @staticmethod
    def open(path: PathLike) -> SearchIndex: ...
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
        filters: Mapping[str, str] | None = ...,
        explain: bool = ...,
        typos: bool = ...,
        prefix: bool = ...,
        group: bool = ...,
    ) -> SearchResults: ...
    def query_dataframe(self, text: str, langs: Sequence[str] = ..., limit: int = ..., **kw: Any) -> Any: ...

def to_dataframe(results: Sequence[SearchResult]) -> Any: ...
