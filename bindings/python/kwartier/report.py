"""Validation reports: every row-level problem an input had, as one record type on every edge
(docs/edges.md §1 rule 6). The JSON form is what ``kwartier ... --format json`` prints under ``"report"``."""
from __future__ import annotations

from typing import Any, Iterator, Mapping, NamedTuple

__all__ = ["Problem", "Report"]


class Problem(NamedTuple):
    """One problem found in an input file."""

    severity: str  # "error", "warning" or "info"
    code: str  # stable name, e.g. "dangling_stop_id"
    file: str  # e.g. "stop_times.txt" (or "stib/stop_times.txt" when several feeds are merged)
    line: int  # 1-based line, 0 when not about a line
    field: str  # column or field name, "" when not about one
    message: str


class Report:
    """Problems with their totals: ``errors``, ``warnings``, ``infos``, ``suppressed`` (counted but not stored:
    over 1000 per code) and ``problems`` (a list of :class:`Problem`)."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self._data = dict(data)
        self.problems: list[Problem] = [Problem(**p) for p in data["problems"]]
        self.errors: int = int(data["errors"])
        self.warnings: int = int(data["warnings"])
        self.infos: int = int(data["infos"])
        self.suppressed: int = int(data["suppressed"])

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return self.errors == 0

    def __len__(self) -> int:
        return len(self.problems)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.problems)

    def __repr__(self) -> str:
        return f"<Report {self.errors} errors, {self.warnings} warnings, {self.infos} infos>"

    def count(self, code: str) -> int:
        """Number of stored problems with this code."""
        return sum(1 for p in self.problems if p.code == code)

    def to_json(self) -> dict[str, Any]:
        """The report as the JSON-compatible dict the CLI prints (``kwartier gtfs validate --format json``)."""
        return dict(self._data)

    def to_dataframe(self) -> Any:
        """The problems as a pandas DataFrame with columns severity, code, file, line, field, message."""
        import pandas as pd

        return pd.DataFrame(self.problems, columns=list(Problem._fields))
