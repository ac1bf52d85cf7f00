"""Insight through the bindings: records and cases in, figures, JSON and CSV out, merging,
SERVQUAL, errors, ownership."""

import json
import os
import pathlib
import subprocess
import sys

import pytest

import svcrecover
from memory import growth
from svcrecover import Case, Insight, Workflow
from svcrecover.insight import DIMENSIONS, Cause, Metric, Record, TimeStats, servqual_score

T0 = 1700000000

# The C test's worked SERVQUAL example (tests/test_insight_servqual.c).
EXPECTATIONS = [6, 6, 5, 5, 7, 7, 7, 6, 6, 6, 6, 6, 6, 6, 5, 6, 5, 5, 5, 5, 5, 5]
PERCEPTIONS = [5, 6, 5, 4, 5, 6, 6, 6, 5, 4, 5, 5, 6, 6, 5, 6, 6, 4, 5, 4, 5, 3]
POINTS = [10, 30, 25, 20, 15]


def records():
    """Five cases: three late deliveries (one not recovered, one reopened), one billing, one open."""
    return [
        Record(state="closed", opened_at=T0, first_response_seconds=540, resolution_seconds=7200,
               follow_up="satisfied", closed=True, customer="K-1", root_cause="late delivery",
               severity="minor", satisfaction=9, timers={"first_response": True}),
        Record(state="closed", opened_at=T0 + 10, first_response_seconds=4000, resolution_seconds=200000,
               follow_up="not_satisfied", closed=True, customer="K-1", root_cause="late delivery",
               severity="major", satisfaction=3, timers={"first_response": False}),
        Record(state="closed", opened_at=T0 + 20, first_response_seconds=60, resolution_seconds=3600,
               follow_up="satisfied", closed=True, reopen_count=1, customer="K-2", root_cause="late delivery",
               severity="minor", satisfaction=8, solicited=True),
        Record(state="closed", opened_at=T0 + 30, first_response_seconds=300, resolution_seconds=1800,
               follow_up="satisfied", closed=True, customer="K-3", root_cause="billing", solicited=False),
        Record(state="fix", opened_at=T0 + 40, first_response_seconds=120, customer="K-4",
               timers={"first_response": None}),
    ]


def filled() -> Insight:
    insight = Insight()
    for r in records():
        insight.add(r)
    return insight


def test_readme_example():
    insight = Insight()
    insight.set_owner("late delivery", "logistics")
    insight.add(Record(state="closed", first_response_seconds=540, resolution_seconds=86000,
                       follow_up="satisfied", closed=True, customer="C-1042",
                       root_cause="late delivery", severity="minor"))
    assert len(insight) == 1
    assert insight.metric("recovery_rate") == Metric("recovery_rate", 1.0, 1, 1)
    results = insight.results()
    assert results["cases"] == 1
    assert results["pareto"]["vital_few"] == ["late delivery"]
    assert insight.pareto()[0].owner == "logistics"


def test_counts_times_and_metrics():
    insight = filled()
    assert len(insight) == 5
    assert insight.state_count("closed") == 4 and insight.state_count("fix") == 1
    assert insight.state_count("nowhere") == 0
    assert insight.outcome_count("satisfied") == 3
    assert insight.outcome_count("not_satisfied") == 1
    assert insight.outcome_count(None) == 1
    fr = insight.times("first_response")
    assert isinstance(fr, TimeStats)
    assert (fr.count, fr.min, fr.max) == (5, 60, 4000)
    assert fr.mean == (540 + 4000 + 60 + 300 + 120) / 5
    assert abs(fr.p50 - 300) <= 300 * svcrecover.insight.PERCENTILE_ERROR  # exact only below 128 s
    res = insight.times("resolution")
    assert (res.count, res.min, res.max) == (4, 1800, 200000)
    assert abs(insight.percentile("resolution", 0.5) - 3600) <= 3600 * svcrecover.insight.PERCENTILE_ERROR
    metrics = insight.metrics
    assert list(metrics)[:8] == [
        "responded_share", "recovery_rate", "reopen_rate", "repeat_complaint_rate", "root_cause_share",
        "solicited_share", "owner_mapped_share", "expected_retention",
    ]
    assert metrics["recovery_rate"] == Metric("recovery_rate", 0.75, 3, 4)
    assert metrics["reopen_rate"][2:] == (1, 4)
    assert metrics["repeat_complaint_rate"][2:] == (1, 4)  # K-1 twice among four customers
    assert metrics["solicited_share"][2:] == (1, 2)
    assert metrics["first_response_within_goal_share"][2:] == (1, 2)  # the running one is unknown
    assert insight.metric("first_response_within_goal_share") == metrics["first_response_within_goal_share"]
    with pytest.raises(svcrecover.NotFound):
        insight.metric("happiness")
    with pytest.raises(svcrecover.InvalidArgument):
        insight.times("lunch")
    with pytest.raises(svcrecover.InvalidArgument):
        insight.percentile("resolution", 0)
    with pytest.raises(svcrecover.InvalidArgument):
        insight.outcome_count("happy")


