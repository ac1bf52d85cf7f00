"""Issue 18: times out are aware UTC datetimes, durations timedeltas, "no such time" None; ints
and aware datetimes in (any zone); a bool is not a time; timer states are an enum."""

import datetime as dt
import enum

import pytest

import svcrecover
from svcrecover import Agenda, Calendar, Case, TimerState, Workflow

UTC = dt.timezone.utc
OPENED = dt.datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # a Monday
PARIS = dt.timezone(dt.timedelta(hours=1))


def opened_case() -> Case:
    case = Case(Workflow.builtin("five-step"), "C-1", opened_at=OPENED)
    case.facts["expectation"] = "parcel on Monday"
    case.apply("identified", role="agent", at=OPENED + dt.timedelta(minutes=5))
    return case


def test_case_times_come_out_as_aware_utc_datetimes():
    case = opened_case()
    for value in (case.opened_at, case.state_since, case.last_at, case.log[0].at):
        assert isinstance(value, dt.datetime) and value.tzinfo is UTC
    assert case.opened_at == OPENED
    assert case.log[0].at == case.last_at == OPENED + dt.timedelta(minutes=5)


def test_timer_times_and_durations():
    (first, resolution, follow_up) = opened_case().timers(at=OPENED + dt.timedelta(hours=2))
    assert first.state is TimerState.RUNNING and isinstance(first.state, enum.Enum)
    assert first.due_at == OPENED + dt.timedelta(hours=1)
    assert first.elapsed == dt.timedelta(hours=2)
    assert first.remaining == -dt.timedelta(hours=1)  # overdue by an hour
    assert first.target == dt.timedelta(hours=1)
    assert first.started_at == OPENED and first.breached_at == OPENED + dt.timedelta(hours=1)
    assert first.stopped_at is None  # "none" is None, not -1
    assert follow_up.state is TimerState.NOT_STARTED and follow_up.due_at is None
    assert [s.value for s in TimerState] == ["not-started", "running", "paused", "stopped"]


def test_workflow_durations_and_none():
    wf = Workflow.builtin("five-step")
    assert wf.state("follow_up").due_after == dt.timedelta(days=1)
    assert wf.state("apologize").due_after is None  # was -1
    assert wf.timer("resolution").target == dt.timedelta(hours=16)
    assert wf.reopen_grace == dt.timedelta(days=14)


def test_calendar_and_agenda_times():
    office = Calendar.business()
    friday_16 = dt.datetime(2026, 11, 27, 16, tzinfo=UTC)
    assert office.add(friday_16, dt.timedelta(hours=2)) == dt.datetime(2026, 11, 30, 10, tzinfo=UTC)
    assert office.between(friday_16, dt.datetime(2026, 11, 30, 10, tzinfo=UTC)) == dt.timedelta(hours=2)
    assert office.next_open(dt.datetime(2026, 11, 28, tzinfo=UTC)) == dt.datetime(2026, 11, 30, 9, tzinfo=UTC)
    assert office.utc_offset(friday_16) == dt.timedelta(0)
    agenda = Agenda([("C-1", "resolution", friday_16)])
    assert agenda.next().due_at == friday_16
    assert agenda.get("C-1", "resolution") == friday_16
    assert svcrecover.parse_time("2026-11-27T16:00:00Z") == friday_16


def test_ints_and_datetimes_of_any_zone_go_in():
    seconds = int(OPENED.timestamp())
    in_paris = OPENED.astimezone(PARIS)  # the same instant, 10:00 in Paris
    for opened in (seconds, OPENED, in_paris):
        assert Case(Workflow.builtin(), "C-2", opened_at=opened).opened_at == OPENED
    assert Calendar.business().is_open(in_paris)
    assert svcrecover.format_time(in_paris) == "2026-11-23T09:00:00Z"
    assert svcrecover.to_datetime(seconds) == OPENED


def test_a_bool_is_not_a_time():
    case = opened_case()
    with pytest.raises(TypeError, match="bool"):
        case.apply("apologized", role="agent", at=True)
    with pytest.raises(TypeError, match="bool"):
        Case(Workflow.builtin(), "C-3", opened_at=False)
    with pytest.raises(TypeError):
        Agenda().add("C-1", "resolution", True)
    with pytest.raises(TypeError):
        case.timers(at="2026-11-23")
    assert case.state == "apologize"  # nothing changed


def test_a_naive_datetime_is_refused():
    with pytest.raises(svcrecover.InvalidArgumentError, match="timezone-aware"):
        Case(Workflow.builtin(), "C-4", opened_at=dt.datetime(2026, 11, 23, 9))
