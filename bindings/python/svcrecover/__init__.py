"""libsvcrecover for Python: service recovery engines for helpdesk software.

Times go in as aware datetimes (or int seconds since the epoch) and come out as aware UTC
datetimes; durations come out as timedeltas. Errors are exceptions (:class:`Error` and its
subclasses), money is exact (:class:`Money`, :mod:`decimal`). Start with :class:`Workflow` and
:class:`Case`; ``help(svcrecover.Case)`` and the other classes document themselves.

The main classes (each has its own ``help()``):

- :class:`Workflow` (built-in or JSON definitions) and :class:`Case` (state, :class:`Facts`,
  :class:`CaseLog`, :meth:`Case.timers` giving :class:`TimerStatus`), :class:`TimerConfig`;
- :class:`Calendar` and :class:`CalendarBuilder` (business hours; :meth:`Calendar.business` is
  the default Monday-Friday 09:00-17:00 UTC calendar the built-in workflows' timers count in);
- :class:`Agenda` (deadlines over many cases);
- :class:`Table` (decision tables into :class:`Offer`), :class:`Authority`, :class:`Guarantee`;
- :class:`Money` and :class:`Rounding`;
- the recovery loop: :class:`Taxonomy` (root-cause codes and their owners), :class:`Limits`
  (spending limits per role; :meth:`Case.approve`), :class:`SurveyResponse`;
- :class:`PhraseSet` and :func:`phrase_check`;
- the modules :mod:`svcrecover.insight` (:class:`Insight`) and :mod:`svcrecover.maturity`;
- the exceptions: :class:`Error` and its subclasses :class:`InvalidArgumentError`,
  :class:`StateError`, :class:`GuardError`, :class:`ParseError`, :class:`NotFoundError`,
  :class:`PermissionDeniedError`, :class:`CurrencyMismatchError`, :class:`LimitError`,
  :class:`ConflictError`, :class:`OutOfMemoryError`.

>>> import svcrecover
>>> [m.phrase for m in svcrecover.phrase_check("I understand, sorry")]
['I understand']
"""

from . import _svcrecover
from ._errors import (
    BY_STATUS as _BY_STATUS,
    ConflictError,
    CurrencyMismatchError,
    Error,
    GuardError,
    InvalidArgumentError,
    LimitError,
    NotFoundError,
    OutOfMemoryError,
    ParseError,
    PermissionDeniedError,
    StateError,
    # The 0.2 names of the same classes (NEWS.md), not in __all__.
    CurrencyMismatch,
    InvalidArgument,
    MoneyOverflowError,
    NotFound,
    OutOfMemory,
    PermissionDenied,
)
from ._agenda import Agenda, AgendaEntry
from ._authority import Approval, Authority
from ._calendar import Calendar, CalendarBuilder
from ._case import Case, CaseLog, FactValue, Facts, LogEntry, TimerState, TimerStatus
from ._guarantee import GUARANTEE_CRITERIA, CriterionCheck, Guarantee, GuaranteeReport, GuaranteeThresholds
from ._money import DEFAULT_ROUNDING, Money, Rounding, from_c as _money_from_c, minor_digits
from ._phrase import Phrase, PhraseLike, PhraseMatch, PhraseSet, phrase_check
from . import insight, maturity
from .insight import Insight, servqual_score
from ._table import Offer, Table, TableFactValue, TableResult, TraceStep
from ._time import Duration, Time, TimeOfDay, format_time, parse_time, to_datetime, to_seconds as _to_seconds
from ._workflow import Fact, State, Timer, TimerConfig, Transition, Workflow
from ._limits import Limits
from ._survey import SurveyResponse
from ._taxonomy import CodeCause, Taxonomy, TaxonomyNode

_svcrecover._register(_BY_STATUS, _money_from_c, _to_seconds)

#: The library's version, "MAJOR.MINOR.PATCH".
__version__: str = _svcrecover.svcr_version()

# No __all__: help(svcrecover) then shows this page and not every class in full; each class
# documents itself (help(svcrecover.Case)). `from svcrecover import *` imports the public names.
