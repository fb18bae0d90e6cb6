"""Exceptions raised by kwartier. Every error is a :class:`Error`; the subclass says what kind.

Each exception carries ``code`` (stable name such as ``"corrupt_dataset"``), ``file``, ``line``, ``field``
and ``detail`` (the message without location).
"""
from __future__ import annotations


class Error(Exception):
    """Base class of every kwartier error."""

    code: str = "internal"
    file: str = ""
    line: int = 0
    field: str = ""
    detail: str = ""


class InvalidArgumentError(Error, ValueError):
    """An argument is unusable (bad option, empty query, invalid coordinate)."""


class ArgumentTypeError(InvalidArgumentError, TypeError):
    """An argument of the wrong Python type (a ``str`` where a list of paths is expected, a float index…).

    Both a :class:`InvalidArgumentError` (so ``except kwartier.Error`` sees it) and a ``TypeError`` (Python's
    convention for a wrong type). ``field`` names the argument."""


class IOError_(Error, OSError):
    """Reading or writing a file failed."""


class NotFoundError(Error, FileNotFoundError):
    """A file, table or id does not exist."""


class InvalidFormatError(Error, ValueError):
    """A whole input file is unusable (not a zip, missing column, bad encoding)."""


class CorruptDatasetError(Error):
    """A built dataset file is truncated, bit-flipped or inconsistent."""


class IncompatibleDatasetError(Error):
    """A dataset of another kind, format version or build."""


class TooFarError(Error, ValueError):
    """A coordinate is farther from the network than allowed."""


class OutOfRangeError(Error, ValueError):
    """A value outside its valid range."""


class UnsupportedError(Error):
    """Valid input that this build cannot handle."""


class InternalError(Error):
    """A bug in kwartier: please report it."""


class LimitExceededError(Error):
    """A request or input is over a configured resource cap (memory, size, count)."""


# Numbers are kwartier::errc values (append-only), the same as the C ABI's status codes.
_BY_CODE: dict[int, type[Error]] = {
    1: InvalidArgumentError,
    2: IOError_,
    3: NotFoundError,
    4: InvalidFormatError,
    5: CorruptDatasetError,
    6: IncompatibleDatasetError,
    7: TooFarError,
    8: OutOfRangeError,
    9: UnsupportedError,
    10: InternalError,
    11: LimitExceededError,
}


def _argument_error(cls: type[Error], field: str, detail: str) -> Error:
    """An error made on the Python side, with the attributes of one raised by the library."""
    e = cls(f"{field}: {detail} [invalid_argument]")
    e.code = "invalid_argument"
    e.field = field
    e.detail = detail
    return e


def error_class(code: int) -> type[Error]:
    """The exception class for a numeric error code (unknown codes give :class:`Error`)."""
    return _BY_CODE.get(code, Error)
