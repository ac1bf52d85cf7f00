"""libsvcrecover for Python: service recovery engines for helpdesk software.

The package wraps the C library (through the SWIG extension ``_svcrecover``) and adds Python
idiom: exceptions instead of status codes, :class:`Money` with :mod:`decimal` conversion,
iteration, context managers. It adds no domain logic of its own.

>>> import svcrecover
>>> [m.phrase for m in svcrecover.phrase_check("I understand, sorry")]
['I understand']
"""

from __future__ import annotations

from . import _svcrecover
from ._errors import (
    BY_STATUS as _BY_STATUS,
    ConflictError,
    CurrencyMismatch,
    Error,
    GuardError,
    InvalidArgument,
    MoneyOverflowError,
    NotFound,
    OutOfMemory,
    ParseError,
    PermissionDenied,
    StateError,
)
from ._calendar import Calendar, CalendarBuilder
from ._money import Money, Rounding, from_c as _money_from_c, minor_digits
from ._phrase import Phrase, PhraseMatch, PhraseSet, phrase_check
from . import maturity
from ._table import Offer, Table, TableResult, TraceStep
from ._time import Time, format_time, parse_time, to_datetime, to_seconds as _to_seconds

# Workflows and cases, once the library has them (see bindings/python/meson.build).
if hasattr(_svcrecover, "svcr_case_new"):
    from ._case import Case, CaseLog, Facts, LogEntry
    from ._workflow import Fact, State, Transition, Workflow

_svcrecover._register(_BY_STATUS, _money_from_c, _to_seconds)

#: The library's version, "MAJOR.MINOR.PATCH".
__version__: str = _svcrecover.svcr_version()

__all__ = [
    "__version__",
    # errors
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
    # money and time
    "Money",
    "Rounding",
    "minor_digits",
    "Time",
    "parse_time",
    "format_time",
    "to_datetime",
    # calendars
    "Calendar",
    "CalendarBuilder",
    # decision tables
    "Table",
    "TableResult",
    "Offer",
    "TraceStep",
    # engines with a module of their own
    "maturity",
    # phrase check
    "Phrase",
    "PhraseMatch",
    "PhraseSet",
    "phrase_check",
]
if hasattr(_svcrecover, "svcr_case_new"):
    __all__ += ["Workflow", "State", "Transition", "Fact", "Case", "Facts", "CaseLog", "LogEntry"]
