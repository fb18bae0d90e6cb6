import os
from typing import Any, Optional, Sequence, Union

PathLike = Union[str, "os.PathLike[str]"]
__all__ = ["access", "matrix"]

def access(
    network: Any,
    pois: PathLike = ...,
    modes: Union[str, Sequence[str]] = ...,
    minutes: float = ...,
    origins: Optional[PathLike] = ...,
    *,
    grid_m: float = ...,
    weight_column: Optional[str] = ...,
    max_snap_m: Optional[float] = ...,
    client: Any = ...,
    n_tasks: Optional[int] = ...,
    **options: Any,
) -> Any: ...
def matrix(network: Any, origins: Any, destinations: Any, *, client: Any = ..., n_tasks: Optional[int] = ...,
           **options: Any) -> Any: ...
