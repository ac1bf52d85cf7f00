"""Money: integer minor units and an ISO 4217 code, computed by the library (no floats)."""

from __future__ import annotations

import decimal
import enum
from typing import Any, Optional, Union

from . import _svcrecover as _c
from ._errors import InvalidArgumentError

__all__ = ["Money", "Rounding", "DEFAULT_ROUNDING", "as_decimal"]


def as_decimal(value: Union[decimal.Decimal, int, float, str]) -> decimal.Decimal:
    """A number as a Decimal; a float through its shortest repr, so 2.3 is Decimal("2.3") and not
    Decimal("2.29999999999999982236431605997495353221893310546875")."""
    if isinstance(value, bool):
        raise TypeError("a decimal amount is a Decimal, int, float or str, not bool")
    if isinstance(value, float):
        return decimal.Decimal(repr(value))
    if isinstance(value, (decimal.Decimal, int, str)):
        return decimal.Decimal(value)
    raise TypeError(f"a decimal amount is a Decimal, int, float or str, not {type(value).__name__}")


class Rounding(enum.Enum):
    """How a result that does not land on a whole minor unit is rounded."""

    HALF_EVEN = _c.SVCR_ROUND_HALF_EVEN  #: to nearest, ties to even (banker's rounding)
    HALF_UP = _c.SVCR_ROUND_HALF_UP  #: to nearest, ties away from zero (commercial)
    HALF_DOWN = _c.SVCR_ROUND_HALF_DOWN  #: to nearest, ties toward zero
    UP = _c.SVCR_ROUND_UP  #: away from zero
    DOWN = _c.SVCR_ROUND_DOWN  #: toward zero (truncation)
    CEILING = _c.SVCR_ROUND_CEILING  #: toward positive infinity
    FLOOR = _c.SVCR_ROUND_FLOOR  #: toward negative infinity


# Shown (and type-checked against the stubs) as svcrecover.Rounding, the name users import.
Rounding.__module__ = "svcrecover"


#: The rounding of :meth:`Money.scale` and :meth:`Money.percentage` when none is given: half up
#: (ties away from zero), as decision tables round.
DEFAULT_ROUNDING = Rounding.HALF_UP


