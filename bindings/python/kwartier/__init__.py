"""kwartier: multilingual procedure search and 15-minute-city routing.

Thin Python layer over the C++ library (``kwartier._kwartier``): every capability here calls the same C++ API
as the ``kwartier`` command and the C ABI.
"""
from __future__ import annotations

from typing import Any

from . import _kwartier
from . import errors
from . import gtfs  # transit: GTFS load/validate, timetable build/open
from . import search  # search: SearchIndex build/open/query
from . import network  # network: Network build/open, walk/bike times
from . import routing  # routing: Journey, Leg (Network.route)
from .network import Network
from .search import SearchIndex, SearchResult
from .report import Problem, Report
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


def defaults() -> dict[str, dict[str, Any]]:
    """Defaults of the C++ options structs by capability ("search.query", "search.build", "network.build",
    ...): the values every Python signature uses, the CLI prints in --help and kw_*_options_init fills in."""
    out: dict[str, dict[str, Any]] = {}
    # one <capability>_defaults() per C++ module; a new capability appends its name here (docs/edges.md §5)
    for name in ("search_defaults", "network_defaults", "route_defaults", "isochrone_defaults", "access_defaults",
                 "matrix_defaults"):
        if hasattr(_kwartier, name):
            out.update(getattr(_kwartier, name)())
    return out


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
