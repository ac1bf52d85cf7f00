# Type stubs of svcrecover.dask.
import datetime
from typing import Any, Iterable, List, Literal, Mapping, NamedTuple, Optional, Sequence, Tuple, Union, overload

from . import Workflow
from .export import FilePath
from .insight import Insight
from .maturity import Answer, MetricMap, Result

FAN_IN: int

class Partition(NamedTuple):
    path: str
    start: int = ...
    end: Optional[int] = ...

class Timings(NamedTuple):
    cases: int
    parse: datetime.timedelta
    fold: datetime.timedelta
    encode: datetime.timedelta

def partitions(paths: Union[FilePath, Iterable[FilePath]], per_file: int = ...) -> List[Partition]: ...
@overload
def fold_partition(part: Partition, options: Mapping[str, Any], workflow_json: Sequence[str] = ..., *,
                   timings: Literal[False] = ...) -> Insight: ...
@overload
def fold_partition(part: Partition, options: Mapping[str, Any], workflow_json: Sequence[str] = ..., *,
                   timings: Literal[True]) -> Tuple[Insight, Timings]: ...
def insight(paths: Union[FilePath, Iterable[FilePath]], client: Any = ..., *, partitions_per_file: int = ...,
            workflows: Iterable[Workflow] = ..., owners: Optional[Mapping[str, str]] = ..., fan_in: int = ...,
            **options: Any) -> Insight: ...
def maturity(source: Union[Insight, FilePath, Iterable[FilePath]], client: Any = ..., *,
             answers: Optional[Mapping[str, Answer]] = ..., metric_map: Optional[MetricMap] = ...,
             **insight_options: Any) -> Result: ...
