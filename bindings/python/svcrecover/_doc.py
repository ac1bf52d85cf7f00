"""Docstrings: the Python text plus the C function's Doxygen documentation (from swig -doxygen)."""

from __future__ import annotations

import inspect
import re
from typing import Callable, TypeVar

from . import _svcrecover as _c
from ._errors import BY_STATUS

F = TypeVar("F", bound=Callable[..., object])

# "::SVCR_EGUARD" in the C text becomes the exception Python raises for it.
_STATUS_WORDS = {
    name: BY_STATUS[getattr(_c, name)].__name__
    for name in dir(_c)
    if name.startswith("SVCR_E") and getattr(_c, name) in BY_STATUS
}
_STATUS_WORDS["SVCR_OK"] = "OK"
_STATUS = re.compile(r"::(SVCR_[A-Z]+)\b")


def _for_python(text: str) -> str:
    """The C documentation as a Python reader needs it: SWIG's C type lines dropped, statuses
    named by their exceptions."""
    lines = [line for line in text.splitlines() if not line.lstrip().startswith((":type ", ":rtype:"))]
    text = "\n".join(lines).replace(":return:", "Returns / raises:")
    text = text.replace("svcr_error_message() says more", "The exception's message says more")
    return _STATUS.sub(lambda m: _STATUS_WORDS.get(m.group(1), m.group(1)), text)


def c_doc(*functions: str) -> Callable[[F], F]:
    """Append the documentation of the named C functions to the decorated object's docstring."""

    def attach(obj: F) -> F:
        parts = [inspect.cleandoc(obj.__doc__ or "")]
        for name in functions:
            text = getattr(_c, name).__doc__ or ""
            parts.append(f"C API: {name}() (NULL is None)\n\n" + _for_python(inspect.cleandoc(text)))
        obj.__doc__ = "\n\n".join(p for p in parts if p)
        return obj

    return attach
