"""Times: int seconds or aware datetimes in, ISO 8601 out."""

import datetime as dt

import pytest

import svcrecover


def test_parse_and_format():
    t = svcrecover.parse_time("2026-11-23T10:00:00+01:00")
    assert t == 1795424400
    assert svcrecover.format_time(t) == "2026-11-23T09:00:00Z"
    assert svcrecover.parse_time("1795424400") == t


def test_datetimes():
    when = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.timezone.utc)
    assert svcrecover.format_time(when) == "2026-11-23T09:00:00Z"
    assert svcrecover.to_datetime(1795424400) == when
    with pytest.raises(svcrecover.InvalidArgument, match="timezone-aware"):
        svcrecover.format_time(dt.datetime(2026, 11, 23))
    with pytest.raises(TypeError):
        svcrecover.format_time("2026-11-23")
