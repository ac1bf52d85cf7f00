"""Recovery cases: state, typed facts, the event log, timers, JSON round trips."""

from __future__ import annotations

import datetime as _dt
import enum
import json
from typing import TYPE_CHECKING, Any, Dict, Iterator, List, MutableMapping, NamedTuple, Optional, Sequence, Tuple, Union, overload

from . import _svcrecover as _c
from ._errors import Error, GuardError, InvalidArgumentError, NotFoundError, PermissionDeniedError, StateError
from ._money import Money
from ._resource import Resource
from ._time import Time, datetime_of
from ._workflow import State, TimerConfig, Workflow

if TYPE_CHECKING:
    from ._guarantee import Guarantee
    from ._limits import Limits
    from ._taxonomy import Taxonomy

__all__ = ["Case", "Facts", "CaseLog", "LogEntry", "TimerStatus", "TimerState", "FactValue"]

#: The value of a case fact: str, int, bool or Money, as the workflow declares it.
FactValue = Union[str, int, bool, Money]

# Bound once: the apply path is the hot one (benchmarked in tests/bench/bench_python_case.py).
_apply = _c.svcr_case_apply
_apply_as = _c.svcr_case_apply_as


class LogEntry(NamedTuple):
    """One entry of a case's event log: ``event`` moved the case from ``from_state`` to
    ``to_state`` at ``at`` (an aware UTC datetime), fired by ``role``, with an optional ``note``;
    ``actor`` is the person who fired it (None when not recorded)."""

    sequence: int
    event: str
    from_state: str
    to_state: str
    at: _dt.datetime
    role: str
    note: Optional[str]
    actor: Optional[str] = None


class TimerState(enum.Enum):
    """Where a timer stands in its cycle."""

    NOT_STARTED = "not-started"  #: its start trigger has not happened yet
    RUNNING = "running"  #: counting (in its calendar's open hours)
    PAUSED = "paused"  #: the case is in one of the timer's pausing states
    STOPPED = "stopped"  #: its stop trigger happened: met or breached


_TIMER_STATES = {s.value: s for s in TimerState}


class TimerStatus(NamedTuple):
    """Where a timer stands for a case at one time, computed from the case's log.

    ``state`` is a :class:`TimerState`. Durations are :class:`~datetime.timedelta` counted in the
    timer's calendar for the current cycle (since the timer last started): ``elapsed``, and
    ``remaining`` (``target - elapsed``; negative when overdue, by that much). ``due_at`` is when
    the target is reached if it keeps running; ``breached`` once the cycle went past its target,
    at ``breached_at``; ``met`` when it stopped within its target. Times are aware UTC datetimes,
    None when they do not apply.
    """

    name: str
    state: TimerState
    target: _dt.timedelta
    started_at: Optional[_dt.datetime]
    elapsed: _dt.timedelta
    remaining: _dt.timedelta
    due_at: Optional[_dt.datetime]
    breached: bool
    breached_at: Optional[_dt.datetime]
    met: bool
    stopped_at: Optional[_dt.datetime]


def _timer_status(values: tuple) -> TimerStatus:
    return TimerStatus(values[0], _TIMER_STATES[values[1]], *values[2:])


_FACT_TYPES = {"string": str, "integer": int, "boolean": bool, "money": Money}


class Facts(MutableMapping[str, FactValue]):
    """The facts of a case as a mapping: ``case.facts["expectation"] = "parcel on Monday"``.

    Values are typed by the workflow's declaration: str, int, bool or :class:`Money`. Iteration
    gives the names of the facts that are set, in the workflow's order.

    Raises:
        KeyError: reading or deleting a fact that is not set.
        NotFoundError: setting a fact the workflow does not declare.
        TypeError: a value of another type than the declaration's.
    """

    __slots__ = ("_case",)

    def __init__(self, case: Case) -> None:
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
        try:
            if isinstance(value, str):
                _c.svcr_case_set_fact_string(handle, name, value)
            elif isinstance(value, bool):
                _c.svcr_case_set_fact_boolean(handle, name, value)
            elif isinstance(value, int):
                _c.svcr_case_set_fact_integer(handle, name, value)
            elif isinstance(value, Money):
                _c.svcr_case_set_fact_money(handle, name, value)
            else:
                raise TypeError(f"a fact is str, int, bool or Money, not {type(value).__name__}")
        except InvalidArgumentError:
            kind = self._case._workflow.fact_type(name)
            expected = _FACT_TYPES.get(kind or "")
            if expected is not None and not (isinstance(value, expected) and (expected is bool) == isinstance(value, bool)):
                raise TypeError(f'fact "{name}" is declared {kind}: expected {expected.__name__}, '
                                f"not {type(value).__name__}") from None
            raise

    def __delitem__(self, name: str) -> None:
        if name not in self:
            raise KeyError(name)
        _c.svcr_case_unset_fact(self._case._handle, name)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and bool(_c.svcr_case_has_fact(self._case._handle, name))

    def pop(self, key: str, *default: Any) -> Any:
        """Remove ``key`` and return its value, or ``default`` if given and ``key`` is not set
        (else raise KeyError)."""
        if key in self:
            value = self[key]
            del self[key]
            return value
        if default:
            return default[0]
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        handle = self._case._handle
        return iter([f.name for f in self._case._workflow.facts if _c.svcr_case_has_fact(handle, f.name)])

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __repr__(self) -> str:
        return f"Facts({dict(self)!r})"


