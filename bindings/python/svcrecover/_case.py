"""Recovery cases: state, typed facts, the event log, JSON round trips."""

from __future__ import annotations

from typing import Iterator, List, MutableMapping, NamedTuple, Optional, Union, overload

from . import _svcrecover as _c
from ._doc import c_doc
from ._errors import Error
from ._money import Money
from ._resource import Resource
from ._time import Time
from ._workflow import State, TimerConfig, Workflow

__all__ = ["Case", "Facts", "CaseLog", "LogEntry", "TimerStatus"]

FactValue = Union[str, int, bool, Money]

# Bound once: the apply path is the hot one (benchmarked in tests/bench/bench_python.py).
_apply = _c.svcr_case_apply


class LogEntry(NamedTuple):
    """One entry of a case's event log."""

    sequence: int
    event: str
    from_state: str
    to_state: str
    at: int
    role: str
    note: Optional[str]


class TimerStatus(NamedTuple):
    """Where a timer stands for a case at one time, computed from the case's log.

    ``state`` is "not-started", "running", "paused" or "stopped". Durations are seconds counted
    in the timer's calendar, for the current cycle (since the timer last started): ``elapsed``
    and ``remaining`` (target - elapsed; negative when overdue, by that much). ``due_at`` is when
    the target is reached if it keeps running (None unless running); ``breached`` once the cycle
    has gone past its target, at ``breached_at``; ``met`` when it stopped within its target.
    Times that do not apply are None.
    """

    name: str
    state: str
    target: int
    started_at: Optional[int]
    elapsed: int
    remaining: int
    due_at: Optional[int]
    breached: bool
    breached_at: Optional[int]
    met: bool
    stopped_at: Optional[int]


class Facts(MutableMapping[str, FactValue]):
    """The facts of a case as a mapping: ``case.facts["expectation"] = "parcel on Monday"``.

    Values are typed by the workflow's declaration: str, int, bool or :class:`Money`. Setting an
    undeclared fact raises :class:`NotFound`; a value of the wrong type :class:`InvalidArgument`.
    Iteration gives the names of the facts that are set.
    """

    __slots__ = ("_case",)

    def __init__(self, case: "Case") -> None:
        self._case = case

    def __getitem__(self, name: str) -> FactValue:
        case = self._case
        kind = case._workflow.fact_type(name)
        if kind is None or not _c.svcr_case_has_fact(case._handle, name):
            raise KeyError(name)
        if kind == "integer":
            return _c.svcr_case_get_fact_integer(case._handle, name)
        if kind == "boolean":
            return _c.svcr_case_get_fact_boolean(case._handle, name)
        if kind == "money":
            return _c.svcr_case_get_fact_money(case._handle, name)
        return _c.svcr_case_get_fact_string(case._handle, name)

    def __setitem__(self, name: str, value: FactValue) -> None:
        handle = self._case._handle
        if isinstance(value, bool):
            _c.svcr_case_set_fact_boolean(handle, name, value)
        elif isinstance(value, int):
            _c.svcr_case_set_fact_integer(handle, name, value)
        elif isinstance(value, Money):
            _c.svcr_case_set_fact_money(handle, name, value)
        elif isinstance(value, str):
            _c.svcr_case_set_fact_string(handle, name, value)
        else:
            raise TypeError(f"a fact is str, int, bool or Money, not {type(value).__name__}")

    def __delitem__(self, name: str) -> None:
        if name not in self:
            raise KeyError(name)
        _c.svcr_case_unset_fact(self._case._handle, name)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and bool(_c.svcr_case_has_fact(self._case._handle, name))

    def __iter__(self) -> Iterator[str]:
        handle = self._case._handle
        return iter([f.name for f in self._case._workflow.facts if _c.svcr_case_has_fact(handle, f.name)])

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __repr__(self) -> str:
        return f"Facts({dict(self)!r})"


class CaseLog:
    """A case's append-only event log: a sequence of :class:`LogEntry`."""

    __slots__ = ("_case",)

    def __init__(self, case: "Case") -> None:
        self._case = case

    def __len__(self) -> int:
        return _c.svcr_case_log_count(self._case._handle)

    @overload
    def __getitem__(self, index: int) -> LogEntry: ...

    @overload
    def __getitem__(self, index: slice) -> List[LogEntry]: ...

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        n = len(self)
        if index < 0:
            index += n
        if not 0 <= index < n:
            raise IndexError("log index out of range")
        return LogEntry(*_c.svcr_case_log_entry(self._case._handle, index))

    def __iter__(self) -> Iterator[LogEntry]:
        handle = self._case._handle
        for i in range(_c.svcr_case_log_count(handle)):
            yield LogEntry(*_c.svcr_case_log_entry(handle, i))

    def __repr__(self) -> str:
        return f"<CaseLog of {self._case.id!r}: {len(self)} entries>"


