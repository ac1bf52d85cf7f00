"""Business calendars: opening hours, holidays, closures, UTC offsets; business-time arithmetic."""

from __future__ import annotations

import datetime as _dt
from typing import Any, List, Optional, Tuple, Union

from . import _svcrecover as _c
from ._errors import InvalidArgumentError
from ._resource import Resource
from ._time import Duration, Time, TimeOfDay, datetime_of, duration_seconds, seconds_of, timedelta_of

__all__ = ["Calendar", "CalendarBuilder"]

_WEEKDAYS = {"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7}

# How a calendar was made, so that it pickles and compares: ("json", text), ("always_open",),
# ("builder", name, ((method, args), ...)).
_Recipe = Tuple[Any, ...]


def _seconds_of_day(value: TimeOfDay) -> int:
    if isinstance(value, _dt.time):
        return value.hour * 3600 + value.minute * 60 + value.second
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise TypeError(f"a time of day is a datetime.time or int seconds after midnight, not {type(value).__name__}")


def _weekday(value: Union[int, str]) -> int:
    if isinstance(value, str):
        key = value.lower()
        for name, number in _WEEKDAYS.items():
            if key in (name, name[:3]):
                return number
        raise InvalidArgumentError(f'unknown weekday "{value}": expected "monday" ... "sunday" or "mon" ... "sun"')
    if isinstance(value, int) and not isinstance(value, bool):
        return value  # the library rejects numbers out of range
    raise TypeError(f"a weekday is 1 (Monday) to 7 or a name, not {type(value).__name__}")


def _date(value: object) -> _dt.date:
    if not isinstance(value, _dt.date) or isinstance(value, _dt.datetime):
        raise TypeError(f"date must be a datetime.date, not {type(value).__name__}")
    return value


class Calendar:
    """An immutable business calendar, shareable between threads.

    Make one with :meth:`from_json`, :meth:`always_open`, :meth:`business` or a
    :class:`CalendarBuilder`. Times in are aware datetimes or int seconds since the epoch;
    times out are aware UTC datetimes, durations timedeltas. Calendars made the same way compare
    equal; they pickle and copy.
    """

    __slots__ = ("_handle", "_recipe")

    def __init__(self) -> None:
        raise TypeError("use Calendar.from_json(), Calendar.always_open(), Calendar.business() or CalendarBuilder")

    @classmethod
    def _from_handle(cls, handle: object, recipe: _Recipe) -> Calendar:
        self = object.__new__(cls)
        self._handle = handle
        self._recipe = recipe
        return self

    @classmethod
    def from_json(cls, text: Union[str, bytes]) -> Calendar:
        """A calendar from its JSON definition, e.g.
        ``{"name": "office", "hours": {"mon-fri": ["09:00-17:00"]}}``.

        Raises:
            ParseError: malformed JSON or an invalid definition (``.line``, ``.column``).
        """
        return cls._from_handle(_c.svcr_calendar_parse(text), ("json", text))

    @classmethod
    def always_open(cls) -> Calendar:
        """The calendar that is always open ("24x7"): business time equals elapsed time."""
        return cls._from_handle(_c.svcr_calendar_new_24x7(), ("always_open",))

    @classmethod
    def business(cls) -> Calendar:
        """The default business calendar: Monday to Friday, 09:00-17:00 UTC, no holidays.

        Timers counting in "business" (those of the built-in workflows) use it unless a
        :class:`TimerConfig` binds another calendar to that name."""
        builder = CalendarBuilder("business")
        for day in range(1, 6):
            builder.add_hours(day, 9 * 3600, 17 * 3600)
        return builder.build()

    @property
    def name(self) -> str:
        """The calendar's name ("" if none)."""
        return _c.svcr_calendar_name(self._handle)

    def add(self, start: Time, duration: Duration) -> _dt.datetime:
        """The instant ``duration`` of business time after ``start`` (before it, if negative).

        Raises:
            InvalidArgumentError: a time outside years 1-9999.
            LimitError: the result lies beyond the calendar's range.
        """
        return datetime_of(_c.svcr_calendar_add(self._handle, start, duration_seconds(duration)))

    def between(self, start: Time, end: Time) -> _dt.timedelta:
        """The business time from ``start`` to ``end`` (negative when ``end`` is earlier)."""
        return timedelta_of(_c.svcr_calendar_between(self._handle, start, end))

    def is_open(self, at: Time) -> bool:
        """Whether the calendar is open at ``at``."""
        return bool(_c.svcr_calendar_is_open(self._handle, at))

    def next_open(self, at: Time) -> _dt.datetime:
        """``at`` itself when open, else the next opening instant."""
        return datetime_of(_c.svcr_calendar_next_open(self._handle, at))

    def utc_offset(self, at: Time) -> _dt.timedelta:
        """The UTC offset in force at ``at`` (local time = UTC + offset)."""
        return timedelta_of(_c.svcr_calendar_utc_offset(self._handle, at))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Calendar):
            return NotImplemented
        return self._recipe == other._recipe

    def __hash__(self) -> int:
        return hash(self._recipe)

    def __reduce__(self) -> Any:
        return (_calendar_from_recipe, (self._recipe,))

    def __copy__(self) -> Calendar:
        return self  # immutable

    def __deepcopy__(self, memo: dict) -> Calendar:
        return self

    def __repr__(self) -> str:
        return f"<Calendar {self.name!r}>"