class CaseLog(Sequence[LogEntry]):
    """A case's append-only event log: a read-only sequence of :class:`LogEntry`, oldest first
    (``len``, indexing, slicing, iteration, ``in``, ``index`` and ``count``)."""

    __slots__ = ("_case",)

    def __init__(self, case: Case) -> None:
        self._case = case

    def __len__(self) -> int:
        return _c.svcr_case_log_count(self._case._handle)

    @overload
    def __getitem__(self, index: int) -> LogEntry: ...

    @overload
    def __getitem__(self, index: slice) -> List[LogEntry]: ...

    def __getitem__(self, index: Union[int, slice]) -> Union[LogEntry, List[LogEntry]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if not isinstance(index, int):
            raise TypeError(f"log indices must be integers or slices, not {type(index).__name__}")
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

    def __eq__(self, other: object) -> bool:
        if isinstance(other, CaseLog):
            return list(self) == list(other)
        if isinstance(other, (list, tuple)):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<CaseLog of {self._case.id!r}: {len(self)} entries>"


def _case_from_json(workflow: Workflow, text: str) -> Case:
    """Unpickle a case."""
    return Case.from_json(workflow, text)


class Case(Resource):
    """One recovery case bound to a workflow.

    Args:
        workflow: the :class:`Workflow` the case follows.
        id: the case's identifier in the host, e.g. "C-1042" (non-empty).
        opened_at: when the case was opened: an aware datetime or int seconds since the epoch.

    Raises:
        TypeError: ``workflow`` is not a Workflow, ``id`` not a str, ``opened_at`` not a time.
        InvalidArgumentError: an empty ``id``, a naive datetime, a time outside years 1-9999.

    >>> from datetime import datetime, timezone
    >>> wf = Workflow.builtin("five-step")
    >>> case = Case(wf, "C-1", opened_at=datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc))
    >>> case.facts["expectation"] = "parcel delivered on Monday"
    >>> case.apply("identified", role="agent", at=datetime(2026, 11, 23, 9, 5, tzinfo=timezone.utc))
    >>> case.state
    'apologize'

    Cases compare equal when they follow equal workflows and have the same id, facts and history;
    they pickle and copy (a copy is an independent case). A case keeps its workflow alive. As a
    context manager, leaving the ``with`` block frees it (using it afterwards raises
    :class:`StateError`). A case is used by one thread at a time.
    """

    __slots__ = ("_handle", "_workflow", "_limits", "_taxonomy", "__weakref__")

    def __init__(self, workflow: Workflow, id: str, opened_at: Time) -> None:
        if not isinstance(workflow, Workflow):
            raise TypeError(f"workflow must be a Workflow, not {type(workflow).__name__}")
        self._handle = _c.svcr_case_new(workflow._handle, id, opened_at)
        _c._depend(self._handle, workflow._handle)
        self._workflow = workflow
        self._limits: Optional[Limits] = None
        self._taxonomy: Optional[Taxonomy] = None

    @classmethod
    def _from_handle(cls, handle: object, workflow: Workflow) -> Case:
        self = object.__new__(cls)
        _c._depend(handle, workflow._handle)
        self._handle = handle
        self._workflow = workflow
        self._limits = None
        self._taxonomy = None
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
    def state_info(self) -> State:
        """The current state with its kind, guidance and due time."""
        return State(*_c.svcr_case_state_info(self._handle))

    @property
    def opened_at(self) -> _dt.datetime:
        """When the case was opened (aware UTC datetime)."""
        return datetime_of(_c.svcr_case_opened_at(self._handle))

    @property
    def state_since(self) -> _dt.datetime:
        """When the case entered its current state (aware UTC datetime)."""
        return datetime_of(_c.svcr_case_state_since(self._handle))

    @property
    def last_at(self) -> _dt.datetime:
        """The time of the last event (the opening before any): the earliest time the next event
        may have."""
        return datetime_of(_c.svcr_case_last_at(self._handle))

    @property
    def facts(self) -> Facts:
        """The case's facts as a mutable mapping (see :class:`Facts`)."""
        return Facts(self)

    @property
    def log(self) -> CaseLog:
        """The event log, a sequence of :class:`LogEntry`, oldest first."""
        return CaseLog(self)

    # -- what may happen next -----------------------------------------------------------------

    def apply(self, event: str, role: str, at: Time, note: Optional[str] = None, actor: Optional[str] = None) -> None:
        """Fire ``event`` as ``role`` at time ``at``, with an optional ``note`` for the log; the
        log records ``actor``, the person acting (e.g. "ann"), beside the role.

        Args:
            event: an event of the workflow, e.g. "identified".
            role: the acting role, e.g. "agent".
            at: an aware datetime or int seconds; not before the case's last event.
            note: free text kept in the log entry, or None.
            actor: the person acting (a non-empty str), or None for none.

        Raises:
            StateError: the current state does not allow ``event`` (``.allowed`` lists those it
                allows, ``.state`` names the state).
            GuardError: facts the transition needs are not set (``.fact``, ``.facts``).
            PermissionDeniedError: ``role`` may not fire ``event``; or spending limits are in
                force and the event would commit a money fact above ``role``'s limit with no
                approval covering it (``.fact``, ``.amount``, ``.limit`` and ``.approver_role``,
                the lowest role that may approve it; the message names them too).
            CurrencyMismatchError: a limited fact in another currency than its limits.
            InvalidArgumentError: ``at`` is before the last event, a naive datetime, or an
                empty ``actor``.
            TypeError: an argument of the wrong type.

        On failure nothing changes.
        """
        try:
            if actor is None:
                _apply(self._handle, event, role, at, note)
            else:
                _apply_as(self._handle, event, role, actor, at, note)
        except GuardError as error:
            self._explain_guard(error, event)
            raise
        except StateError as error:
            self._explain_state(error)
            raise
        except PermissionDeniedError as error:
            self._explain_limit(error, role)
            raise

    def _explain_limit(self, error: PermissionDeniedError, role: str) -> None:
        limits = self.limits
        if limits is None:
            return
        facts = self.facts
        for fact in self._workflow.facts:
            if fact.type != "money" or fact.name not in facts:
                continue
            try:
                limit = limits.role_limit(fact.name, role)
                amount = facts[fact.name]
                if limit is None or not isinstance(amount, Money) or not amount > limit:
                    continue
                error.fact, error.amount, error.limit = fact.name, amount, limit
                error.approver_role = limits.lowest_role(fact.name, amount)
            except Error:
                continue
            return

    def _explain_guard(self, error: GuardError, event: str) -> None:
        try:
            required = self._workflow.transition(self.state, event).required_facts
        except Error:
            return
        facts = self.facts
        missing = tuple(f for f in required if f not in facts)
        error.event = event
        error.facts = missing
        error.fact = missing[0] if missing else None

    def _explain_state(self, error: StateError) -> None:
        try:
            error.state = self.state
            error.allowed = tuple(self.allowed_events())
        except Error:  # the case itself is closed
            pass

    def check(self, event: str, role: str, at: Time) -> None:
        """Raise what :meth:`apply` would raise for the same arguments, changing nothing; return
        None when it would succeed."""
        try:
            _c.svcr_case_check(self._handle, event, role, at)
        except GuardError as error:
            self._explain_guard(error, event)
            raise
        except StateError as error:
            self._explain_state(error)
            raise

    def can_apply(self, event: str, role: str, at: Time) -> bool:
        """Whether :meth:`apply` would succeed now (:meth:`check` says why not)."""
        try:
            _c.svcr_case_check(self._handle, event, role, at)
        except Error:
            return False
        return True

    def allowed_events(self, role: Optional[str] = None) -> List[str]:
        """The events the current state allows, in the workflow's order; with ``role``, only
        those that role may fire."""
        return list(_c.svcr_case_allowed_events(self._handle, role))

    # -- who does it: actors, assignment, approvals, limits, taxonomy -----------------------

    @property
    def assignee(self) -> Optional[str]:
        """The person the case is assigned to, or None (see :meth:`assign`)."""
        return _c.svcr_case_assignee(self._handle)

    def assign(self, assignee: Optional[str], role: str, at: Time, actor: Optional[str] = None) -> None:
        """Assign the case to ``assignee`` (None unassigns it), by ``actor`` acting as ``role``
        at ``at``. The assignment is kept in the history (and the JSON).

        Raises:
            PermissionDeniedError: the workflow has no role ``role``.
            InvalidArgumentError: an empty ``assignee`` or ``actor``, ``at`` before the last event.
        """
        _c.svcr_case_assign(self._handle, assignee, role, actor, at)

    def approve(self, fact: str, amount: Money, role: str, approver: str, at: Time) -> None:
        """Record ``approver``'s approval, as ``role``, of up to ``amount`` for money fact
        ``fact``: an event by a role with a lower limit may then commit an amount up to it.

        >>> case.approve("compensation", Money.parse("198.00 EUR"), role="manager",
        ...              approver="mia", at=at)  # doctest: +SKIP

        Raises:
            PermissionDeniedError: ``role``'s own limit is below ``amount`` (the message names the
                lowest role that may approve it), or the workflow has no such role.
            NotFoundError: the limits in force do not cover ``fact``.
            CurrencyMismatchError: ``amount`` is in another currency than the limits.
            InvalidArgumentError: an amount that is not positive, an empty ``approver``.
        """
        if not isinstance(amount, Money):
            raise TypeError(f"amount must be Money, not {type(amount).__name__}")
        try:
            _c.svcr_case_approve(self._handle, fact, amount, role, approver, at)
        except PermissionDeniedError as error:
            limits = self.limits
            if limits is not None:
                try:
                    error.fact, error.amount = fact, amount
                    error.limit = limits.role_limit(fact, role)
                    error.approver_role = limits.lowest_role(fact, amount)
                except Error:
                    pass
            raise

    def change_fact(self, name: str, value: Optional[FactValue], role: str, at: Time,
                    actor: Optional[str] = None) -> None:
        """Set fact ``name`` to ``value`` (None clears it), recording when, in which role and by
        whom. Unlike ``case.facts[name] = value``, the change is in the history. When a taxonomy
        is bound and ``name`` is its root-cause fact, ``value`` may be a code, a name or an alias,
        and the code is stored.

        Raises:
            GuardError: a root cause that resolves to no code of the taxonomy in force
                (``.closest`` lists the closest codes; the message names them too), or a fact
                that holds codes while no taxonomy is bound.
            NotFoundError: the workflow declares no fact ``name``.
            PermissionDeniedError: the workflow has no role ``role``.
            TypeError: ``value`` is not of the fact's declared type.
            InvalidArgumentError: ``at`` before the last event, an empty ``actor``.
        """
        kind = self._workflow.fact_type(name)
        text: Optional[str]
        if value is None:
            text = None
        elif kind is not None:
            expected = _FACT_TYPES[kind]
            if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
                raise TypeError(f'fact "{name}" is declared {kind}: expected {expected.__name__}, '
                                f"not {type(value).__name__}")
            text = ("true" if value else "false") if isinstance(value, bool) else str(value)
        else:
            text = str(value)
        try:
            _c.svcr_case_change_fact(self._handle, name, text, role, actor, at)
        except GuardError as error:
            error.fact = name
            error.facts = (name,)
            taxonomy = self._taxonomy
            if taxonomy is not None and "closest: " in error.message:
                tail = error.message.split("closest: ", 1)[1]
                # The message lists "code (name)" best first; keep the taxonomy's codes in that order.
                found = [(tail.find(f"{n.code} ({n.name})"), n.code) for n in taxonomy]
                error.closest = tuple(code for position, code in sorted(found) if position >= 0)
            raise

    @property
    def limits(self) -> Optional[Limits]:
        """The spending limits in force: those bound with :meth:`bind_limits`, else the
        workflow's (None when neither)."""
        if self._limits is not None:
            return self._limits
        return self._workflow.limits

    def bind_limits(self, limits: Optional[Limits]) -> None:
        """Put ``limits`` in force in place of the workflow's (None goes back to the workflow's).
        Bindings are not in the JSON: a copy keeps them, a case read back with
        :meth:`from_json` needs binding again.

        Raises:
            InvalidArgumentError: limits made for another workflow.
        """
        from ._limits import Limits

        if limits is not None and not isinstance(limits, Limits):
            raise TypeError(f"limits must be Limits or None, not {type(limits).__name__}")
        _c.svcr_case_bind_limits(self._handle, None if limits is None else limits._handle)
        self._limits = limits

    @property
    def taxonomy(self) -> Optional[Taxonomy]:
        """The root-cause taxonomy bound with :meth:`bind_taxonomy`, or None."""
        return self._taxonomy

    def bind_taxonomy(self, taxonomy: Optional[Taxonomy]) -> None:
        """Put a root-cause taxonomy in force (None for none): from then on the root-cause fact
        must resolve to one of its codes. Not in the JSON, as for :meth:`bind_limits`."""
        from ._taxonomy import Taxonomy

        if taxonomy is not None and not isinstance(taxonomy, Taxonomy):
            raise TypeError(f"taxonomy must be a Taxonomy or None, not {type(taxonomy).__name__}")
        _c.svcr_case_bind_taxonomy(self._handle, None if taxonomy is None else taxonomy._handle)
        self._taxonomy = taxonomy

    # -- notifications and guarantees ---------------------------------------------------------

    def notify_transition(self, index: int = -1) -> Dict[str, Any]:
        """A notification record (a dict, as JSON would give it) for log entry ``index`` (the
        last by default), for the host's outbox. Its ``"key"`` is the same for the same change,
        so a receiver can drop duplicates.

        Raises:
            IndexError: no such log entry.
        """
        n = len(self.log)
        if isinstance(index, int) and not isinstance(index, bool) and index < 0:
            index += n
        if not isinstance(index, int) or isinstance(index, bool):
            raise TypeError(f"index must be an int, not {type(index).__name__}")
        if not 0 <= index < n:
            raise IndexError("log index out of range")
        return dict(json.loads(_c.svcr_case_notify_transition(self._handle, index)))

    def notify_breach(self, timer: str, at: Time, config: Optional[TimerConfig] = None) -> Dict[str, Any]:
        """A notification record for timer ``timer``'s breach as of ``at``.

        Raises:
            StateError: the timer has not breached at ``at`` (nothing to notify).
            NotFoundError: no such timer (see :meth:`timer`).
        """
        return dict(json.loads(_c.svcr_case_notify_breach(self._handle, self._config_handle(config), timer, at)))

    def notify_owner(self, role: str, at: Time, actor: Optional[str] = None) -> Dict[str, Any]:
        """A notification record for the owner (team, contact) of the case's classified root
        cause. When the workflow declares "owner_notified" it is set to True, so a guard can
        require it; store the record together with the case.

        Raises:
            NotFoundError: no taxonomy is bound, or the root cause is not set.
            StateError: the cause's code has no owner.
            PermissionDeniedError: the workflow has no role ``role``.
        """
        return dict(json.loads(_c.svcr_case_notify_owner(self._handle, role, actor, at)))

    def notify_approval_request(self, fact: str, role: str, at: Time, actor: Optional[str] = None) -> Dict[str, Any]:
        """A notification record asking for an approval of money fact ``fact``, which is above
        ``role``'s limit; ``"approver_role"`` names the lowest role that may approve it.

        Raises:
            StateError: ``role``'s limit covers the amount (no approval needed).
            NotFoundError: no limits cover ``fact``, or it is not set.
            PermissionDeniedError: an unknown role, or no role may approve the amount.
        """
        return dict(json.loads(_c.svcr_case_notify_approval_request(self._handle, fact, role, actor, at)))

    def invoke_guarantee(self, guarantee: Union[Guarantee, str], role: str, at: Time,
                         payout: Optional[Money] = None, fact: str = "compensation",
                         actor: Optional[str] = None) -> None:
        """Invoke a service guarantee: set money fact ``fact`` to its payout and fire
        "guarantee_invoked" with its promise as the log note. ``guarantee`` is a
        :class:`Guarantee` (its promise and payout), or a promise (str) with ``payout``. The
        payout goes through the spending limits in force, as any compensation.

        Raises:
            PermissionDeniedError: the payout is above ``role``'s limit without an approval.
            StateError: the state does not allow "guarantee_invoked".
            InvalidArgumentError: a negative payout.

        On failure nothing changes.
        """
        from ._guarantee import Guarantee

        if isinstance(guarantee, Guarantee):
            promise, amount = guarantee.promise, guarantee.payout if payout is None else payout
        elif isinstance(guarantee, str):
            if payout is None:
                raise TypeError("payout is required with a promise given as str")
            promise, amount = guarantee, payout
        else:
            raise TypeError(f"guarantee must be a Guarantee or a str, not {type(guarantee).__name__}")
        if not isinstance(amount, Money):
            raise TypeError(f"payout must be Money, not {type(amount).__name__}")
        try:
            _c.svcr_case_invoke_guarantee(self._handle, promise, amount, fact, role, actor, at)
        except StateError as error:
            self._explain_state(error)
            raise
        except PermissionDeniedError as error:
            limits = self.limits
            if limits is not None:
                try:
                    error.fact, error.amount = fact, amount
                    error.limit = limits.role_limit(fact, role)
                    error.approver_role = limits.lowest_role(fact, amount)
                except Error:
                    pass
            raise

    # -- timers -------------------------------------------------------------------------------

    def _config_handle(self, config: Optional[TimerConfig]) -> object:
        if config is None:
            return None
        if not isinstance(config, TimerConfig):
            raise TypeError(f"config must be a TimerConfig or None, not {type(config).__name__}")
        if config.workflow is not self._workflow and config.workflow == self._workflow:
            # Equal definitions, but the configuration points into another compiled copy.
            raise InvalidArgumentError(f'config was made for another Workflow object than case "{self.id}" '
                                       f"follows: make it with TimerConfig(case.workflow)")
        return config._handle

    def timer(self, name: str, at: Time, config: Optional[TimerConfig] = None) -> TimerStatus:
        """Where the timer ``name`` stands at ``at`` (not before the opening).

        Timers counting in "24x7" need no configuration; those counting in "business" (the
        built-in workflows') use the default business calendar, Monday to Friday 09:00-17:00
        UTC, unless ``config`` binds another. ``config`` also overrides targets.

        Raises:
            NotFoundError: no such timer, or it counts in a calendar ``config`` does not bind.
            InvalidArgumentError: ``at`` is before the opening, or ``config`` is another
                workflow's.
        """
        return _timer_status(_c.svcr_case_timer(self._handle, self._config_handle(config), name, at))

    def timers(self, at: Time, config: Optional[TimerConfig] = None) -> List[TimerStatus]:
        """Every timer of the workflow at ``at``, in the workflow's order (see :meth:`timer`)."""
        handle, c_config = self._handle, self._config_handle(config)
        return [_timer_status(_c.svcr_case_timer(handle, c_config, t.name, at)) for t in self._workflow.timers]

    # -- history, JSON, copies ----------------------------------------------------------------

    def to_json(self) -> str:
        """The case with its full history as compact JSON; :meth:`from_json` reads it back into
        an equal case."""
        return _c.svcr_case_encode(self._handle)

    @classmethod
    def from_json(cls, workflow: Workflow, text: Union[str, bytes]) -> Case:
        """Decode a case written by :meth:`to_json`, checking its history against ``workflow``.

        Raises:
            ParseError: malformed JSON or a history the workflow does not allow (``.line``,
                ``.column`` locate it).
            TypeError: ``workflow`` is not a Workflow or ``text`` not str/bytes.
        """
        if not isinstance(workflow, Workflow):
            raise TypeError(f"workflow must be a Workflow, not {type(workflow).__name__}")
        return cls._from_handle(_c.svcr_case_decode(workflow._handle, text), workflow)

    def replay(self, workflow: Optional[Workflow] = None) -> Case:
        """A new case rebuilt by replaying this one's history on ``workflow`` (default: its own).

        Raises the errors of :meth:`apply` for the first event ``workflow`` does not allow."""
        target = self._workflow if workflow is None else workflow
        if not isinstance(target, Workflow):
            raise TypeError(f"workflow must be a Workflow or None, not {type(target).__name__}")
        return Case._from_handle(_c.svcr_case_replay(self._handle, target._handle), target)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Case):
            return NotImplemented
        return self._workflow == other._workflow and self.to_json() == other.to_json()

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __reduce__(self) -> Any:
        return (_case_from_json, (self._workflow, self.to_json()))

    def __copy__(self) -> Case:
        copy = Case.from_json(self._workflow, self.to_json())
        if self._limits is not None:
            copy.bind_limits(self._limits)
        if self._taxonomy is not None:
            copy.bind_taxonomy(self._taxonomy)
        return copy

    def __deepcopy__(self, memo: dict) -> Case:
        return self.__copy__()  # the workflow is immutable: sharing it is safe

    def __repr__(self) -> str:
        try:
            return f"<Case {self.id!r} ({self._workflow.name}) state={self.state!r} events={len(self.log)}>"
        except (Error, AttributeError):  # closed, or never opened
            return "<Case (closed)>"
