"""Approval authority and the service-guarantee check through the bindings."""

import gc

import pytest

import svcrecover
from svcrecover import (GUARANTEE_CRITERIA, Approval, Authority, CriterionCheck, Guarantee, GuaranteeThresholds,
                        Money, Table)

GOLD = {"severity": 4, "tier": "gold", "price": Money(12000, "EUR")}


def test_default_levels():
    authority = Authority()
    assert authority.check("agent", "manager") == Approval(False, "manager")
    assert authority.check("manager", "supervisor") == Approval(True, None)
    assert authority.check("agent", None) == Approval(True, None)
    assert repr(authority) == "Authority()"


def test_approval_is_truthy_only_when_allowed():
    authority = Authority()
    assert not authority.check("agent", "manager")
    assert authority.check("manager", "manager")
    allowed, escalate_to = authority.check("supervisor", "manager")
    assert (allowed, escalate_to) == (False, "manager")


def test_custom_levels():
    authority = Authority(["agent", "team_lead", "manager", "director"])
    assert authority.check("team_lead", "director").escalate_to == "director"
    assert authority.check("director", "agent").allowed
    assert repr(authority) == "Authority(['agent', 'team_lead', 'manager', 'director'])"
    with pytest.raises(svcrecover.NotFound, match="supervisor"):
        authority.check("supervisor", "agent")
    with pytest.raises(svcrecover.NotFound):
        authority.check("agent", "ceo")


def test_bad_levels():
    with pytest.raises(svcrecover.InvalidArgument):
        Authority(["agent", "agent"])
    with pytest.raises(svcrecover.InvalidArgument):
        Authority(["agent", ""])
    with pytest.raises(svcrecover.InvalidArgument):
        Authority(["agent", None])
    with pytest.raises(TypeError):
        Authority("agent")
    with pytest.raises(TypeError):
        Authority(["agent", 3])
    with pytest.raises(TypeError, match="None"):
        Authority().check(None, "manager")


def test_offers_carry_money_and_the_result_checks_against_authority():
    result = Table.builtin("severity-value").evaluate(GOLD)
    (offer,) = result.offers
    assert offer.amount == Money(9000, "EUR") and isinstance(offer.amount, Money)
    assert offer.approval == "manager"
    offers, trace = result  # still a named tuple
    assert offers == result.offers and trace == result.trace
    authority = Authority()
    assert authority.check_result("supervisor", result) == Approval(False, "manager")
    assert authority.check_result("manager", result)
    with pytest.raises(svcrecover.NotFound):
        Authority(["clerk"]).check_result("clerk", result)
    with pytest.raises(TypeError):
        authority.check_result("agent", result.offers)


def test_a_result_keeps_its_table_alive():
    result = Table.builtin("severity-value").evaluate(GOLD)
    gc.collect()
    assert not Authority().check_result("agent", result)


def guarantee(**changes):
    base = Guarantee("Your room is clean, or the night is free.", payout=Money(12000, "EUR"),
                     price=Money(12000, "EUR"), invoke_steps=1, collect_days=0)
    return base._replace(**changes)


def test_a_guarantee_that_meets_every_criterion():
    report = guarantee().check()
    assert report.passed
    assert tuple(report.criteria) == GUARANTEE_CRITERIA == (
        "unconditional", "easy to understand", "meaningful", "easy to invoke", "easy to collect")
    assert report.criteria["meaningful"] == CriterionCheck("meaningful", True, "")
    assert report.failed == ()


def test_each_criterion_can_fail_with_a_reason():
    report = guarantee(
        promise="We guarantee satisfaction. " + "Terms " * 40,
        payout=Money(100, "EUR"),
        invoke_steps=4,
        collect_days=30,
        conditions=("weekdays only", "receipt required"),
    ).check()
    assert not report.passed
    assert [c.name for c in report.failed] == list(GUARANTEE_CRITERIA)
    assert "weekdays only" in report.criteria["unconditional"].reason
    assert "4 steps" in report.criteria["easy to invoke"].reason
    assert all(c.reason for c in report.failed)


def test_thresholds():
    defaults = GuaranteeThresholds.default()
    assert defaults == GuaranteeThresholds(0, 30, 20, 5000, 2, 1)
    slow = guarantee(collect_days=5)
    assert not slow.check().passed
    assert slow.check(defaults._replace(max_collect_days=7)).passed
    with pytest.raises(svcrecover.InvalidArgument, match="max_invoke_steps"):
        slow.check(defaults._replace(max_invoke_steps=-1))
    with pytest.raises(svcrecover.InvalidArgument):
        slow.check(defaults._replace(min_payout_basis_points=-1))


def test_guarantee_errors():
    with pytest.raises(svcrecover.CurrencyMismatch):
        guarantee(payout=Money(100, "USD")).check()
    with pytest.raises(svcrecover.InvalidArgument):
        guarantee(invoke_steps=-1).check()
    with pytest.raises(svcrecover.InvalidArgument):
        guarantee(price=Money(0, "EUR")).check()
    with pytest.raises(svcrecover.InvalidArgument):
        guarantee(promise=None).check()
    with pytest.raises(TypeError):
        guarantee(conditions="weekdays only").check()
    with pytest.raises(TypeError):
        guarantee(payout=120).check()
