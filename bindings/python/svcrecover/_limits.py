"""Spending limits per role for money facts, and the approvals that lift them."""

from __future__ import annotations

import json
from typing import Any, Optional, Union

from . import _svcrecover as _c
from ._money import Money
from ._workflow import Workflow

__all__ = ["Limits"]


def _limits_from_json(workflow: Workflow, text: str) -> Limits:
    return Limits.from_json(workflow, text)


class Limits:
    """Spending limits per role for a workflow's money facts: how much compensation each role may
    commit on its own.

    >>> wf = Workflow.builtin("five-step")
    >>> limits = Limits.from_json(wf, '{"limits": [{"fact": "compensation", "currency": "EUR",'
    ...     ' "roles": {"agent": "25.00 EUR", "supervisor": "100.00 EUR", "manager": "unlimited"},'
    ...     ' "events": ["atoned"]}]}')
    >>> limits.role_limit("compensation", "agent")
    Money(2500, 'EUR')
    >>> limits.lowest_role("compensation", Money.parse("198.00 EUR"))
    'manager'

    A role not listed may commit nothing above zero. Bound to a case (:meth:`Case.bind_limits`)
    they refuse an event that would commit more than the acting role's limit, unless a role whose
    limit covers it approved it first (:meth:`Case.approve`). Immutable; limits pickle, copy and
    compare by workflow and JSON.
    """

    __slots__ = ("_handle", "_workflow", "_json", "__weakref__")

    def __init__(self) -> None:
        raise TypeError("use Limits.from_json(workflow, text) or Workflow.limits")

    @classmethod
    def from_json(cls, workflow: Workflow, text: Union[str, bytes]) -> Limits:
        """Read limits for ``workflow``'s money facts and roles.

        Raises:
            ParseError: malformed JSON, a fact that is not a money fact of the workflow, an
                unknown role or event, a limit in another currency than the fact's, a negative
                limit, a fact listed twice (``.line``, ``.column``).
            TypeError: ``workflow`` is not a Workflow, ``text`` not str or bytes.
        """
        if not isinstance(workflow, Workflow):
            raise TypeError(f"workflow must be a Workflow, not {type(workflow).__name__}")
        self = object.__new__(cls)
        self._handle = _c.svcr_limits_parse(workflow._handle, text)
        _c._depend(self._handle, workflow._handle)
        self._workflow = workflow
        self._json = text.decode("utf-8") if isinstance(text, bytes) else text
        return self

    @classmethod
    def _of_workflow(cls, workflow: Workflow) -> Optional[Limits]:
        declared = json.loads(workflow.to_json()).get("limits")
        if declared is None:
            return None
        return cls.from_json(workflow, json.dumps({"limits": declared}))

    @property
    def workflow(self) -> Workflow:
        """The workflow whose facts and roles the limits name."""
        return self._workflow

    def role_limit(self, fact: str, role: str) -> Optional[Money]:
        """``role``'s limit for money fact ``fact``: None when unlimited, zero for a role not
        listed.

        Raises:
            NotFoundError: the limits do not cover ``fact``, or the workflow has no such role.
        """
        return _c.svcr_py_limits_role_limit(self._handle, fact, role)

    def lowest_role(self, fact: str, amount: Money) -> str:
        """The lowest role that may commit (or approve) ``amount`` of ``fact``: the role with the
        smallest limit that covers it.

        Raises:
            NotFoundError: the limits do not cover ``fact``.
            CurrencyMismatchError: ``amount`` is in another currency.
            PermissionDeniedError: no role's limit covers it.
            InvalidArgumentError: a negative amount.
        """
        return _c.svcr_py_limits_lowest_role(self._handle, fact, amount)

    def to_json(self) -> str:
        """The text the limits were read from."""
        return self._json

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Limits):
            return NotImplemented
        return self._workflow == other._workflow and self._json == other._json

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> Any:
        return (_limits_from_json, (self._workflow, self._json))

    def __copy__(self) -> Limits:
        return self  # immutable

    def __deepcopy__(self, memo: dict) -> Limits:
        return self

    def __repr__(self) -> str:
        return f"<Limits for {self._workflow.name}>"
