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
from ._agenda import Agenda, AgendaEntry
from ._authority import Approval, Authority
from ._calendar import Calendar, CalendarBuilder
from ._case import Case, CaseLog, FactValue, Facts, LogEntry, TimerState, TimerStatus
from ._guarantee import GUARANTEE_CRITERIA, CriterionCheck, Guarantee, GuaranteeReport, GuaranteeThresholds
from ._money import Money, Rounding, from_c as _money_from_c, minor_digits
from ._phrase import Phrase, PhraseMatch, PhraseSet, phrase_check
from . import insight, maturity
from .insight import Insight, servqual_score
from ._table import Offer, Table, TableResult, TraceStep
from ._time import Time, format_time, parse_time, to_datetime, to_seconds as _to_seconds
from ._workflow import Fact, State, Timer, TimerConfig, Transition, Workflow

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
    # workflows and cases
    "Workflow",
    "State",
    "Transition",
    "Fact",
    "Timer",
    "TimerConfig",
    "Case",
    "Facts",
    "CaseLog",
    "LogEntry",
    "TimerStatus",
    # the agenda
    "Agenda",
    "AgendaEntry",
    # decision tables, authority, service guarantees
    "Table",
    "TableResult",
    "Offer",
    "TraceStep",
    "Authority",
    "Approval",
    "Guarantee",
    "GuaranteeThresholds",
    "GuaranteeReport",
    "CriterionCheck",
    "GUARANTEE_CRITERIA",
    # insight
    "Insight",
    "servqual_score",
    # engines with a module of their own
    "insight",
    "maturity",
    # phrase check
    "Phrase",
    "PhraseMatch",
    "PhraseSet",
    "phrase_check",
]
