"""Service guarantees, checked against Christopher Hart's five criteria."""

from __future__ import annotations

from typing import Dict, NamedTuple, Optional, Tuple

from . import _svcrecover as _c
from ._money import Money

__all__ = ["Guarantee", "GuaranteeThresholds", "GuaranteeReport", "CriterionCheck", "GUARANTEE_CRITERIA"]

#: Hart's criteria in order: "unconditional", "easy to understand", "meaningful",
#: "easy to invoke", "easy to collect".
GUARANTEE_CRITERIA: Tuple[str, ...] = tuple(
    _c.svcr_guarantee_criterion_name(i) for i in range(_c.SVCR_GUARANTEE_CRITERIA)
)


class GuaranteeThresholds(NamedTuple):
    """What each criterion means in numbers; :meth:`default` gives the library's."""

    max_conditions: int  #: unconditional: at most this many conditions
    max_promise_words: int  #: easy to understand: at most this many words
    max_sentence_words: int  #: ... and no sentence longer than this
    min_payout_basis_points: int  #: meaningful: payout at least this share of the price (5000 = 50%)
    max_invoke_steps: int  #: easy to invoke: at most this many steps
    max_collect_days: int  #: easy to collect: paid within this many days

    @classmethod
    def default(cls) -> GuaranteeThresholds:
        """The library's thresholds, to change with ``._replace(max_invoke_steps=3)``."""
        return cls(*_c.svcr_guarantee_thresholds_init())


class CriterionCheck(NamedTuple):
    """One criterion's verdict: ``reason`` says why it failed ("" when it holds)."""

    name: str
    passed: bool
    reason: str


class GuaranteeReport(NamedTuple):
    """The outcome of :meth:`Guarantee.check`: ``passed`` when all five criteria hold;
    ``criteria`` maps each criterion's name (:data:`GUARANTEE_CRITERIA`) to its verdict."""

    passed: bool
    criteria: Dict[str, CriterionCheck]

    @property
    def failed(self) -> Tuple[CriterionCheck, ...]:
        """The criteria that do not hold, in Hart's order."""
        return tuple(c for c in self.criteria.values() if not c.passed)


class Guarantee(NamedTuple):
    """A service guarantee as offered to customers.

    >>> g = Guarantee("Your room is clean, or the night is free.", payout=Money(12000, "EUR"),
    ...               price=Money(12000, "EUR"), invoke_steps=1, collect_days=0)
    >>> g.check().passed
    True
    """

    promise: str  #: the promise as customers read it
    payout: Money  #: what the customer receives when it is invoked
    price: Money  #: what the customer paid for the service guaranteed
    invoke_steps: int  #: steps the customer takes to invoke it
    collect_days: int  #: days from invoking to receiving the payout
    conditions: Tuple[str, ...] = ()  #: conditions and exclusions, as written

    def check(self, thresholds: Optional[GuaranteeThresholds] = None) -> GuaranteeReport:
        """Check the guarantee against Hart's criteria (``thresholds`` default to the library's).

        Raises :class:`InvalidArgumentError` for negative steps or days or a price that is not
        positive, :class:`CurrencyMismatch` if payout and price differ in currency."""
        if isinstance(self.conditions, str):
            raise TypeError("conditions must be a sequence of strings, not a string")
        values = (self.promise, self.payout, self.price, self.invoke_steps, self.collect_days, tuple(self.conditions))
        limits = None if thresholds is None else tuple(thresholds)
        passed, each, reasons = _c.svcr_guarantee_check(values, limits)
        criteria = {name: CriterionCheck(name, ok, why) for name, ok, why in zip(GUARANTEE_CRITERIA, each, reasons)}
        return GuaranteeReport(passed, criteria)
