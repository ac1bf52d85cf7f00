"""The agenda: deadlines over many cases, answering "what is due next" and "what is overdue"."""

from __future__ import annotations

import datetime as _dt
from typing import Any, Iterable, Iterator, NamedTuple, Optional, Tuple, TypeVar, Union

from . import _svcrecover as _c
from ._errors import Error, NotFoundError
from ._resource import Resource
from ._time import Time

__all__ = ["Agenda", "AgendaEntry"]

# The latest instant: walking to it lists every entry (but one due exactly then).
_END_OF_TIME = 2**63 - 1


class AgendaEntry(NamedTuple):
    """A deadline: timer ``timer`` of case ``case_id`` is due at ``due_at`` (aware UTC datetime)."""

    case_id: str
    timer: str
    due_at: _dt.datetime


def _entry(values: Tuple[str, str, _dt.datetime]) -> AgendaEntry:
    return tuple.__new__(AgendaEntry, values)


D = TypeVar("D")


class Agenda(Resource):
    """A set of deadlines keyed by (case id, timer name), ordered by due time.

    Args:
        entries: (case_id, timer, due_at) triples or :class:`AgendaEntry` items to start with.

    >>> agenda = Agenda()
    >>> agenda.add("C-1042", "resolution", datetime(2026, 11, 24, 17, 0, tzinfo=timezone.utc))
    >>> agenda.add("C-1043", "first_response", datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc))
    >>> agenda.next().case_id
    'C-1043'
    >>> [e.case_id for e in agenda.due_before(datetime(2026, 11, 25, tzinfo=timezone.utc))]
    ['C-1043', 'C-1042']

    A key has at most one entry: adding an existing key moves it. Adding, moving and removing take
    O(log n); :meth:`next` is O(1). Iterating gives :class:`AgendaEntry` items earliest first (entries
    due in the same second in an unspecified but repeatable order); changing the agenda while
    iterating over it raises :class:`StateError` at the next step. It takes plain strings and
    times, so it needs no cases. Agendas with the same entries compare equal; they pickle and
    copy (a copy is independent). A context manager: leaving the ``with`` block frees it.

    Raises (every method): :class:`TypeError` for an argument of the wrong type,
    :class:`InvalidArgumentError` for an empty name or a time outside years 1-9999,
    :class:`LimitError` when the agenda is full.
    """

    __slots__ = ("_handle", "__weakref__")

    def __init__(self, entries: Iterable[Tuple[str, str, Time]] = ()) -> None:
        self._handle = _c.svcr_agenda_new()
        for case_id, timer, due_at in entries:
            _c.svcr_agenda_add(self._handle, case_id, timer, due_at)

    def add(self, case_id: str, timer: str, due_at: Time) -> None:
        """Add a deadline, or move it if the (case_id, timer) key is already on the agenda."""
        _c.svcr_agenda_add(self._handle, case_id, timer, due_at)

    def move(self, case_id: str, timer: str, due_at: Time) -> None:
        """Move an existing deadline; raises :class:`NotFoundError` (adding nothing) if it is not
        there."""
        _c.svcr_agenda_move(self._handle, case_id, timer, due_at)

    def remove(self, case_id: str, timer: str) -> None:
        """Remove a deadline; raises :class:`NotFoundError` if it is not there."""
        _c.svcr_agenda_remove(self._handle, case_id, timer)

    def remove_case(self, case_id: str) -> int:
        """Remove every deadline of a case (e.g. when it closes); returns how many there were."""
        return _c.svcr_agenda_remove_case(self._handle, case_id)

    def get(self, case_id: str, timer: str, default: Optional[D] = None) -> Union[_dt.datetime, D, None]:
        """When the deadline (case_id, timer) is due, or ``default`` if it is not on the agenda."""
        try:
            due: _dt.datetime = _c.svcr_agenda_find(self._handle, case_id, timer)
            return due
        except NotFoundError:
            return default

    def __contains__(self, key: object) -> bool:
        """``("C-1042", "resolution") in agenda``."""
        if not (isinstance(key, tuple) and len(key) == 2 and all(isinstance(k, str) for k in key)):
            return False
        return self.get(key[0], key[1]) is not None

    def next(self) -> Optional[AgendaEntry]:
        """The entry due first, or None when the agenda is empty."""
        if _c.svcr_agenda_count(self._handle) == 0:
            return None
        return _entry(_c.svcr_agenda_next(self._handle))

    def due_before(self, before: Time) -> Iterator[AgendaEntry]:
        """The entries due strictly before ``before``, earliest first (``now + 1`` for everything
        due up to ``now``). Raises :class:`StateError` if the agenda changes during the walk;
        iterate over ``list(agenda.due_before(t))`` to change it as you go."""
        cursor = _c.svcr_agenda_cursor_new(self._handle, before)
        _c._depend(cursor, self._handle)  # the agenda must outlive its cursor
        return self._walk(cursor)

    @staticmethod
    def _walk(cursor: object) -> Iterator[AgendaEntry]:
        step = _c._agenda_cursor_next
        values = step(cursor)
        while values is not None:
            yield _entry(values)
            values = step(cursor)

    def count_overdue(self, at: Time) -> int:
        """How many entries are overdue at ``at``: due strictly before it."""
        return _c.svcr_agenda_count_overdue(self._handle, at)

    def reserve(self, entries: int) -> None:
        """Make room for ``entries`` entries in all (optional: the agenda grows as needed)."""
        _c.svcr_agenda_reserve(self._handle, entries)

    def __len__(self) -> int:
        return _c.svcr_agenda_count(self._handle)

    def __iter__(self) -> Iterator[AgendaEntry]:
        """Every entry, earliest first (an entry due at the very last instant, 2**63 - 1, is left out)."""
        return self.due_before(_END_OF_TIME)

    def __repr__(self) -> str:
        try:
            first = self.next()
        except Error:
            return "<Agenda (closed)>"
        if first is None:
            return "<Agenda: empty>"
        return f"<Agenda: {len(self)} entries, next {first.case_id!r}/{first.timer!r} due at {first.due_at}>"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Agenda):
            return NotImplemented
        return sorted(self) == sorted(other)

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __reduce__(self) -> Any:
        return (Agenda, (list(self),))

    def __copy__(self) -> Agenda:
        return Agenda(list(self))

    def __deepcopy__(self, memo: dict) -> Agenda:
        return Agenda(list(self))
