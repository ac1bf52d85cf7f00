"""Money: integer minor units and an ISO 4217 code, computed by the library (no floats)."""

from __future__ import annotations

import decimal
import enum
from typing import Union

from . import _svcrecover as _c
from ._doc import c_doc
from ._errors import InvalidArgument

__all__ = ["Money", "Rounding"]


class Rounding(enum.Enum):
    """How a result that does not land on a whole minor unit is rounded."""

    HALF_EVEN = _c.SVCR_ROUND_HALF_EVEN  #: to nearest, ties to even (banker's rounding)
    HALF_UP = _c.SVCR_ROUND_HALF_UP  #: to nearest, ties away from zero (commercial)
    HALF_DOWN = _c.SVCR_ROUND_HALF_DOWN  #: to nearest, ties toward zero
    UP = _c.SVCR_ROUND_UP  #: away from zero
    DOWN = _c.SVCR_ROUND_DOWN  #: toward zero (truncation)
    CEILING = _c.SVCR_ROUND_CEILING  #: toward positive infinity
    FLOOR = _c.SVCR_ROUND_FLOOR  #: toward negative infinity


class Money:
    """An amount of money: ``Money(1250, "EUR")`` is EUR 12.50, ``Money(1250, "JPY")`` JPY 1250.

    Immutable and hashable. ``+``, ``-``, ``*`` (by an int) and comparisons are computed by the
    library: they raise :class:`CurrencyMismatch` for different currencies and
    :class:`MoneyOverflowError` when a result does not fit in 64 bits. Convert with
    :meth:`from_decimal` / :meth:`to_decimal` (exact, never rounded) and :meth:`parse`.
    """

    __slots__ = ("_amount_minor", "_currency")

    def __init__(self, amount_minor: int, currency: str) -> None:
        if not isinstance(amount_minor, int) or isinstance(amount_minor, bool):
            raise TypeError(f"amount_minor must be an int, got {type(amount_minor).__name__}")
        # Validates the code (three upper-case letters) and the range.
        _c.svcr_money_make(amount_minor, currency)
        object.__setattr__(self, "_amount_minor", amount_minor)
        object.__setattr__(self, "_currency", currency)

    @property
    def amount_minor(self) -> int:
        """The amount in the currency's minor unit (cents, pence, yen); may be negative."""
        return self._amount_minor

    @property
    def currency(self) -> str:
        """The ISO 4217 code, e.g. "EUR"."""
        return self._currency

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Money is immutable")

    # -- conversions -------------------------------------------------------------------------

    @classmethod
    @c_doc("svcr_money_parse_decimal")
    def parse(cls, text: str, currency: str) -> "Money":
        """Parse decimal major units, e.g. ``Money.parse("12.50", "EUR") == Money(1250, "EUR")``."""
        return _c.svcr_money_parse_decimal(text, currency)

    @classmethod
    def from_decimal(cls, value: Union[decimal.Decimal, int, str], currency: str) -> "Money":
        """Convert a :class:`decimal.Decimal` of major units, exactly.

        ``Money.from_decimal(Decimal("12.5"), "EUR") == Money(1250, "EUR")``; more decimals than
        the currency's minor unit has raise :class:`InvalidArgument` (nothing is rounded).
        """
        number = decimal.Decimal(value)
        if not number.is_finite():
            raise InvalidArgument(f"money amount {value!r} is not a finite number")
        text = format(number, "f")
        if "." in text:  # trailing zeros are exact: 12.500 EUR is 1250 cents
            text = text.rstrip("0").rstrip(".")
        return cls.parse(text, currency)

    def to_decimal(self) -> decimal.Decimal:
        """The amount in major units as an exact :class:`decimal.Decimal`, e.g. Decimal("12.50")."""
        digits = minor_digits(self._currency)
        return decimal.Decimal(self._amount_minor).scaleb(-digits)

    # -- arithmetic ---------------------------------------------------------------------------

    def __add__(self, other: object) -> "Money":
        if not isinstance(other, Money):
            return NotImplemented
        return _c.svcr_money_add(self, other)

    def __sub__(self, other: object) -> "Money":
        if not isinstance(other, Money):
            return NotImplemented
        return _c.svcr_money_subtract(self, other)

    def __mul__(self, factor: object) -> "Money":
        if not isinstance(factor, int) or isinstance(factor, bool):
            return NotImplemented
        return _c.svcr_money_multiply(self, factor)

    __rmul__ = __mul__

    def __neg__(self) -> "Money":
        return _c.svcr_money_multiply(self, -1)

    @c_doc("svcr_money_scale")
    def scale(self, numerator: int, denominator: int, rounding: Rounding = Rounding.HALF_EVEN) -> "Money":
        """This amount times numerator / denominator, rounded once as asked."""
        return _c.svcr_money_scale(self, numerator, denominator, Rounding(rounding).value)

    @c_doc("svcr_money_scale")
    def percentage(self, basis_points: int, rounding: Rounding = Rounding.HALF_EVEN) -> "Money":
        """A share of this amount in basis points: ``m.percentage(5000)`` is half of ``m``
        (``scale(basis_points, 10000)``)."""
        return _c.svcr_money_scale(self, basis_points, 10000, Rounding(rounding).value)

    # -- comparison ---------------------------------------------------------------------------

    def _order(self, other: "Money") -> int:
        return _c.svcr_money_compare(self, other)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        return self._amount_minor == other._amount_minor and self._currency == other._currency

    def __hash__(self) -> int:
        return hash((self._amount_minor, self._currency))

    def __lt__(self, other: "Money") -> bool:
        return self._order(other) < 0 if isinstance(other, Money) else NotImplemented

    def __le__(self, other: "Money") -> bool:
        return self._order(other) <= 0 if isinstance(other, Money) else NotImplemented

    def __gt__(self, other: "Money") -> bool:
        return self._order(other) > 0 if isinstance(other, Money) else NotImplemented

    def __ge__(self, other: "Money") -> bool:
        return self._order(other) >= 0 if isinstance(other, Money) else NotImplemented

    def __bool__(self) -> bool:
        return self._amount_minor != 0

    # -- text ---------------------------------------------------------------------------------

    def __repr__(self) -> str:
        return f"Money({self._amount_minor}, {self._currency!r})"

    @c_doc("svcr_money_format")
    def __str__(self) -> str:
        """Decimal major units and the code, e.g. "12.50 EUR"."""
        return _c.svcr_money_format(self)

    def __reduce__(self) -> tuple:
        return (Money, (self._amount_minor, self._currency))


def from_c(amount_minor: int, currency: str) -> Money:
    """A Money from the library's output (already valid): skips the check in ``__init__``."""
    money = object.__new__(Money)
    object.__setattr__(money, "_amount_minor", amount_minor)
    object.__setattr__(money, "_currency", currency)
    return money


@c_doc("svcr_currency_minor_digits")
def minor_digits(currency: str) -> int:
    """The number of decimals of a currency's minor unit: 2 for EUR, 0 for JPY, 3 for KWD."""
    return _c.svcr_currency_minor_digits(currency)
