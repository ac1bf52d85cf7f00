"""Workflow definitions: states, events, transitions with guards and roles, timers, built-in
templates; the host's timer configuration."""

from __future__ import annotations

import datetime as _dt
import weakref
from typing import TYPE_CHECKING, Any, Dict, Mapping, NamedTuple, Optional, Tuple, Union

from . import _svcrecover as _c
from ._calendar import Calendar
from ._time import Duration, duration_seconds, timedelta_of

if TYPE_CHECKING:
    from ._limits import Limits

__all__ = ["Workflow", "State", "Transition", "Fact", "Timer", "TimerConfig"]


class State(NamedTuple):
    """A state of a workflow: ``kind`` is "initial", "active", "waiting-on-customer",
    "resolved" or "closed"; ``due_after`` is how long after entering it its work is due (a
    timedelta, None if never); ``guidance`` says what to say and do in this step."""

    name: str
    kind: str
    guidance: str
    index: int
    due_after: Optional[_dt.timedelta]


class Transition(NamedTuple):
    """A transition: ``event`` moves a case from ``from_state`` to ``to_state`` when the
    ``required_facts`` are set and the acting role is one of ``roles``."""

    event: str
    from_state: str
    to_state: str
    required_facts: Tuple[str, ...]
    roles: Tuple[str, ...]
    reopen: bool
    index: int


class Fact(NamedTuple):
    """A fact a workflow declares: ``type`` is "string", "integer", "boolean" or "money"."""

    name: str
    type: str
    description: str
    index: int


class Timer(NamedTuple):
    """A timer a workflow declares: its ``target`` (a timedelta) counted in ``calendar`` ("24x7",
    "business" or a name the host binds with :class:`TimerConfig`), the states it is
    ``paused_in``, and what a reopen does to it once stopped (``on_reopen``: "resume", "restart"
    or "stop")."""

    name: str
    calendar: str
    target: _dt.timedelta
    on_reopen: str
    paused_in: Tuple[str, ...]
    index: int


class Workflow:
    """A compiled, immutable workflow definition, shareable by any number of cases and threads.

    Load one with :meth:`builtin` ("five-step", "five-phase", "four-step") or :meth:`from_json`.
    Workflows with the same definition compare equal; they pickle and copy. A :class:`Case` keeps
    its workflow alive, so a workflow may be dropped before its cases.
    """

    __slots__ = ("_handle", "_fact_types", "_json", "__weakref__")

    def __init__(self) -> None:
        raise TypeError("use Workflow.builtin(name) or Workflow.from_json(text)")

    @classmethod
    def _from_handle(cls, handle: object) -> Workflow:
        self = object.__new__(cls)
        self._handle = handle
        self._fact_types: Optional[Dict[str, str]] = None
        self._json: Optional[str] = None
        return self

    @classmethod
    def builtin(cls, name: str = "five-step") -> Workflow:
        """A built-in template by name: "five-step" (the default), "five-phase" or "four-step".

        Raises:
            NotFoundError: no built-in workflow has that name.
        """
        return cls._from_handle(_c.svcr_workflow_builtin(name))

    @staticmethod
    def builtin_names() -> Tuple[str, ...]:
        """The names of the built-in templates."""
        names = []
        while True:
            name = _c.svcr_workflow_builtin_name(len(names))
            if name is None:
                return tuple(names)
            names.append(name)

    @classmethod
    def from_json(cls, text: Union[str, bytes]) -> Workflow:
        """Load and validate a workflow definition in JSON.

        Raises:
            ParseError: malformed JSON or an invalid definition (``.line``, ``.column``).
            TypeError: ``text`` is not str or bytes.
        """
        return cls._from_handle(_c.svcr_workflow_parse(text))

    def to_json(self) -> str:
        """The definition as compact JSON that :meth:`from_json` reads back."""
        if self._json is None:
            self._json = _c.svcr_workflow_encode(self._handle)
        return self._json

    @property
    def limits(self) -> Optional[Limits]:
        """The spending limits the definition declares ("limits"), or None."""
        from ._limits import Limits

        return Limits._of_workflow(self)

    @property
    def name(self) -> str:
        """The workflow's name, e.g. "five-step"."""
        return _c.svcr_workflow_name(self._handle)

    @property
    def title(self) -> str:
        """The human-readable title ("" if none)."""
        return _c.svcr_workflow_title(self._handle)

    @property
    def reopen_grace(self) -> _dt.timedelta:
        """How long after closing a case may be reopened."""
        return timedelta_of(_c.svcr_workflow_reopen_grace(self._handle))

    @property
    def initial_state(self) -> str:
        """The state every case starts in."""
        return _c.svcr_workflow_initial_state(self._handle)

    @property
    def states(self) -> Tuple[State, ...]:
        """Every state, in definition order."""
        h = self._handle
        return tuple(State(*_c.svcr_workflow_state(h, i)) for i in range(_c.svcr_workflow_state_count(h)))

    def state(self, name: str) -> State:
        """The state named ``name``; raises :class:`NotFoundError` if there is none."""
        return State(*_c.svcr_workflow_find_state(self._handle, name))

    @property
    def events(self) -> Tuple[str, ...]:
        """Every event name."""
        h = self._handle
        return tuple(_c.svcr_workflow_event_name(h, i) for i in range(_c.svcr_workflow_event_count(h)))

    @property
    def roles(self) -> Tuple[str, ...]:
        """Every role name."""
        h = self._handle
        return tuple(_c.svcr_workflow_role_name(h, i) for i in range(_c.svcr_workflow_role_count(h)))

    @property
    def facts(self) -> Tuple[Fact, ...]:
        """Every declared fact."""
        h = self._handle
        return tuple(Fact(*_c.svcr_workflow_fact(h, i)) for i in range(_c.svcr_workflow_fact_count(h)))

    @property
    def transitions(self) -> Tuple[Transition, ...]:
        """Every transition."""
        h = self._handle
        return tuple(
            Transition(*_c.svcr_workflow_transition(h, i)) for i in range(_c.svcr_workflow_transition_count(h))
        )

    def transition(self, from_state: str, event: str) -> Transition:
        """The transition ``event`` fires from ``from_state``; raises :class:`NotFoundError` if
        there is none."""
        return Transition(*_c.svcr_workflow_find_transition(self._handle, from_state, event))

    @property
    def timers(self) -> Tuple[Timer, ...]:
        """Every timer: those declared under "timers", then one per state with a "due_after"."""
        h = self._handle
        return tuple(Timer(*_c.svcr_workflow_timer(h, i)) for i in range(_c.svcr_workflow_timer_count(h)))

    def timer(self, name: str) -> Timer:
        """The timer named ``name``; raises :class:`NotFoundError` if there is none."""
        return Timer(*_c.svcr_workflow_find_timer(self._handle, name))

    def fact_type(self, name: str) -> Optional[str]:
        """The type of the declared fact ``name``, or None if the workflow declares none."""
        if self._fact_types is None:
            self._fact_types = {f.name: f.type for f in self.facts}
        return self._fact_types.get(name)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Workflow):
            return NotImplemented
        return self is other or self.to_json() == other.to_json()

    def __hash__(self) -> int:
        return hash(self.to_json())

    def __reduce__(self) -> Any:
        return (_unpickle_workflow, (self.to_json(),))

    def __copy__(self) -> Workflow:
        return self  # immutable

    def __deepcopy__(self, memo: dict) -> Workflow:
        return self

    def __repr__(self) -> str:
        return f"<Workflow {self.name!r}: {_c.svcr_workflow_state_count(self._handle)} states>"


