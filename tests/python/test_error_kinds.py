"""Issue 18: one exception per kind of error, named ...Error, with structured attributes; no C
names in messages; a wrong type raises TypeError."""

import datetime as dt
import pickle

import pytest

import svcrecover
from svcrecover import Agenda, Calendar, CalendarBuilder, Case, Insight, Money, Table, TimerConfig, Workflow
from svcrecover import maturity

UTC = dt.timezone.utc
T0 = dt.datetime(2026, 11, 23, 9, tzinfo=UTC)

KINDS = ["InvalidArgumentError", "OutOfMemoryError", "StateError", "GuardError", "ParseError", "LimitError",
         "NotFoundError", "PermissionDeniedError", "CurrencyMismatchError", "ConflictError"]


def test_every_kind_is_named_error_and_the_old_names_are_the_same_classes():
    for name in KINDS:
        assert name.endswith("Error") and issubclass(getattr(svcrecover, name), svcrecover.Error)
    old = {"InvalidArgument": "InvalidArgumentError", "OutOfMemory": "OutOfMemoryError",
           "MoneyOverflowError": "LimitError", "NotFound": "NotFoundError",
           "PermissionDenied": "PermissionDeniedError", "CurrencyMismatch": "CurrencyMismatchError"}
    for alias, name in old.items():
        assert getattr(svcrecover, alias) is getattr(svcrecover, name)


def test_guard_error_names_the_missing_facts():
    case = Case(Workflow.builtin("five-step"), "C-1", opened_at=T0)
    with pytest.raises(svcrecover.GuardError) as info:
        case.apply("identified", role="agent", at=T0)
    assert info.value.fact == "expectation"
    assert info.value.facts == ("expectation",)
    assert info.value.event == "identified"
    with pytest.raises(svcrecover.GuardError) as info:
        case.check("identified", "agent", T0)
    assert info.value.fact == "expectation"


def test_state_error_lists_what_is_allowed():
    case = Case(Workflow.builtin("five-step"), "C-2", opened_at=T0)
    with pytest.raises(svcrecover.StateError) as info:
        case.apply("fixed", role="agent", at=T0)
    assert info.value.allowed == ("identified",)
    assert info.value.state == "identify"


def test_parse_error_has_line_and_column():
    with pytest.raises(svcrecover.ParseError) as info:
        Workflow.from_json('{\n  "name": "x",\n  oops\n}')
    assert info.value.line == 3 and info.value.column > 0
    assert pickle.loads(pickle.dumps(info.value)).line == 3


def misuse():
    """Each call fails; the messages must read as Python's."""
    wf = Workflow.builtin("five-step")
    case = Case(wf, "C-3", opened_at=T0)
    yield lambda: Money(100, "EUR") + Money(100, "USD")
    yield lambda: Money(2**62, "EUR") * 4
    yield lambda: case.apply("identified", role="agent", at=T0)
    yield lambda: case.apply("fixed", role="agent", at=T0)
    yield lambda: case.apply("identified", role="nobody", at=T0)
    yield lambda: case.facts.__setitem__("nothing", "x")
    yield lambda: case.timer("lunch", at=T0)
    yield lambda: case.timer("first_response", at=T0 - dt.timedelta(1))
    yield lambda: Case(wf, "", opened_at=T0)
    yield lambda: Workflow.builtin("six-step")
    yield lambda: Workflow.from_json("{")
    yield lambda: TimerConfig(wf).bind_calendar("weekends", Calendar.business())
    yield lambda: TimerConfig(wf).set_target("first_response", -1)
    yield lambda: CalendarBuilder().add_hours(8, 0, 10)
    yield lambda: CalendarBuilder().build()
    yield lambda: Agenda().remove("C-1", "x")
    yield lambda: Agenda().add("", "x", T0)
    yield lambda: Table.builtin("nothing")
    yield lambda: Table.parse("table x\n| nonsense")
    yield lambda: Table.builtin("severity-value").evaluate({"colour": "red"})
    yield lambda: Insight().add(state="")
    yield lambda: Insight().add(satisfaction=10**6)
    yield lambda: Insight(quick_resolution_seconds=-1)
    yield lambda: Insight().add_baseline(10**6)
    yield lambda: Insight().metric("nothing")
    yield lambda: maturity.Answers({"nothing": True})
    yield lambda: maturity.Model.from_json("{}")
    yield lambda: svcrecover.parse_time("yesterday")
    yield lambda: Money.parse("12.345", "EUR")
    yield lambda: Money(1, "eur")
    yield lambda: Money(1, "EUR").scale(1, 0)


def test_messages_carry_no_c_names():
    count = 0
    for attempt in misuse():
        with pytest.raises(svcrecover.Error) as info:
            attempt()
        message = str(info.value)
        for c_word in ("svcr_", "NULL", "sizeof", "->size"):
            assert c_word not in message, message
        count += 1
    assert count > 25


def test_wrong_types_raise_type_error():
    wf = Workflow.builtin("five-step")
    case = Case(wf, "C-4", opened_at=T0)
    attempts = [
        lambda: case.facts.__setitem__("expectation", 5),  # declared string
        lambda: case.apply(5, role="agent", at=T0),
        lambda: case.apply("identified", role=None, at=T0),
        lambda: case.timers(at=T0, config="business"),
        lambda: Case("five-step", "C-5", opened_at=T0),
        lambda: Money("12", "EUR"),
        lambda: Money(12, 978),
        lambda: Money.parse(12.5, "EUR"),
        lambda: Table.builtin("severity-value").evaluate({"severity": [4]}),
        lambda: Insight().add(follow_up=1),
        lambda: Insight().add_case("C-4"),
        lambda: Calendar.business().add(T0, "1h"),
        lambda: CalendarBuilder().add_hours(1.5, 0, 10),
        lambda: TimerConfig(wf, targets={"first_response": "30m"}),
        lambda: maturity.Answers({"complaint_channel": "yes"}),
        lambda: Agenda().add("C-1", "x", "tomorrow"),
    ]
    for attempt in attempts:
        with pytest.raises(TypeError):
            attempt()


def test_limit_error_is_an_overflow_error():
    with pytest.raises(OverflowError):
        Money(2**62, "EUR") * 4
    with pytest.raises(svcrecover.LimitError):
        Money(2**62, "EUR") * 4
