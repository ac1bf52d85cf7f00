"""Exceptions: one class per failure the library reports."""

from __future__ import annotations

import builtins

from . import _svcrecover as _c

__all__ = [
    "Error",
    "InvalidArgument",
    "OutOfMemory",
    "StateError",
    "GuardError",
    "ParseError",
    "MoneyOverflowError",
    "NotFound",
    "PermissionDenied",
    "CurrencyMismatch",
    "ConflictError",
]


class Error(Exception):
    """Base class of every error libsvcrecover reports.

    ``str(error)`` (and :attr:`message`) is the library's explanation, naming the argument, state,
    event, fact or line:column at fault.
    """

    def __init__(self, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self._line = line
        self._column = column


class InvalidArgument(Error, ValueError):
    """An argument is invalid: None, out of range, or a malformed value."""


class OutOfMemory(Error, MemoryError):
    """The library could not allocate memory; nothing was changed."""


class StateError(Error):
    """The object's state does not allow the operation, e.g. an event the case's state does not
    allow, a reopen after the grace period, or use of an object after ``close()``."""


class GuardError(Error):
    """A guard failed: a fact the transition requires is not set (the message names it)."""


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


class MoneyOverflowError(Error, builtins.OverflowError):
    """A value would not fit: money or time beyond 64 bits, or a limit such as the agenda's
    most entries or an insight sum."""


class NotFound(Error, LookupError):
    """A named thing (workflow, fact, table, entry) does not exist."""


class PermissionDenied(Error, PermissionError):
    """The acting role may not do this (e.g. fire the event, approve the offer)."""


class CurrencyMismatch(Error, ValueError):
    """Money amounts in different currencies were combined."""


class ConflictError(Error):
    """Rules or entries conflict, e.g. two rules of a unique-hit decision table match."""


# Which class the C layer raises for each status.
BY_STATUS = {
    _c.SVCR_EINVAL: InvalidArgument,
    _c.SVCR_ENOMEM: OutOfMemory,
    _c.SVCR_ESTATE: StateError,
    _c.SVCR_EGUARD: GuardError,
    _c.SVCR_EPARSE: ParseError,
    _c.SVCR_EOVERFLOW: MoneyOverflowError,
    _c.SVCR_ENOTFOUND: NotFound,
    _c.SVCR_EPERM: PermissionDenied,
    _c.SVCR_ECURRENCY: CurrencyMismatch,
    _c.SVCR_ECONFLICT: ConflictError,
}
