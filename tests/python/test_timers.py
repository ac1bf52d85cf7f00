"""Timers through the bindings: declarations, the host's configuration, per-case status."""

import datetime as dt
import gc
import weakref

import pytest

import svcrecover
from memory import growth
from svcrecover import Agenda, Calendar, CalendarBuilder, Case, Timer, TimerConfig, TimerState, TimerStatus, Workflow

T0 = svcrecover.parse_time("2026-11-23T09:00:00Z")  # a Monday, 09:00 UTC
S = dt.timedelta(seconds=1)
RUNNING, PAUSED, STOPPED, NOT_STARTED = TimerState.RUNNING, TimerState.PAUSED, TimerState.STOPPED, TimerState.NOT_STARTED

# A desk whose resolution clock pauses while it waits on the customer and restarts on a reopen.
DESK_JSON = """{
  "name": "desk-timers",
  "roles": ["agent"],
  "states": [
    {"name": "new", "kind": "initial"},
    {"name": "working"},
    {"name": "waiting", "kind": "waiting-on-customer"},
    {"name": "solved", "kind": "resolved"},
    {"name": "closed", "kind": "closed"}
  ],
  "transitions": [
    {"event": "start", "from": "new", "to": "working"},
    {"event": "ask", "from": "working", "to": "waiting"},
    {"event": "answer", "from": "waiting", "to": "working"},
    {"event": "solve", "from": "working", "to": "solved"},
    {"event": "close", "from": "solved", "to": "closed"},
    {"event": "reopen", "from": "closed", "to": "working", "reopen": true}
  ],
  "timers": [
    {"name": "resolution", "start": "opened", "stop": {"enter": "solved"}, "target": "4h",
     "pause_in": ["waiting"], "on_reopen": "restart"}
  ]
}"""


def office() -> Calendar:
    with CalendarBuilder("office") as b:
        for day in ("mon", "tue", "wed", "thu", "fri"):
            b.add_hours(day, dt.time(9), dt.time(17))
        return b.build()


def five_step_case(wf: Workflow) -> Case:
    case = Case(wf, "C-1", opened_at=T0)
    case.facts["expectation"] = "parcel on Monday"
    return case


def test_declared_timers():
    wf = Workflow.builtin("five-step")
    assert [t.name for t in wf.timers] == ["first_response", "resolution", "follow_up"]
    first = wf.timer("first_response")
    assert first == Timer("first_response", "business", dt.timedelta(hours=1), "stop", (), 0)
    assert wf.timer("follow_up").calendar == "24x7"
    desk = Workflow.from_json(DESK_JSON).timer("resolution")
    assert (desk.target, desk.paused_in, desk.on_reopen) == (dt.timedelta(hours=4), ("waiting",), "restart")
    with pytest.raises(svcrecover.NotFoundError):
        wf.timer("lunch")


def test_issue_example_running_and_breached():
    wf = Workflow.builtin("five-step")
    config = TimerConfig(wf, calendars={"business": office()})
    case = five_step_case(wf)
    statuses = case.timers(at=T0 + 2 * 3600 * S, config=config)
    assert [(t.name, t.state) for t in statuses] == [
        ("first_response", RUNNING), ("resolution", RUNNING), ("follow_up", NOT_STARTED)]
    first = statuses[0]
    assert isinstance(first, TimerStatus)
    assert first.due_at == T0 + 3600 * S and first.breached and first.breached_at == T0 + 3600 * S
    assert (first.elapsed, first.remaining, first.started_at, first.stopped_at) == (7200 * S, -3600 * S, T0, None)
    assert not first.met
    follow_up = statuses[2]
    assert (follow_up.due_at, follow_up.started_at, follow_up.breached_at) == (None, None, None)


def test_stopped_within_target_and_business_time():
    wf = Workflow.builtin("five-step")
    config = TimerConfig(wf, calendars={"business": office()})
    case = five_step_case(wf)
    case.apply("identified", role="agent", at=T0 + 600 * S)
    case.apply("apologized", role="agent", at=T0 + 1800 * S)
    first = case.timer("first_response", at=T0 + 86400 * S, config=config)
    assert (first.state, first.met, first.breached, first.stopped_at, first.due_at) == (
        STOPPED, True, False, T0 + 1800 * S, None)
    # 16 business hours from Monday 09:00 end Tuesday 17:00.
    resolution = case.timer("resolution", at=T0 + 3600 * S, config=config)
    assert resolution.due_at == svcrecover.parse_time("2026-11-24T17:00:00Z")


def test_target_overrides():
    wf = Workflow.builtin("five-step")
    config = TimerConfig(wf, calendars={"business": Calendar.always_open()},
                         targets={"first_response": dt.timedelta(minutes=30)})
    config.set_target("follow_up", 3600)
    case = five_step_case(wf)
    first = case.timer("first_response", at=T0 + 60 * S, config=config)
    assert (first.target, first.due_at) == (1800 * S, T0 + 1800 * S)
    assert case.timer("first_response", at=T0 + 60 * S, config=TimerConfig(wf).bind_calendar(
        "business", Calendar.always_open())).target == 3600 * S  # the workflow's own
    assert "first_response" in repr(config) and "business" in repr(config)
    with pytest.raises(svcrecover.InvalidArgumentError):
        config.set_target("first_response", -1)
    with pytest.raises(svcrecover.NotFoundError):
        config.set_target("lunch", 60)
    assert case.timer("first_response", at=T0 + 60 * S, config=config).target == 1800 * S  # unchanged