class Case(Resource):
    """One recovery case bound to a workflow.

    >>> wf = Workflow.builtin("five-step")
    >>> case = Case(wf, "C-1", opened_at=1700000000)
    >>> case.facts["expectation"] = "parcel delivered on Monday"
    >>> case.apply("identified", role="agent", at=1700000100)
    >>> case.state
    'apologize'

    The case keeps its workflow alive. It is a context manager: leaving the ``with`` block frees
    it (using it afterwards raises :class:`StateError`); otherwise it is freed with the object.
    A case is used by one thread at a time.
    """

    __slots__ = ("_handle", "_workflow", "__weakref__")

    @c_doc("svcr_case_new")
    def __init__(self, workflow: Workflow, id: str, opened_at: Time) -> None:
        """Open a case in the workflow's initial state."""
        if not isinstance(workflow, Workflow):
            raise TypeError(f"expected a Workflow, got {type(workflow).__name__}")
        self._handle = _c.svcr_case_new(workflow._handle, id, opened_at)
        _c._depend(self._handle, workflow._handle)
        self._workflow = workflow

    @classmethod
    def _from_handle(cls, handle: object, workflow: Workflow) -> "Case":
        self = object.__new__(cls)
        _c._depend(handle, workflow._handle)
        self._handle = handle
        self._workflow = workflow
        return self

    # -- what the case is ---------------------------------------------------------------------

    @property
    def id(self) -> str:
        """The case's identifier in the host, e.g. "C-1042"."""
        return _c.svcr_case_id(self._handle)

    @property
    def workflow(self) -> Workflow:
        """The workflow the case follows."""
        return self._workflow

    @property
    def state(self) -> str:
        """The name of the current state, e.g. "fix"."""
        return _c.svcr_case_state(self._handle)

    @property
    @c_doc("svcr_case_state_info")
    def state_info(self) -> State:
        """The current state with its kind, guidance and due time."""
        return State(*_c.svcr_case_state_info(self._handle))

    @property
    def opened_at(self) -> int:
        """When the case was opened (seconds since the epoch)."""
        return _c.svcr_case_opened_at(self._handle)

    @property
    def state_since(self) -> int:
        """When the case entered its current state."""
        return _c.svcr_case_state_since(self._handle)

    @property
    def last_at(self) -> int:
        """The time of the last event (the opening time before any): the earliest next time."""
        return _c.svcr_case_last_at(self._handle)

    @property
    def facts(self) -> Facts:
        """The case's facts as a mutable mapping."""
        return Facts(self)

    @property
    def log(self) -> CaseLog:
        """The event log: ``list(case.log)`` gives :class:`LogEntry` items."""
        return CaseLog(self)

    # -- what may happen next -----------------------------------------------------------------

    @c_doc("svcr_case_apply")
    def apply(self, event: str, role: str, at: Time, note: Optional[str] = None) -> None:
        """Apply ``event`` fired by ``role`` at ``at``, with an optional note for the log.

        Raises :class:`StateError`, :class:`GuardError` (naming the missing fact),
        :class:`PermissionDenied` or :class:`InvalidArgument`; on failure nothing changes."""
        _apply(self._handle, event, role, at, note)

    @c_doc("svcr_case_check")
    def check(self, event: str, role: str, at: Time) -> None:
        """Raise what :meth:`apply` would raise, changing nothing; return None if it would succeed."""
        _c.svcr_case_check(self._handle, event, role, at)

    def can_apply(self, event: str, role: str, at: Time) -> bool:
        """Whether :meth:`apply` would succeed now (see :meth:`check` for the reason why not)."""
        try:
            _c.svcr_case_check(self._handle, event, role, at)
        except Error:
            return False
        return True

    @c_doc("svcr_case_allowed_events")
    def allowed_events(self, role: Optional[str] = None) -> List[str]:
        """The events the current state allows (for ``role``, if given), in workflow order."""
        return list(_c.svcr_case_allowed_events(self._handle, role))

    # -- timers -------------------------------------------------------------------------------

    def _config_handle(self, config: Optional[TimerConfig]) -> object:
        if config is None:
            return None
        if not isinstance(config, TimerConfig):
            raise TypeError(f"expected a TimerConfig, got {type(config).__name__}")
        return config._handle

    @c_doc("svcr_case_timer")
    def timer(self, name: str, at: Time, config: Optional[TimerConfig] = None) -> TimerStatus:
        """Where the timer ``name`` stands at ``at`` (not before the opening). ``config`` binds
        the calendars the workflow's timers count in and may override targets; without one only
        timers counting in "24x7" can be computed (others raise :class:`NotFound` naming the
        calendar)."""
        return TimerStatus(*_c.svcr_case_timer(self._handle, self._config_handle(config), name, at))

    def timers(self, at: Time, config: Optional[TimerConfig] = None) -> List[TimerStatus]:
        """Every timer of the workflow at ``at``, in the workflow's order (see :meth:`timer`)."""
        handle, c_config = self._handle, self._config_handle(config)
        return [TimerStatus(*_c.svcr_case_timer(handle, c_config, t.name, at)) for t in self._workflow.timers]

    # -- history and JSON ---------------------------------------------------------------------

    @c_doc("svcr_case_encode")
    def to_json(self) -> str:
        """The case with its full history as compact JSON (round-trips byte for byte)."""
        return _c.svcr_case_encode(self._handle)

    @classmethod
    @c_doc("svcr_case_decode")
    def from_json(cls, workflow: Workflow, text: Union[str, bytes]) -> "Case":
        """Decode a case written by :meth:`to_json`, validating its history against ``workflow``."""
        return cls._from_handle(_c.svcr_case_decode(workflow._handle, text), workflow)

    @c_doc("svcr_case_replay")
    def replay(self, workflow: Optional[Workflow] = None) -> "Case":
        """A new case rebuilt from this one's history, on ``workflow`` (default: its own)."""
        target = self._workflow if workflow is None else workflow
        return Case._from_handle(_c.svcr_case_replay(self._handle, target._handle), target)

    def __repr__(self) -> str:
        try:
            return f"<Case {self.id!r} ({self._workflow.name}) state={self.state!r} events={len(self.log)}>"
        except (Error, AttributeError):  # closed, or never opened
            return "<Case (closed)>"
