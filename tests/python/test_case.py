"""Cases through the bindings: applying events, facts, the log, JSON, ownership."""

import datetime as dt
import gc
import weakref

import pytest

import svcrecover

from memory import growth
from svcrecover import Case, LogEntry, Money, Workflow
from test_workflow import DESK_JSON

T0 = 1700000000
D = svcrecover.to_datetime  # what a case gives back for int seconds


def walk(case, at=T0):
    """Take a five-step case from identify to closed."""
    case.facts["expectation"] = "parcel delivered on Monday"
    case.apply("identified", role="agent", at=at + 100)
    case.apply("apologized", role="agent", at=at + 200)
    case.apply("listened", role="agent", at=at + 300, note="very upset")
    case.facts["customer_wish"] = "a replacement by Friday"
    case.apply("fixed", role="agent", at=at + 400)
    case.facts["atonement"] = "gift card"
    case.apply("atoned", role="agent", at=at + 500)
    case.facts["root_cause"] = "carrier"
    case.apply("satisfied", role="agent", at=at + 90000)


def test_issue_example():
    wf = svcrecover.Workflow.builtin("five-step")
    case = svcrecover.Case(wf, "C-1", opened_at=1700000000)
    case.facts["expectation"] = "parcel delivered on Monday"
    case.apply("identified", role="agent", at=1700000100)
    assert case.state == "apologize"
    assert case.allowed_events() == ["apologized"]
    (entry,) = list(case.log)
    assert (entry.event, entry.from_state, entry.to_state, entry.at, entry.role) == (
        "identified",
        "identify",
        "apologize",
        D(1700000100),
        "agent",
    )
    text = case.to_json()
    again = svcrecover.Case.from_json(wf, text)
    assert again.to_json() == text
    assert again.state == "apologize"


def test_walk_and_log():
    wf = Workflow.builtin()
    case = Case(wf, "C-2", opened_at=T0)
    walk(case)
    assert case.state == "closed"
    assert case.state_info.kind == "closed"
    assert case.id == "C-2"
    assert case.workflow is wf
    assert case.opened_at == D(T0)
    assert case.last_at == case.state_since == D(T0 + 90000)
    log = case.log
    assert len(log) == 6
    assert log[2] == LogEntry(3, "listened", "listen", "fix", D(T0 + 300), "agent", "very upset")
    assert log[-1].event == "satisfied"
    assert [e.sequence for e in log[1:3]] == [2, 3]
    assert log[0].note is None
    with pytest.raises(IndexError):
        log[6]
    assert repr(case) == "<Case 'C-2' (five-step) state='closed' events=6>"


def test_state_error():
    case = Case(Workflow.builtin(), "C-3", T0)
    with pytest.raises(svcrecover.StateError, match="apologized"):
        case.apply("apologized", role="agent", at=T0 + 1)
    assert case.state == "identify"
    assert len(case.log) == 0


def test_guard_error_names_the_fact():
    case = Case(Workflow.builtin(), "C-4", T0)
    with pytest.raises(svcrecover.GuardError, match="expectation"):
        case.apply("identified", role="agent", at=T0 + 1)
    assert not case.can_apply("identified", "agent", T0 + 1)
    case.facts["expectation"] = "x"
    assert case.can_apply("identified", "agent", T0 + 1)
    case.check("identified", "agent", T0 + 1)


def test_permission_and_time_errors():
    case = Case(Workflow.from_json(DESK_JSON), "D-1", T0)
    case.facts["summary"] = "late"
    with pytest.raises(svcrecover.PermissionDenied):
        case.apply("start", role="customer", at=T0 + 1)
    case.apply("start", role="agent", at=T0 + 10)
    case.facts["severity"] = 3
    with pytest.raises(svcrecover.InvalidArgument):
        case.apply("solve", role="agent", at=T0 + 5)  # before the last event
    case.apply("solve", role="agent", at=T0 + 20)
    with pytest.raises(svcrecover.PermissionDenied):
        case.apply("close", role="agent", at=T0 + 30)
    assert case.allowed_events(role="supervisor") == ["close"]
    with pytest.raises(svcrecover.PermissionDenied):
        case.allowed_events(role="nobody")


def test_reopen_after_grace_period():
    wf = Workflow.builtin()
    case = Case(wf, "C-5", T0)
    walk(case)
    closed_at = case.last_at
    with pytest.raises(svcrecover.StateError):
        case.apply("reopen", role="agent", at=closed_at + wf.reopen_grace + dt.timedelta(seconds=1))
    case.apply("reopen", role="agent", at=closed_at + dt.timedelta(hours=1))
    assert case.state == "fix"