def test_pareto_paradox_retention():
    insight = filled()
    insight.set_owner("billing", "finance")
    late, billing = insight.pareto()
    assert late == Cause("late delivery", None, 3, 0.75, 0.75, True, 3, 2, 1, 3, (7200 + 200000 + 3600) / 3)
    # 75% is short of 80%: the vital few take the second cause too.
    assert (billing.cause, billing.owner, billing.vital_few, billing.cumulative_share) == ("billing", "finance", True, 1.0)
    insight.add_baseline(7)
    insight.add_baseline(8)
    paradox = insight.paradox()
    assert paradox.recovered.count == 2 and paradox.recovered.mean == 8.5
    assert paradox.not_recovered.count == 1
    assert paradox.no_failure.mean == 7.5
    assert paradox.defined and paradox.index == 1.0
    retention = insight.retention()
    assert retention.cases["minor"] == {"resolved_quickly": 2, "resolved": 0, "unresolved": 0}
    assert retention.cases["major"] == {"resolved_quickly": 0, "resolved": 0, "unresolved": 1}
    assert retention.classified == 3
    assert abs(retention.expected_retained - (0.95 * 2 + 0.19)) < 1e-9
    assert abs(retention.rate - retention.expected_retained / 3) < 1e-12


def test_json_and_csv():
    insight = filled()
    results = insight.results()
    assert set(results) == {
        "cases", "by_state", "by_outcome", "first_response", "resolution", "timers", "metrics",
        "repeat_complaints", "pareto", "notifications", "paradox", "retention", "servqual",
    }
    assert results == json.loads(insight.to_json())
    assert results["by_outcome"] == {"no_follow_up": 1, "recovered": 3, "not_recovered": 1}
    pareto = insight.pareto_csv()
    assert pareto.splitlines()[0] == "cause,cases,share,cumulative_share,vital_few,owner"
    assert pareto.endswith("\r\n") and pareto.splitlines()[1].startswith("late delivery,3,")
    causes = insight.causes_csv()
    assert causes.splitlines()[0].startswith("cause,cases,followed_up,recovered,recovery_rate")


def test_add_with_fields_and_add_many():
    insight = Insight()
    insight.add(state="closed", resolution_seconds=3600, root_cause="billing")
    assert insight.add_many(records()) == 5
    assert insight.add_many([]) == 0
    assert len(insight) == 6
    with pytest.raises(TypeError):
        insight.add(Record(), state="x")
    with pytest.raises(TypeError):
        insight.add(status="closed")


def test_invalid_records_count_nothing():
    insight = filled()
    before = insight.to_json()
    bad = [
        Record(state=""),
        Record(follow_up="happy"),
        Record(severity="huge"),
        Record(satisfaction=10001),
        Record(satisfaction=2**40),
        Record(first_response_seconds=-5),
        Record(reopen_count=-1),
        Record(timers={"": True}),
    ]
    for record in bad:
        with pytest.raises(svcrecover.InvalidArgumentError):
            insight.add(record)
    for record in (Record(solicited="yes"), Record(timers={"first_response": "met"})):  # wrong types
        with pytest.raises(TypeError):
            insight.add(record)
    with pytest.raises(TypeError):
        insight.add(Record(state=5))
    with pytest.raises(svcrecover.InvalidArgument) as info:
        insight.add_many([Record(state="a"), Record(state="b"), Record(state=""), Record(state="c")])
    assert info.value.added == 2  # the two before the bad one stay counted
    assert len(insight) == 7
    insight.add_baseline(5)
    with pytest.raises(svcrecover.InvalidArgument):
        insight.add_baseline(10001)
    assert insight.paradox().no_failure.count == 1
    assert before != insight.to_json()


