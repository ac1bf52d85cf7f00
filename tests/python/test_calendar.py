"""Business calendars through the bindings."""

import datetime as dt

import pytest

import svcrecover
from memory import growth
from svcrecover import Calendar, CalendarBuilder

UTC = dt.timezone.utc
OFFICE_JSON = """{
  "name": "office",
  "hours": {"mon-fri": ["09:00-17:00"]},
  "holidays": ["2026-12-25"]
}"""
FRIDAY_16 = svcrecover.parse_time("2026-11-27T16:00:00Z")


def test_from_json_and_arithmetic():
    office = Calendar.from_json(OFFICE_JSON)
    assert office.name == "office"
    assert repr(office) == "<Calendar 'office'>"
    assert office.add(FRIDAY_16, 3600) == svcrecover.parse_time("2026-11-27T17:00:00Z")
    assert office.add(FRIDAY_16, dt.timedelta(hours=2)) == svcrecover.parse_time("2026-11-30T10:00:00Z")
    monday_10 = dt.datetime(2026, 11, 30, 10, tzinfo=UTC)
    assert office.between(FRIDAY_16, monday_10) == dt.timedelta(hours=2)
    assert office.between(monday_10, FRIDAY_16) == -dt.timedelta(hours=2)
    assert office.is_open(FRIDAY_16) is True
    assert office.is_open(svcrecover.parse_time("2026-11-28T12:00:00Z")) is False
    assert office.next_open(svcrecover.parse_time("2026-11-28T12:00:00Z")) == svcrecover.parse_time(
        "2026-11-30T09:00:00Z"
    )
    assert office.is_open(svcrecover.parse_time("2026-12-25T12:00:00Z")) is False
    assert office.utc_offset(FRIDAY_16) == dt.timedelta(0)


def test_always_open():
    always = Calendar.always_open()
    assert always.name == "24x7"
    assert always.between(0, 86400) == dt.timedelta(days=1)


def test_parse_errors_have_positions():
    with pytest.raises(svcrecover.ParseError) as info:
        Calendar.from_json('{\n  "hours": {"mon": ["17:00-09:00"]}\n}')
    assert info.value.line == 2
    assert info.value.column > 0


def test_calendar_cannot_be_made_directly():
    with pytest.raises(TypeError):
        Calendar()


def test_builder():
    with CalendarBuilder("berlin") as b:
        for day in ("mon", "tuesday", 3, 4, 5):
            b.add_hours(day, dt.time(9), dt.time(17))
        b.set_utc_offset(3600).add_holiday(dt.date(2026, 12, 24)).add_closure(dt.date(2026, 12, 31), 12 * 3600, 86400)
        b.add_offset_change(svcrecover.parse_time("2027-03-28T01:00:00Z"), dt.timedelta(hours=2))
        berlin = b.build()
    assert berlin.name == "berlin"
    assert berlin.utc_offset(FRIDAY_16) == dt.timedelta(hours=1)
    assert berlin.utc_offset(svcrecover.parse_time("2027-06-01T00:00:00Z")) == dt.timedelta(hours=2)
    assert berlin.is_open(svcrecover.parse_time("2026-11-27T08:30:00Z"))  # 09:30 local
    assert not berlin.is_open(svcrecover.parse_time("2026-12-24T10:00:00Z"))
    assert not berlin.is_open(svcrecover.parse_time("2026-12-31T12:00:00Z"))  # 13:00 local
    # The calendar outlives its builder.
    with pytest.raises(svcrecover.StateError, match="closed"):
        b.build()
    assert berlin.between(FRIDAY_16, FRIDAY_16 + dt.timedelta(minutes=1)) == dt.timedelta(0)  # 17:00 local: closed


def test_builder_errors():
    b = CalendarBuilder()
    with pytest.raises(svcrecover.InvalidArgument):
        b.add_hours(8, 0, 3600)
    with pytest.raises(svcrecover.InvalidArgument):
        b.add_hours("someday", 0, 3600)
    b.add_hours(1, 9 * 3600, 12 * 3600)
    with pytest.raises(svcrecover.ConflictError):
        b.add_hours(1, 11 * 3600, 13 * 3600)
    with pytest.raises(svcrecover.InvalidArgument):
        b.add_holiday(dt.date(1, 1, 1)).add_closure(dt.date(2026, 1, 1), 5, 1)
    with pytest.raises(svcrecover.InvalidArgument):
        CalendarBuilder().build()  # no opening hours
    b.close()
    b.close()


def test_time_errors():
    always = Calendar.always_open()
    with pytest.raises(svcrecover.InvalidArgument):
        always.is_open(253402300799 + 10)  # after 9999-12-31T23:59:59Z
    with pytest.raises(svcrecover.InvalidArgument, match="timezone-aware"):
        always.is_open(dt.datetime(2026, 1, 1))
    with pytest.raises(TypeError):
        always.is_open("2026-01-01")


def test_calendars_are_freed():
    assert growth(lambda: Calendar.from_json(OFFICE_JSON).is_open(FRIDAY_16), 100_000) < 4 * 1024 * 1024
