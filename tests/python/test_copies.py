"""Issue 18: pickle, copy/deepcopy (independent objects) and == for the objects and values of the
package (Insight's own state is pickled by its module)."""

import copy
import datetime as dt
import decimal
import pickle

import pytest

import svcrecover
from svcrecover import (Agenda, Authority, Calendar, CalendarBuilder, Case, Money, PhraseSet, Table, TimerConfig,
                        Workflow)
from svcrecover import maturity
from svcrecover.insight import Record

UTC = dt.timezone.utc
T0 = dt.datetime(2026, 11, 23, 9, tzinfo=UTC)


def walked_case() -> Case:
    case = Case(Workflow.builtin("five-step"), "C-1", opened_at=T0)
    case.facts["expectation"] = "parcel on Monday"
    case.apply("identified", role="agent", at=T0 + dt.timedelta(minutes=5), note="upset")
    return case


def round_trips(value):
    """pickle, copy and deepcopy each give an equal object."""
    for again in (pickle.loads(pickle.dumps(value)), copy.copy(value), copy.deepcopy(value)):
        assert again == value, (again, value)
        assert type(again) is type(value)


def test_workflow():
    wf = Workflow.builtin("five-step")
    round_trips(wf)
    assert Workflow.from_json(wf.to_json()) == wf
    assert wf != Workflow.builtin("four-step")
    assert len({wf, Workflow.from_json(wf.to_json())}) == 1  # hashable: immutable


def test_case_equality_pickle_and_independent_copies():
    case = walked_case()
    wf = case.workflow
    assert Case.from_json(wf, case.to_json()) == case  # was False
    round_trips(case)
    for twin in (copy.copy(case), copy.deepcopy(case), pickle.loads(pickle.dumps(case))):
        twin.apply("apologized", role="agent", at=T0 + dt.timedelta(minutes=10))
        assert twin.state == "listen"
        assert case.state == "apologize"  # the copy has its own memory
        assert twin != case
    assert case != Case(wf, "C-1", opened_at=T0)
    # Cases unpickled one by one share one workflow, so one TimerConfig serves them all.
    first, second = (pickle.loads(pickle.dumps(case)) for _ in range(2))
    assert first.workflow is second.workflow
    config = TimerConfig(first.workflow)
    assert second.timers(at=T0, config=config) == case.timers(at=T0)
    with pytest.raises(svcrecover.InvalidArgumentError, match="another Workflow object"):
        case.timers(at=T0, config=config)


def test_table_and_its_result():
    table = Table.builtin("severity-value")
    round_trips(table)
    assert Table.parse(Table.builtin_text("severity-value")) == Table.parse(Table.builtin_text("severity-value"))
    result = table.evaluate({"severity": 4, "tier": "gold", "price": Money(12000, "EUR")})
    round_trips(result)
    again = pickle.loads(pickle.dumps(result))
    assert Authority().check_result("agent", again) == Authority().check_result("agent", result)


def test_calendars():
    round_trips(Calendar.business())
    round_trips(Calendar.always_open())
    round_trips(Calendar.from_json('{"name": "office", "hours": {"mon-fri": ["09:00-17:00"]}}'))
    with CalendarBuilder("berlin") as b:
        b.add_hours("mon", dt.time(9), dt.time(17)).add_holiday(dt.date(2026, 12, 24)).set_utc_offset(3600)
        berlin = b.build()
    round_trips(berlin)
    restored = pickle.loads(pickle.dumps(berlin))
    assert restored.utc_offset(T0) == dt.timedelta(hours=1)
    assert Calendar.business() != Calendar.always_open()
    case = walked_case()
    config = TimerConfig(case.workflow, calendars={"business": restored})
    assert case.timers(at=T0, config=config)


def test_money_and_value_types():
    round_trips(Money(1250, "EUR"))
    round_trips(Record(state="closed", timers={"first_response": True}))
    round_trips(Record())  # its default timers mapping pickles (a mappingproxy did not)
    case = walked_case()
    for value in (case.log[0], case.timers(at=T0)[0], case.state_info, case.workflow.timers[0],
                  case.workflow.transitions[0], case.workflow.facts[0], svcrecover.phrase_check("I understand")[0],
                  svcrecover.Guarantee("Clean, or free.", Money(100, "EUR"), Money(100, "EUR"), 1, 0).check()):
        round_trips(value)


def test_engines():
    agenda = Agenda([("C-1", "resolution", T0)])
    round_trips(agenda)
    twin = copy.copy(agenda)
    twin.add("C-2", "resolution", T0)
    assert len(agenda) == 1 and twin != agenda
    round_trips(Authority(["agent", "manager"]))
    round_trips(PhraseSet(["calm down", ("No problem", ["Happy to help"])]))
    round_trips(maturity.Model.builtin())
    answers = maturity.Answers({"complaint_channel": True})
    round_trips(answers)
    result = answers.score()
    round_trips(result)
    assert pickle.loads(pickle.dumps(result)).stage == result.stage