def test_cases_from_json_lines_match_the_c_example(source_root):
    data = source_root / "tests" / "data" / "insight"
    custom = Workflow.from_json((data / "workflow_with_customer.json").read_text())
    workflows = {"five-step": Workflow.builtin("five-step"), custom.name: custom}
    insight = Insight()
    for line in (data / "cases.jsonl").read_text().splitlines():
        case = Case.from_json(workflows[json.loads(line)["workflow"]], line)
        insight.add_case(case)
    assert len(insight) == 12
    assert insight.metric("recovery_rate")[2:] == (9, 10)
    assert insight.results()["by_state"] == {"atone": 1, "closed": 8, "fix": 1, "listen": 1, "working": 1}
    d2 = Case.from_json(custom, (data / "cases.jsonl").read_text().splitlines()[9])
    record = insight.record_from_case(d2)
    assert record == Record(state="working", opened_at=d2.opened_at, first_response_seconds=120,
                            resolution_seconds=5000, follow_up="not_satisfied", customer="C-100",
                            root_cause="damaged parcel", severity="major", satisfaction=4, solicited=True)
    # The C example program reads the same file into the same figures, byte for byte.
    program = pathlib.Path("examples") / "insight"
    if program.exists() and os.access(program, os.X_OK):
        out = subprocess.run([str(program), "--workflow", str(data / "workflow_with_customer.json"),
                              str(data / "cases.jsonl")], capture_output=True, text=True, check=True).stdout
        assert out.strip() == insight.to_json()


def test_options():
    late = Record(state="closed", resolution_seconds=7200, follow_up="satisfied", closed=True, severity="minor")
    default, strict = Insight(), Insight(quick_resolution_seconds=3600)
    default.add(late)
    strict.add(late)
    assert default.retention().cases["minor"]["resolved_quickly"] == 1
    assert strict.retention().cases["minor"]["resolved"] == 1
    table = Insight(repurchase=[[10000, 5000, 0], [10000, 5000, 0]])
    table.add(late)
    assert table.retention().rate == 1.0
    windowed = Insight(window_start=T0, window_end=T0 + 100)
    windowed.add(Record(opened_at=T0 - 1, customer="K"))
    windowed.add(Record(opened_at=T0 + 1, customer="K"))
    assert windowed.metric("repeat_complaint_rate")[2:] == (0, 1)
    with pytest.raises(svcrecover.InvalidArgument):
        Insight(quick_resolution_seconds=-1)
    with pytest.raises(svcrecover.InvalidArgument):
        Insight(window_start=T0, window_end=T0)
    with pytest.raises(svcrecover.InvalidArgument):
        Insight(repurchase=[[10001, 0, 0], [0, 0, 0]])
    with pytest.raises(svcrecover.InvalidArgument):
        Insight(repurchase=[[-1, 0, 0], [0, 0, 0]])
    with pytest.raises(TypeError):
        Insight(repurchase=[[1, 2], [3, 4]])
    with pytest.raises(svcrecover.InvalidArgument):
        Insight(root_cause_fact="")
    with pytest.raises(TypeError):
        Insight(colour="blue")


def test_option_names_choose_what_cases_give():
    wf = Workflow.builtin("five-step")
    case = Case(wf, "C-1", T0)
    case.facts["expectation"] = "parcel on Monday"
    case.apply("identified", role="agent", at=T0 + 60)
    case.apply("apologized", role="agent", at=T0 + 120)
    assert Insight().record_from_case(case).first_response_seconds == 120
    assert Insight(first_response_event="identified").record_from_case(case).first_response_seconds == 60
    assert Insight(first_response_event=None).record_from_case(case).first_response_seconds is None


def test_merge_equals_one_pass():
    everything = filled()
    first, second = Insight(), Insight()
    first.add_many(records()[:2])
    second.add_many(records()[2:])
    first.merge(second)
    assert first.to_json() == everything.to_json()
    assert len(second) == 3  # unchanged
    with pytest.raises(svcrecover.InvalidArgument):
        first.merge(first)
    with pytest.raises(svcrecover.InvalidArgument):
        first.merge(Insight(quick_resolution_seconds=60))
    with pytest.raises(TypeError):
        first.merge(records())


