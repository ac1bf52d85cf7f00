"""Times: int seconds since the Unix epoch (UTC), or timezone-aware datetimes."""

from __future__ import annotations

import datetime as _dt
from typing import Union

from . import _svcrecover as _c
from ._doc import c_doc
from ._errors import InvalidArgument

__all__ = ["Time", "parse_time", "format_time", "to_datetime"]

#: What every ``at=`` argument accepts.
Time = Union[int, _dt.datetime]


def to_seconds(value: object) -> int:
    """Convert an ``at=`` argument to seconds; the C layer calls this for anything not an int."""
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise InvalidArgument("a datetime must be timezone-aware (e.g. tzinfo=timezone.utc)")
        delta = value - _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)
        return delta.days * 86400 + delta.seconds
    if isinstance(value, int):  # bool and int subclasses
        return int(value)
    raise TypeError(f"expected int seconds or a datetime, got {type(value).__name__}")


@c_doc("svcr_time_parse")
def parse_time(text: str) -> int:
    """Parse ISO 8601 text ("2026-11-23T09:00:00Z", "2026-11-23") or epoch seconds into seconds."""
    return _c.svcr_time_parse(text)


@c_doc("svcr_time_format")
def format_time(at: Time) -> str:
    """Format a time as ISO 8601 in UTC, e.g. "2026-11-23T09:00:00Z"."""
    return _c.svcr_time_format(to_seconds(at))


def to_datetime(seconds: int) -> _dt.datetime:
    """Seconds since the epoch as a timezone-aware UTC datetime."""
    return _dt.datetime.fromtimestamp(seconds, tz=_dt.timezone.utc)
