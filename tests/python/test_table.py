"""Decision tables (atonement sizing) through the bindings."""

import datetime as dt
import decimal

import pytest

import svcrecover
from memory import growth
from svcrecover import Money, Offer, Table

SMALL = """table small
hit-policy unique

| rule | severity: number | tier: string | price: money || kind    | amount        | approval   |
|------|------------------|--------------|--------------||---------|---------------|------------|
| low  | [1..2]           | -            | -            || voucher | 10% of price  | agent      |
| high | [3..5]           | -            | -            || refund  | 100% of price | supervisor |
"""


def test_issue_example():
    table = Table.builtin("severity-value")
    result = table.evaluate({"severity": 4, "tier": "gold", "price": Money(12000, "EUR")})
    assert result.offers == [
        Offer("partial_refund", Money(9000, "EUR"), "manager", "s4-gold", "Refund three quarters of the price")
    ]
    (offer,) = result.offers
    assert (offer.kind, offer.amount, offer.approval, offer.rule) == ("partial_refund", Money(9000, "EUR"), "manager", "s4-gold")
    assert repr(table) == "<Table 'severity-value'>"


def test_parse_and_trace():
    table = Table.parse(SMALL)
    assert table.name == "small"
    result = table.evaluate({"severity": 2, "tier": "basic", "price": Money(5000, "EUR")}, explain=True)
    assert [(o.kind, o.amount) for o in result.offers] == [("voucher", Money(500, "EUR"))]
    steps = {s.rule: s for s in result.trace}
    assert steps["low"].matched and not steps["high"].matched
    assert (steps["high"].input, steps["high"].test) == ("severity", "[3..5]")
    assert steps["high"].line == 7


def test_parse_error_position():
    with pytest.raises(svcrecover.ParseError) as info:
        Table.parse(SMALL.replace("[3..5]", "[3..]"))
    assert info.value.line == 7
    assert info.value.column > 1


def test_builtin_text_round_trip():
    text = Table.builtin_text("hotel-stay")
    assert Table.parse(text).name == Table.builtin("hotel-stay").name
    with pytest.raises(svcrecover.NotFound):
        Table.builtin("nope")


def test_from_file(source_root, tmp_path):
    path = tmp_path / "small.table"
    path.write_text(SMALL)
    offers = Table.from_file(path).evaluate({"severity": 5, "tier": "x", "price": Money(900, "USD")}).offers
    assert offers[0].amount == Money(900, "USD")
    if Table.dmn_available():
        dmn = Table.from_file(source_root / "tests/data/atone_offers.dmn")
        offers = dmn.evaluate({"hours_late": 30, "tier": "gold"}).offers
        assert offers and offers[0].kind == "refund"


def test_fact_types_and_errors():
    table = Table.builtin("severity-value")
    price = Money(10000, "EUR")
    assert table.evaluate({"severity": decimal.Decimal("2"), "tier": "gold", "price": price}).offers
    assert table.evaluate({"severity": 2.0, "tier": "gold", "price": price}).offers
    with pytest.raises(svcrecover.NotFound):
        table.evaluate({"no_such_input": 1})
    with pytest.raises(svcrecover.InvalidArgument):
        table.evaluate({"severity": "high"})
    with pytest.raises(TypeError):
        table.evaluate({"severity": [1]})
    with pytest.raises(svcrecover.GuardError):
        table.evaluate({"severity": 4, "tier": "gold"})  # the amount needs the price
    assert table.evaluate({"severity": None, "tier": "gold", "price": price}).offers == []
    assert table.evaluate({}).offers == []


def test_hit_policy_conflict():
    table = Table.parse(SMALL.replace("[3..5]", "[2..5]"))
    with pytest.raises(svcrecover.ConflictError, match="low"):
        table.evaluate({"severity": 2, "tier": "x", "price": Money(1, "EUR")})


def test_durations_are_accepted():
    text = """table waits
hit-policy first

| rule | waited: duration || kind   |
|------|------------------||--------|
| long | >= PT2H          || credit |
"""
    table = Table.parse(text)
    assert [o.kind for o in table.evaluate({"waited": dt.timedelta(hours=3)}).offers] == ["credit"]
    assert table.evaluate({"waited": dt.timedelta(minutes=5)}).offers == []


def test_evaluation_does_not_grow_memory():
    table = Table.builtin("severity-value")
    facts = {"severity": 3, "tier": "silver", "price": Money(5000, "EUR")}
    assert growth(lambda: table.evaluate(facts), 20_000) < 4 * 1024 * 1024
