"""Insight at cluster scale, on Dask: fold case files on many workers, merge the partials.

:func:`insight` splits JSON-lines case files (what ``svcr-desk export`` writes, plain or gzip;
see :mod:`svcrecover.export`) into partitions, folds each partition into an
:class:`~svcrecover.Insight` on a worker, and tree-reduces the partials with
:meth:`~svcrecover.Insight.merge`. Partials travel between processes as their compact state
(:meth:`~svcrecover.Insight.to_state`, what pickling an Insight writes), and merging is exact, so
the result's report is identical to folding the same files in one process.

>>> import svcrecover.dask                                        # doctest: +SKIP
>>> from dask.distributed import Client, LocalCluster            # doctest: +SKIP
>>> client = Client(LocalCluster(n_workers=2, threads_per_worker=1))  # doctest: +SKIP
>>> result = svcrecover.dask.insight(["cases-0.jsonl", "cases-1.jsonl.gz"])  # doctest: +SKIP
>>> result.results()["cases"]                                    # doctest: +SKIP

Needs ``dask`` and ``distributed`` (Debian: python3-dask, python3-distributed); the rest of the
package does not.
"""

from __future__ import annotations

import datetime
import os
import time
from typing import Any, Iterable, Iterator, List, Mapping, NamedTuple, Optional, Sequence, Tuple, Union

from . import export
from ._errors import Error, InvalidArgumentError
from ._workflow import Workflow
from .export import FilePath
from .insight import Insight
from . import maturity as _maturity

__all__ = ["Partition", "partitions", "fold_partition", "insight", "maturity", "Timings", "FAN_IN"]

#: Partials merged by one task of the tree reduction.
FAN_IN = 8


class Partition(NamedTuple):
    """A part of a case file: the lines that start at byte offsets in [start, end) (end None: to
    the end). A gzip file is one partition (it cannot be split without reading it)."""

    path: str
    start: int = 0
    end: Optional[int] = None


class Timings(NamedTuple):
    """Where one partition's time went, in the worker's CPU time: ``parse`` reading lines, JSON
    and decoding the cases, ``fold`` adding them to the accumulator, ``encode`` the partial's
    state as bytes for the trip back."""

    cases: int
    parse: datetime.timedelta
    fold: datetime.timedelta
    encode: datetime.timedelta


