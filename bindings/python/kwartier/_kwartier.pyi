"""Compiled core of kwartier (pybind11). Use the ``kwartier`` package rather than this module."""

__version__: str

def _raise_for_test(code: int, msg: str, file: str, line: int, field: str) -> None: ...
