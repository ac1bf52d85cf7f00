"""Times and durations.

In: a time is a timezone-aware :class:`~datetime.datetime` or an int of seconds since the Unix
epoch (UTC); a duration is a :class:`~datetime.timedelta` or an int of seconds. Out: times are
aware UTC datetimes, durations timedeltas, "no such time" is None.
"""

from __future__ import annotations

import datetime as _dt
from typing import Union

from . import _svcrecover as _c
from ._errors import InvalidArgumentError

__all__ = ["Time", "Duration", "TimeOfDay", "parse_time", "format_time", "to_datetime"]

#: What every time argument accepts: an aware datetime or int seconds since the epoch (UTC).
Time = Union[_dt.datetime, int]
#: What every duration argument accepts: a timedelta or int seconds.
Duration = Union[_dt.timedelta, int]
#: A time of day: a datetime.time or int seconds after local midnight.
TimeOfDay = Union[_dt.time, int]

_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)

# The C layer converts ints and UTC datetimes itself; these take the rest.
datetime_of = _c._datetime
timedelta_of = _c._timedelta
seconds_of = _c._seconds


def to_seconds(value: object) -> int:
    """Seconds since the epoch of a time argument (the C layer calls this for a datetime in a zone
    other than UTC, and for int subclasses)."""
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise InvalidArgumentError("a datetime must be timezone-aware, e.g. datetime(..., tzinfo=timezone.utc)")
        delta = value - _EPOCH
        return delta.days * 86400 + delta.seconds
    if isinstance(value, int) and not isinstance(value, bool):
        return int(value)
    raise TypeError(f"a time is an int (seconds since the epoch) or an aware datetime, not {type(value).__name__}")


def duration_seconds(value: object, what: str = "duration") -> int:
    """Seconds of a duration argument (timedelta or int; a bool is refused)."""
    if isinstance(value, _dt.timedelta):
        return value.days * 86400 + value.seconds
    if isinstance(value, int) and not isinstance(value, bool):
        return int(value)
    raise TypeError(f"{what} is a timedelta or int seconds, not {type(value).__name__}")


def parse_time(text: str) -> _dt.datetime:
    """Parse an ISO 8601 time in UTC ("2026-11-23T09:00:00Z", "2026-11-23") or epoch seconds
    ("1795424400").

    Returns an aware UTC datetime. Raises :class:`ParseError` for other text and
    :class:`TypeError` if ``text`` is not a str.
    """
    return datetime_of(_c.svcr_time_parse(text))


def format_time(at: Time) -> str:
    """Format a time as ISO 8601 in UTC, e.g. "2026-11-23T09:00:00Z".

    Raises :class:`TypeError` for something that is not a time, :class:`ValueError` for a naive
    datetime.
    """
    return _c.svcr_time_format(seconds_of(at))


def to_datetime(at: Time) -> _dt.datetime:
    """A time as an aware UTC datetime (int seconds since the epoch are converted)."""
    return datetime_of(seconds_of(at))