def test_servqual_score():
    result = servqual_score(EXPECTATIONS, PERCEPTIONS, POINTS)
    assert result.respondents == 1
    assert result.item_gap[:4] == (-1.0, 0.0, 0.0, -1.0)
    assert list(result.dimension_gap) == list(DIMENSIONS) == [
        "tangibles", "reliability", "responsiveness", "assurance", "empathy"]
    assert result.dimension_gap["assurance"] == 0.25
    assert abs(result.expectation["reliability"] - 6.6) < 1e-12
    assert result.weight["reliability"] == 30.0
    assert abs(result.unweighted - -0.61) < 1e-12
    assert result.weighted == -0.67
    with pytest.raises(svcrecover.InvalidArgument, match="22 expectations"):
        servqual_score(EXPECTATIONS[:-1], PERCEPTIONS, POINTS)
    with pytest.raises(svcrecover.InvalidArgument):
        servqual_score([8] + EXPECTATIONS[1:], PERCEPTIONS, POINTS)
    with pytest.raises(svcrecover.InvalidArgument, match="expectations is 263"):
        servqual_score([263] + EXPECTATIONS[1:], PERCEPTIONS, POINTS)  # never wraps to 7
    with pytest.raises(svcrecover.InvalidArgument):
        servqual_score(EXPECTATIONS, PERCEPTIONS, [20, 20, 20, 20, 19])
    with pytest.raises(svcrecover.InvalidArgument):
        servqual_score(EXPECTATIONS, PERCEPTIONS, [356, 0, 0, 0, -256])
    with pytest.raises(TypeError):
        servqual_score(EXPECTATIONS, PERCEPTIONS, 100)


def test_servqual_respondents():
    insight = Insight()
    assert insight.servqual().respondents == 0
    insight.add_servqual(EXPECTATIONS, PERCEPTIONS, POINTS)
    insight.add_servqual([4] * 22, [4] * 22, [20] * 5)
    with pytest.raises(svcrecover.InvalidArgument):
        insight.add_servqual([0] * 22, [4] * 22, [20] * 5)
    mean = insight.servqual()
    assert mean.respondents == 2
    assert mean.item_gap[4] == -1.0
    assert mean.weight["tangibles"] == 15.0
    assert insight.results()["servqual"]["respondents"] == 2


def test_empty_accumulator():
    insight = Insight()
    assert len(insight) == 0
    assert insight.times("resolution") == TimeStats(0, 0, 0, 0.0, 0, 0, 0)
    with pytest.raises(svcrecover.NotFound):
        insight.percentile("resolution", 0.5)
    assert insight.pareto() == []
    assert not insight.paradox().defined
    assert insight.metric("recovery_rate").denominator == 0


def test_context_manager_close_and_repr():
    with filled() as insight:
        assert repr(insight) == "<Insight: 5 cases>"
    with pytest.raises(svcrecover.StateError, match="closed"):
        len(insight)
    with pytest.raises(svcrecover.StateError):
        insight.add(Record())
    insight.close()
    assert repr(insight) == "<Insight (closed)>"
    with pytest.raises(svcrecover.StateError):
        Insight().merge(insight)


def test_many_records_do_not_grow_memory():
    insight = Insight()
    record = records()[0]
    assert growth(lambda: insight.add(record), 100_000) < 4 * 1024 * 1024

    def one():
        with Insight() as i:
            i.add_many(records())
            i.results()

    assert growth(one, 10_000) < 4 * 1024 * 1024


def test_the_example_names_the_bad_line(source_root):
    example = source_root / "examples" / "python" / "case_insight.py"
    data = source_root / "tests" / "data" / "insight"
    run = subprocess.run([sys.executable, str(example), str(data / "cases_bad.jsonl")], capture_output=True, text=True)
    assert run.returncode == 2
    assert "line 2:" in run.stderr
    run = subprocess.run([sys.executable, str(example), "--json", "--workflow", str(data / "workflow_with_customer.json"),
                          str(data / "cases.jsonl")], capture_output=True, text=True, check=True)
    assert json.loads(run.stdout)["cases"] == 12


def test_the_example_refuses_lines_that_are_not_utf8(source_root, tmp_path):
    # Before, a line that was not UTF-8 (or held a NUL byte) ended in a traceback.
    example = source_root / "examples" / "python" / "case_insight.py"
    good = (source_root / "tests" / "data" / "insight" / "cases.jsonl").read_bytes().splitlines()[0]
    for bad, says in ((b"\xff" + good, "line 2:"), (good + b"\x00", "line 2: a NUL byte")):
        path = tmp_path / "cases.jsonl"
        path.write_bytes(good + b"\n" + bad + b"\n")
        run = subprocess.run([sys.executable, str(example), str(path)], capture_output=True, text=True)
        assert run.returncode == 2, run.stderr
        assert says in run.stderr and "Traceback" not in run.stderr, run.stderr
