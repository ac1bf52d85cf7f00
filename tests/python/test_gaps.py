"""Issue 18's gaps and bugs, each with the test that failed before."""

import collections.abc
import datetime as dt
import fractions
import json

import pytest

import svcrecover
from svcrecover import Case, Insight, Money, Table, TimerConfig, Workflow
from svcrecover import maturity
from svcrecover.insight import Record

UTC = dt.timezone.utc
T0 = dt.datetime(2026, 11, 23, 9, tzinfo=UTC)


def test_answers_from_json_are_visible():
    text = json.dumps({"answers": {"complaint_channel": True, "acknowledged_within_goal": 0.93,
                                   "complaints_tracked": None}})
    answers = maturity.Answers.from_json(text)
    assert len(answers) == 2  # was 0
    assert "complaint_channel" in answers and answers["acknowledged_within_goal"] == 0.93
    assert sorted(answers) == ["acknowledged_within_goal", "complaint_channel"]
    answers.clear()
    assert len(answers) == 0
    assert answers.score().stage == maturity.Answers().score().stage  # cleared in the library too


def test_metric_answers_are_visible():
    answers = maturity.Answers()
    assert answers.set_metric(maturity.MetricMap.builtin(), "first_response_within_goal_share", 0.8)
    assert len(answers) == 1  # was 0
    assert dict(answers) == {"acknowledged_within_goal": 0.8}
    assert not answers.set_metric(maturity.MetricMap.builtin(), "no_such_metric", 0.8)
    custom = maturity.MetricMap({"my_rate": "complaint_channel"})
    assert not maturity.Answers().set_metric(custom, "other", 1.0)


def test_answers_from_a_dict():
    answers = maturity.Answers({"complaint_channel": True})  # 'dict' object has no attribute '_handle'
    assert dict(answers) == {"complaint_channel": True}
    assert maturity.Answers({"complaint_channel": True}, maturity.Model.builtin()) == answers
    assert maturity.Answers(maturity.Model.builtin(), {"complaint_channel": True}) == answers  # 0.2's order
    ratio = maturity.Answers({"acknowledged_within_goal": fractions.Fraction(93, 100)})
    assert ratio.pop("acknowledged_within_goal") == fractions.Fraction(93, 100)
    assert ratio.pop("acknowledged_within_goal", None) is None


def records(n):
    for i in range(n):
        yield Record(state="closed", resolution_seconds=3600 + i, closed=True, root_cause=("late", "billing")[i % 2])


def test_add_many_reads_any_iterable_and_counts_like_add():
    one_by_one, at_once = Insight(), Insight()
    for record in records(1000):
        one_by_one.add(record)
    assert at_once.add_many(records(1000)) == 1000  # a generator, read in batches
    assert at_once.to_json() == one_by_one.to_json()


def test_add_many_errors_say_how_many_were_added():
    insight = Insight()
    bad = [*records(300), Record(follow_up="happy"), *records(5)]  # the library refuses the 301st
    with pytest.raises(svcrecover.InvalidArgumentError) as info:
        insight.add_many(bad)
    assert info.value.added == 300 and len(insight) == 300
    insight = Insight()
    with pytest.raises(TypeError) as type_info:
        insight.add_many([*records(3), Record(solicited="yes")])  # refused on the Python side
    assert type_info.value.added == 3 and len(insight) == 3  # no .added before
    insight = Insight()
    with pytest.raises(TypeError) as not_a_record:
        insight.add_many([*records(2), ("closed",)])
    assert not_a_record.value.added == 2


def test_add_case_at_a_time_feeds_timer_shares():
    wf = Workflow.builtin("five-step")
    case = Case(wf, "C-1", opened_at=T0)
    case.facts["expectation"] = "parcel"
    case.apply("identified", role="agent", at=T0 + dt.timedelta(minutes=10))
    case.apply("apologized", role="agent", at=T0 + dt.timedelta(minutes=20))
    insight = Insight()
    insight.add_case(case, at=T0 + dt.timedelta(hours=2))  # no configuration needed: "business" by default
    share = insight.metric("first_response_within_goal_share")
    assert (share.numerator, share.denominator) == (1, 1)
    insight.add_case(case, TimerConfig(wf), T0 + dt.timedelta(hours=2))
    assert insight.metric("first_response_within_goal_share").denominator == 2
    with pytest.raises(TypeError):
        insight.add_case(case, TimerConfig(wf))  # a configuration needs a time


def test_first_policy_trace_shows_the_rule_selected():
    table = Table.parse("""table first-wins
hit-policy first

| rule    | severity: number || kind    |
|---------|------------------||---------|
| serious | >= 3             || refund  |
| any     | -                || apology |
""")
    result = table.evaluate({"severity": 4})
    assert [(s.rule, s.matched, s.selected) for s in result.trace] == [
        ("serious", True, True), ("any", True, False)]  # both matched; only the first made the offer
    assert [o.rule for o in result.offers] == ["serious"]


def test_case_log_is_a_full_sequence():
    case = Case(Workflow.builtin("five-step"), "C-2", opened_at=T0)
    case.facts["expectation"] = "parcel"
    case.apply("identified", role="agent", at=T0)
    case.apply("apologized", role="agent", at=T0)
    log = case.log
    assert isinstance(log, collections.abc.Sequence)
    assert log.index(log[1]) == 1  # AttributeError before
    assert log.count(log[0]) == 1
    assert log[0] in log and list(reversed(log)) == [log[1], log[0]]


def test_names_the_stubs_declare_exist_at_runtime():
    # FactValue, TableFactValue, TimeOfDay, Duration, PhraseLike existed only in the .pyi.
    for name in ("FactValue", "TableFactValue", "TimeOfDay", "Duration", "PhraseLike", "Time"):
        assert hasattr(svcrecover, name), name
    assert svcrecover.Duration == svcrecover.Duration  # usable in annotations
    assert hasattr(maturity, "Answer")
