"""Docstrings: the Python text plus the C function's Doxygen documentation (from swig -doxygen)."""

from __future__ import annotations

import inspect
from typing import Callable, TypeVar

from . import _svcrecover as _c

F = TypeVar("F", bound=Callable[..., object])


def c_doc(*functions: str) -> Callable[[F], F]:
    """Append the documentation of the named C functions to the decorated object's docstring."""

    def attach(obj: F) -> F:
        parts = [inspect.cleandoc(obj.__doc__ or "")]
        for name in functions:
            text = getattr(_c, name).__doc__ or ""
            parts.append(f"C API: {name}()\n\n" + inspect.cleandoc(text))
        obj.__doc__ = "\n\n".join(p for p in parts if p)
        return obj

    return attach
