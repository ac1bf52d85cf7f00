"""Insight: streaming metrics over recovery cases, and SERVQUAL scoring.

>>> from svcrecover.insight import Insight, Record
>>> insight = Insight()
>>> insight.add(Record(state="closed", first_response_seconds=540, resolution_seconds=86000,
...                    follow_up="satisfied", closed=True, customer="C-1042",
...                    root_cause="late delivery", severity="minor"))
>>> insight.metric("recovery_rate").value
1.0
>>> insight.results()["pareto"]["vital_few"]
['late delivery']

An :class:`Insight` is fed one case at a time, as a :class:`~svcrecover.Case` (:meth:`Insight.add_case`)
or as a plain :class:`Record` (:meth:`Insight.add`, :meth:`Insight.add_many`). Its memory grows with
the distinct states, timers, root causes and customers, never with the number of cases;
accumulators fed with different parts of the data combine exactly with :meth:`Insight.merge`.
:meth:`Insight.results` gives every figure as a dict (the library's JSON); the accessors give
them one by one. :func:`servqual_score` scores one SERVQUAL respondent.
"""

from __future__ import annotations

import json
import types
from typing import Any, Dict, Iterable, List, Mapping, NamedTuple, Optional, Sequence, Tuple, Union
from typing import Iterator

from . import _svcrecover as _c
from ._case import Case
from ._errors import Error, InvalidArgumentError
from ._resource import Resource
from ._time import Time, to_seconds
from ._time import datetime_of, seconds_of
from ._workflow import TimerConfig

__all__ = [
    "Insight",
    "Record",
    "TimeStats",
    "Metric",
    "Cause",
    "Satisfaction",
    "Paradox",
    "Retention",
    "ServqualResult",
    "servqual_score",
    "DIMENSIONS",
    "PERCENTILE_ERROR",
]

#: The five SERVQUAL dimensions, in the order of the points and of the per-dimension figures.
DIMENSIONS: Tuple[str, ...] = tuple(_c.svcr_servqual_dimension_name(d) for d in range(_c.SVCR_SERVQUAL_DIMENSIONS))

#: Relative error bound of the time percentiles (1/128).
PERCENTILE_ERROR: float = 1.0 / 128.0

# Enum values by name and back; None is "not known".
_FOLLOW_UP = {None: _c.SVCR_INSIGHT_FOLLOW_UP_NONE, "satisfied": _c.SVCR_INSIGHT_FOLLOW_UP_SATISFIED,
              "not_satisfied": _c.SVCR_INSIGHT_FOLLOW_UP_NOT_SATISFIED}
_SEVERITY = {None: _c.SVCR_INSIGHT_SEVERITY_UNKNOWN, "minor": _c.SVCR_INSIGHT_SEVERITY_MINOR, "major": _c.SVCR_INSIGHT_SEVERITY_MAJOR}
_FLAG = {None: _c.SVCR_INSIGHT_FLAG_UNKNOWN, False: _c.SVCR_INSIGHT_FLAG_NO, True: _c.SVCR_INSIGHT_FLAG_YES}
_FOLLOW_UP_NAME = {v: k for k, v in _FOLLOW_UP.items()}
_SEVERITY_NAME = {v: k for k, v in _SEVERITY.items()}
_FLAG_VALUE = {v: k for k, v in _FLAG.items()}
_TIMES = {"first_response": _c.SVCR_INSIGHT_TIME_FIRST_RESPONSE, "resolution": _c.SVCR_INSIGHT_TIME_RESOLUTION}
_RESOLUTIONS = ("resolved_quickly", "resolved", "unresolved")


def _lookup(table: Mapping[Any, int], value: object, what: str) -> int:
    try:
        return table[value]
    except (KeyError, TypeError):
        choices = ", ".join(repr(k) for k in table)
        wrong_type = not any(type(value) is type(k) for k in table)
        raise (TypeError if wrong_type else InvalidArgumentError)(
            f"{what} is {value!r}: expected one of {choices}") from None


class _NoTimers(Mapping[str, Optional[bool]]):
    """The empty, immutable, picklable default of :attr:`Record.timers`."""

    def __getitem__(self, name: str) -> Optional[bool]:
        raise KeyError(name)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __repr__(self) -> str:
        return "{}"

    def __reduce__(self) -> Any:
        return (_NoTimers, ())


_NO_TIMERS = _NoTimers()