# Workflows unpickled in this process, by definition: cases unpickled one by one (e.g. sent to a
# worker process) then share one compiled workflow, as they did where they were pickled.
_unpickled: "weakref.WeakValueDictionary[str, Workflow]" = weakref.WeakValueDictionary()


def _unpickle_workflow(text: str) -> Workflow:
    workflow = _unpickled.get(text)
    if workflow is None:
        workflow = _unpickled[text] = Workflow.from_json(text)
    return workflow


class TimerConfig:
    """The host's settings for a workflow's timers: the :class:`Calendar` each calendar name
    stands for, and targets that replace the workflow's (e.g. a contract's 30-minute first
    response). Set it up once, then pass it to :meth:`Case.timers` for any case of the workflow.

    Args:
        workflow: the workflow the configuration is for.
        calendars: calendar name -> :class:`Calendar` to bind, e.g. ``{"business": office}``.
            "business" is bound to the default business calendar (Monday to Friday
            09:00-17:00 UTC) until replaced; "24x7" needs no binding.
        targets: timer name -> target (timedelta or int seconds) replacing the workflow's.

    Raises:
        NotFoundError: a calendar name no timer uses, or an unknown timer.
        TypeError: a workflow, calendar or target of the wrong type.

    >>> config = TimerConfig(Workflow.builtin("five-step"), calendars={"business": office},
    ...                      targets={"first_response": timedelta(minutes=30)})

    It keeps its workflow and calendars alive.
    """

    __slots__ = ("_handle", "_workflow", "_calendars", "_targets")

    def __init__(
        self,
        workflow: Workflow,
        calendars: Optional[Mapping[str, Calendar]] = None,
        targets: Optional[Mapping[str, Duration]] = None,
    ) -> None:
        if not isinstance(workflow, Workflow):
            raise TypeError(f"workflow must be a Workflow, not {type(workflow).__name__}")
        self._handle = _c.svcr_timer_config_new(workflow._handle)
        _c._depend(self._handle, workflow._handle)
        self._workflow = workflow
        self._calendars: Dict[str, Calendar] = {}
        self._targets: Dict[str, int] = {}
        for name, calendar in (calendars or {}).items():
            self.bind_calendar(name, calendar)
        for timer, seconds in (targets or {}).items():
            self.set_target(timer, seconds)

    @property
    def workflow(self) -> Workflow:
        """The workflow the configuration is for."""
        return self._workflow

    def bind_calendar(self, name: str, calendar: Calendar) -> TimerConfig:
        """Bind ``calendar`` to ``name``, a calendar name the workflow's timers count in, e.g.
        "business". Returns the configuration.

        Raises:
            NotFoundError: no timer of the workflow counts in ``name``.
            TypeError: ``calendar`` is not a Calendar.
        """
        if not isinstance(calendar, Calendar):
            raise TypeError(f"calendar must be a Calendar, not {type(calendar).__name__}")
        _c.svcr_timer_config_bind_calendar(self._handle, name, calendar._handle)
        self._calendars[name] = calendar  # the configuration points at it
        return self

    def set_target(self, timer: str, target: Duration) -> TimerConfig:
        """Replace the target of ``timer`` (a timedelta or int seconds, counted in its calendar).
        Returns the configuration.

        Raises:
            NotFoundError: the workflow has no such timer.
            InvalidArgumentError: a negative target.
        """
        seconds = duration_seconds(target, "target")
        _c.svcr_timer_config_set_target(self._handle, timer, seconds)
        self._targets[timer] = seconds
        return self

    def __repr__(self) -> str:
        return (f"<TimerConfig for {self._workflow.name!r}: calendars {sorted(self._calendars)}, "
                f"targets {self._targets}>")
