"""kwartier: multilingual procedure search and 15-minute-city routing.

Thin Python layer over the C++ library (``kwartier._kwartier``): every capability here calls the same C++ API
as the ``kwartier`` command and the C ABI.
"""
from __future__ import annotations

from . import errors as errors
from . import gtfs as gtfs
from . import search as search
from . import network as network
from .network import Network as Network
from .search import SearchIndex as SearchIndex, SearchResult as SearchResult
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
