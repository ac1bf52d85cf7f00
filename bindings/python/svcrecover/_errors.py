"""Exceptions: one class per kind of failure the library reports, each named ``...Error``."""

from __future__ import annotations

import builtins
import re
from typing import Tuple

from . import _svcrecover as _c

__all__ = [
    "Error",
    "InvalidArgumentError",
    "OutOfMemoryError",
    "StateError",
    "GuardError",
    "ParseError",
    "LimitError",
    "NotFoundError",
    "PermissionDeniedError",
    "CurrencyMismatchError",
    "ConflictError",
]

# The library's messages start with the C function's name and may point at another C function;
# a Python reader needs neither. ("svcr_money_add: currency mismatch" -> "currency mismatch")
_C_PREFIX = re.compile(r"^(?:svcr_\w+: )+")
_C_REFERENCE = re.compile(r" ?\((?:see |use )?svcr_\w+(?:\(\))?\)")
_C_WORDS = ((" NULL", " None"), ("NULL ", "None "))


def python_message(message: str) -> str:
    """A library message as a Python reader needs it: no C function names, None for NULL."""
    message = _C_REFERENCE.sub("", _C_PREFIX.sub("", message))
    for c_word, python_word in _C_WORDS:
        message = message.replace(c_word, python_word)
    return message


class Error(Exception):
    """Base class of every error svcrecover raises.

    ``str(error)`` (and :attr:`message`) names the argument, state, event, fact or
    line:column at fault. Each subclass also derives from the built-in exception a Python
    reader would expect (:class:`ValueError`, :class:`LookupError`, ...), so
    ``except ValueError`` works too.
    """

    def __init__(self, message: str, line: int = 0, column: int = 0) -> None:
        message = python_message(message)
        super().__init__(message)
        #: The explanation, as ``str(error)``.
        self.message: str = message
        self._line = line
        self._column = column

    def __reduce__(self) -> tuple:
        return (type(self), (self.message, self._line, self._column), self.__dict__)


class InvalidArgumentError(Error, ValueError):
    """An argument has the right type but a wrong value: out of range, empty, malformed."""


class OutOfMemoryError(Error, MemoryError):
    """The library could not allocate memory; nothing was changed."""


class StateError(Error):
    """The object's state does not allow the operation: an event the case's state does not
    allow, a reopen after the grace period, or use of an object after ``close()``.

    :attr:`allowed` lists what the state allows instead (empty when that does not apply).
    """

    #: The events the case's state allows (for :meth:`Case.apply`), else ().
    allowed: Tuple[str, ...] = ()
    #: The case's state when the event was refused, else None.
    state = None


class GuardError(Error):
    """A guard failed: the transition requires facts that are not set.

    :attr:`fact` is the first missing fact, :attr:`facts` all of them, :attr:`event` the event.
    """

    #: The first fact the transition needs that is not set.
    fact = None
    #: Every fact the transition needs that is not set, in the workflow's order.
    facts: Tuple[str, ...] = ()
    #: The event that was refused.
    event = None
    #: For a root cause no taxonomy code matches: the closest codes, best first.
    closest: Tuple[str, ...] = ()


class ParseError(Error, ValueError):
    """Text (JSON, a decision table, DMN XML) could not be parsed or validated.

    :attr:`line` and :attr:`column` (1-based; 0 when unknown) locate the problem.
    """

    @property
    def line(self) -> int:
        """The 1-based line of the offending text, or 0 when unknown."""
        return self._line

    @property
    def column(self) -> int:
        """The 1-based column (in characters) of the offending text, or 0 when unknown."""
        return self._column


class LimitError(Error, builtins.OverflowError):
    """A value or a size would pass a limit: money or time beyond 64 bits, a sum that overflows,
    the agenda's most entries."""


class NotFoundError(Error, LookupError):
    """A named thing (workflow, fact, timer, table input, entry) does not exist."""


class PermissionDeniedError(Error, PermissionError):
    """The acting role may not do this (e.g. fire the event), or spending limits refuse it.

    When a spending limit refused it: :attr:`fact` is the money fact, :attr:`amount` the amount,
    :attr:`limit` the role's limit and :attr:`approver_role` the lowest role that may approve it
    (all None otherwise).
    """

    #: The money fact a spending limit refused, else None.
    fact = None
    #: The amount refused (Money), else None.
    amount = None
    #: The acting role's limit (Money), else None.
    limit = None
    #: The lowest role that may approve the amount, else None.
    approver_role = None


class CurrencyMismatchError(Error, ValueError):
    """Money amounts in different currencies were combined."""


class ConflictError(Error):
    """Rules conflict, e.g. two rules of a unique-hit decision table match."""


# Which class the C layer raises for each status.
BY_STATUS = {
    _c.SVCR_EINVAL: InvalidArgumentError,
    _c.SVCR_ENOMEM: OutOfMemoryError,
    _c.SVCR_ESTATE: StateError,
    _c.SVCR_EGUARD: GuardError,
    _c.SVCR_EPARSE: ParseError,
    _c.SVCR_EOVERFLOW: LimitError,
    _c.SVCR_ENOTFOUND: NotFoundError,
    _c.SVCR_EPERM: PermissionDeniedError,
    _c.SVCR_ECURRENCY: CurrencyMismatchError,
    _c.SVCR_ECONFLICT: ConflictError,
}

# The names of 0.2 (NEWS.md): the same classes.
InvalidArgument = InvalidArgumentError
OutOfMemory = OutOfMemoryError
MoneyOverflowError = LimitError
NotFound = NotFoundError
PermissionDenied = PermissionDeniedError
CurrencyMismatch = CurrencyMismatchError
