"""kwartier: multilingual procedure search and 15-minute-city routing.

Thin Python layer over the C++ library (``kwartier._kwartier``): every capability here calls the same C++ API
as the ``kwartier`` command and the C ABI.
"""
from __future__ import annotations

from typing import Any

from . import errors as errors
from . import gtfs as gtfs
from . import search as search
from . import network as network
from . import routing as routing
from .network import Network as Network
from .search import SearchIndex as SearchIndex, SearchResult as SearchResult
from .report import Problem as Problem, Report as Report
from ._kwartier import __version__
from .errors import (
    ArgumentTypeError,
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

def defaults() -> dict[str, dict[str, Any]]: ...

__all__ = [
    "__version__",
    "defaults",
    "gtfs",
    "Problem",
    "Report",
    "ArgumentTypeError",
    "errors",
    "search",
    "network",
    "routing",
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
