"""Workflows through the bindings: built-ins, JSON, introspection."""

import datetime as dt

import pytest

import svcrecover

from memory import growth
from svcrecover import Workflow

DESK_JSON = """{
  "name": "mini",
  "roles": ["agent", "supervisor"],
  "facts": [
    {"name": "summary", "type": "string"},
    {"name": "severity", "type": "integer"},
    {"name": "vip", "type": "boolean"},
    {"name": "refund", "type": "money"}
  ],
  "states": [
    {"name": "new", "kind": "initial", "guidance": "Read it."},
    {"name": "working", "kind": "active"},
    {"name": "solved", "kind": "resolved", "due_after": "24h"},
    {"name": "closed", "kind": "closed"}
  ],
  "transitions": [
    {"event": "start", "from": "new", "to": "working", "requires": ["summary"]},
    {"event": "solve", "from": "working", "to": "solved", "requires": ["severity"]},
    {"event": "close", "from": "solved", "to": "closed", "roles": ["supervisor"]},
    {"event": "reopen", "from": "closed", "to": "working", "reopen": true}
  ]
}"""


def test_builtins():
    assert Workflow.builtin_names() == ("five-step", "five-phase", "four-step", "four-stage")
    for name in Workflow.builtin_names():
        wf = Workflow.builtin(name)
        assert wf.name == name
        assert wf.initial_state == wf.states[0].name
    wf = Workflow.builtin()
    assert wf.name == "five-step"
    assert [s.name for s in wf.states] == ["identify", "apologize", "listen", "fix", "atone", "follow_up", "closed"]
    assert repr(wf) == "<Workflow 'five-step': 7 states>"
    assert wf.title
    assert wf.reopen_grace == dt.timedelta(days=14)
    assert "agent" in wf.roles


def test_introspection():
    wf = Workflow.builtin("five-step")
    follow_up = wf.state("follow_up")
    assert follow_up.kind == "resolved"
    assert follow_up.due_after == dt.timedelta(days=1)
    assert "What else can we do for you?" in follow_up.guidance
    assert wf.state("apologize").due_after is None  # no due time
    t = wf.transition("follow_up", "satisfied")
    assert (t.event, t.from_state, t.to_state, t.required_facts, t.reopen) == (
        "satisfied",
        "follow_up",
        "closed",
        ("root_cause",),
        False,
    )
    assert "agent" in t.roles
    assert wf.transition("closed", "reopen").reopen is True
    assert {f.name: f.type for f in wf.facts}["compensation"] == "money"
    assert "identified" in wf.events
    assert len(wf.transitions) == 8
    with pytest.raises(svcrecover.NotFound):
        wf.state("nowhere")
    with pytest.raises(svcrecover.NotFound):
        wf.transition("identify", "satisfied")


def test_unknown_builtin():
    with pytest.raises(svcrecover.NotFound, match="five-step"):
        Workflow.builtin("six-step")


def test_json_round_trip():
    wf = Workflow.from_json(DESK_JSON)
    assert wf.name == "mini"
    again = Workflow.from_json(wf.to_json())
    assert again.to_json() == wf.to_json()
    five = Workflow.builtin("five-step")
    assert Workflow.from_json(five.to_json()).to_json() == five.to_json()
    assert Workflow.from_json(DESK_JSON.encode()).name == "mini"


def test_parse_errors_have_line_and_column():
    with pytest.raises(svcrecover.ParseError) as info:
        Workflow.from_json(DESK_JSON.replace('"to": "solved"', '"to": "nowhere"'))
    assert info.value.line == 18
    assert info.value.column > 1
    with pytest.raises(svcrecover.ParseError) as info:
        Workflow.from_json('{\n  "name": }')
    assert info.value.line == 2


def test_cannot_be_made_directly():
    with pytest.raises(TypeError):
        Workflow()


def test_workflows_are_freed():
    assert growth(lambda: Workflow.builtin("five-step"), 20_000) < 4 * 1024 * 1024