class Record(NamedTuple):
    """The few values insight needs from one case; every field defaults to "not known".

    ``follow_up`` is None, "satisfied" or "not_satisfied"; ``severity`` None, "minor" or "major";
    ``solicited`` None, False or True; ``satisfaction`` an int score on the host's scale (None
    for none); the ``*_seconds`` times are None until there was a response / a resolution;
    ``timers`` maps a timer's name to whether it met its goal (None while running).
    ``opened_at`` (an aware datetime or int seconds) matters only for the repeat-complaint
    window. Records pickle and compare like tuples.
    """

    state: Optional[str] = None
    opened_at: Time = 0
    first_response_seconds: Optional[int] = None
    resolution_seconds: Optional[int] = None
    follow_up: Optional[str] = None
    closed: bool = False
    reopen_count: int = 0
    customer: Optional[str] = None
    root_cause: Optional[str] = None
    severity: Optional[str] = None
    satisfaction: Optional[int] = None
    solicited: Optional[bool] = None
    timers: Mapping[str, Optional[bool]] = _NO_TIMERS

    def _to_c(self) -> tuple:
        return (
            self.state,
            seconds_of(self.opened_at),
            -1 if self.first_response_seconds is None else self.first_response_seconds,
            -1 if self.resolution_seconds is None else self.resolution_seconds,
            _lookup(_FOLLOW_UP, self.follow_up, "follow_up"),
            bool(self.closed),
            self.reopen_count,
            self.customer,
            self.root_cause,
            _lookup(_SEVERITY, self.severity, "severity"),
            self.satisfaction,
            _lookup(_FLAG, self.solicited, "solicited"),
            tuple((name, _lookup(_FLAG, met, f"timer {name!r}")) for name, met in self.timers.items()),
        )

    @classmethod
    def _from_c(cls, t: tuple) -> Record:
        return cls(
            t[0], datetime_of(t[1]), None if t[2] < 0 else t[2], None if t[3] < 0 else t[3], _FOLLOW_UP_NAME[t[4]], t[5], t[6],
            t[7], t[8], _SEVERITY_NAME[t[9]], t[10], _FLAG_VALUE[t[11]], {name: _FLAG_VALUE[m] for name, m in t[12]},
        )


class TimeStats(NamedTuple):
    """Statistics of a time in seconds: min and max exact; mean exact; percentiles within
    :data:`PERCENTILE_ERROR`. All 0 when ``count`` is 0."""

    count: int
    min: int
    max: int
    mean: float
    p50: int
    p90: int
    p99: int


class Metric(NamedTuple):
    """A rate: ``value`` = ``numerator`` / ``denominator`` (0 to 1); a ``denominator`` of 0 means
    no data."""

    name: str
    value: float
    numerator: int
    denominator: int


class Cause(NamedTuple):
    """One root cause's row of the Pareto: its cases, share and cumulative share, whether it is
    among the "vital few", its process ``owner`` (None if unmapped) and per-cause outcomes."""

    cause: str
    owner: Optional[str]
    cases: int
    share: float
    cumulative_share: float
    vital_few: bool
    followed_up: int
    recovered: int
    reopened: int
    resolved: int
    mean_resolution_seconds: float


class Satisfaction(NamedTuple):
    """Satisfaction scores of one group: how many, their mean and sample standard deviation."""

    count: int
    mean: float
    stddev: float


class Paradox(NamedTuple):
    """The recovery paradox: ``index`` = mean satisfaction after a successful recovery minus the
    mean of customers who met no failure (> 0: the paradox holds); ``defined`` when both groups
    have scores; ``welch_t`` is Welch's t for the difference."""

    recovered: Satisfaction
    not_recovered: Satisfaction
    no_failure: Satisfaction
    defined: bool
    index: float
    welch_t: float


class Retention(NamedTuple):
    """Expected retention from the repurchase table: ``cases[severity][resolution]`` (severity
    "minor"/"major", resolution "resolved_quickly"/"resolved"/"unresolved"), the classified
    total, the expected retained customers and their ``rate``."""

    cases: Dict[str, Dict[str, int]]
    classified: int
    expected_retained: float
    rate: float


class ServqualResult(NamedTuple):
    """SERVQUAL scores (gap = perception - expectation): ``item_gap`` per item (index 0 is item
    1); per dimension (keyed by :data:`DIMENSIONS`) the mean expectation, perception, gap and
    points; the unweighted and weighted overall scores; averaged over ``respondents``."""

    respondents: int
    item_gap: Tuple[float, ...]
    expectation: Dict[str, float]
    perception: Dict[str, float]
    dimension_gap: Dict[str, float]
    weight: Dict[str, float]
    unweighted: float
    weighted: float

    @classmethod
    def _from_c(cls, t: tuple) -> ServqualResult:
        by_dimension = [dict(zip(DIMENSIONS, values)) for values in t[2:6]]
        return cls(t[0], t[1], *by_dimension, t[6], t[7])


