"""The recovery loop in Python: who did it, spending limits and approvals, the root-cause
taxonomy, surveys, notifications as records, guarantees and the four-stage workflow."""

import copy
import pickle
import re
from datetime import datetime, timedelta, timezone

import pytest

import svcrecover
from svcrecover import (Case, GuardError, Guarantee, Limits, Money, NotFoundError, ParseError,
                        PermissionDeniedError, StateError, SurveyResponse, Taxonomy, Workflow)
from svcrecover.insight import Insight

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


LIMITS = ('{"limits": [{"fact": "compensation", "currency": "EUR", "events": ["atoned"],\n'
          ' "roles": {"agent": "25.00 EUR", "supervisor": "100.00 EUR", "manager": "unlimited"}}]}')


@pytest.fixture
def taxonomy(source_root):
    return Taxonomy.from_json((source_root / "tests" / "data" / "taxonomy.json").read_text())


def five_step_at_atone(limits=None):
    wf = Workflow.builtin("five-step")
    case = Case(wf, "C-2", opened_at=T0)
    if limits is not None:
        case.bind_limits(Limits.from_json(wf, limits))
    case.facts["expectation"] = "parcel on Monday"
    case.apply("identified", role="agent", at=at(1), actor="ann")
    case.apply("apologized", role="agent", at=at(2), actor="ann")
    case.apply("listened", role="agent", at=at(2), actor="ann")
    case.facts["customer_wish"] = "the parcel, and the shipping back"
    case.facts["atonement"] = "refund"
    case.apply("fixed", role="agent", at=at(3), actor="ann")
    assert case.state == "atone"
    return case


def four_stage_in_resolution(taxonomy):
    case = Case(Workflow.builtin("four-stage"), "C-4", opened_at=T0)
    case.bind_taxonomy(taxonomy)
    case.facts["expectation"] = "parcel on Monday"
    case.apply("identified", role="agent", at=at(1), actor="ann")
    return case


# -- who did it ---------------------------------------------------------------------------------

def test_the_log_records_the_person_beside_the_role():
    case = five_step_at_atone()
    entry = case.log[0]
    assert (entry.role, entry.actor) == ("agent", "ann")
    case2 = Case(Workflow.builtin("five-step"), "C-3", opened_at=T0)
    case2.facts["expectation"] = "x"
    case2.apply("identified", role="agent", at=at(1))
    assert case2.log[0].actor is None
    # the actor survives JSON, pickling and replay
    assert Case.from_json(case.workflow, case.to_json()).log[0].actor == "ann"
    assert pickle.loads(pickle.dumps(case)).log[3].actor == "ann"
    assert case.replay().log[1].actor == "ann"


def test_an_empty_actor_is_refused_and_changes_nothing():
    case = five_step_at_atone()
    before = case.to_json()
    with pytest.raises(svcrecover.InvalidArgumentError):
        case.apply("atoned", role="agent", at=at(4), actor="")
    assert case.to_json() == before


def test_a_case_has_an_assignee_kept_in_its_history():
    case = five_step_at_atone()
    assert case.assignee is None
    case.assign("bob", role="supervisor", at=at(4), actor="sue")
    assert case.assignee == "bob"
    again = Case.from_json(case.workflow, case.to_json())
    assert again.assignee == "bob"
    assert '"assignments"' in case.to_json()
    case.assign(None, role="supervisor", at=at(5))
    assert case.assignee is None
    with pytest.raises(PermissionDeniedError):
        case.assign("bob", role="janitor", at=at(6))


