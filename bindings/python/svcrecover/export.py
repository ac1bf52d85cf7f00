"""Case files: the JSON lines ``svcr-desk export`` writes, read into an :class:`~svcrecover.Insight`.

Each line is one case, either as the desk exports it:

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
>>> insight.results()["repeat_complaints"]["customers"]  # the envelope's customer
1
"""

from __future__ import annotations

import gzip
import io
import json
import os
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple, Union

from . import _svcrecover as _c
from ._case import Case
from ._errors import Error, NotFoundError, ParseError
from ._workflow import Workflow
from .insight import _SEVERITY as _SEVERITY_CODE
from .insight import Insight

__all__ = ["CaseLineError", "Workflows", "read_case", "add_read", "add_line", "add_lines", "add_file", "open_lines",
           "MAJOR_FROM", "FilePath"]

#: Desk severities (1 to 5) from this one up are major problems; below, minor.
MAJOR_FROM = 3

#: A file's path: a str or a path object such as :class:`pathlib.Path`.
FilePath = Union[str, os.PathLike[str]]


class CaseLineError(ParseError):
    """A line of a case file that cannot be read: ``"<path>: line <number>: <reason>"``, with
    :attr:`path`, :attr:`number` and :attr:`reason` apart (:attr:`line` is the number too). It
    pickles with its parts, so it reaches a Dask client intact."""

    #: Why the line cannot be read.
    reason: str
    #: The file (or what :func:`add_lines` was told to call the lines).
    path: str
    #: The 1-based number of the line.
    number: int

    def __init__(self, reason: str, path: str = "", number: int = 0) -> None:
        super().__init__(f"{path}: line {number}: {reason}", number, 0)
        self.reason = reason
        self.path = path
        self.number = number

    def __reduce__(self) -> Tuple[Any, Tuple[str, str, int]]:
        return (CaseLineError, (self.reason, self.path, self.number))


def _type_name(value: object) -> str:
    return type(value).__name__


