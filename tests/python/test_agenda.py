"""The agenda through the bindings: deadlines, order, walks, errors, ownership."""

import datetime as dt
import gc

import pytest

import svcrecover
from memory import growth
from svcrecover import Agenda, AgendaEntry

T0 = 1700000000
D = svcrecover.to_datetime  # what the agenda gives back for int seconds


def sample() -> Agenda:
    return Agenda(
        [
            ("C-1", "resolution", T0 + 86400),
            ("C-2", "first_response", T0 + 3600),
            ("C-1", "first_response", T0 + 600),
            ("C-3", "follow_up", T0 + 7200),
        ]
    )


def test_order_next_and_iteration():
    agenda = sample()
    assert len(agenda) == 4
    assert agenda.next() == AgendaEntry("C-1", "first_response", D(T0 + 600))
    assert [(e.case_id, e.timer) for e in agenda] == [
        ("C-1", "first_response"),
        ("C-2", "first_response"),
        ("C-3", "follow_up"),
        ("C-1", "resolution"),
    ]
    entry = agenda.next()
    assert (entry.case_id, entry.timer, entry.due_at) == ("C-1", "first_response", D(T0 + 600))
    case_id, timer, due_at = entry  # a plain tuple too
    assert due_at == D(T0 + 600)


def test_due_before_and_overdue_are_strict():
    agenda = sample()
    assert [e.case_id for e in agenda.due_before(T0 + 3600)] == ["C-1"]
    assert [e.case_id for e in agenda.due_before(T0 + 3601)] == ["C-1", "C-2"]
    assert list(agenda.due_before(T0)) == []
    assert agenda.count_overdue(T0 + 3600) == 1
    assert agenda.count_overdue(T0 + 10**6) == 4
    assert agenda.count_overdue(T0) == 0


def test_add_moves_an_existing_key():
    agenda = sample()
    agenda.add("C-1", "resolution", T0 + 1)
    assert len(agenda) == 4
    assert agenda.next() == ("C-1", "resolution", D(T0 + 1))
    assert agenda.get("C-1", "resolution") == D(T0 + 1)


def test_move_remove_and_lookups():
    agenda = sample()
    agenda.move("C-3", "follow_up", T0 + 60)
    assert agenda.next().case_id == "C-3"
    agenda.remove("C-3", "follow_up")
    assert ("C-3", "follow_up") not in agenda
    assert ("C-2", "first_response") in agenda
    assert "C-2" not in agenda and ("C-2", 5) not in agenda
    assert agenda.get("C-3", "follow_up") is None
    assert agenda.get("C-3", "follow_up", -1) == -1
    with pytest.raises(svcrecover.NotFound):
        agenda.move("C-3", "follow_up", T0)  # adds nothing
    with pytest.raises(svcrecover.NotFound):
        agenda.remove("C-3", "follow_up")
    assert len(agenda) == 3
    assert agenda.remove_case("C-1") == 2
    assert agenda.remove_case("C-1") == 0
    assert [e.case_id for e in agenda] == ["C-2"]


def test_empty_agenda():
    agenda = Agenda()
    assert len(agenda) == 0 and not agenda
    assert agenda.next() is None
    assert list(agenda) == []
    assert agenda.count_overdue(T0) == 0
    assert repr(agenda) == "<Agenda: empty>"


def test_datetimes_and_long_ids():
    agenda = Agenda()
    due = dt.datetime(2026, 11, 23, 9, tzinfo=dt.timezone.utc)
    long_id = "CASE-" + "x" * 100  # longer than the inline 15 bytes
    agenda.add(long_id, "resolution", due)
    agenda.add("C-\u00e9", "r\u00e9solution", due + dt.timedelta(hours=1))
    assert agenda.get(long_id, "resolution") == svcrecover.parse_time("2026-11-23T09:00:00Z")
    assert [e.case_id for e in agenda.due_before(due + dt.timedelta(days=1))] == [long_id, "C-\u00e9"]
    with pytest.raises(svcrecover.InvalidArgument):
        agenda.add("C-1", "x", dt.datetime(2026, 11, 23))  # naive


def test_invalid_arguments():
    agenda = Agenda()
    with pytest.raises(svcrecover.InvalidArgument):
        agenda.add("", "resolution", T0)
    with pytest.raises(svcrecover.InvalidArgument):
        agenda.add("C-1", "", T0)
    with pytest.raises(TypeError, match="None"):
        agenda.add(None, "resolution", T0)
    with pytest.raises(TypeError):
        agenda.add(1, "resolution", T0)
    with pytest.raises(TypeError):
        agenda.add("C-1", "resolution", "tomorrow")
    with pytest.raises(ValueError):
        agenda.add("C-\0", "resolution", T0)
    with pytest.raises(svcrecover.MoneyOverflowError):
        agenda.reserve(2**40)
    assert len(agenda) == 0
    agenda.reserve(1000)


def test_changing_the_agenda_during_a_walk_raises():
    agenda = sample()
    walk = agenda.due_before(T0 + 10**6)
    first = next(walk)
    agenda.remove(first.case_id, first.timer)
    with pytest.raises(svcrecover.StateError, match="changed"):
        next(walk)
    # The usual way: take the overdue entries first, then handle them.
    for entry in list(agenda.due_before(T0 + 7201)):
        agenda.remove(entry.case_id, entry.timer)
    assert [e.timer for e in agenda] == ["resolution"]


def test_the_last_instant_is_left_out_of_iteration():
    agenda = Agenda([("C-1", "never", 2**63 - 1), ("C-2", "soon", T0)])
    assert len(agenda) == 2
    assert [e.case_id for e in agenda] == ["C-2"]
    with pytest.raises(OverflowError):
        agenda.add("C-3", "x", 2**63)


def test_context_manager_and_close():
    with sample() as agenda:
        walk = iter(agenda)
        assert len(agenda) == 4
    with pytest.raises(svcrecover.StateError, match="closed"):
        len(agenda)
    with pytest.raises(svcrecover.StateError):
        agenda.add("C-1", "x", T0)
    with pytest.raises(svcrecover.StateError, match="closed"):
        next(walk)  # a walk never outlives its agenda's memory
    agenda.close()  # idempotent
    assert repr(agenda) == "<Agenda (closed)>"


def test_a_walk_keeps_its_agenda_alive():
    walk = sample().due_before(T0 + 10**6)
    gc.collect()
    assert [e.case_id for e in walk] == ["C-1", "C-2", "C-3", "C-1"]


def test_repr():
    assert repr(sample()) == f"<Agenda: 4 entries, next 'C-1'/'first_response' due at {D(T0 + 600)}>"


def test_many_deadlines_do_not_grow_memory():
    agenda = Agenda()

    def churn():
        agenda.add("C-loop", "resolution", T0)
        agenda.remove("C-loop", "resolution")

    assert growth(churn, 100_000) < 4 * 1024 * 1024

    def one():
        with Agenda([("C-1", "resolution", T0), ("C-2", "first_response", T0 + 1)]) as a:
            list(a)

    assert growth(one, 20_000) < 4 * 1024 * 1024
