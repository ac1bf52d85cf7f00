"""Money: construction, Decimal round trips, arithmetic through the library, formatting."""

import decimal
import pickle

import pytest

import svcrecover
from svcrecover import Money, Rounding


def test_fields_and_repr():
    m = Money(1250, "EUR")
    assert m.amount_minor == 1250
    assert m.currency == "EUR"
    assert repr(m) == "Money(1250, 'EUR')"
    assert str(m) == "12.50 EUR"
    assert str(Money(-1250, "JPY")) == "-1250 JPY"
    assert eval(repr(m), {"Money": Money}) == m


def test_immutable_and_hashable():
    m = Money(1, "EUR")
    with pytest.raises(AttributeError):
        m.amount_minor = 2
    assert {m, Money(1, "EUR"), Money(1, "USD")} == {Money(1, "EUR"), Money(1, "USD")}
    assert pickle.loads(pickle.dumps(m)) == m


def test_rejects_bad_values():
    with pytest.raises(TypeError):
        Money(1.5, "EUR")
    with pytest.raises(TypeError):
        Money(True, "EUR")
    with pytest.raises(svcrecover.InvalidArgument):
        Money(1, "EURO")
    with pytest.raises(OverflowError):
        Money(2**64, "EUR")


@pytest.mark.parametrize(
    "text, currency, minor",
    [("12.50", "EUR", 1250), ("12.5", "EUR", 1250), ("-0.01", "EUR", -1), ("1250", "JPY", 1250), ("1.234", "KWD", 1234),
     ("12.500", "EUR", 1250), ("1E+3", "EUR", 100000)],
)
def test_decimal_round_trip(text, currency, minor):
    m = Money.from_decimal(decimal.Decimal(text), currency)
    assert m == Money(minor, currency)
    assert m.to_decimal() == decimal.Decimal(text)
    assert Money.from_decimal(m.to_decimal(), currency) == m


def test_decimal_conversion_is_exact():
    with pytest.raises(svcrecover.InvalidArgument):
        Money.from_decimal(decimal.Decimal("12.345"), "EUR")
    with pytest.raises(svcrecover.InvalidArgument):
        Money.from_decimal(decimal.Decimal("NaN"), "EUR")
    assert Money(1250, "EUR").to_decimal() == decimal.Decimal("12.50")
    assert str(Money(1250, "EUR").to_decimal()) == "12.50"
    assert Money(5, "JPY").to_decimal() == decimal.Decimal(5)


def test_parse():
    assert Money.parse("-12.50", "EUR") == Money(-1250, "EUR")
    with pytest.raises(svcrecover.InvalidArgument):
        Money.parse("12,50", "EUR")


def test_arithmetic():
    a, b = Money(1250, "EUR"), Money(250, "EUR")
    assert a + b == Money(1500, "EUR")
    assert a - b == Money(1000, "EUR")
    assert a * 3 == 3 * a == Money(3750, "EUR")
    assert -a == Money(-1250, "EUR")
    assert not Money(0, "EUR") and a
    with pytest.raises(TypeError):
        a + 1
    with pytest.raises(TypeError):
        a * 1.5


def test_scale_and_percentage_round_as_asked():
    m = Money(1005, "EUR")
    assert m.percentage(5000) == Money(503, "EUR")  # 502.5 -> up: the default, as tables round
    assert m.percentage(5000, Rounding.HALF_EVEN) == Money(502, "EUR")
    assert m.scale(2, 6, Rounding.CEILING) == Money(335, "EUR")  # exact: no rounding
    assert Money(1006, "EUR").scale(1, 3, Rounding.CEILING) == Money(336, "EUR")
    assert Money(1006, "EUR").scale(1, 3, Rounding.FLOOR) == Money(335, "EUR")
    with pytest.raises(svcrecover.InvalidArgument):
        m.scale(1, 0)
    with pytest.raises(ValueError):
        m.percentage(10, rounding=99)


def test_ordering():
    assert Money(1, "EUR") < Money(2, "EUR") <= Money(2, "EUR")
    assert Money(3, "EUR") > Money(2, "EUR") >= Money(2, "EUR")
    assert sorted([Money(3, "EUR"), Money(-1, "EUR")]) == [Money(-1, "EUR"), Money(3, "EUR")]
    assert Money(1, "EUR") != Money(1, "USD")


def test_minor_digits():
    assert svcrecover.minor_digits("EUR") == 2
    assert svcrecover.minor_digits("JPY") == 0
    assert svcrecover.minor_digits("KWD") == 3
    with pytest.raises(svcrecover.InvalidArgument):
        svcrecover.minor_digits("e")


def test_only_iso_4217_currencies_are_money():
    # Three capital letters are not enough: the code must be one the library knows, with its
    # minor unit.
    for code in ("ZZZ", "XTS", "HRK"):
        with pytest.raises(svcrecover.InvalidArgument, match=code):
            svcrecover.Money(100, code)
        with pytest.raises(svcrecover.InvalidArgument, match=code):
            svcrecover.minor_digits(code)
    assert svcrecover.Money(100, "UYW").currency == "UYW"
    assert svcrecover.minor_digits("UYW") == 4
