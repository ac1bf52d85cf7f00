"""Issue 18: Money as Python expects it: str <-> parse, sum(), format specs, one default rounding;
floats where a decimal is expected convert through their shortest repr."""

import decimal

import pytest

import svcrecover
from svcrecover import Money, Rounding, Table


def test_str_and_parse_round_trip():
    for money in (Money(1250, "EUR"), Money(-5, "EUR"), Money(1250, "JPY"), Money(1, "KWD"), Money(0, "USD")):
        assert Money.parse(str(money)) == money  # failed on its own str() before
    assert Money.parse("12.50", "EUR") == Money.parse("12.50 EUR") == Money.parse("12.50 EUR", "EUR")
    with pytest.raises(svcrecover.InvalidArgumentError, match="USD"):
        Money.parse("12.50 EUR", "USD")
    with pytest.raises(svcrecover.InvalidArgumentError, match="no currency"):
        Money.parse("12.50")


def test_sum():
    assert sum([Money(100, "EUR"), Money(250, "EUR")]) == Money(350, "EUR")  # raised before
    assert sum([Money(100, "EUR")], Money(1, "EUR")) == Money(101, "EUR")
    with pytest.raises(svcrecover.CurrencyMismatchError):
        sum([Money(100, "EUR"), Money(100, "USD")])


def test_format_specs():
    m = Money(123450, "EUR")
    assert f"{m}" == "1234.50 EUR"
    assert f"{m:>14}" == "   1234.50 EUR"  # raised before
    assert f"{m:<14}|" == "1234.50 EUR   |"
    assert f"{m:,.2f}" == "1,234.50 EUR"
    assert f"{Money(5, 'EUR'):.1f}" == "0.1 EUR"  # rounded half up, like everything else


def test_one_default_rounding_half_up_as_tables():
    assert svcrecover.DEFAULT_ROUNDING is Rounding.HALF_UP
    assert Money(1005, "EUR").percentage(5000) == Money(503, "EUR")  # half-even gave 502
    assert Money(5, "EUR").scale(1, 2) == Money(3, "EUR")
    assert Money(-5, "EUR").scale(1, 2) == Money(-3, "EUR")  # ties away from zero
    assert "half up" in Money.__doc__


def test_floats_convert_through_their_repr():
    assert Money.from_decimal(0.1, "EUR") == Money(10, "EUR")
    assert Money.from_decimal(19.99, "EUR") == Money(1999, "EUR")
    table = Table.parse("""table ratio
hit-policy first

| rule  | share: number || kind   |
|-------|---------------||--------|
| exact | 2.3           || credit |
""")
    # Decimal(2.3) is 2.29999999999999982236431605997495353221893310546875: refused before.
    assert [o.kind for o in table.evaluate({"share": 2.3}).offers] == ["credit"]
    assert [o.kind for o in table.evaluate({"share": decimal.Decimal("2.3")}).offers] == ["credit"]
    assert table.evaluate({"share": 2.31}).offers == []