def test_configuration_errors():
    wf = Workflow.builtin("five-step")
    case = five_step_case(wf)
    # five-step counts in "business": the default office hours unless bound (test_default_business_calendar)
    assert case.timer("first_response", at=T0 + 60 * S).state == RUNNING
    assert case.timer("follow_up", at=T0 + 60 * S).state == NOT_STARTED  # 24x7 needs nothing
    config = TimerConfig(wf)
    with pytest.raises(svcrecover.NotFoundError):
        config.bind_calendar("weekends", office())
    with pytest.raises(TypeError):
        config.bind_calendar("business", "office")
    with pytest.raises(TypeError):
        TimerConfig("five-step")
    with pytest.raises(svcrecover.InvalidArgumentError):
        case.timers(at=T0 + 60 * S, config=TimerConfig(Workflow.from_json(DESK_JSON)))  # another workflow's
    with pytest.raises(TypeError):
        case.timers(at=T0 + 60 * S, config={"business": office()})
    with pytest.raises(svcrecover.InvalidArgumentError):
        case.timer("follow_up", at=T0 - 1 * S)  # before the opening
    with pytest.raises(svcrecover.NotFoundError):
        case.timer("lunch", at=T0)


def test_paused_and_restarted():
    wf = Workflow.from_json(DESK_JSON)
    case = Case(wf, "D-1", opened_at=T0)
    case.apply("start", role="agent", at=T0 + 600 * S)
    case.apply("ask", role="agent", at=T0 + 3600 * S)
    paused = case.timer("resolution", at=T0 + 7200 * S)
    assert (paused.state, paused.elapsed, paused.due_at) == (PAUSED, 3600 * S, None)
    case.apply("answer", role="agent", at=T0 + 10800 * S)
    running = case.timers(at=dt.datetime(2026, 11, 23, 12, 30, tzinfo=dt.timezone.utc))[0]
    assert (running.state, running.elapsed, running.due_at) == (RUNNING, 5400 * S, T0 + (10800 + 3 * 3600) * S)
    case.apply("solve", role="agent", at=T0 + 14400 * S)
    case.apply("close", role="agent", at=T0 + 15000 * S)
    case.apply("reopen", role="agent", at=T0 + 20000 * S)
    restarted = case.timer("resolution", at=T0 + 20600 * S)
    assert (restarted.state, restarted.started_at, restarted.elapsed) == (RUNNING, T0 + 20000 * S, 600 * S)


def test_decoded_cases_give_the_same_answers():
    wf = Workflow.from_json(DESK_JSON)
    case = Case(wf, "D-2", opened_at=T0)
    case.apply("start", role="agent", at=T0 + 600 * S)
    case.apply("ask", role="agent", at=T0 + 3600 * S)
    again = Case.from_json(wf, case.to_json())
    assert again.timers(at=T0 + 9999 * S) == case.timers(at=T0 + 9999 * S)


def test_running_timers_feed_an_agenda():
    wf = Workflow.builtin("five-step")
    config = TimerConfig(wf, calendars={"business": Calendar.always_open()})
    agenda = Agenda()
    for number in range(3):
        case = Case(wf, f"C-{number}", opened_at=T0 + number * 600 * S)
        for t in case.timers(at=case.opened_at, config=config):
            if t.due_at is not None:
                agenda.add(case.id, t.name, t.due_at)
    assert agenda.count_overdue(T0 + 3601 * S) == 1
    assert [e.case_id for e in agenda.due_before(T0 + 4700 * S)] == ["C-0", "C-1"]


def test_a_configuration_keeps_its_workflow_and_calendars_alive():
    wf = Workflow.builtin("five-step")
    watcher = weakref.ref(wf)
    config = TimerConfig(wf, calendars={"business": office()})
    case = five_step_case(wf)
    del wf
    gc.collect()
    assert config.workflow is watcher()
    assert case.timer("resolution", at=T0 + 60 * S, config=config).due_at == svcrecover.parse_time("2026-11-24T17:00:00Z")
    del case, config
    gc.collect()
    assert watcher() is None


def test_timers_do_not_grow_memory():
    wf = Workflow.builtin("five-step")
    config = TimerConfig(wf, calendars={"business": office()})
    case = five_step_case(wf)
    case.apply("identified", role="agent", at=T0 + 600 * S)
    assert growth(lambda: case.timers(at=T0 + 7200 * S, config=config), 30_000) < 4 * 1024 * 1024
    assert growth(lambda: TimerConfig(wf, calendars={"business": Calendar.always_open()}), 30_000) < 4 * 1024 * 1024


def test_insight_reads_a_cases_timers_with_a_configuration():
    wf = Workflow.builtin("five-step")
    config = TimerConfig(wf, calendars={"business": office()})
    case = five_step_case(wf)
    insight = svcrecover.Insight()
    insight.add_case(case, config, T0 + 2 * 3600 * S)  # first response breached by then
    assert insight.metric("first_response_within_goal_share").denominator == 1
    insight.add_case(case)  # without a configuration: counted, its timers left out
    assert len(insight) == 2
    assert insight.metric("first_response_within_goal_share").denominator == 1
    with pytest.raises(TypeError):
        insight.add_case(case, config)  # config needs at