class Money:
    """An amount of money: ``Money(1250, "EUR")`` is EUR 12.50, ``Money(1250, "JPY")`` JPY 1250.

    Args:
        amount_minor: the amount in the currency's minor unit (cents, pence, yen).
        currency: the ISO 4217 code, e.g. "EUR".

    Raises:
        TypeError: ``amount_minor`` is not an int (a bool is refused) or ``currency`` not a str.
        InvalidArgumentError: ``currency`` is not three upper-case letters.

    Immutable, hashable, picklable. ``+``, ``-``, ``*`` (by an int), ``sum()`` and comparisons
    are exact; they raise :class:`CurrencyMismatchError` for different currencies and
    :class:`LimitError` when a result does not fit in 64 bits. ``str(m)`` is "12.50 EUR" and
    ``Money.parse(str(m)) == m``; format specs work as for str (``f"{m:>12}"``) or, with a
    numeric type, on the amount (``f"{m:,.2f}"`` is "1,234.50 EUR"). Convert with
    :meth:`from_decimal` / :meth:`to_decimal` (exact). Rounding happens only in :meth:`scale` and
    :meth:`percentage`, half up unless asked otherwise (:data:`DEFAULT_ROUNDING`).
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
    def parse(cls, text: str, currency: Optional[str] = None) -> Money:
        """Parse an amount in major units: ``Money.parse("12.50", "EUR")``, or text as ``str()``
        writes it, ``Money.parse("12.50 EUR")``; both are ``Money(1250, "EUR")``.

        Raises:
            InvalidArgumentError: malformed text, more decimals than the currency has, a
                currency missing or different from the one in the text.
            TypeError: ``text`` or ``currency`` is not a str.
        """
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, not {type(text).__name__}")
        amount, _, code = text.strip().partition(" ")
        if code:
            if currency is not None and code != currency:
                raise InvalidArgumentError(f'"{text}" is in {code}, not {currency}')
            currency = code
        elif currency is None:
            raise InvalidArgumentError(f'"{text}" has no currency: write "12.50 EUR" or pass currency')
        return _c.svcr_money_parse_decimal(amount if code else text, currency)

    @classmethod
    def from_decimal(cls, value: Union[decimal.Decimal, int, float, str], currency: str) -> Money:
        """Convert an amount in major units, exactly: a Decimal, int, str, or a float (through
        its shortest repr, so 0.1 is 0.10).

        ``Money.from_decimal(Decimal("12.5"), "EUR") == Money(1250, "EUR")``.

        Raises:
            InvalidArgumentError: more decimals than the currency's minor unit has (nothing is
                rounded), or not a finite number.
        """
        number = as_decimal(value)
        if not number.is_finite():
            raise InvalidArgumentError(f"money amount {value!r} is not a finite number")
        text = format(number, "f")
        if "." in text:  # trailing zeros are exact: 12.500 EUR is 1250 cents
            text = text.rstrip("0").rstrip(".")
        return cls.parse(text, currency)

    def to_decimal(self) -> decimal.Decimal:
        """The amount in major units as an exact :class:`decimal.Decimal`, e.g. Decimal("12.50")."""
        digits = minor_digits(self._currency)
        return decimal.Decimal(self._amount_minor).scaleb(-digits)

    # -- arithmetic ---------------------------------------------------------------------------

    def __add__(self, other: object) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return _c.svcr_money_add(self, other)

    def __radd__(self, other: object) -> Money:
        # sum() starts from 0.
        if isinstance(other, int) and not isinstance(other, bool) and other == 0:
            return self
        return NotImplemented

    def __sub__(self, other: object) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return _c.svcr_money_subtract(self, other)

    def __mul__(self, factor: object) -> Money:
        if not isinstance(factor, int) or isinstance(factor, bool):
            return NotImplemented
        return _c.svcr_money_multiply(self, factor)

    __rmul__ = __mul__

    def __neg__(self) -> Money:
        return _c.svcr_money_multiply(self, -1)

    def scale(self, numerator: int, denominator: int, rounding: Rounding = DEFAULT_ROUNDING) -> Money:
        """This amount times ``numerator / denominator``, rounded once to a minor unit.

        Raises:
            InvalidArgumentError: a denominator of 0.
            LimitError: the result does not fit in 64 bits.
        """
        return _c.svcr_money_scale(self, numerator, denominator, Rounding(rounding).value)

    def percentage(self, basis_points: int, rounding: Rounding = DEFAULT_ROUNDING) -> Money:
        """A share of this amount in basis points: ``m.percentage(5000)`` is half of ``m``
        (``scale(basis_points, 10000)``), rounded half up unless asked otherwise."""
        return _c.svcr_money_scale(self, basis_points, 10000, Rounding(rounding).value)

    # -- comparison ---------------------------------------------------------------------------

    def _order(self, other: Money) -> int:
        return _c.svcr_money_compare(self, other)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        return self._amount_minor == other._amount_minor and self._currency == other._currency

    def __hash__(self) -> int:
        return hash((self._amount_minor, self._currency))

    def __lt__(self, other: Money) -> bool:
        return self._order(other) < 0 if isinstance(other, Money) else NotImplemented

    def __le__(self, other: Money) -> bool:
        return self._order(other) <= 0 if isinstance(other, Money) else NotImplemented

    def __gt__(self, other: Money) -> bool:
        return self._order(other) > 0 if isinstance(other, Money) else NotImplemented

    def __ge__(self, other: Money) -> bool:
        return self._order(other) >= 0 if isinstance(other, Money) else NotImplemented

    def __bool__(self) -> bool:
        return self._amount_minor != 0

    # -- text ---------------------------------------------------------------------------------

    def __repr__(self) -> str:
        return f"Money({self._amount_minor}, {self._currency!r})"

    def __str__(self) -> str:
        return _c.svcr_money_format(self)

    def __format__(self, spec: str) -> str:
        if spec and spec[-1] in "eEfFgGn%":
            with decimal.localcontext() as context:
                context.rounding = decimal.ROUND_HALF_UP  # the default rounding, here too
                return f"{format(self.to_decimal(), spec)} {self._currency}"
        return format(str(self), spec)

    def __reduce__(self) -> Any:
        return (Money, (self._amount_minor, self._currency))

    def __copy__(self) -> Money:
        return self

    def __deepcopy__(self, memo: dict) -> Money:
        return self


def from_c(amount_minor: int, currency: str) -> Money:
    """A Money from the library's output (already valid): skips the check in ``__init__``."""
    money = object.__new__(Money)
    object.__setattr__(money, "_amount_minor", amount_minor)
    object.__setattr__(money, "_currency", currency)
    return money


def minor_digits(currency: str) -> int:
    """The number of decimals of a currency's minor unit: 2 for EUR, 0 for JPY, 3 for KWD."""
    return _c.svcr_currency_minor_digits(currency)
