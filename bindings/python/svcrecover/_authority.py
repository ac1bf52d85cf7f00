"""Approval authority: may a person at one level make an offer that needs another?"""

from __future__ import annotations

from typing import Any, NamedTuple, Optional, Sequence, Tuple

from . import _svcrecover as _c
from ._table import TableResult

__all__ = ["Authority", "Approval"]


class Approval(NamedTuple):
    """The answer of an authority check: ``allowed``, else the lowest level that may
    (``escalate_to``). Its truth value is ``allowed``: ``if authority.check("agent", "manager"):``."""

    allowed: bool
    escalate_to: Optional[str]

    def __bool__(self) -> bool:
        return self.allowed


class Authority:
    """Ordered approval levels, lowest first: ``Authority(["agent", "team_lead", "manager"])``;
    ``Authority()`` gives the default agent < supervisor < manager. Immutable.

    >>> Authority().check("agent", "manager")
    Approval(allowed=False, escalate_to='manager')

    Raises:
        InvalidArgumentError: an empty or repeated level name.
        TypeError: ``levels`` is a str rather than a sequence of names.
    """

    __slots__ = ("_handle", "_levels")

    def __init__(self, levels: Optional[Sequence[str]] = None) -> None:
        if isinstance(levels, str):
            raise TypeError("levels must be a sequence of names, not a string")
        self._levels: Optional[Tuple[str, ...]] = None if levels is None else tuple(levels)
        self._handle = _c.svcr_authority_new(self._levels)

    def check(self, acting: str, required: Optional[str]) -> Approval:
        """May a person at level ``acting`` approve something that needs ``required`` (None: no
        approval needed)? Raises :class:`NotFoundError` for a level that is not one of these."""
        return Approval(*_c.svcr_authority_check(self._handle, acting, required))

    def check_result(self, acting: str, result: TableResult) -> Approval:
        """May a person at level ``acting`` make all the offers of ``result`` (from
        :meth:`Table.evaluate`)? The level needed is the highest approval among them."""
        if not isinstance(result, TableResult):
            raise TypeError(f"result must be a TableResult, not {type(result).__name__}")
        return Approval(*_c.svcr_authority_check_result(self._handle, acting, result._handle))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Authority):
            return NotImplemented
        return self._levels == other._levels

    def __hash__(self) -> int:
        return hash(self._levels)

    def __reduce__(self) -> Any:
        return (Authority, (self._levels,))

    def __repr__(self) -> str:
        return "Authority()" if self._levels is None else f"Authority({list(self._levels)!r})"
