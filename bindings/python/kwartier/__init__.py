"""kwartier: multilingual procedure search and 15-minute-city routing.

Thin Python layer over the C++ library (``kwartier._kwartier``): every capability here calls the same C++ API
as the ``kwartier`` command and the C ABI.
"""
from __future__ import annotations

from . import errors
from . import gtfs  # transit: GTFS load/validate, timetable build/open
from . import search  # search: SearchIndex build/open/query
from . import network  # network: Network build/open, walk/bike times
from .network import Network
from .search import SearchIndex, SearchResult
from ._kwartier import __version__
from .errors import (
    CorruptDatasetError,
    Error,
    IncompatibleDatasetError,
    InternalError,
    LimitExceededError,
    InvalidArgumentError,
    InvalidFormatError,
    IOError_,
    NotFoundError,
    OutOfRangeError,
    TooFarError,
    UnsupportedError,
)

__all__ = [
    "__version__",
    "errors",
    "search",
    "network",
    "Network",
    "SearchIndex",
    "SearchResult",
    "Error",
    "CorruptDatasetError",
    "IncompatibleDatasetError",
    "InternalError",
    "LimitExceededError",
    "InvalidArgumentError",
    "InvalidFormatError",
    "IOError_",
    "NotFoundError",
    "OutOfRangeError",
    "TooFarError",
    "UnsupportedError",
]