def _calendar_from_recipe(recipe: _Recipe) -> Calendar:
    """Unpickle a calendar: make it again the way it was made."""
    if recipe[0] == "json":
        return Calendar.from_json(recipe[1])
    if recipe[0] == "always_open":
        return Calendar.always_open()
    builder = CalendarBuilder(recipe[1])
    for method, args in recipe[2]:
        getattr(builder, method)(*args)
    return builder.build()


class CalendarBuilder(Resource):
    """Builds a :class:`Calendar` in code; a context manager (frees its memory on exit).

    Args:
        name: the calendar's name, or None.

    >>> with CalendarBuilder("office") as b:
    ...     for day in ("mon", "tue", "wed", "thu", "fri"):
    ...         b.add_hours(day, time(9), time(17))
    ...     office = b.build()

    Each method returns the builder, so calls chain; each raises :class:`InvalidArgumentError`
    for a value out of range (naming it) and :class:`TypeError` for a wrong type. Calendars built
    stay valid after ``close()``.
    """

    __slots__ = ("_handle", "_name", "_steps")

    def __init__(self, name: Optional[str] = None) -> None:
        self._handle = _c.svcr_calendar_builder_new(name)
        self._name = name
        self._steps: List[Tuple[str, tuple]] = []

    def add_hours(self, weekday: Union[int, str], open: TimeOfDay, close: TimeOfDay) -> CalendarBuilder:
        """Open on ``weekday`` (1 = Monday ... 7, or "mon"/"monday") from ``open`` to ``close``
        (datetime.time or seconds after midnight; close may be 24 * 3600)."""
        args = (_weekday(weekday), _seconds_of_day(open), _seconds_of_day(close))
        _c.svcr_calendar_builder_add_hours(self._handle, *args)
        self._steps.append(("add_hours", args))
        return self

    def add_holiday(self, date: _dt.date) -> CalendarBuilder:
        """Close a whole local date."""
        date = _date(date)
        _c.svcr_calendar_builder_add_holiday(self._handle, date.year, date.month, date.day)
        self._steps.append(("add_holiday", (date,)))
        return self

    def add_closure(self, date: _dt.date, start: TimeOfDay, end: TimeOfDay) -> CalendarBuilder:
        """Close part of one local date, from ``start`` to ``end`` (times of day)."""
        date = _date(date)
        args = (_seconds_of_day(start), _seconds_of_day(end))
        _c.svcr_calendar_builder_add_closure(self._handle, date.year, date.month, date.day, *args)
        self._steps.append(("add_closure", (date, *args)))
        return self

    def set_utc_offset(self, offset: Duration) -> CalendarBuilder:
        """The UTC offset in force before the first change (a timedelta or int seconds)."""
        seconds = duration_seconds(offset, "offset")
        _c.svcr_calendar_builder_set_utc_offset(self._handle, seconds)
        self._steps.append(("set_utc_offset", (seconds,)))
        return self

    def add_offset_change(self, at: Time, offset: Duration) -> CalendarBuilder:
        """From ``at`` on, ``offset`` is in force (add changes in increasing order)."""
        args = (seconds_of(at), duration_seconds(offset, "offset"))
        _c.svcr_calendar_builder_add_offset_change(self._handle, *args)
        self._steps.append(("add_offset_change", args))
        return self

    def build(self) -> Calendar:
        """A calendar of what the builder holds; the builder may go on being used.

        Raises:
            InvalidArgumentError: the calendar would never open.
        """
        handle = _c.svcr_calendar_builder_build(self._handle)
        return Calendar._from_handle(handle, ("builder", self._name, tuple(self._steps)))

    def __repr__(self) -> str:
        return f"<CalendarBuilder {self._name!r}>"
