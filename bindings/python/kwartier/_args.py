"""Argument checks of the Python edge (docs/edges.md §2): a wrong Python type raises
:class:`kwartier.ArgumentTypeError` (an ``InvalidArgumentError`` and a ``TypeError``) naming the argument,
before anything reaches the library. Values of the right type are checked by the library itself."""
from __future__ import annotations

import operator
import os
import collections.abc
from typing import Any

from .errors import ArgumentTypeError, InvalidArgumentError, _argument_error


def _type_error(name: str, expected: str, value: Any) -> ArgumentTypeError:
    e = _argument_error(ArgumentTypeError, name, f"must be {expected}, not {type(value).__name__} {value!r:.60}")
    assert isinstance(e, ArgumentTypeError)
    return e


def path(name: str, value: Any) -> str:
    """A filesystem path: ``str`` or ``os.PathLike``."""
    if isinstance(value, (str, os.PathLike)):
        p = os.fspath(value)
        if isinstance(p, str):
            return p
    raise _type_error(name, "a path (str or os.PathLike)", value)


def paths(name: str, value: Any) -> list[str]:
    """A list of paths. A single path is refused (it would be iterated character by character)."""
    if isinstance(value, (str, bytes, os.PathLike)):
        raise _argument_error(
            ArgumentTypeError,
            name,
            f"must be a list of paths, not a single {type(value).__name__}: write {name}=[{os.fsdecode(value)!r}]",
        )
    try:
        items = list(value)
    except TypeError:
        raise _type_error(name, "a list of paths", value) from None
    return [path(f"{name}[{i}]", v) for i, v in enumerate(items)]


def strings(name: str, value: Any, example: str) -> list[str]:
    """A list of strings (language codes…). A single ``str`` is refused with an example of the list form."""
    if isinstance(value, (str, bytes)):
        raise _argument_error(ArgumentTypeError, name, f"must be a list such as {example}, not a single str {value!r}")
    try:
        items = list(value)
    except TypeError:
        raise _type_error(name, f"a list such as {example}", value) from None
    for i, v in enumerate(items):
        if not isinstance(v, str):
            raise _type_error(f"{name}[{i}]", "a str", v)
    return items


def string(name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise _type_error(name, "a str", value)
    return value


def integer(name: str, value: Any, minimum: int | None = 0) -> int:
    """An integer (``int`` or a numpy integer, not ``bool`` or ``float``), at least ``minimum``."""
    if isinstance(value, bool):
        raise _type_error(name, "an int", value)
    try:
        n = operator.index(value)
    except TypeError:
        raise _type_error(name, "an int", value) from None
    if minimum is not None and n < minimum:
        raise _argument_error(InvalidArgumentError, name, f"must be at least {minimum}, not {n}")
    return n


def number(name: str, value: Any) -> float:
    """A real number (``int``, ``float`` or a numpy number, not ``bool``)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) and not hasattr(value, "__float__"):
        raise _type_error(name, "a number", value)
    try:
        return float(value)
    except (TypeError, ValueError):
        raise _type_error(name, "a number", value) from None


def boolean(name: str, value: Any) -> bool:
    """``True`` or ``False`` (numpy bools too); 0/1 and strings are refused."""
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return bool(value)
    raise _type_error(name, "True or False", value)


def string_pairs(name: str, value: Any, example: str) -> list[tuple[str, str]]:
    """A mapping of str to str, as (key, value) pairs. ``None`` gives []."""
    if value is None:
        return []
    if not isinstance(value, collections.abc.Mapping):
        raise _type_error(name, f"a dict such as {example}", value)
    out: list[tuple[str, str]] = []
    for k, v in value.items():
        if not isinstance(k, str) or not isinstance(v, str):
            raise _type_error(f"{name}[{k!r}]", "str keys and values", v if isinstance(k, str) else k)
        out.append((k, v))
    return out


def points(name: str, value: Any) -> Any:
    """An (n, 2) float64 array of latitude, longitude from any array-like; a wrong shape names the argument."""
    import numpy as np

    try:
        a = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise _type_error(name, "an (n, 2) array-like of latitude, longitude", value) from None
    if a.ndim == 1 and a.size == 0:
        a = a.reshape(0, 2)
    if a.ndim != 2 or a.shape[1] != 2:
        raise _argument_error(
            InvalidArgumentError, name, f"must be an (n, 2) array of latitude, longitude, not shape {a.shape}"
        )
    return np.ascontiguousarray(a)


def point(name: str, value: Any) -> tuple[float, float]:
    """One coordinate as a (lat, lon) pair of numbers (tuple, list or a 2-element array)."""
    try:
        items = list(value)
    except TypeError:
        raise _type_error(name, "a (lat, lon) pair", value) from None
    if len(items) != 2:
        raise _type_error(name, "a (lat, lon) pair", value)
    return number(f"{name}[0]", items[0]), number(f"{name}[1]", items[1])
