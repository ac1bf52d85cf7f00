"""Times: int seconds or aware datetimes in, ISO 8601 out."""

import datetime as dt

import pytest

import svcrecover


def test_parse_and_format():
    t = svcrecover.parse_time("2026-11-23T10:00:00+01:00")
    assert t == dt.datetime(2026, 11, 23, 9, tzinfo=dt.timezone.utc)
    assert svcrecover.format_time(t) == "2026-11-23T09:00:00Z"
    assert svcrecover.parse_time("@1795424400") == t


def test_bare_numbers_and_year_0_are_refused():
    # "2026" and "20261123" would otherwise be read as seconds in 1970.
    for text in ("2026", "20261123", "1795424400"):
        with pytest.raises(svcrecover.InvalidArgument, match="ambiguous"):
            svcrecover.parse_time(text)
    with pytest.raises(svcrecover.MoneyOverflowError, match="outside years 0001-9999"):
        svcrecover.parse_time("0000-06-01")


def test_datetimes():
    when = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.timezone.utc)
    assert svcrecover.format_time(when) == "2026-11-23T09:00:00Z"
    assert svcrecover.to_datetime(1795424400) == when
    with pytest.raises(svcrecover.InvalidArgument, match="timezone-aware"):
        svcrecover.format_time(dt.datetime(2026, 11, 23))
    with pytest.raises(TypeError):
        svcrecover.format_time("2026-11-23")
