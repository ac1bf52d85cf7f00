"""Objects that hold the library's memory: freed by ``close()``, at the end of a ``with`` block,
or when the object is collected."""

from __future__ import annotations

from typing import TypeVar

from . import _svcrecover as _c

__all__ = ["Resource"]

R = TypeVar("R", bound="Resource")


class Resource:
    """Mixin for a class whose ``_handle`` holds library memory."""

    __slots__ = ()
    _handle: object

    def close(self) -> None:
        """Free the library's memory now; using the object afterwards raises
        :class:`StateError`. Idempotent."""
        _c._release(self._handle)

    def __enter__(self: R) -> R:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