def servqual_score(expectations: Sequence[int], perceptions: Sequence[int], points: Sequence[int]) -> ServqualResult:
    """Score one SERVQUAL respondent: 22 expectations and 22 perceptions on 1 to 7, and the 100
    points they allocated to the five :data:`DIMENSIONS`. Raises :class:`InvalidArgumentError`
    for a score out of range (naming the item) or points that do not sum to 100."""
    return ServqualResult._from_c(_c.svcr_servqual_score(expectations, perceptions, points))


_DEFAULT: Any = object()

# Records handed to the library per call of add_many: big enough to amortise the call, small
# enough to stay in cache (tests/bench/bench_python.py measures it against a loop of add()).
_BATCH = 256


class Insight(Resource):
    """A streaming accumulator of case metrics (used by one thread at a time).

    Keyword options (fixed at construction; accumulators merge only when their options are
    equal): ``quick_resolution_seconds`` (what "resolved quickly" means; default a day),
    ``window_start`` / ``window_end`` (repeat complaints count cases opened in [start, end);
    default unbounded), ``repurchase`` (the repurchase table in basis points, rows minor and
    major, columns resolved quickly / resolved / unresolved; default TARP's), and the event and
    fact names :meth:`add_case` reads (``first_response_event``, ``satisfied_event``,
    ``not_satisfied_event``, ``root_cause_fact``, ``customer_fact``, ``severity_fact``,
    ``satisfaction_fact``, ``solicited_fact``; None skips the value).

    ``len(insight)`` is the number of cases added. A context manager: leaving the ``with`` block
    frees it.
    """

    __slots__ = ("_handle", "__weakref__")

    def __init__(
        self,
        *,
        quick_resolution_seconds: int = 86400,
        window_start: Optional[Time] = None,
        window_end: Optional[Time] = None,
        repurchase: Optional[Sequence[Sequence[int]]] = None,
        first_response_event: Optional[str] = "apologized",
        satisfied_event: Optional[str] = "satisfied",
        not_satisfied_event: Optional[str] = "not_satisfied",
        root_cause_fact: Optional[str] = "root_cause",
        customer_fact: Optional[str] = "customer",
        severity_fact: Optional[str] = "severity",
        satisfaction_fact: Optional[str] = "satisfaction",
        solicited_fact: Optional[str] = "solicited",
    ) -> None:
        given = dict(
            quick_resolution_seconds=quick_resolution_seconds,
            first_response_event=first_response_event,
            satisfied_event=satisfied_event,
            not_satisfied_event=not_satisfied_event,
            root_cause_fact=root_cause_fact,
            customer_fact=customer_fact,
            severity_fact=severity_fact,
            satisfaction_fact=satisfaction_fact,
            solicited_fact=solicited_fact,
        )
        options = {k: v for k, v in given.items() if v is not _DEFAULT}
        if window_start is not None:
            options["window_start"] = window_start
        if window_end is not None:
            options["window_end"] = window_end
        if repurchase is not None:
            options["repurchase"] = tuple(tuple(row) for row in repurchase)
        self._handle = _c.svcr_insight_new(options)

    # -- feeding ------------------------------------------------------------------------------

    def add(self, record: Optional[Record] = None, **fields: Any) -> None:
        """Add one case given as a :class:`Record`, or as its fields:
        ``insight.add(state="closed", resolution_seconds=3600, root_cause="billing")``.
        On failure nothing is counted."""
        if record is None:
            record = Record(**fields)
        elif fields:
            raise TypeError("give a Record or its fields, not both")
        _c.svcr_insight_add(self._handle, record._to_c())

    def add_many(self, records: Iterable[Record]) -> int:
        """Add records in order, faster than :meth:`add` one by one; returns how many.

        ``records`` may be any iterable (a generator is read as it goes, in batches). On failure
        the exception (from the library, or a TypeError for something that is not a Record) has
        an ``added`` attribute: how many records before the failing one were added (they stay
        counted)."""
        handle, add = self._handle, _c.svcr_insight_add_many
        added = 0
        batch: List[tuple] = []
        try:
            for record in records:
                if not isinstance(record, Record):
                    raise TypeError(f"records must be Record items, not {type(record).__name__}")
                batch.append(record._to_c())
                if len(batch) == _BATCH:
                    added += add(handle, batch)
                    batch.clear()
            if batch:
                added += add(handle, batch)
        except Exception as error:
            if hasattr(error, "added"):  # the library's: counted within the failing batch
                error.added += added  # type: ignore[attr-defined]
                raise
            if batch:  # what was converted before the failure is added, as the library does
                added += add(handle, batch)
            error.added = added  # type: ignore[attr-defined]
            raise
        return added

    def add_case(self, case: Case, config: Optional[TimerConfig] = None, at: Optional[Time] = None) -> None:
        """Add a :class:`~svcrecover.Case` (its state, times, follow-up, reopens and the facts
        the options name).

        With a time ``at``, the case's timers are read at that time too and feed the per-timer
        "<timer>_within_goal_share" metrics; ``config`` binds their calendars and targets
        (default: none bound, so "business" is the default Monday-Friday 09:00-17:00 UTC).

        Raises:
            TypeError: ``case`` is not a Case, or ``config`` without ``at``.
            NotFoundError: a timer counts in a calendar that is not bound.
            InvalidArgumentError: ``at`` is before the case's opening.
        """
        if not isinstance(case, Case):
            raise TypeError(f"case must be a Case, not {type(case).__name__}")
        if config is not None and at is None:
            raise TypeError("config needs at: the time to read the timers at")
        if at is not None and config is None:
            config = TimerConfig(case.workflow)
        _c.svcr_insight_add_case(self._handle, case._handle, case._config_handle(config), 0 if at is None else at)

    def record_from_case(self, case: Case) -> Record:
        """The :class:`Record` :meth:`add_case` would add for ``case`` (nothing is counted)."""
        return Record._from_c(_c.svcr_insight_record_from_case(self._handle, case._handle))

    def add_baseline(self, score: int) -> None:
        """Add the satisfaction score of a customer who met no failure (the paradox's comparison group)."""
        _c.svcr_insight_add_baseline(self._handle, score)

    def add_survey(self, response: SurveyResponse) -> None:
        """Count a survey response: the score of a respondent who met no failure joins the
        paradox's baseline; one who had a problem adds nothing here (their solicited case will).
        The response's scale must be the cases' satisfaction scale."""
        from ._survey import SurveyResponse

        if not isinstance(response, SurveyResponse):
            raise TypeError(f"response must be a SurveyResponse, not {type(response).__name__}")
        _c.svcr_insight_add_survey(self._handle, response._handle)

    def add_servqual(self, expectations: Sequence[int], perceptions: Sequence[int], points: Sequence[int]) -> None:
        """Add one SERVQUAL respondent (checked as in :func:`servqual_score`)."""
        _c.svcr_insight_add_servqual(self._handle, expectations, perceptions, points)

    def set_owner(self, cause: str, owner: str) -> None:
        """Name the process owner to notify about a root cause, e.g. ("late delivery", "logistics")."""
        _c.svcr_insight_set_owner(self._handle, cause, owner)

    def merge(self, other: Insight) -> None:
        """Add everything ``other`` has counted to this accumulator (``other`` is unchanged)."""
        if not isinstance(other, Insight):
            raise TypeError(f"expected an Insight, got {type(other).__name__}")
        _c.svcr_insight_merge(self._handle, other._handle)

    # -- figures ------------------------------------------------------------------------------

    def __len__(self) -> int:
        return _c.svcr_insight_case_count(self._handle)

    def state_count(self, state: str) -> int:
        """How many cases are in the state named ``state``."""
        return _c.svcr_insight_state_count(self._handle, state)

    def outcome_count(self, follow_up: Optional[str]) -> int:
        """How many cases have this follow-up outcome: "satisfied", "not_satisfied" or None (not followed up)."""
        return _c.svcr_insight_outcome_count(self._handle, _lookup(_FOLLOW_UP, follow_up, "follow_up"))

    def times(self, which: str) -> TimeStats:
        """Statistics of "first_response" or "resolution" times."""
        return TimeStats(*_c.svcr_insight_times(self._handle, _lookup(_TIMES, which, "which")))

    def percentile(self, which: str, fraction: float) -> int:
        """Any percentile (0 < fraction <= 1) of "first_response" or "resolution" times; raises
        :class:`NotFoundError` when no case has that time."""
        return _c.svcr_insight_percentile(self._handle, _lookup(_TIMES, which, "which"), fraction)

    @property
    def metrics(self) -> Dict[str, Metric]:
        """Every rate by name: the fixed ones, then ``<timer>_within_goal_share`` per timer."""
        h = self._handle
        found = (Metric(*_c.svcr_insight_metric(h, i)) for i in range(_c.svcr_insight_metric_count(h)))
        return {m.name: m for m in found}

    def metric(self, name: str) -> Metric:
        """One rate by name, e.g. "recovery_rate" (raises :class:`NotFoundError`)."""
        return Metric(*_c.svcr_insight_metric_find(self._handle, name))

    def pareto(self) -> List[Cause]:
        """The root causes by cases, most first (ties by name), with the per-cause figures."""
        return [Cause(*row) for row in _c.svcr_insight_pareto(self._handle)]

    def pareto_by_code(self, taxonomy: Taxonomy, level: int = 0) -> List[CodeCause]:
        """The root causes by taxonomy code, most cases first (ties by code). Each case's cause is
        resolved in ``taxonomy`` (a code, name or alias, so causes typed before it existed count
        too); with ``level`` 1, 2, ... codes roll up to their ancestor at that level. Causes that
        match no code share one row (code None). Each row names the owner to notify."""
        from ._taxonomy import CodeCause, Taxonomy

        if not isinstance(taxonomy, Taxonomy):
            raise TypeError(f"taxonomy must be a Taxonomy, not {type(taxonomy).__name__}")
        if isinstance(level, bool) or not isinstance(level, int):
            raise TypeError(f"level must be an int, not {type(level).__name__}")
        if level < 0:
            raise InvalidArgumentError(f"level must be 0 or more, not {level}")
        return [CodeCause(*row) for row in _c.svcr_py_insight_pareto_by_code(self._handle, taxonomy._handle, level)]

    def paradox(self) -> Paradox:
        """The recovery paradox figures."""
        recovered, not_recovered, no_failure, *rest = _c.svcr_insight_paradox(self._handle)
        return Paradox(Satisfaction(*recovered), Satisfaction(*not_recovered), Satisfaction(*no_failure), *rest)

    def retention(self) -> Retention:
        """Expected retention from the repurchase table."""
        (minor, major), classified, expected, rate = _c.svcr_insight_retention(self._handle)
        cases = {"minor": dict(zip(_RESOLUTIONS, minor)), "major": dict(zip(_RESOLUTIONS, major))}
        return Retention(cases, classified, expected, rate)

    def servqual(self) -> ServqualResult:
        """The mean SERVQUAL scores of the respondents added."""
        return ServqualResult._from_c(_c.svcr_insight_servqual(self._handle))

    def to_json(self) -> str:
        """Every figure as compact JSON."""
        return _c.svcr_insight_encode(self._handle)

    def results(self) -> Dict[str, Any]:
        """Every figure as a dict (the JSON of :meth:`to_json`): "cases", "by_state",
        "by_outcome", "first_response", "resolution", "timers", "metrics", "repeat_complaints",
        "pareto", "notifications", "paradox", "retention", "servqual"."""
        return json.loads(self.to_json())

    def pareto_csv(self) -> str:
        """The Pareto table as CSV (RFC 4180, CRLF line ends)."""
        return _c.svcr_insight_pareto_csv(self._handle)

    def causes_csv(self) -> str:
        """The per-cause table as CSV, in Pareto order."""
        return _c.svcr_insight_causes_csv(self._handle)

    # -- state: pickling, equality ------------------------------------------------------------

    def to_state(self) -> bytes:
        """The whole mergeable state as compact bytes (versioned, checksummed); equal states give
        equal bytes. :meth:`from_state` makes an equal accumulator from them in any process."""
        return _c.svcr_insight_state_encode(self._handle)

    @classmethod
    def from_state(cls, state: bytes) -> "Insight":
        """An accumulator from the bytes of :meth:`to_state`.

        Raises:
            ParseError: bytes that are not a state: truncated, of another version or corrupt
                (the message says which, and where).
            TypeError: ``state`` is not bytes (or a bytearray or memoryview).
        """
        if not isinstance(state, (bytes, bytearray, memoryview)):
            raise TypeError(f"state must be bytes, not {type(state).__name__}")
        insight = cls.__new__(cls)
        insight._handle = _c.svcr_insight_state_decode(bytes(state))
        return insight

    def __reduce__(self) -> Tuple[Any, Tuple[bytes]]:
        # Pickles (and so Dask, multiprocessing) carry the state, not the C pointer.
        return (Insight.from_state, (self.to_state(),))

    def __eq__(self, other: object) -> bool:
        """Accumulators are equal when their whole state is: options, every count, histogram,
        sum and table (whatever order the cases came in)."""
        if not isinstance(other, Insight):
            return NotImplemented
        return self is other or self.to_state() == other.to_state()

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        try:
            return f"<Insight: {len(self)} cases>"
        except Error:
            return "<Insight (closed)>"
