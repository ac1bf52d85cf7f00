"""Root-cause taxonomies: codes in a hierarchy, display names, aliases and owners."""

from __future__ import annotations

from typing import Any, Iterator, List, NamedTuple, Optional, Union

from . import _svcrecover as _c

__all__ = ["Taxonomy", "TaxonomyNode", "CodeCause"]


class TaxonomyNode(NamedTuple):
    """One cause of a taxonomy: its ``code`` (ids joined by "/", e.g. "logistics/carrier/late"),
    display ``name``, ``parent`` code (None at the top), ``level`` (1 at the top) and the team
    that owns it with how to reach it (inherited from its parent when not given; None if none)."""

    code: str
    name: str
    parent: Optional[str]
    level: int
    owner_team: Optional[str]
    owner_contact: Optional[str]


class CodeCause(NamedTuple):
    """One row of the root-cause Pareto by taxonomy code
    (:meth:`~svcrecover.insight.Insight.pareto_by_code`): its ``code`` (None for the causes no
    code matches, whose ``name`` is "unresolved"), ``level`` (0 for that row), the owner to notify
    (``owner_team``, ``owner_contact``), the ``cases`` under it, their ``share`` of all classified
    cases, the ``cumulative_share`` down to this row, whether it is among the ``vital_few`` rows
    reaching 80%, and how many were ``followed_up`` and ``recovered`` (satisfied)."""

    code: Optional[str]
    name: str
    level: int
    owner_team: Optional[str]
    owner_contact: Optional[str]
    cases: int
    share: float
    cumulative_share: float
    vital_few: bool
    followed_up: int
    recovered: int


def _taxonomy_from_json(text: str) -> Taxonomy:
    return Taxonomy.from_json(text)


class Taxonomy:
    """Root causes as data: codes in a hierarchy, display names, aliases that match ignoring case
    and spaces, and an owner (team, contact) per node.

    >>> tax = Taxonomy.from_json('{"nodes": [{"id": "logistics", "owner": {"team": "Ops"}},'
    ...                          ' {"id": "late", "parent": "logistics", "aliases": ["Carrier Delay"]}]}')
    >>> tax.resolve("carrier delay")
    'logistics/late'
    >>> tax["logistics/late"].owner_team
    'Ops'

    Bound to a case (:meth:`Case.bind_taxonomy`), its root cause must resolve to a code; with
    :class:`~svcrecover.insight.Insight` it counts the Pareto by code. Immutable; taxonomies
    pickle, copy and compare by their JSON. Iteration gives the nodes in the taxonomy's order.
    """

    __slots__ = ("_handle", "_json", "__weakref__")

    def __init__(self) -> None:
        raise TypeError("use Taxonomy.from_json(text)")

    @classmethod
    def from_json(cls, text: Union[str, bytes]) -> Taxonomy:
        """Read a taxonomy.

        Raises:
            ParseError: malformed JSON, a cycle (the message lists it), a name or alias two nodes
                share, an unknown parent, a bad or duplicate id (``.line``, ``.column``).
            TypeError: ``text`` is not str or bytes.
        """
        self = object.__new__(cls)
        self._handle = _c.svcr_taxonomy_parse(text)
        self._json = text.decode("utf-8") if isinstance(text, bytes) else text
        return self

    @property
    def fact(self) -> str:
        """The case fact holding the root cause (default "root_cause")."""
        return _c.svcr_taxonomy_fact(self._handle)

    def __len__(self) -> int:
        return _c.svcr_taxonomy_node_count(self._handle)

    def __iter__(self) -> Iterator[TaxonomyNode]:
        for i in range(len(self)):
            yield TaxonomyNode(*_c.svcr_py_taxonomy_node(self._handle, i))

    @property
    def nodes(self) -> List[TaxonomyNode]:
        """Every node, in the taxonomy's order."""
        return list(self)

    def __getitem__(self, code: str) -> TaxonomyNode:
        """The node of ``code`` (exactly a code; see :meth:`resolve` for names and aliases).

        Raises:
            NotFoundError: no node has that code.
        """
        return TaxonomyNode(*_c.svcr_py_taxonomy_find(self._handle, code))

    def __contains__(self, code: object) -> bool:
        if not isinstance(code, str):
            return False
        try:
            self[code]
        except LookupError:
            return False
        return True

    def resolve(self, text: str) -> str:
        """The code ``text`` names: a code, a display name or an alias, ignoring case and spaces.

        Raises:
            NotFoundError: nothing matches (the message names the closest codes).
        """
        return _c.svcr_py_taxonomy_resolve(self._handle, text)

    def ancestor(self, code: str, level: int) -> str:
        """The ancestor of ``code`` at ``level`` (1 is the top); ``code`` itself when it is at or
        above ``level``.

        Raises:
            NotFoundError: no such code.
            InvalidArgumentError: ``level`` is 0.
        """
        return _c.svcr_py_taxonomy_ancestor(self._handle, code, level)

    def to_json(self) -> str:
        """The text it was read from."""
        return self._json

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Taxonomy):
            return NotImplemented
        return self._json == other._json

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> Any:
        return (_taxonomy_from_json, (self._json,))

    def __copy__(self) -> Taxonomy:
        return self  # immutable

    def __deepcopy__(self, memo: dict) -> Taxonomy:
        return self

    def __repr__(self) -> str:
        return f"<Taxonomy of {len(self)} causes>"
