"""svcrecover.export and svcrecover.dask follow the package's Python conventions (issue 18): a
wrong type raises TypeError, a bad value the ...Error of its kind, messages name no C function,
durations come out as timedeltas. None of this needs dask: the checks come before any work."""

import datetime
import fractions
import pickle

import pytest

import svcrecover
import svcrecover.dask as sdask
from svcrecover import Insight, maturity
from svcrecover import export


@pytest.fixture
def desk_file(source_root):
    return str(source_root / "tests" / "data" / "insight" / "desk_export.jsonl")


def test_wrong_types_raise_type_error(desk_file):
    workflows = export.Workflows()
    attempts = [
        lambda: export.read_case(5, workflows),
        lambda: export.read_case('{"workflow": "five-step"}', "five-step"),
        lambda: export.add_lines(Insight(), "one line, not a list of lines"),
        lambda: export.add_lines(Insight(), [5]),
        lambda: export.add_lines("an insight", []),
        lambda: export.add_lines(Insight(), [], first_number=True),
        lambda: export.add_read(Insight(), "a case", None),
        lambda: export.add_file(Insight(), 5),
        lambda: export.Workflows(["five-step"]),
        lambda: workflows[5],
        lambda: export.Workflows.from_files(5),
        lambda: sdask.partitions(5),
        lambda: sdask.partitions([5]),
        lambda: sdask.partitions(desk_file, per_file="2"),
        lambda: sdask.partitions(desk_file, per_file=True),
        lambda: sdask.fold_partition(desk_file, {}),
        lambda: sdask.fold_partition(sdask.Partition(desk_file), [("quick_resolution_seconds", 60)]),
        lambda: sdask.insight(desk_file, fan_in=2.5),
        lambda: sdask.insight(desk_file, workflows=["five-step"]),
        lambda: sdask.insight(desk_file, owners=[("late delivery", "logistics")]),
        lambda: sdask.insight(desk_file, owners={"late delivery": 7}),
        lambda: sdask.insight(desk_file, no_such_option=1),
        lambda: sdask.maturity(Insight(), answers=["complaint_channel"]),
        lambda: sdask.maturity(Insight(), metric_map={"recovery_rate": "recovery_rate"}),
        lambda: sdask.maturity(Insight(), quick_resolution_seconds=60),
        lambda: Insight.from_state("text"),
    ]
    for number, attempt in enumerate(attempts):
        with pytest.raises(TypeError) as raised:
            attempt()
        assert "svcr_" not in str(raised.value) and "NULL" not in str(raised.value), number


def test_bad_values_raise_the_error_of_their_kind(desk_file):
    workflows = export.Workflows()
    with pytest.raises(svcrecover.InvalidArgumentError, match="per_file is 0"):
        sdask.partitions(desk_file, per_file=0)
    with pytest.raises(svcrecover.InvalidArgumentError, match="fan_in is 1"):
        sdask.insight(desk_file, fan_in=1)
    with pytest.raises(svcrecover.InvalidArgumentError):
        sdask.insight(desk_file, quick_resolution_seconds=-1)
    with pytest.raises(svcrecover.NotFoundError, match="unknown workflow 'no-such-flow'"):
        workflows["no-such-flow"]
    with pytest.raises(svcrecover.ParseError, match="not UTF-8: byte 0xff"):
        export.read_case(b'{"workflow": "\xff"}', workflows)
    with pytest.raises(svcrecover.ParseError, match='"workflow" is 5'):
        export.read_case('{"case": {"workflow": 5}}', workflows)
    with pytest.raises(svcrecover.ParseError, match='"severity" is 0'):
        export.add_read(Insight(), *export.read_case('{"workflow": "five-step", "id": "C-1", '
                                                     '"opened_at": "2026-11-23T10:00:00Z", "state": "identify", '
                                                     '"facts": {}, "log": []}', workflows)[:1], {"severity": 0})


def test_a_bad_line_is_a_case_line_error_with_a_python_message(tmp_path):
    """The case's own error (here a history its workflow does not allow) reaches the reader
    without the library's C function names, inside a CaseLineError that pickles whole."""
    path = tmp_path / "cases.jsonl"
    path.write_bytes(b'\n{"workflow": "five-step", "id": "C-1", "opened_at": "2026-11-23T10:00:00Z", '
                     b'"state": "closed", "facts": {}, "log": []}\n')
    with pytest.raises(export.CaseLineError) as raised:
        export.add_file(Insight(), path)  # a pathlib.Path works as well as a str
    error = raised.value
    assert error.path == str(path) and error.number == 2 and error.line == 2
    assert "svcr_" not in str(error) and str(error).startswith(f"{path}: line 2: ")
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.path, copy.number, copy.reason, str(copy)) == (error.path, error.number, error.reason, str(error))


def test_timings_are_timedeltas(desk_file):
    folded, timings = sdask.fold_partition(sdask.Partition(desk_file), {}, timings=True)
    assert timings.cases == len(folded) == 13
    for spent in (timings.parse, timings.fold, timings.encode):
        assert isinstance(spent, datetime.timedelta) and spent >= datetime.timedelta(0)


def test_maturity_takes_answers_as_given_and_leaves_them_unchanged(desk_file):
    insight = Insight()
    export.add_file(insight, desk_file)
    # A plain mapping, for the built-in model.
    by_hand = maturity.Answers({"complaint_channel": True})
    for metric in insight.metrics.values():
        if metric.denominator:
            by_hand.set_metric(maturity.MetricMap.builtin(), metric.name, metric.value)
    assert sdask.maturity(insight, answers={"complaint_channel": True}) == by_hand.score()
    # Answers keep their own model; the caller's answers are not changed.
    model = maturity.Model.builtin()
    model.set_threshold("complaints_tracked", 0.5)
    given = {"complaint_channel": True, "complaints_tracked": fractions.Fraction(3, 5)}
    answers = maturity.Answers(given, model=model)
    result = sdask.maturity(insight, answers=answers)
    assert dict(answers) == given and answers.model is model
    with_builtin_model = sdask.maturity(insight, answers=given)
    stage = model.criterion("complaints_tracked").stage
    met = [next(score.met for score in r.stage_scores if score.stage == stage) for r in (result, with_builtin_model)]
    assert met[0] == met[1] + 1  # 0.6 meets this model's 0.5, not the built-in 0.95
