"""Maturity scoring through the bindings."""

import fractions
import gc
import pathlib

import pytest

import svcrecover
from memory import growth
from svcrecover import maturity

STAGE_2 = {"complaint_channel": True, "complaints_recorded": True, "complaints_answered": 0.6}


def test_issue_example():
    result = svcrecover.maturity.assess({"complaint_channel": True})
    assert (result.stage, result.stage_name) == (1, "Moribund")
    assert "complaints_recorded" in result.missing
    assert result.gaps == []  # nothing answered "no": only missing criteria


def test_stages_gaps_and_missing():
    result = maturity.assess(STAGE_2)
    assert (result.stage, result.stage_name) == (2, "Reactive")
    assert all(c.startswith(("process_owner", "response", "complaints_tracked", "acknowledged", "resolved", "staff"))
               for c in result.missing if maturity.Model.builtin().criterion(c).stage == 3)
    answers = dict(STAGE_2, process_owner=False, acknowledged_within_goal=fractions.Fraction(89, 100))
    result = maturity.assess(answers)
    gaps = {g.id: g for g in result.gaps}
    assert gaps["process_owner"].kind == "bool" and gaps["process_owner"].needed == 1
    ack = gaps["acknowledged_within_goal"]
    assert (ack.kind, ack.direction, ack.given, ack.needed) == ("number", "at_least", 0.89, 0.9)
    scores = {s.stage: s for s in result.stage_scores}
    assert scores[2].met == scores[2].total == 3
    assert scores[3].unmet == 2
    assert "stage=2 (Reactive)" in repr(result)
    assert '"stage":2' in result.to_json().replace(" ", "")


def test_exact_ratio_meets_threshold():
    base = dict(STAGE_2)
    for id in ("process_owner", "response_guidelines", "response_time_goals", "staff_trained"):
        base[id] = True
    base.update(complaints_tracked=fractions.Fraction(95, 100), resolved_within_goal=0.95)
    base["acknowledged_within_goal"] = fractions.Fraction(9, 10)
    assert maturity.assess(base).stage == 3
    base["acknowledged_within_goal"] = fractions.Fraction(899, 1000)
    assert maturity.assess(base).stage == 2


def test_answers_mapping():
    answers = maturity.Answers()
    answers["complaint_channel"] = True
    answers.set_ratio("complaints_answered", 1, 2)
    assert dict(answers) == {"complaint_channel": True, "complaints_answered": fractions.Fraction(1, 2)}
    del answers["complaint_channel"]
    assert "complaint_channel" not in answers and len(answers) == 1
    with pytest.raises(svcrecover.NotFound):
        answers["no_such_criterion"] = True
    with pytest.raises(svcrecover.InvalidArgument):
        answers["complaint_channel"] = 0.5  # a yes/no criterion
    with pytest.raises(svcrecover.InvalidArgument):
        answers["complaints_answered"] = True  # a number criterion
    with pytest.raises(svcrecover.InvalidArgument):
        answers["complaints_answered"] = float("nan")
    with pytest.raises(svcrecover.InvalidArgument):
        answers.set_ratio("complaints_answered", 1, 0)
    with pytest.raises(TypeError):
        answers["complaint_channel"] = "yes"
    assert answers.score().stage == 1


def test_answers_from_json(source_root):
    text = (source_root / "tests/data/maturity/answers_active_listening.json").read_text()
    result = maturity.Answers.from_json(text).score()
    assert result.stage == 3
    assert result.stage_name == "Active Listening"
    with pytest.raises(svcrecover.ParseError) as info:
        maturity.Answers.from_json('{"answers": {\n  "nope": true}}')
    assert info.value.line == 2
    with pytest.raises(svcrecover.ParseError):
        maturity.Answers.from_json((source_root / "tests/data/maturity/answers_syntax_error.json").read_text())


def test_model():
    model = maturity.Model.builtin()
    assert len(model) == len(model.criteria) >= 20
    c = model.criterion("acknowledged_within_goal")
    assert (c.stage, c.kind, c.direction, c.threshold) == (3, "number", "at_least", 0.9)
    assert c.question
    model.set_threshold("acknowledged_within_goal", 0.8)
    assert model.criterion("acknowledged_within_goal").threshold == 0.8
    with pytest.raises(svcrecover.InvalidArgument):
        model.set_threshold("complaint_channel", 0.5)
    with pytest.raises(svcrecover.NotFound):
        model.criterion("nope")
    again = maturity.Model.from_json(model.to_json())
    # (the encoding leaves out each criterion's "source")
    assert [c[:6] for c in again.criteria] == [c[:6] for c in model.criteria]
    assert repr(model).startswith("<maturity.Model")
    with pytest.raises(svcrecover.ParseError):
        maturity.Model.from_json("{")
    with pytest.raises(TypeError):
        maturity.Model()


def test_custom_model(source_root):
    model = maturity.Model.from_json((source_root / "tests/data/maturity/model_small.json").read_text())
    ids = [c.id for c in model]
    result = maturity.assess({i: True for i in ids if model.criterion(i).kind == "bool"}, model)
    assert 1 <= result.stage <= 5


def test_metric_map():
    answers = maturity.Answers()
    metrics = maturity.MetricMap({"ack_share": "acknowledged_within_goal"})
    assert answers.set_metric(metrics, "ack_share", 0.95) is True
    assert answers.set_metric(metrics, "unknown_metric", 0.5) is False
    maturity.MetricMap.builtin()


def test_stage_names():
    assert [maturity.stage_name(s) for s in range(1, 6)] == [
        "Moribund", "Reactive", "Active Listening", "Solicitous", "Infused"]
    with pytest.raises(svcrecover.NotFound):
        maturity.stage_name(6)


def test_answers_and_results_keep_their_model_alive():
    answers = maturity.Answers(maturity.Model.builtin(), STAGE_2)
    result = answers.score()
    del answers
    gc.collect()
    assert result.gaps == [] and result.to_json()


def test_scoring_does_not_grow_memory():
    model = maturity.Model.builtin()
    assert growth(lambda: maturity.assess(STAGE_2, model), 20_000) < 4 * 1024 * 1024