def test_typed_facts():
    case = Case(Workflow.from_json(DESK_JSON), "D-2", T0)
    facts = case.facts
    facts["summary"] = "parcel late"
    facts["severity"] = 4
    facts["vip"] = True
    facts["refund"] = Money(1250, "EUR")
    assert dict(facts) == {"summary": "parcel late", "severity": 4, "vip": True, "refund": Money(1250, "EUR")}
    assert facts["vip"] is True
    assert len(facts) == 4 and "vip" in facts and "nothing" not in facts
    del facts["vip"]
    assert "vip" not in facts
    assert facts.get("vip") is None
    with pytest.raises(KeyError):
        facts["vip"]
    with pytest.raises(KeyError):
        del facts["vip"]
    with pytest.raises(svcrecover.NotFound):
        facts["undeclared"] = "x"
    with pytest.raises(TypeError, match="declared integer"):
        facts["severity"] = "high"
    with pytest.raises(svcrecover.InvalidArgument):
        facts["summary"] = ""
    with pytest.raises(TypeError):
        facts["summary"] = 1.5
    assert repr(facts).startswith("Facts({'summary'")


def test_datetimes_are_accepted():
    case = Case(Workflow.builtin(), "C-6", dt.datetime(2026, 11, 23, 9, tzinfo=dt.timezone.utc))
    assert case.opened_at == svcrecover.parse_time("2026-11-23T09:00:00Z")
    case.facts["expectation"] = "x"
    case.apply("identified", role="agent", at=dt.datetime(2026, 11, 23, 10, tzinfo=dt.timezone.utc))
    assert case.log[0].at == case.opened_at + dt.timedelta(hours=1)


def test_json_and_replay_round_trips():
    wf = Workflow.builtin()
    case = Case(wf, "C-7", T0)
    walk(case)
    text = case.to_json()
    decoded = Case.from_json(wf, text)
    assert decoded.to_json() == text
    assert list(decoded.log) == list(case.log)
    replayed = case.replay()
    assert replayed.to_json() == text
    assert replayed.workflow is wf


def test_decode_errors():
    wf = Workflow.builtin()
    with pytest.raises(svcrecover.ParseError) as info:
        Case.from_json(wf, '{\n"id": 5}')
    assert info.value.line >= 1
    case = Case(wf, "C-8", T0)
    walk(case)
    with pytest.raises(svcrecover.ParseError):
        Case.from_json(Workflow.builtin("four-step"), case.to_json())


def test_invalid_arguments():
    wf = Workflow.builtin()
    with pytest.raises(svcrecover.InvalidArgument):
        Case(wf, "", T0)
    with pytest.raises(TypeError):
        Case(wf, 5, T0)
    with pytest.raises(TypeError):
        Case("five-step", "C-9", T0)
    case = Case(wf, "C-9", T0)
    with pytest.raises(TypeError):
        case.apply("identified", role="agent", at="noon")
    with pytest.raises(ValueError):
        case.apply("identi\0fied", role="agent", at=T0)


def test_context_manager_and_close():
    wf = Workflow.builtin()
    with Case(wf, "C-10", T0) as case:
        case.facts["expectation"] = "x"
    with pytest.raises(svcrecover.StateError, match="closed"):
        case.state
    with pytest.raises(svcrecover.StateError):
        case.apply("identified", role="agent", at=T0 + 1)
    case.close()  # idempotent
    assert repr(case) == "<Case (closed)>"


def test_case_keeps_its_workflow_alive():
    wf = Workflow.builtin()
    watcher = weakref.ref(wf)
    case = Case(wf, "C-11", T0)
    del wf
    gc.collect()
    assert watcher() is not None  # the case holds it
    walk(case)
    assert case.workflow.name == "five-step"
    del case
    gc.collect()
    assert watcher() is None


def test_decoded_and_replayed_cases_keep_their_workflow_alive():
    wf = Workflow.builtin()
    case = Case(wf, "C-12", T0)
    walk(case)
    decoded = Case.from_json(Workflow.builtin(), case.to_json())
    replayed = case.replay(Workflow.builtin())
    del wf, case
    gc.collect()
    assert decoded.state == replayed.state == "closed"


def test_many_cases_do_not_grow_memory():
    wf = Workflow.builtin()

    def one():
        case = Case(wf, "C-loop", T0)
        case.facts["expectation"] = "x"
        case.apply("identified", role="agent", at=T0 + 1)

    # 100k cases: a leak of even 40 bytes each would show as 4 MB.
    assert growth(one, 100_000) < 4 * 1024 * 1024
