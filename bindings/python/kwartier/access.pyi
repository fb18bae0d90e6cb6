import os
from typing import Any, Callable, Optional, Sequence, Union

PathLike = Union[str, "os.PathLike[str]"]
__all__ = ["score", "origins", "plot", "html"]

def origins(network: Any, *, grid_m: float = ..., origins: Optional[PathLike] = ..., weight_column: Optional[str] = ...,
            max_snap_m: float = ...) -> Any: ...
def score(
    network: Any,
    pois: PathLike = ...,
    modes: Union[str, Sequence[str]] = ...,
    minutes: float = ...,
    origins: Any = ...,
    *,
    grid_m: float = ...,
    category_column: str = ...,
    categories: Any = ...,
    max_minutes: float = ...,
    date: Optional[str] = ...,
    time: str = ...,
    window_minutes: float = ...,
    percentile: float = ...,
    weight_column: Optional[str] = ...,
    areas: Optional[PathLike] = ...,
    area_name: str = ...,
    max_snap_m: float = ...,
    threads: int = ...,
    progress: Optional[Callable[[str, float], None]] = ...,
) -> Any: ...
def plot(df: Any, path: Optional[PathLike] = ..., *, mode: Optional[str] = ..., html: Optional[PathLike] = ...,
         title: Optional[str] = ...) -> Any: ...
def html(df: Any, path: PathLike, *, mode: Optional[str] = ..., title: Optional[str] = ...) -> None: ...
