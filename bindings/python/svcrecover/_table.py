"""Atonement sizing: decision tables that turn facts about a failure and a customer into offers."""

from __future__ import annotations

import datetime as _dt
import decimal
import os
from typing import Any, Dict, List, Mapping, NamedTuple, Optional, Tuple, Union

from . import _svcrecover as _c
from ._money import Money, as_decimal

__all__ = ["Table", "TableResult", "Offer", "TraceStep", "TableFactValue"]

#: The value of a decision-table input; None leaves the input unset.
TableFactValue = Union[bool, int, str, Money, decimal.Decimal, float, _dt.timedelta, None]


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
    first ``input`` whose ``test`` failed. ``selected`` is True for the rules the hit policy chose
    to make offers: under "first" only the first rule that matched, under "unique" the one."""

    table: str
    rule: str
    line: int
    matched: bool
    input: Optional[str]
    test: Optional[str]
    selected: bool = False


class _Outcome(NamedTuple):
    offers: List[Offer]
    trace: List[TraceStep]


class TableResult(_Outcome):
    """What :meth:`Table.evaluate` found: the ``offers`` and the ``trace`` of the rules.

    A named tuple (``offers, trace = result``, ``==`` compares them); it also holds the
    library's result, which :meth:`Authority.check_result` reads. It pickles and copies (the copy
    is evaluated again from the same table and facts)."""

    # No __slots__: a tuple subclass cannot have them; the instance dict holds the handle and
    # what it was evaluated from.

    def __reduce__(self) -> Any:
        source = self.__dict__.get("_source")
        if source is None:  # made by hand: no library result to rebuild
            return (TableResult, (self.offers, self.trace))
        return (_evaluate_again, source)

    def __copy__(self) -> TableResult:
        copy: TableResult = self.__reduce__()[0](*self.__reduce__()[1])
        return copy

    def __deepcopy__(self, memo: dict) -> TableResult:
        return self.__copy__()


def _evaluate_again(table: Table, facts: Dict[str, Any], explain: bool) -> TableResult:
    """Unpickle a result."""
    return table.evaluate(facts, explain=explain)


def _set_fact(facts: object, name: str, value: TableFactValue) -> None:
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
        # Exact decimal text (a float through its shortest repr, as the JSON path reads it); the
        # library keeps six decimal places and rejects more.
        _c.svcr_table_facts_set_decimal(facts, name, format(as_decimal(value).normalize(), "f"))
    else:
        raise TypeError(f'table input "{name}" is bool, int, str, Money, Decimal, float or timedelta, '
                        f"not {type(value).__name__}")


class Table:
    """A compiled decision table (immutable; many threads may evaluate it at once).

    Make one with :meth:`parse` (the text format), :meth:`parse_dmn`, :meth:`from_file` or
    :meth:`builtin`. Tables made from the same text compare equal; they pickle and copy.

    >>> table = Table.builtin("severity-value")
    >>> result = table.evaluate({"severity": 4, "tier": "gold", "price": Money(12000, "EUR")})
    >>> [(o.kind, o.amount, o.approval) for o in result.offers]
    [('partial_refund', Money(9000, 'EUR'), 'manager')]
    """

    __slots__ = ("_handle", "_recipe")

    def __init__(self) -> None:
        raise TypeError("use Table.parse(text), Table.parse_dmn(xml), Table.from_file(path) or Table.builtin(name)")

    @classmethod
    def _from_handle(cls, handle: object, recipe: Tuple[str, Union[str, bytes]]) -> Table:
        self = object.__new__(cls)
        self._handle = handle
        self._recipe = recipe  # (how, text): what pickling and == use
        return self

    @classmethod
    def parse(cls, text: Union[str, bytes]) -> Table:
        """Tables in the text format (see the README, "Decision tables").

        Raises:
            ParseError: the text is malformed (``.line``, ``.column`` locate it).
            TypeError: ``text`` is not str or bytes.
        """
        return cls._from_handle(_c.svcr_table_parse(text), ("parse", text))

    @classmethod
    def parse_dmn(cls, xml: Union[str, bytes]) -> Table:
        """Tables from a DMN 1.3 XML document.

        Raises:
            ParseError: malformed XML or an unsupported construct (``.line``, ``.column``).
            InvalidArgumentError: this build has no DMN support (see :meth:`dmn_available`).
        """
        return cls._from_handle(_c.svcr_table_parse_dmn(xml), ("parse_dmn", xml))

    @classmethod
    def from_file(cls, path: Union[str, "os.PathLike[str]"]) -> Table:
        """A table from a file: DMN XML when the name ends in .dmn or .xml, else the text format."""
        with open(path, "rb") as f:
            data = f.read()
        if os.fspath(path).lower().endswith((".dmn", ".xml")):
            return cls.parse_dmn(data)
        return cls.parse(data)

    @classmethod
    def builtin(cls, name: str) -> Table:
        """A built-in table by name, e.g. "severity-value" or "hotel-stay".

        Raises:
            NotFoundError: no built-in table has that name.
        """
        return cls._from_handle(_c.svcr_table_builtin(name), ("builtin", name))

    @staticmethod
    def builtin_text(name: str) -> str:
        """The text of a built-in table, to start a host's own from."""
        return _c.svcr_table_builtin_text(name)

    @staticmethod
    def dmn_available() -> bool:
        """Whether this build imports DMN XML (it needs libxml2)."""
        return bool(_c.svcr_table_dmn_available())

    @property
    def name(self) -> str:
        """The name of the table evaluated."""
        return _c.svcr_table_name(self._handle)

    def evaluate(self, facts: Mapping[str, TableFactValue], explain: bool = False) -> TableResult:
        """Evaluate the table against ``facts`` (input name -> value) into offers.

        Args:
            facts: input name -> int, Decimal, float (read as its shortest repr: 2.3 is 2.3),
                str, bool, :class:`Money` or timedelta; None leaves an input unset.
            explain: also say, for each rule that did not match, which test failed.

        Raises:
            ConflictError: the hit policy is violated (two rules match under "unique").
            NotFoundError: an input the table does not have.
            InvalidArgumentError: a decimal with more than six places.
            TypeError: a value of another type.
        """
        handle = self._handle
        c_facts = _c.svcr_table_facts_new(handle)
        for name, value in facts.items():
            _set_fact(c_facts, name, value)
        result = _c.svcr_table_result_new(handle)
        _c._depend(result, handle)  # the table must outlive its result
        _c.svcr_table_eval(handle, c_facts, _c.SVCR_TABLE_EVAL_EXPLAIN if explain else 0, result)
        offers = [Offer(*_c.svcr_table_result_offer(result, i)) for i in range(_c.svcr_table_result_offer_count(result))]
        selected = {offer.rule for offer in offers}
        trace = [TraceStep(*step, step[3] and step[1] in selected)
                 for step in (_c.svcr_table_result_trace(result, i) for i in range(_c.svcr_table_result_trace_count(result)))]
        found = TableResult(offers, trace)
        found._handle = result
        found._source = (self, dict(facts), explain)
        return found

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Table):
            return NotImplemented
        return self._recipe == other._recipe

    def __hash__(self) -> int:
        return hash(self._recipe)

    def __reduce__(self) -> Any:
        return (_table_from_recipe, self._recipe)

    def __copy__(self) -> Table:
        return self  # immutable

    def __deepcopy__(self, memo: dict) -> Table:
        return self

    def __repr__(self) -> str:
        return f"<Table {self.name!r}>"


def _table_from_recipe(how: str, text: Union[str, bytes]) -> Table:
    """Unpickle a table: parse its text again."""
    return getattr(Table, how)(text)
