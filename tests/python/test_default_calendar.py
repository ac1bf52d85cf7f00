"""Issue 18: the built-in workflows' timers work without configuration: timers counting in
"business" use the default business calendar (Monday to Friday 09:00-17:00 UTC) unless the host
binds another."""

import datetime as dt

import svcrecover
from svcrecover import Calendar, Case, TimerConfig, TimerState, Workflow

UTC = dt.timezone.utc
FRIDAY_16 = dt.datetime(2026, 11, 27, 16, tzinfo=UTC)


def test_five_step_timers_need_no_configuration():
    """It raised NotFound ("calendar business not bound") before."""
    case = Case(Workflow.builtin("five-step"), "C-1", opened_at=FRIDAY_16)
    first, resolution, follow_up = case.timers(at=FRIDAY_16 + dt.timedelta(minutes=30))
    assert first.state is TimerState.RUNNING
    assert first.due_at == dt.datetime(2026, 11, 27, 17, tzinfo=UTC)  # one business hour
    later = case.timer("first_response", at=dt.datetime(2026, 11, 28, 12, tzinfo=UTC))  # Saturday
    assert later.elapsed == dt.timedelta(hours=1)  # the weekend does not count
    assert resolution.due_at == dt.datetime(2026, 12, 1, 16, tzinfo=UTC)  # 16 business hours
    for name in Workflow.builtin_names():
        wf = Workflow.builtin(name)
        assert len(Case(wf, "C-2", opened_at=FRIDAY_16).timers(at=FRIDAY_16)) == len(wf.timers)


def test_the_default_is_calendar_business():
    wf = Workflow.builtin("five-step")
    case = Case(wf, "C-3", opened_at=FRIDAY_16)
    bound = TimerConfig(wf, calendars={"business": Calendar.business()})
    for hours in (0, 1, 30, 80):
        at = FRIDAY_16 + dt.timedelta(hours=hours)
        assert case.timers(at=at) == case.timers(at=at, config=bound) == case.timers(at=at, config=TimerConfig(wf))
    business = Calendar.business()
    assert business.name == "business"
    assert business.is_open(dt.datetime(2026, 11, 23, 9, tzinfo=UTC))
    assert not business.is_open(dt.datetime(2026, 11, 23, 17, tzinfo=UTC))
    assert not business.is_open(dt.datetime(2026, 11, 28, 12, tzinfo=UTC))  # Saturday


def test_a_host_calendar_replaces_the_default():
    wf = Workflow.builtin("five-step")
    case = Case(wf, "C-4", opened_at=FRIDAY_16)
    always = TimerConfig(wf, calendars={"business": Calendar.always_open()})
    assert case.timer("first_response", at=FRIDAY_16, config=always).due_at == FRIDAY_16 + dt.timedelta(hours=1)


def test_other_unbound_calendars_still_name_themselves():
    text = Workflow.builtin("five-step").to_json().replace('"calendar":"business"', '"calendar":"night"', 1)
    wf = Workflow.from_json(text)
    case = Case(wf, "C-5", opened_at=FRIDAY_16)
    try:
        case.timer("first_response", at=FRIDAY_16)
    except svcrecover.NotFoundError as error:
        assert '"night"' in str(error) and "svcr_" not in str(error)
    else:
        raise AssertionError("an unbound calendar other than business must be reported")
