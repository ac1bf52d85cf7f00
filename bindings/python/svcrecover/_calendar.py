"""Business calendars: opening hours, holidays, closures, UTC offsets; business-time arithmetic."""

from __future__ import annotations

import datetime as _dt
from typing import Optional, Union

from . import _svcrecover as _c
from ._doc import c_doc
from ._errors import InvalidArgument
from ._resource import Resource
from ._time import Time

__all__ = ["Calendar", "CalendarBuilder"]

#: A time of day: seconds after local midnight, or a datetime.time.
TimeOfDay = Union[int, _dt.time]
#: A duration: seconds, or a datetime.timedelta.
Duration = Union[int, _dt.timedelta]

_WEEKDAYS = {"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7}


def _seconds_of_day(value: TimeOfDay) -> int:
    if isinstance(value, _dt.time):
        return value.hour * 3600 + value.minute * 60 + value.second
    return value


def _duration(value: Duration) -> int:
    if isinstance(value, _dt.timedelta):
        return value.days * 86400 + value.seconds
    return value


def _weekday(value: Union[int, str]) -> int:
    if isinstance(value, str):
        key = value.lower()
        for name, number in _WEEKDAYS.items():
            if key in (name, name[:3]):
                return number
        raise InvalidArgument(f'unknown weekday "{value}": expected "monday" ... "sunday" or "mon" ... "sun"')
    return value  # the library rejects numbers out of range


class Calendar:
    """An immutable business calendar (shareable between threads).

    Build one with :meth:`from_json`, :meth:`always_open` or a :class:`CalendarBuilder`. Times are
    int seconds since the epoch (UTC) or aware datetimes; results are int seconds.
    """

    __slots__ = ("_handle",)

    def __init__(self) -> None:
        raise TypeError("use Calendar.from_json(), Calendar.always_open() or CalendarBuilder")

    @classmethod
    def _from_handle(cls, handle: object) -> "Calendar":
        self = object.__new__(cls)
        self._handle = handle
        return self

    @classmethod
    @c_doc("svcr_calendar_parse")
    def from_json(cls, text: str) -> "Calendar":
        """A calendar from its JSON definition (raises :class:`ParseError` with line and column)."""
        return cls._from_handle(_c.svcr_calendar_parse(text))

    @classmethod
    @c_doc("svcr_calendar_new_24x7")
    def always_open(cls) -> "Calendar":
        """The calendar that is always open: business time equals elapsed time."""
        return cls._from_handle(_c.svcr_calendar_new_24x7())

    @property
    def name(self) -> str:
        """The calendar's name ("" if none)."""
        return _c.svcr_calendar_name(self._handle)

    @c_doc("svcr_calendar_add")
    def add(self, start: Time, seconds: Duration) -> int:
        """The instant ``seconds`` of business time after (or, if negative, before) ``start``."""
        return _c.svcr_calendar_add(self._handle, start, _duration(seconds))

    @c_doc("svcr_calendar_between")
    def between(self, start: Time, end: Time) -> int:
        """Business seconds from ``start`` to ``end`` (negative when ``end`` is earlier)."""
        return _c.svcr_calendar_between(self._handle, start, end)

    @c_doc("svcr_calendar_is_open")
    def is_open(self, at: Time) -> bool:
        """Whether the calendar is open at ``at``."""
        return _c.svcr_calendar_is_open(self._handle, at)

    @c_doc("svcr_calendar_next_open")
    def next_open(self, at: Time) -> int:
        """``at`` itself when open, else the next opening instant."""
        return _c.svcr_calendar_next_open(self._handle, at)

    @c_doc("svcr_calendar_utc_offset")
    def utc_offset(self, at: Time) -> int:
        """The UTC offset in seconds in force at ``at`` (local time = UTC + offset)."""
        return _c.svcr_calendar_utc_offset(self._handle, at)

    def __repr__(self) -> str:
        return f"<Calendar {self.name!r}>"


class CalendarBuilder(Resource):
    """Builds a :class:`Calendar` in code; usable as a context manager (frees it on exit).

    >>> with CalendarBuilder("office") as b:
    ...     for day in ("mon", "tue", "wed", "thu", "fri"):
    ...         b.add_hours(day, 9 * 3600, 17 * 3600)
    ...     office = b.build()

    Each method returns the builder, so calls chain. Calendars built stay valid after ``close()``.
    """

    __slots__ = ("_handle",)

    @c_doc("svcr_calendar_builder_new")
    def __init__(self, name: Optional[str] = None) -> None:
        self._handle = _c.svcr_calendar_builder_new(name)

    @c_doc("svcr_calendar_builder_add_hours")
    def add_hours(self, weekday: Union[int, str], open: TimeOfDay, close: TimeOfDay) -> "CalendarBuilder":
        """Open on ``weekday`` (1 = Monday ... 7, or "mon"/"monday") from ``open`` to ``close``."""
        _c.svcr_calendar_builder_add_hours(self._handle, _weekday(weekday), _seconds_of_day(open), _seconds_of_day(close))
        return self

    @c_doc("svcr_calendar_builder_add_holiday")
    def add_holiday(self, date: _dt.date) -> "CalendarBuilder":
        """Close a whole local date."""
        _c.svcr_calendar_builder_add_holiday(self._handle, date.year, date.month, date.day)
        return self

    @c_doc("svcr_calendar_builder_add_closure")
    def add_closure(self, date: _dt.date, start: TimeOfDay, end: TimeOfDay) -> "CalendarBuilder":
        """Close part of one local date, from ``start`` to ``end`` (times of day)."""
        _c.svcr_calendar_builder_add_closure(
            self._handle, date.year, date.month, date.day, _seconds_of_day(start), _seconds_of_day(end)
        )
        return self

    @c_doc("svcr_calendar_builder_set_utc_offset")
    def set_utc_offset(self, offset: Duration) -> "CalendarBuilder":
        """The UTC offset in force before the first change (seconds or a timedelta)."""
        _c.svcr_calendar_builder_set_utc_offset(self._handle, _duration(offset))
        return self

    @c_doc("svcr_calendar_builder_add_offset_change")
    def add_offset_change(self, at: Time, offset: Duration) -> "CalendarBuilder":
        """From ``at`` on, ``offset`` is in force (changes in increasing order)."""
        _c.svcr_calendar_builder_add_offset_change(self._handle, at, _duration(offset))
        return self

    @c_doc("svcr_calendar_builder_build")
    def build(self) -> Calendar:
        """A calendar of what the builder holds; the builder may be used again."""
        return Calendar._from_handle(_c.svcr_calendar_builder_build(self._handle))

    def __repr__(self) -> str:
        return "<CalendarBuilder>"