def test_fact_changes_take_values_of_the_declared_type_and_are_recorded():
    case = five_step_at_atone()
    case.change_fact("compensation", Money.parse("12.50 EUR"), role="agent", at=at(4), actor="ann")
    assert case.facts["compensation"] == Money.parse("12.50 EUR")
    case.change_fact("satisfaction", 4, role="agent", at=at(4), actor="ann")
    assert case.facts["satisfaction"] == 4
    case.change_fact("solicited", True, role="agent", at=at(4))
    assert case.facts["solicited"] is True
    assert '"actor":"ann"' in case.to_json()
    case.change_fact("satisfaction", None, role="agent", at=at(5))
    assert "satisfaction" not in case.facts
    with pytest.raises(TypeError, match='"satisfaction" is declared integer'):
        case.change_fact("satisfaction", "four", role="agent", at=at(6))
    with pytest.raises(TypeError):
        case.change_fact("solicited", 1, role="agent", at=at(6))
    with pytest.raises(svcrecover.InvalidArgumentError, match="scale"):
        case.change_fact("satisfaction", 9, role="agent", at=at(6))
    with pytest.raises(NotFoundError):
        case.change_fact("mood", "fine", role="agent", at=at(6))
    with pytest.raises(PermissionDeniedError):
        case.change_fact("satisfaction", 3, role="janitor", at=at(6))


# -- spending limits and approvals --------------------------------------------------------------

def test_limits_tell_each_roles_limit_and_the_lowest_role():
    wf = Workflow.builtin("five-step")
    limits = Limits.from_json(wf, LIMITS)
    assert limits.role_limit("compensation", "agent") == Money.parse("25.00 EUR")
    assert limits.role_limit("compensation", "manager") is None
    assert limits.lowest_role("compensation", Money.parse("80.00 EUR")) == "supervisor"
    assert limits.lowest_role("compensation", Money.parse("198.00 EUR")) == "manager"
    with pytest.raises(svcrecover.CurrencyMismatchError):
        limits.lowest_role("compensation", Money.parse("5.00 USD"))
    with pytest.raises(NotFoundError):
        limits.role_limit("refund", "agent")
    assert pickle.loads(pickle.dumps(limits)) == limits
    assert wf.limits is None
    four = Workflow.builtin("four-stage").limits
    assert four is not None and four.role_limit("compensation", "supervisor") == Money.parse("100.00 EUR")


def test_bad_limits_are_refused_with_their_position():
    wf = Workflow.builtin("five-step")
    with pytest.raises(ParseError) as error:
        Limits.from_json(wf, LIMITS.replace('"25.00 EUR"', '"25.00 USD"'))
    assert error.value.line == 2
    with pytest.raises(ParseError, match="janitor"):
        Limits.from_json(wf, LIMITS.replace('"agent"', '"janitor"'))
    with pytest.raises(TypeError):
        Limits.from_json("five-step", LIMITS)  # type: ignore[arg-type]


def test_an_amount_above_the_roles_limit_is_refused_naming_amount_limit_and_approver():
    case = five_step_at_atone(LIMITS)
    case.facts["compensation"] = Money.parse("198.00 EUR")
    before = case.to_json()
    with pytest.raises(PermissionDeniedError) as error:
        case.apply("atoned", role="agent", at=at(4), actor="ann")
    e = error.value
    assert (e.fact, e.amount, e.limit, e.approver_role) == (
        "compensation", Money.parse("198.00 EUR"), Money.parse("25.00 EUR"), "manager")
    assert "198.00 EUR" in str(e) and "25.00 EUR" in str(e) and "manager" in str(e)
    assert "svcr_" not in str(e)
    assert case.to_json() == before


def test_an_approval_by_a_role_that_covers_it_lets_the_agent_commit():
    case = five_step_at_atone(LIMITS)
    case.facts["compensation"] = Money.parse("198.00 EUR")
    request = case.notify_approval_request("compensation", role="agent", at=at(4), actor="ann")
    assert request["kind"] == "approval_requested" and request["approver_role"] == "manager"
    case.approve("compensation", Money.parse("198.00 EUR"), role="manager", approver="mia", at=at(5))
    case.apply("atoned", role="agent", at=at(6), actor="ann")
    assert case.state == "follow_up"
    assert '"approvals"' in case.to_json()


