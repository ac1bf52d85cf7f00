"""Atonement sizing: decision tables that turn facts about a failure and a customer into offers."""

from __future__ import annotations

import datetime as _dt
import decimal
import os
from typing import List, Mapping, NamedTuple, Optional, Union

from . import _svcrecover as _c
from ._doc import c_doc
from ._money import Money

__all__ = ["Table", "TableResult", "Offer", "TraceStep"]

FactValue = Union[bool, int, str, Money, decimal.Decimal, float, _dt.timedelta, None]


class Offer(NamedTuple):
    """An offer: ``kind`` ("refund", "voucher", ...), ``amount`` (:class:`Money`, or None for e.g.
    an apology only), the ``approval`` level it needs, the ``rule`` that made it."""

    kind: Optional[str]
    amount: Optional[Money]
    approval: Optional[str]
    rule: str
    annotation: Optional[str]


class TraceStep(NamedTuple):
    """A rule the evaluation looked at: whether it ``matched``; if not (with ``explain=True``), the
    first ``input`` whose ``test`` failed."""

    table: str
    rule: str
    line: int
    matched: bool
    input: Optional[str]
    test: Optional[str]


class _Outcome(NamedTuple):
    offers: List[Offer]
    trace: List[TraceStep]


class TableResult(_Outcome):
    """What :meth:`Table.evaluate` found: the ``offers`` and the ``trace`` of the rules.

    A named tuple (``offers, trace = result``); it also holds the library's result, which
    :meth:`Authority.check_result` reads."""

    # No __slots__: a tuple subclass cannot have them; the instance dict holds the handle.


def _set_fact(facts: object, name: str, value: FactValue) -> None:
    if value is None:
        _c.svcr_table_facts_unset(facts, name)
    elif isinstance(value, bool):
        _c.svcr_table_facts_set_boolean(facts, name, value)
    elif isinstance(value, int):
        _c.svcr_table_facts_set_integer(facts, name, value)
    elif isinstance(value, str):
        _c.svcr_table_facts_set_string(facts, name, value)
    elif isinstance(value, Money):
        _c.svcr_table_facts_set_money(facts, name, value)
    elif isinstance(value, _dt.timedelta):
        _c.svcr_table_facts_set_duration(facts, name, value.days * 86400 + value.seconds)
    elif isinstance(value, (decimal.Decimal, float)):
        # Exact decimal text; the library keeps six decimal places and rejects more.
        _c.svcr_table_facts_set_decimal(facts, name, format(decimal.Decimal(value).normalize(), "f"))
    else:
        raise TypeError(f"a table fact is bool, int, str, Money, Decimal, float or timedelta, not {type(value).__name__}")


class Table:
    """A compiled decision table (immutable; many threads may evaluate it at once).

    >>> table = Table.builtin("severity-value")
    >>> result = table.evaluate({"severity": 4, "tier": "gold", "price": Money(12000, "EUR")})
    >>> [(o.kind, o.amount, o.approval) for o in result.offers]
    [('partial_refund', Money(9000, 'EUR'), 'manager')]
    """

    __slots__ = ("_handle",)

    def __init__(self) -> None:
        raise TypeError("use Table.parse(text), Table.parse_dmn(xml), Table.from_file(path) or Table.builtin(name)")

    @classmethod
    def _from_handle(cls, handle: object) -> "Table":
        self = object.__new__(cls)
        self._handle = handle
        return self

    @classmethod
    @c_doc("svcr_table_parse")
    def parse(cls, text: Union[str, bytes]) -> "Table":
        """Tables in the text format (raises :class:`ParseError` with line and column)."""
        return cls._from_handle(_c.svcr_table_parse(text))

    @classmethod
    @c_doc("svcr_table_parse_dmn")
    def parse_dmn(cls, xml: Union[str, bytes]) -> "Table":
        """Tables from a DMN 1.3 XML document."""
        return cls._from_handle(_c.svcr_table_parse_dmn(xml))

    @classmethod
    def from_file(cls, path: Union[str, "os.PathLike[str]"]) -> "Table":
        """A table from a file: DMN XML when the name ends in .dmn or .xml, else the text format."""
        with open(path, "rb") as f:
            data = f.read()
        if os.fspath(path).lower().endswith((".dmn", ".xml")):
            return cls.parse_dmn(data)
        return cls.parse(data)

    @classmethod
    @c_doc("svcr_table_builtin")
    def builtin(cls, name: str) -> "Table":
        """A built-in table by name, e.g. "severity-value" or "hotel-stay"."""
        return cls._from_handle(_c.svcr_table_builtin(name))

    @staticmethod
    @c_doc("svcr_table_builtin_text")
    def builtin_text(name: str) -> str:
        """The text of a built-in table, to start a host's own from."""
        return _c.svcr_table_builtin_text(name)

    @staticmethod
    @c_doc("svcr_table_dmn_available")
    def dmn_available() -> bool:
        """Whether this build imports DMN XML (it needs libxml2)."""
        return bool(_c.svcr_table_dmn_available())

    @property
    def name(self) -> str:
        """The name of the table evaluated."""
        return _c.svcr_table_name(self._handle)

    @c_doc("svcr_table_eval")
    def evaluate(self, facts: Mapping[str, FactValue], explain: bool = False) -> TableResult:
        """Evaluate the table against ``facts`` (input name -> value) into offers.

        Values: int, Decimal/float (exact decimals), str, bool, :class:`Money`, timedelta; None
        leaves an input unset. With ``explain=True`` the trace also says, for each rule that did
        not match, which test failed. Raises :class:`ConflictError` when the hit policy is
        violated, :class:`NotFound` for an input the table does not have."""
        handle = self._handle
        c_facts = _c.svcr_table_facts_new(handle)
        for name, value in facts.items():
            _set_fact(c_facts, name, value)
        result = _c.svcr_table_result_new(handle)
        _c._depend(result, handle)  # the table must outlive its result
        _c.svcr_table_eval(handle, c_facts, _c.SVCR_TABLE_EVAL_EXPLAIN if explain else 0, result)
        offers = [Offer(*_c.svcr_table_result_offer(result, i)) for i in range(_c.svcr_table_result_offer_count(result))]
        trace = [TraceStep(*_c.svcr_table_result_trace(result, i)) for i in range(_c.svcr_table_result_trace_count(result))]
        found = TableResult(offers, trace)
        found._handle = result
        return found

    def __repr__(self) -> str:
        return f"<Table {self.name!r}>"
