"""Satisfaction survey responses: the solicitation of complaints and the paradox's baseline."""

from __future__ import annotations

import datetime as _dt
from typing import Any, Optional, Tuple, Union

from . import _svcrecover as _c

__all__ = ["SurveyResponse"]


def _survey_from_json(text: str) -> SurveyResponse:
    return SurveyResponse.from_json(text)


class SurveyResponse:
    """One answer to a satisfaction survey, read from one JSON line such as
    ``{"customer": "K-7", "score": 2, "scale": [1, 5], "at": "2026-11-23T09:00:00Z",
    "comment": "Late again", "had_problem": true}``.

    >>> r = SurveyResponse.from_json('{"customer": "K-7", "score": 2, "scale": 5,'
    ...                              ' "at": "2026-11-23T09:00:00Z", "had_problem": true}')
    >>> r.score, r.scale, r.is_detractor(2)
    (2, (1, 5), True)

    A detractor is a customer to reach out to: open a case for them with the fact "solicited" set
    to true. Respondents who met no failure feed the paradox's baseline
    (:meth:`~svcrecover.insight.Insight.add_survey`). Immutable; responses pickle and compare by
    their fields.
    """

    __slots__ = ("_handle", "_json", "customer", "score", "scale", "at", "comment", "had_problem", "__weakref__")

    customer: str
    score: int
    scale: Tuple[int, int]
    at: _dt.datetime
    comment: Optional[str]
    had_problem: bool

    def __init__(self) -> None:
        raise TypeError("use SurveyResponse.from_json(line)")

    @classmethod
    def from_json(cls, text: Union[str, bytes]) -> SurveyResponse:
        """Read one response: ``customer``, ``score``, ``scale`` ([lowest, highest] or N for 1 to
        N), ``at`` (ISO 8601 text or seconds), ``comment`` (optional) and ``had_problem``.

        Raises:
            ParseError: malformed JSON, a missing or mistyped member, a bad scale or a score
                outside its scale (``.line``, ``.column``).
            TypeError: ``text`` is not str or bytes.
        """
        self = object.__new__(cls)
        self._handle = _c.svcr_survey_response_parse(text)
        self._json = text.decode("utf-8") if isinstance(text, bytes) else text
        customer, score, low, high, at, comment, had_problem = _c.svcr_py_survey_fields(self._handle)
        self.customer = customer
        self.score = score
        self.scale = (low, high)
        self.at = at
        self.comment = comment
        self.had_problem = had_problem
        return self

    def is_detractor(self, threshold: int) -> bool:
        """Whether the score is at or under ``threshold`` (the highest detractor score): then open
        a solicited case for the customer.

        Raises:
            InvalidArgumentError: ``threshold`` is outside the response's scale.
        """
        if isinstance(threshold, bool) or not isinstance(threshold, int):
            raise TypeError(f"threshold must be an int, not {type(threshold).__name__}")
        return _c.svcr_py_survey_triage(self._handle, threshold)

    def to_json(self) -> str:
        """The line it was read from."""
        return self._json

    def _key(self) -> tuple:
        return (self.customer, self.score, self.scale, self.at, self.comment, self.had_problem)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SurveyResponse):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __reduce__(self) -> Any:
        return (_survey_from_json, (self._json,))

    def __repr__(self) -> str:
        return (f"<SurveyResponse {self.customer!r} score={self.score} of {self.scale[0]}-{self.scale[1]}"
                f"{' had a problem' if self.had_problem else ''}>")