def test_an_approval_below_the_amount_or_beyond_the_approver_is_refused():
    case = five_step_at_atone(LIMITS)
    case.facts["compensation"] = Money.parse("198.00 EUR")
    case.approve("compensation", Money.parse("50.00 EUR"), role="supervisor", approver="sue", at=at(4))
    with pytest.raises(PermissionDeniedError, match="below") as error:
        case.apply("atoned", role="agent", at=at(5))
    assert error.value.approver_role == "manager"
    before = case.to_json()
    with pytest.raises(PermissionDeniedError) as error:
        case.approve("compensation", Money.parse("198.00 EUR"), role="supervisor", approver="sue", at=at(6))
    assert error.value.limit == Money.parse("100.00 EUR") and error.value.approver_role == "manager"
    assert case.to_json() == before
    with pytest.raises(svcrecover.InvalidArgumentError):
        case.approve("compensation", Money.parse("0.00 EUR"), role="manager", approver="mia", at=at(6))
    with pytest.raises(TypeError):
        case.approve("compensation", "198.00 EUR", role="manager", approver="mia", at=at(6))  # type: ignore[arg-type]


def test_bound_limits_are_kept_by_copies():
    case = five_step_at_atone(LIMITS)
    assert case.limits is not None
    case.facts["compensation"] = Money.parse("198.00 EUR")
    twin = copy.copy(case)
    with pytest.raises(PermissionDeniedError):
        twin.apply("atoned", role="agent", at=at(4))
    case.bind_limits(None)
    case.apply("atoned", role="agent", at=at(4))  # the five-step workflow declares no limits
    with pytest.raises(TypeError):
        case.bind_limits(LIMITS)  # type: ignore[arg-type]


# -- the root-cause taxonomy --------------------------------------------------------------------

def test_codes_form_a_hierarchy_with_owners(taxonomy):
    assert taxonomy.fact == "root_cause"
    late = taxonomy["logistics/carrier/late"]
    assert (late.name, late.parent, late.level, late.owner_team) == (
        "Late delivery", "logistics/carrier", 3, "Carrier desk")
    assert taxonomy["logistics/carrier/damaged"].owner_contact == "ops@example.com"
    assert len(taxonomy) == 6 and "billing" in taxonomy and "nowhere" not in taxonomy
    assert taxonomy.ancestor("logistics/carrier/late", 1) == "logistics"
    assert taxonomy.resolve("  Carrier   DELAY ") == "logistics/carrier/late"
    with pytest.raises(NotFoundError, match="closest: logistics/carrier/late"):
        taxonomy.resolve("carier dely")
    with pytest.raises(NotFoundError):
        taxonomy["nowhere"]
    assert pickle.loads(pickle.dumps(taxonomy)) == taxonomy


def test_bad_taxonomies_are_refused():
    with pytest.raises(ParseError, match="cycle: a -> c -> b -> a"):
        Taxonomy.from_json('{"nodes": [{"id": "a", "parent": "c"}, {"id": "b", "parent": "a"},'
                           ' {"id": "c", "parent": "b"}]}')
    with pytest.raises(ParseError) as error:
        Taxonomy.from_json('{"nodes": [{"id": "a", "aliases": ["Late Parcel"]},\n'
                           ' {"id": "b", "aliases": ["late  parcel"]}]}')
    assert error.value.line == 2


def test_a_bound_taxonomy_makes_the_root_cause_a_code(taxonomy):
    case = five_step_at_atone()
    case.bind_taxonomy(taxonomy)
    case.change_fact("root_cause", "Carrier Delay", role="agent", at=at(4), actor="ann")
    assert case.facts["root_cause"] == "logistics/carrier/late"
    before = case.to_json()
    with pytest.raises(GuardError) as error:
        case.change_fact("root_cause", "carier dely", role="agent", at=at(5))
    assert error.value.fact == "root_cause"
    assert error.value.closest[0] == "logistics/carrier/late"
    assert "logistics/carrier/late" in str(error.value)
    assert case.to_json() == before


