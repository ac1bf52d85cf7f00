"""The empathy phrase check: discouraged phrases in an agent's draft, with alternatives."""

from __future__ import annotations

from typing import Any, Iterable, Iterator, List, Mapping, NamedTuple, Optional, Tuple, Union

from . import _svcrecover as _c

__all__ = ["Phrase", "PhraseMatch", "PhraseSet", "PhraseLike", "phrase_check"]


class Phrase(NamedTuple):
    """A discouraged phrase and the alternatives to suggest."""

    phrase: str
    suggestions: Tuple[str, ...] = ()


class PhraseMatch(NamedTuple):
    """A discouraged phrase found in a draft.

    ``text[m.start:m.end]`` is the matched text (``start``/``end`` count characters, like every
    Python string index); ``byte_start``/``byte_end`` are the same span in the UTF-8 encoding.
    """

    start: int
    end: int
    phrase: str
    suggestions: Tuple[str, ...]
    byte_start: int
    byte_end: int


#: What :class:`PhraseSet` takes for one phrase.
PhraseLike = Union[str, Phrase, Tuple[str, Iterable[str]], Mapping[str, object]]


def _as_pair(item: PhraseLike) -> Tuple[str, Tuple[str, ...]]:
    if isinstance(item, str):
        return (item, ())
    if isinstance(item, Mapping):
        return (item["phrase"], tuple(item.get("suggestions", ())))  # type: ignore[arg-type]
    phrase, suggestions = item
    if isinstance(suggestions, str):
        raise TypeError("suggestions must be a list of strings, not a string")
    return (phrase, tuple(suggestions))


class PhraseSet:
    """An immutable set of discouraged phrases with their suggested alternatives.

    Build it with :meth:`default` (the built-in "I understand" and "I know how you feel"),
    :meth:`from_json`, or from a list: ``PhraseSet(["calm down", ("No problem", ["Happy to
    help"]), {"phrase": "...", "suggestions": [...]}])``. A set may be shared between threads.
    Iterating gives :class:`Phrase` entries; :meth:`check` finds them in a draft. Sets with the
    same phrases compare equal; they pickle and copy.

    Raises:
        InvalidArgumentError: an empty phrase, or one that is not valid text.
        ParseError: (:meth:`from_json`) malformed JSON, with ``.line`` and ``.column``.
        TypeError: a phrase or suggestion that is not a str.
    """

    __slots__ = ("_handle", "_phrases")

    def __init__(self, phrases: Iterable[PhraseLike] = ()) -> None:
        """A set of the given phrases (each a str, a (phrase, suggestions) pair, a
        :class:`Phrase` or a mapping with "phrase" and "suggestions")."""
        self._adopt(_c.svcr_phrase_set_new([_as_pair(p) for p in phrases]))

    def _adopt(self, handle: object) -> None:
        self._handle = handle
        self._phrases = tuple(
            Phrase(*_c.svcr_phrase_set_phrase(handle, i)) for i in range(_c.svcr_phrase_set_count(handle))
        )

    @classmethod
    def _from_handle(cls, handle: object) -> PhraseSet:
        self = cls.__new__(cls)
        self._adopt(handle)
        return self

    @classmethod
    def default(cls) -> PhraseSet:
        """The built-in set (a new object each call)."""
        return cls._from_handle(_c.svcr_phrase_set_builtin())

    @classmethod
    def from_json(cls, text: Union[str, bytes]) -> PhraseSet:
        """A set from JSON: ``{"phrases": [{"phrase": "...", "suggestions": ["..."]}]}``.

        Raises :class:`ParseError` with ``.line`` and ``.column`` for malformed text."""
        return cls._from_handle(_c.svcr_phrase_set_parse(text))

    def check(self, text: Union[str, bytes]) -> List[PhraseMatch]:
        """The discouraged phrases in ``text``, in order (see :func:`phrase_check`)."""
        found = _c.svcr_phrase_check(self._handle, text)
        if isinstance(text, bytes):
            # Character offsets of bytes are meaningless: give byte offsets in both.
            return [PhraseMatch(bs, be, *self._phrases[i], bs, be) for _, _, bs, be, i in found]
        return [PhraseMatch(s, e, *self._phrases[i], bs, be) for s, e, bs, be, i in found]

    def __len__(self) -> int:
        return len(self._phrases)

    def __iter__(self) -> Iterator[Phrase]:
        return iter(self._phrases)

    def __getitem__(self, index: int) -> Phrase:
        return self._phrases[index]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PhraseSet):
            return NotImplemented
        return self._phrases == other._phrases

    def __hash__(self) -> int:
        return hash(self._phrases)

    def __reduce__(self) -> Any:
        return (PhraseSet, (self._phrases,))

    def __repr__(self) -> str:
        return f"PhraseSet({[p.phrase for p in self._phrases]!r})"


_default: Optional[PhraseSet] = None


def phrase_check(text: Union[str, bytes], phrases: Optional[PhraseSet] = None) -> List[PhraseMatch]:
    """Find discouraged phrases in an agent's draft reply.

    Matching is case-insensitive, on whole words, treats curly apostrophes as ' and any run of
    whitespace as one space. ``phrases``
    defaults to :meth:`PhraseSet.default`. Each match has ``.start`` ``.end`` (character
    offsets: ``text[m.start:m.end]``), ``.phrase`` and ``.suggestions``.

    >>> [m.phrase for m in phrase_check("I understand, sorry")]
    ['I understand']
    """
    global _default
    if phrases is None:
        if _default is None:
            _default = PhraseSet.default()
        phrases = _default
    return phrases.check(text)
