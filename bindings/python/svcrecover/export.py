"""Case files: the JSON lines ``svcr-desk export`` writes, read into an :class:`~svcrecover.Insight`.

Each line is one case, either as the desk exports it::

    {"customer": "K-17", "tier": "gold", "severity": 3, "price": {...}, "case": {<the case>}}

or a bare case as :meth:`Case.to_json() <svcrecover.Case.to_json>` writes it (``{"workflow": ...}``).
The case names its workflow: a built-in, or one given in ``workflows``. For an exported line the
desk's own columns count as its report counts them: the customer (repeat complaints) is the
envelope's ``customer``, and the severity (1 to 5) is minor up to 2, major from 3; a line without
them has them unknown. Blank lines are skipped.

>>> import svcrecover
>>> from svcrecover import export
>>> insight = svcrecover.Insight()
>>> export.add_lines(insight, ['{"customer": "K-1", "severity": 4, "case": {"workflow": "five-step", '
...                            '"id": "C-1", "opened_at": "2026-11-23T10:00:00Z", "state": "identify", '
...                            '"facts": {}, "log": []}}'])
1
>>> insight.results()["retention"]["cases"]["major"]["unresolved"]
0
"""

from __future__ import annotations

import gzip
import json
from typing import IO, Dict, Iterable, Optional, Tuple, Union

from . import _svcrecover as _c
from ._case import Case
from ._errors import Error, ParseError
from ._workflow import Workflow
from .insight import _SEVERITY as _SEVERITY_CODE
from .insight import Insight

__all__ = ["CaseLineError", "Workflows", "read_case", "add_read", "add_line", "add_lines", "add_file", "open_lines"]

#: Desk severities (1 to 5) from this one up are major problems; below, minor.
MAJOR_FROM = 3


class CaseLineError(ParseError):
    """A line of a case file that cannot be read: ``"<path>: line <number>: <reason>"``, with
    :attr:`path`, :attr:`number` and :attr:`reason` apart."""

    def __init__(self, reason: str, path: str = "", number: int = 0) -> None:
        super().__init__(f"{path}: line {number}: {reason}", number, 0)
        self.reason = reason
        self.path = path
        self.number = number

    def __reduce__(self):  # type: ignore[override]  # keeps the parts across processes (Dask)
        return (CaseLineError, (self.reason, self.path, self.number))


class Workflows:
    """The workflows cases name: the built-ins, and those given (which win over a built-in of the
    same name). Each is compiled once, on first use."""

    def __init__(self, extra: Iterable[Workflow] = ()) -> None:
        self._loaded: Dict[str, Workflow] = {w.name: w for w in extra}
        self._builtin = set(Workflow.builtin_names())

    def __getitem__(self, name: object) -> Workflow:
        found = self._loaded.get(name) if isinstance(name, str) else None
        if found is None:
            if not isinstance(name, str) or name not in self._builtin:
                raise ParseError(f"unknown workflow {name!r} (not built in, and not given)")
            found = self._loaded[name] = Workflow.builtin(name)
        return found

    @classmethod
    def from_files(cls, paths: Iterable[str]) -> "Workflows":
        """The built-ins and the workflows in these JSON files."""
        extra = []
        for path in paths:
            with open(path, encoding="utf-8") as f:
                extra.append(Workflow.from_json(f.read()))
        return cls(extra)


def _severity(value: object) -> Optional[str]:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise ParseError(f"\"severity\" is {value!r}: expected 1 to 5")
    return "major" if value >= MAJOR_FROM else "minor"


def _case_text(line: str) -> Optional[str]:
    """The case's own text in a line whose last member is "case" (as the desk writes it): what
    follows the key, when the key is the only `"case":` in the line (inside a JSON string a quote
    is always escaped, so that text appears only as a key). Saves writing the case again."""
    if line.count('"case":') != 1:
        return None
    end = line.rstrip()
    return line[line.index('"case":') + 7:len(end) - 1]


def read_case(line: Union[str, bytes], workflows: Workflows) -> Tuple[Case, Optional[dict]]:
    """The case on one line, and the desk's envelope (without "case") or None for a bare case.
    Raises :class:`~svcrecover.ParseError` (or another :class:`~svcrecover.Error`) saying why
    a line is not one."""
    if isinstance(line, bytes):
        line = line.decode("utf-8")  # UnicodeDecodeError is a ValueError
    if "\0" in line:
        raise ParseError("a NUL byte in the line")
    try:
        root = json.loads(line)
    except json.JSONDecodeError as e:
        raise ParseError(f"not JSON: {e.msg} (column {e.colno})", 1, e.colno) from None
    if not isinstance(root, dict):
        raise ParseError("not a case: a line must be a JSON object")
    if "case" in root:
        last = next(reversed(root))
        envelope = root
        case = envelope.pop("case")
        if not isinstance(case, dict):
            raise ParseError("\"case\" must be an object (a case as the desk exports it)")
        customer = envelope.get("customer")
        if customer is not None and (not isinstance(customer, str) or not customer):
            raise ParseError(f"\"customer\" is {customer!r}: expected a non-empty string")
        _severity(envelope.get("severity"))
        text = _case_text(line) if last == "case" else None
        if text is None:
            text = json.dumps(case, ensure_ascii=False)
    elif "workflow" in root:
        envelope, case, text = None, root, line
    else:
        raise ParseError("not a case: neither a desk export line (\"case\") nor a case (\"workflow\")")
    return Case.from_json(workflows[case.get("workflow")], text), envelope


def add_line(insight: Insight, line: Union[str, bytes], workflows: Workflows) -> None:
    """Add the case on one line (see the module's description of the desk's columns)."""
    case, envelope = read_case(line, workflows)
    add_read(insight, case, envelope)


def add_read(insight: Insight, case: Case, envelope: Optional[dict]) -> None:
    """Add what :func:`read_case` read (and close the case)."""
    try:
        if envelope is None:
            insight.add_case(case)
        else:
            # The record as the C layer gives it, with the desk's columns put in: the fields of
            # insight.Record in order, customer at 7 and severity at 9 (no Record objects: this
            # runs once per case of files of millions).
            t = _c.svcr_insight_record_from_case(insight._handle, case._handle)
            severity = _SEVERITY_CODE[_severity(envelope.get("severity"))]
            _c.svcr_insight_add(insight._handle, t[:7] + (envelope.get("customer"), t[8], severity) + t[10:])
    finally:
        case.close()


def add_lines(insight: Insight, lines: Iterable[Union[str, bytes]], workflows: Optional[Workflows] = None,
              path: str = "<lines>", first_number: int = 1) -> int:
    """Add the case on every non-blank line; returns how many. A line that cannot be read raises
    :class:`CaseLineError` naming ``path`` and its number (the cases before it stay added)."""
    workflows = workflows if workflows is not None else Workflows()
    added = 0
    for number, line in enumerate(lines, start=first_number):
        if not line.strip():
            continue
        try:
            add_line(insight, line, workflows)
        except (Error, ValueError) as e:
            raise CaseLineError(str(e), path, number) from None
        added += 1
    return added


def open_lines(path: str) -> IO[bytes]:
    """A case file for reading as lines of bytes: plain, or gzip when it starts with gzip's magic."""
    with open(path, "rb") as f:
        compressed = f.read(2) == b"\x1f\x8b"
    return gzip.open(path, "rb") if compressed else open(path, "rb")


def add_file(insight: Insight, path: str, workflows: Optional[Workflows] = None) -> int:
    """Add every case of a case file (plain or gzip); returns how many."""
    with open_lines(path) as f:
        return add_lines(insight, f, workflows, path)