def test_a_taxonomy_fact_needs_a_bound_taxonomy():
    case = Case(Workflow.builtin("four-stage"), "C-5", opened_at=T0)
    with pytest.raises(GuardError):
        case.change_fact("root_cause", "late delivery", role="agent", at=at(1))


def test_the_pareto_by_code_and_level_names_the_owners(taxonomy):
    insight = Insight()
    wf = Workflow.builtin("five-step")
    for i, cause in enumerate(["Carrier Delay", "late parcel", "broken parcel", "charged twice", "gremlins"]):
        case = Case(wf, f"C-{i}", opened_at=T0)
        case.facts["root_cause"] = cause
        insight.add_case(case)
    rows = insight.pareto_by_code(taxonomy)
    assert (rows[0].code, rows[0].cases, rows[0].owner_team) == ("logistics/carrier/late", 2, "Carrier desk")
    unresolved = [r for r in rows if r.code is None]
    assert len(unresolved) == 1 and unresolved[0].cases == 1 and unresolved[0].level == 0
    top = insight.pareto_by_code(taxonomy, level=1)
    assert (top[0].code, top[0].cases, top[0].owner_team) == ("logistics", 3, "Operations")
    with pytest.raises(svcrecover.InvalidArgumentError):
        insight.pareto_by_code(taxonomy, level=-1)
    with pytest.raises(TypeError):
        insight.pareto_by_code("logistics")  # type: ignore[arg-type]


# -- satisfaction and surveys -------------------------------------------------------------------

SURVEY = ('{"customer": "K-7", "score": 2, "scale": [1, 5], "at": "2026-11-23T09:00:00Z",'
          ' "comment": "Late again", "had_problem": true}')


def test_a_survey_response_is_read_and_triaged():
    r = SurveyResponse.from_json(SURVEY)
    assert (r.customer, r.score, r.scale, r.comment, r.had_problem) == ("K-7", 2, (1, 5), "Late again", True)
    assert r.at == T0
    assert r.is_detractor(2) and not r.is_detractor(1)
    with pytest.raises(svcrecover.InvalidArgumentError):
        r.is_detractor(9)
    assert pickle.loads(pickle.dumps(r)) == r


def test_a_score_outside_its_scale_is_refused_with_its_position():
    with pytest.raises(ParseError, match="score") as error:
        SurveyResponse.from_json(SURVEY.replace('"score": 2', '"score": 7'))
    assert error.value.line == 1 and error.value.column > 0
    with pytest.raises(ParseError):
        SurveyResponse.from_json('{"customer": "K-7"}')


def test_the_paradox_takes_survey_respondents_as_its_baseline():
    insight = Insight()
    wf = Workflow.builtin("five-step")
    case = Case(wf, "C-1", opened_at=T0)
    case.facts["satisfaction"] = 5
    case.facts["solicited"] = True
    insight.add_case(case)
    assert insight.paradox().no_failure.count == 0
    happy = SurveyResponse.from_json(SURVEY.replace('"score": 2', '"score": 4').replace("true", "false"))
    insight.add_survey(happy)
    insight.add_survey(SurveyResponse.from_json(SURVEY))  # had a problem: not the baseline
    assert insight.paradox().no_failure.count == 1
    with pytest.raises(TypeError):
        insight.add_survey(SURVEY)  # type: ignore[arg-type]


# -- notifications, guarantees, four stages ----------------------------------------------------

def test_transitions_become_notification_records():
    case = five_step_at_atone()
    case.assign("bob", role="supervisor", at=at(4))
    record = case.notify_transition()
    assert record["kind"] == "transition" and record["event"] == "fixed"
    assert record["actor"] == "ann" and record["assignee"] == "bob" and record["case"] == "C-2"
    assert case.notify_transition(0)["key"] != record["key"]
    assert case.notify_transition(3) == record
    with pytest.raises(IndexError):
        case.notify_transition(9)
    with pytest.raises(StateError):
        case.notify_breach("first_response", at=at(10))