def _positive_int(value: object, name: str, least: int) -> int:
    """``value`` when it is an int of at least ``least``: TypeError for another type (a bool
    too), InvalidArgumentError for a smaller int."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if value < least:
        raise InvalidArgumentError(f"{name} is {value}: expected {least} or more")
    return value


def _is_gzip(path: str) -> bool:
    with open(path, "rb") as f:
        return f.read(2) == b"\x1f\x8b"


def partitions(paths: Union[FilePath, Iterable[FilePath]], per_file: int = 1) -> List[Partition]:
    """Split each file (one path or several) into ``per_file`` partitions of about equal bytes
    (gzip files stay whole). A line belongs to the partition where it starts, so no case is cut
    or counted twice.

    Raises:
        OSError: a file cannot be read (FileNotFoundError when missing).
        InvalidArgumentError: ``per_file`` is less than 1.
        TypeError: ``paths`` is not a path or paths, or ``per_file`` not an int.
    """
    per_file = _positive_int(per_file, "per_file", 1)
    parts: List[Partition] = []
    for path in export._paths(paths, "paths"):
        size = os.path.getsize(path)  # a missing file fails here, before any work is sent
        if per_file == 1 or _is_gzip(path) or size == 0:
            parts.append(Partition(path))
            continue
        cuts = [size * i // per_file for i in range(per_file + 1)]
        parts.extend(Partition(path, a, b if b < size else None) for a, b in zip(cuts, cuts[1:]))
    return parts


def _lines(part: Partition) -> Iterator[Tuple[int, bytes]]:
    """(number, line) for each line of a partition. Numbers are known only when reading from the
    file's start; elsewhere the number is -1 - the line's byte offset (counted only if it is bad)."""
    if part.start == 0 and part.end is None:
        with export.open_lines(part.path) as f:
            for number, line in enumerate(f, start=1):
                yield number, line
        return
    with open(part.path, "rb") as f:
        if part.start > 0:
            f.seek(part.start - 1)
            if f.read(1) != b"\n":
                f.readline()  # the rest of a line that started in the partition before
        while part.end is None or f.tell() < part.end:
            at = f.tell()
            line = f.readline()
            if not line:
                break
            yield -at - 1, line  # its byte offset, turned into a number only if it is bad


def _line_number(path: str, offset: int) -> int:
    """The 1-based number of the line starting at byte @offset (read only when reporting)."""
    count, done = 1, 0
    with open(path, "rb") as f:
        while done < offset:
            block = f.read(min(1 << 20, offset - done))
            if not block:
                break
            count += block.count(b"\n")
            done += len(block)
    return count


def fold_partition(part: Partition, options: Mapping[str, Any], workflow_json: Sequence[str] = (), *,
                   timings: bool = False) -> Union[Insight, Tuple[Insight, Timings]]:
    """Fold one partition into a new Insight made with ``options`` (what a worker runs), with
    the workflows whose JSON ``workflow_json`` holds; with ``timings=True`` return it with its
    :class:`Timings`.

    Raises:
        CaseLineError: a line cannot be read (:class:`~svcrecover.export.CaseLineError`, naming
            the file and the line).
        TypeError: ``part`` is not a :class:`Partition` or ``options`` not a mapping.
    """
    if not isinstance(part, Partition):
        raise TypeError(f"part must be a Partition, not {type(part).__name__}")
    if not isinstance(options, Mapping):
        raise TypeError(f"options must be a mapping, not {type(options).__name__}")
    workflows = export.Workflows(Workflow.from_json(text) for text in workflow_json)
    insight = Insight(**options)
    parse = fold = 0.0
    cases = 0
    clock = time.process_time
    for number, line in _lines(part):
        if not line.strip():
            continue
        try:
            t0 = clock()
            case, envelope = export.read_case(line, workflows)
            t1 = clock()
            export.add_read(insight, case, envelope)
            t2 = clock()
        except (Error, ValueError) as e:
            if number < 0:
                number = _line_number(part.path, -number - 1)
            raise export.CaseLineError(str(e), part.path, number) from None
        parse += t1 - t0
        fold += t2 - t1
        cases += 1
    if not timings:
        return insight
    t0 = clock()
    insight.to_state()
    encode = clock() - t0
    return insight, Timings(cases, *(datetime.timedelta(seconds=s) for s in (parse, fold, encode)))


def _merge(*partials: Insight) -> Insight:
    """One node of the tree reduction: the first partial grows by the others."""
    total = partials[0]
    for other in partials[1:]:
        total.merge(other)
    return total


def _tree(delayed_parts: List[Any], fan_in: int) -> Any:
    import dask

    level = delayed_parts
    depth = 0
    while len(level) > 1:
        level = [dask.delayed(_merge, pure=True)(*level[i:i + fan_in], dask_key_name=f"svcr-merge-{depth}-{i}")
                 for i in range(0, len(level), fan_in)]
        depth += 1
    return level[0]


def _current_client(client: Any) -> Any:
    if client is not None:
        return client
    try:
        from distributed import get_client
        return get_client()
    except (ImportError, ValueError):
        return None  # no client: dask's local multiprocessing scheduler


def insight(paths: Union[FilePath, Iterable[FilePath]], client: Any = None, *, partitions_per_file: int = 1,
            workflows: Iterable[Workflow] = (), owners: Optional[Mapping[str, str]] = None,
            fan_in: int = FAN_IN, **options: Any) -> Insight:
    """Insight over JSON-lines case files, folded in parallel on Dask.

    ``paths``: a file or files (plain or gzip), each split into ``partitions_per_file`` parts of
    about equal size (gzip files stay whole). ``client``: a ``distributed.Client``; None uses the
    current client, or without one dask's local multiprocessing scheduler. ``workflows``: the
    non-built-in workflows cases name. ``owners``: process owners by root cause, set on the
    result. Other keyword ``options`` are those of :class:`~svcrecover.Insight`.

    Returns an :class:`~svcrecover.Insight` whose figures equal folding the same files in one
    process. A line that cannot be read raises :class:`~svcrecover.export.CaseLineError`
    naming its file and line; nothing partial is returned. A worker lost during the job has its
    tasks run again by the scheduler.

    Raises:
        CaseLineError: a line cannot be read (naming the file and the line).
        OSError: a file cannot be read (FileNotFoundError when missing), before any work.
        InvalidArgumentError: ``partitions_per_file`` is less than 1, ``fan_in`` less than 2,
            or an option of :class:`~svcrecover.Insight` has a bad value.
        TypeError: an argument has the wrong type (an unknown option, a ``workflows`` item that
            is not a Workflow, ``owners`` not a mapping of str to str).
    """
    Insight(**options).close()  # bad options fail here, not on every worker
    fan_in = _positive_int(fan_in, "fan_in", 2)
    workflows = list(workflows)
    for workflow in workflows:
        if not isinstance(workflow, Workflow):
            raise TypeError(f"workflows must be Workflow items, not {type(workflow).__name__}")
    if owners is not None and not isinstance(owners, Mapping):
        raise TypeError(f"owners must be a mapping of root cause to owner, not {type(owners).__name__}")
    for cause, owner in (owners or {}).items():
        if not isinstance(cause, str) or not isinstance(owner, str):
            raise TypeError(f"owners maps a root cause (str) to its owner (str), not {cause!r} to {owner!r}")
    parts = partitions(paths, partitions_per_file)
    import dask  # bad arguments fail first, even without dask

    workflow_json = tuple(w.to_json() for w in workflows)
    folded = [dask.delayed(fold_partition, pure=True)(part, dict(options), workflow_json,
                                                      dask_key_name=f"svcr-fold-{i}-{part.path}-{part.start}")
              for i, part in enumerate(parts)]
    graph = _tree(folded, fan_in) if folded else dask.delayed(Insight)(**options)
    client = _current_client(client)
    if client is None:
        (result,) = dask.compute(graph, scheduler="processes")
    else:
        future = client.compute(graph)
        try:
            result = future.result()
        finally:
            future.cancel()
    for cause, owner in (owners or {}).items():
        result.set_owner(cause, owner)
    return result


def maturity(source: Union[Insight, FilePath, Iterable[FilePath]], client: Any = None, *,
             answers: Optional[Mapping[str, _maturity.Answer]] = None,
             metric_map: Optional[_maturity.MetricMap] = None, **insight_options: Any) -> _maturity.Result:
    """Score maturity from the merged metrics: the rates of an Insight (or of :func:`insight`
    over case files, with the same arguments) answer the criteria ``metric_map`` (default the
    built-in map) names, on top of ``answers`` (an :class:`~svcrecover.maturity.Answers`, whose
    model is scored, or a mapping of criterion id to answer for the built-in model; default
    none). A rate answers its criterion only when it has data (a denominator). ``answers`` is
    not changed. Returns the :class:`~svcrecover.maturity.Result`. Over case files it raises
    what :func:`insight` raises.

    Raises:
        TypeError: ``source`` is not an Insight or paths, ``client`` or options given with an
            Insight, or ``answers`` / ``metric_map`` of the wrong type.
    """
    if metric_map is not None and not isinstance(metric_map, _maturity.MetricMap):
        raise TypeError(f"metric_map must be a maturity.MetricMap, not {type(metric_map).__name__}")
    if answers is not None and not isinstance(answers, Mapping):
        raise TypeError(f"answers must be maturity.Answers or a mapping, not {type(answers).__name__}")
    if isinstance(source, Insight):
        if insight_options or client is not None:
            raise TypeError("give an Insight, or case files with the options to fold them (not both)")
        merged = source
    else:
        merged = insight(source, client, **insight_options)
    model = answers.model if isinstance(answers, _maturity.Answers) else None
    scored = _maturity.Answers(dict(answers or {}), model=model)  # a copy: the caller's stay as given
    metric_map = metric_map if metric_map is not None else _maturity.MetricMap.builtin()
    for metric in merged.metrics.values():
        if metric.denominator:
            scored.set_metric(metric_map, metric.name, metric.value)
    return scored.score()
