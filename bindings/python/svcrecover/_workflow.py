"""Workflow definitions: states, events, transitions with guards and roles, timers, built-in
templates; the host's timer configuration."""

from __future__ import annotations

import datetime as _dt
from typing import Dict, Mapping, NamedTuple, Optional, Tuple, Union

from . import _svcrecover as _c
from ._calendar import Calendar
from ._doc import c_doc

__all__ = ["Workflow", "State", "Transition", "Fact", "Timer", "TimerConfig"]


class State(NamedTuple):
    """A state of a workflow: ``kind`` is "initial", "active", "waiting-on-customer",
    "resolved" or "closed"; ``due_after`` is the seconds after entering it that its work is due
    (-1 if none); ``guidance`` says what to say and do in this step."""

    name: str
    kind: str
    guidance: str
    index: int
    due_after: int


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
    """A timer a workflow declares: its ``target`` in seconds counted in ``calendar`` ("24x7" or a
    name the host binds with :class:`TimerConfig`), the states it is ``paused_in``, and what a
    reopen does to it once stopped (``on_reopen``: "resume", "restart" or "stop")."""

    name: str
    calendar: str
    target: int
    on_reopen: str
    paused_in: Tuple[str, ...]
    index: int


class Workflow:
    """A compiled, immutable workflow definition, shareable by any number of cases and threads.

    Load one with :meth:`builtin` ("five-step", "five-phase", "four-step") or :meth:`from_json`.
    A :class:`Case` keeps its workflow alive, so a workflow may be dropped before its cases.
    """

    __slots__ = ("_handle", "_fact_types", "__weakref__")

    def __init__(self) -> None:
        raise TypeError("use Workflow.builtin(name) or Workflow.from_json(text)")

    @classmethod
    def _from_handle(cls, handle: object) -> "Workflow":
        self = object.__new__(cls)
        self._handle = handle
        self._fact_types: Optional[Dict[str, str]] = None
        return self

    @classmethod
    @c_doc("svcr_workflow_builtin")
    def builtin(cls, name: str = "five-step") -> "Workflow":
        """A built-in template by name (raises :class:`NotFound` for an unknown one)."""
        return cls._from_handle(_c.svcr_workflow_builtin(name))

    @staticmethod
    @c_doc("svcr_workflow_builtin_name")
    def builtin_names() -> Tuple[str, ...]:
        """The names of the built-in templates."""
        names = []
        while True:
            name = _c.svcr_workflow_builtin_name(len(names))
            if name is None:
                return tuple(names)
            names.append(name)

    @classmethod
    @c_doc("svcr_workflow_parse")
    def from_json(cls, text: Union[str, bytes]) -> "Workflow":
        """Load and validate a definition (raises :class:`ParseError` with line and column)."""
        return cls._from_handle(_c.svcr_workflow_parse(text))

    @c_doc("svcr_workflow_encode")
    def to_json(self) -> str:
        """The definition as compact JSON that :meth:`from_json` reads back."""
        return _c.svcr_workflow_encode(self._handle)

    @property
    def name(self) -> str:
        """The workflow's name, e.g. "five-step"."""
        return _c.svcr_workflow_name(self._handle)

    @property
    def title(self) -> str:
        """The human-readable title ("" if none)."""
        return _c.svcr_workflow_title(self._handle)

    @property
    def reopen_grace(self) -> int:
        """Seconds after closing during which a case may be reopened."""
        return _c.svcr_workflow_reopen_grace(self._handle)

    @property
    def initial_state(self) -> str:
        """The state every case starts in."""
        return _c.svcr_workflow_initial_state(self._handle)

    @property
    def states(self) -> Tuple[State, ...]:
        """Every state, in definition order."""
        h = self._handle
        return tuple(State(*_c.svcr_workflow_state(h, i)) for i in range(_c.svcr_workflow_state_count(h)))

    @c_doc("svcr_workflow_find_state")
    def state(self, name: str) -> State:
        """The state named ``name`` (raises :class:`NotFound`)."""
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

    @c_doc("svcr_workflow_find_transition")
    def transition(self, from_state: str, event: str) -> Transition:
        """The transition ``event`` fires from ``from_state`` (raises :class:`NotFound`)."""
        return Transition(*_c.svcr_workflow_find_transition(self._handle, from_state, event))

    @property
    def timers(self) -> Tuple[Timer, ...]:
        """Every timer: those declared under "timers", then one per state with a "due_after"."""
        h = self._handle
        return tuple(Timer(*_c.svcr_workflow_timer(h, i)) for i in range(_c.svcr_workflow_timer_count(h)))

    @c_doc("svcr_workflow_find_timer")
    def timer(self, name: str) -> Timer:
        """The timer named ``name`` (raises :class:`NotFound`)."""
        return Timer(*_c.svcr_workflow_find_timer(self._handle, name))

    def fact_type(self, name: str) -> Optional[str]:
        """The type of the declared fact ``name``, or None if the workflow declares none."""
        if self._fact_types is None:
            self._fact_types = {f.name: f.type for f in self.facts}
        return self._fact_types.get(name)

    def __repr__(self) -> str:
        return f"<Workflow {self.name!r}: {_c.svcr_workflow_state_count(self._handle)} states>"


def _seconds(value: Union[int, _dt.timedelta]) -> int:
    if isinstance(value, _dt.timedelta):
        return value.days * 86400 + value.seconds
    return value


class TimerConfig:
    """The host's settings for a workflow's timers: the :class:`Calendar` each calendar name
    stands for, and targets that replace the workflow's (e.g. a contract's 30-minute first
    response). Set it up once, then pass it to :meth:`Case.timers` for any case of the workflow.

    >>> config = TimerConfig(Workflow.builtin("five-step"), calendars={"business": office},
    ...                      targets={"first_response": 30 * 60})

    It keeps its workflow and calendars alive.
    """

    __slots__ = ("_handle", "_workflow", "_calendars", "_targets")

    @c_doc("svcr_timer_config_new")
    def __init__(
        self,
        workflow: Workflow,
        calendars: Optional[Mapping[str, Calendar]] = None,
        targets: Optional[Mapping[str, Union[int, _dt.timedelta]]] = None,
    ) -> None:
        """A configuration for ``workflow``: every target as the workflow says and no calendar
        bound (timers counting in "24x7" need none), then ``calendars`` bound and ``targets`` set."""
        if not isinstance(workflow, Workflow):
            raise TypeError(f"expected a Workflow, got {type(workflow).__name__}")
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

    @c_doc("svcr_timer_config_bind_calendar")
    def bind_calendar(self, name: str, calendar: Calendar) -> "TimerConfig":
        """Bind a calendar to a name the workflow's timers count in, e.g. "business" (raises
        :class:`NotFound` if no timer uses the name). Returns the configuration."""
        if not isinstance(calendar, Calendar):
            raise TypeError(f"expected a Calendar, got {type(calendar).__name__}")
        _c.svcr_timer_config_bind_calendar(self._handle, name, calendar._handle)
        self._calendars[name] = calendar  # the configuration points at it
        return self

    @c_doc("svcr_timer_config_set_target")
    def set_target(self, timer: str, seconds: Union[int, _dt.timedelta]) -> "TimerConfig":
        """Replace a timer's target (seconds or a timedelta, counted in its calendar). Returns the
        configuration."""
        seconds = _seconds(seconds)
        _c.svcr_timer_config_set_target(self._handle, timer, seconds)
        self._targets[timer] = seconds
        return self

    def __repr__(self) -> str:
        return (f"<TimerConfig for {self._workflow.name!r}: calendars {sorted(self._calendars)}, "
                f"targets {self._targets}>")