def test_each_stage_of_the_four_stage_process_is_real(taxonomy):
    case = four_stage_in_resolution(taxonomy)
    case.facts["resolution"] = "reshipped"
    case.apply("resolved", role="agent", at=at(2), actor="ann")
    case.facts["communication"] = "told the customer"
    with pytest.raises(NotFoundError):
        case.notify_owner(role="agent", at=at(3))  # no cause yet
    case.change_fact("root_cause", "late parcel", role="agent", at=at(3), actor="ann")
    case.apply("classified", role="agent", at=at(4), actor="ann")
    with pytest.raises(GuardError) as error:
        case.apply("integrated", role="agent", at=at(5))
    assert error.value.fact == "owner_notified"
    record = case.notify_owner(role="agent", at=at(5), actor="ann")
    assert (record["kind"], record["code"], record["team"]) == ("owner", "logistics/carrier/late", "Carrier desk")
    assert case.facts["owner_notified"] is True
    case.apply("integrated", role="agent", at=at(6), actor="ann")
    assert case.state == "closed"


def test_a_guarantee_pays_through_the_same_limits(taxonomy):
    guarantee = Guarantee("Delivered by Monday, or the shipping is free.", payout=Money.parse("40.00 EUR"),
                          price=Money.parse("80.00 EUR"), invoke_steps=1, collect_days=0)
    case = four_stage_in_resolution(taxonomy)
    before = case.to_json()
    with pytest.raises(PermissionDeniedError) as error:
        case.invoke_guarantee(guarantee, role="agent", at=at(2), actor="ann")
    assert (error.value.amount, error.value.limit, error.value.approver_role) == (
        Money.parse("40.00 EUR"), Money.parse("25.00 EUR"), "supervisor")
    assert case.to_json() == before
    case.approve("compensation", Money.parse("40.00 EUR"), role="supervisor", approver="sue", at=at(3))
    case.invoke_guarantee(guarantee, role="agent", at=at(4), actor="ann")
    assert case.facts["compensation"] == Money.parse("40.00 EUR")
    last = case.log[-1]
    assert (last.event, last.note, last.actor) == ("guarantee_invoked", guarantee.promise, "ann")
    case.invoke_guarantee("Free shipping", payout=Money.parse("5.00 EUR"), role="agent", at=at(5))
    with pytest.raises(TypeError):
        case.invoke_guarantee("Free shipping", role="agent", at=at(6))
    case.facts["resolution"] = "reshipped"
    case.apply("resolved", role="agent", at=at(6))
    case.facts["communication"] = "told"
    case.change_fact("root_cause", "billing", role="agent", at=at(6))
    case.apply("classified", role="agent", at=at(7))
    with pytest.raises(StateError):
        case.invoke_guarantee("Free shipping", payout=Money.parse("5.00 EUR"), role="agent", at=at(8))


def test_help_on_the_loop_has_no_c_reference():
    import pydoc
    for thing in (Taxonomy, Limits, SurveyResponse, svcrecover.TaxonomyNode, svcrecover.CodeCause,
                  Case.change_fact, Case.approve, Case.invoke_guarantee, Insight.pareto_by_code):
        text = pydoc.render_doc(thing)
        assert "svcr_" not in text and "NULL" not in text, thing


def test_the_readme_loop_example_runs(source_root, capsys):
    readme = (source_root / "README.md").read_text()
    section = readme[readme.index("### The recovery loop in Python"):]
    section = section[: section.index("\n## ", 1)]
    (code,) = re.findall(r"```python\n(.*?)```", section, re.S)
    exec(compile(code, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "60.00 EUR 25.00 EUR supervisor" in out
    assert "logistics/late Operations C-7/log/" in out
    assert "closed ann ann" in out