def _paths(paths: Union[FilePath, Iterable[FilePath]], what: str) -> List[str]:
    """One path or several, as a list of str (TypeError for anything else, before any work)."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    elif isinstance(paths, bytes) or not isinstance(paths, Iterable):
        raise TypeError(f"{what} must be a path or paths (str or os.PathLike), not {_type_name(paths)}")
    found = []
    for path in paths:
        if not isinstance(path, (str, os.PathLike)):
            raise TypeError(f"{what} must be paths (str or os.PathLike), not {_type_name(path)} items")
        found.append(os.fsdecode(path))
    return found


class Workflows:
    """The workflows cases name: the built-ins, and those given (which win over a built-in of the
    same name). Each is compiled once, on first use.

    Raises:
        TypeError: an item of ``extra`` is not a :class:`~svcrecover.Workflow`.
    """

    def __init__(self, extra: Iterable[Workflow] = ()) -> None:
        self._loaded: Dict[str, Workflow] = {}
        for workflow in extra:
            if not isinstance(workflow, Workflow):
                raise TypeError(f"workflows must be Workflow items, not {_type_name(workflow)}")
            self._loaded[workflow.name] = workflow
        self._builtin = set(Workflow.builtin_names())

    def __getitem__(self, name: str) -> Workflow:
        """The workflow named ``name``.

        Raises:
            TypeError: ``name`` is not a str.
            NotFoundError: no such workflow, built in or given.
        """
        found = self._loaded.get(name) if isinstance(name, str) else None
        if found is None:
            if not isinstance(name, str):
                raise TypeError(f"a workflow name is a str, not {_type_name(name)}")
            if name not in self._builtin:
                raise NotFoundError(f"unknown workflow {name!r} (not built in, and not given)")
            found = self._loaded[name] = Workflow.builtin(name)
        return found

    @classmethod
    def from_files(cls, paths: Union[FilePath, Iterable[FilePath]]) -> Workflows:
        """The built-ins and the workflows in these JSON files (one path or several).

        Raises:
            OSError: a file cannot be read.
            ParseError: a file is not a workflow (``.line``, ``.column``).
            TypeError: ``paths`` is not a path or paths.
        """
        extra = []
        for path in _paths(paths, "paths"):
            with open(path, encoding="utf-8") as f:
                extra.append(Workflow.from_json(f.read()))
        return cls(extra)


def _customer(envelope: Mapping[str, Any]) -> Optional[str]:
    customer = envelope.get("customer")
    if customer is not None and (not isinstance(customer, str) or not customer):
        raise ParseError(f"\"customer\" is {customer!r}: expected a non-empty string")
    return customer


def _severity(envelope: Mapping[str, Any]) -> Optional[str]:
    value = envelope.get("severity")
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


def read_case(line: Union[str, bytes], workflows: Workflows) -> Tuple[Case, Optional[Dict[str, Any]]]:
    """The case on one line, and the desk's envelope (the line's object without "case"), or None
    for a bare case.

    Raises:
        ParseError: the line is not one (not UTF-8, not JSON, neither an export line nor a case,
            a bad "customer" or "severity", or a case its workflow does not allow).
        NotFoundError: the case names a workflow that is neither built in nor given.
        TypeError: ``line`` is not a str or bytes, or ``workflows`` not a :class:`Workflows`.
    """
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError as e:
            raise ParseError(f"not UTF-8: byte {e.object[e.start]:#04x} at offset {e.start}") from None
    elif not isinstance(line, str):
        raise TypeError(f"line must be a str or bytes, not {_type_name(line)}")
    if not isinstance(workflows, Workflows):
        raise TypeError(f"workflows must be export.Workflows, not {_type_name(workflows)}")
    if "\0" in line:
        raise ParseError("a NUL byte in the line")
    try:
        root = json.loads(line)
    except json.JSONDecodeError as e:
        raise ParseError(f"not JSON: {e.msg} (column {e.colno})", 1, e.colno) from None
    if not isinstance(root, dict):
        raise ParseError("not a case: a line must be a JSON object")
    envelope: Optional[Dict[str, Any]]
    if "case" in root:
        last = next(reversed(root))
        envelope = root
        case = envelope.pop("case")
        if not isinstance(case, dict):
            raise ParseError("\"case\" must be an object (a case as the desk exports it)")
        _customer(envelope)
        _severity(envelope)
        text = _case_text(line) if last == "case" else None
        if text is None:
            text = json.dumps(case, ensure_ascii=False)
    elif "workflow" in root:
        envelope, case, text = None, root, line
    else:
        raise ParseError("not a case: neither a desk export line (\"case\") nor a case (\"workflow\")")
    name = case.get("workflow")
    if not isinstance(name, str):
        raise ParseError(f"\"workflow\" is {name!r}: expected the name of a workflow")
    return Case.from_json(workflows[name], text), envelope


def add_line(insight: Insight, line: Union[str, bytes], workflows: Workflows) -> None:
    """Add the case on one line (see the module's description of the desk's columns). Raises
    what :func:`read_case` raises."""
    case, envelope = read_case(line, workflows)
    add_read(insight, case, envelope)


def add_read(insight: Insight, case: Case, envelope: Optional[Mapping[str, Any]]) -> None:
    """Add what :func:`read_case` read, and close the case.

    Raises:
        ParseError: the envelope's "customer" or "severity" is not one the desk writes.
        TypeError: ``insight`` is not an Insight, ``case`` not a Case or ``envelope`` not a
            mapping or None.
    """
    if not isinstance(insight, Insight):
        raise TypeError(f"insight must be an Insight, not {_type_name(insight)}")
    if not isinstance(case, Case):
        raise TypeError(f"case must be a Case, not {_type_name(case)}")
    if envelope is not None and not isinstance(envelope, Mapping):
        raise TypeError(f"envelope must be a mapping or None, not {_type_name(envelope)}")
    try:
        if envelope is None:
            insight.add_case(case)
        else:
            customer, severity = _customer(envelope), _SEVERITY_CODE[_severity(envelope)]
            # The record as the library gives it, with the desk's columns put in: the fields of
            # insight.Record in order, customer at 7 and severity at 9 (no Record objects: this
            # runs once per case of files of millions).
            t = _c.svcr_insight_record_from_case(insight._handle, case._handle)
            _c.svcr_insight_add(insight._handle, t[:7] + (customer, t[8], severity) + t[10:])
    finally:
        case.close()


def add_lines(insight: Insight, lines: Iterable[Union[str, bytes]], workflows: Optional[Workflows] = None,
              path: str = "<lines>", first_number: int = 1) -> int:
    """Add the case on every non-blank line; returns how many. ``workflows`` defaults to the
    built-ins.

    Raises:
        CaseLineError: a line cannot be read; it names ``path`` and the line's number (counted
            from ``first_number``). The cases before it stay added.
        TypeError: ``lines`` is a single str or bytes (give a list of lines) or not iterable,
            or another argument has the wrong type.
    """
    if isinstance(lines, (str, bytes)) or not isinstance(lines, Iterable):
        raise TypeError(f"lines must be an iterable of lines, not {_type_name(lines)}")
    if not isinstance(insight, Insight):
        raise TypeError(f"insight must be an Insight, not {_type_name(insight)}")
    if not isinstance(path, str):
        raise TypeError(f"path must be a str, not {_type_name(path)}")
    if isinstance(first_number, bool) or not isinstance(first_number, int):
        raise TypeError(f"first_number must be an int, not {_type_name(first_number)}")
    workflows = workflows if workflows is not None else Workflows()
    if not isinstance(workflows, Workflows):
        raise TypeError(f"workflows must be export.Workflows or None, not {_type_name(workflows)}")
    added = 0
    for number, line in enumerate(lines, start=first_number):
        if not isinstance(line, (str, bytes)):
            raise TypeError(f"lines must be str or bytes, not {_type_name(line)} (line {number} of {path})")
        if not line.strip():
            continue
        try:
            add_line(insight, line, workflows)
        except (Error, ValueError) as e:
            raise CaseLineError(str(e), path, number) from None
        added += 1
    return added


def open_lines(path: FilePath) -> io.BufferedIOBase:
    """A case file for reading as lines of bytes: plain, or gzip when it starts with gzip's magic."""
    with open(path, "rb") as f:
        compressed = f.read(2) == b"\x1f\x8b"
    return gzip.open(path, "rb") if compressed else open(path, "rb")


def add_file(insight: Insight, path: FilePath, workflows: Optional[Workflows] = None) -> int:
    """Add every case of a case file (plain or gzip); returns how many.

    Raises:
        CaseLineError: a line cannot be read (naming the file and the line).
        OSError: the file cannot be read.
        TypeError: an argument has the wrong type.
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a str or os.PathLike, not {_type_name(path)}")
    name = os.fsdecode(path)
    with open_lines(name) as f:
        return add_lines(insight, f, workflows, name)
