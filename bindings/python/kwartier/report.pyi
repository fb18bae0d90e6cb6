from typing import Any, Iterator, Mapping, NamedTuple

__all__ = ["Problem", "Report"]

class Problem(NamedTuple):
    severity: str
    code: str
    file: str
    line: int
    field: str
    message: str

class Report:
    problems: list[Problem]
    errors: int
    warnings: int
    infos: int
    suppressed: int
    def __init__(self, data: Mapping[str, Any]) -> None: ...
    @property
    def ok(self) -> bool: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Problem]: ...
    def count(self, code: str) -> int: ...
    def to_json(self) -> dict[str, Any]: ...
    def to_dataframe(self) -> Any: ...
