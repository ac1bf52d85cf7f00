"""Maturity scoring: which of the five stages (Moribund, Reactive, Active Listening, Solicitous,
Infused) an organisation is at, and what is missing for the next.

>>> from svcrecover import maturity
>>> result = maturity.assess({"complaint_channel": True})
>>> result.stage, result.stage_name
(1, 'Moribund')

:func:`assess` takes answers as a mapping from criterion id to ``True``/``False`` (yes/no
criteria), a number, or a :class:`fractions.Fraction` (a share given as counts, compared
exactly); :class:`Model` lists the criteria.
"""

from __future__ import annotations

import fractions
import json
from typing import Any, Dict, Iterator, List, Mapping, MutableMapping, NamedTuple, Optional, Tuple, Union

from . import _svcrecover as _c
from ._errors import NotFoundError

__all__ = ["Model", "Answers", "MetricMap", "Result", "Criterion", "Gap", "StageScore", "Answer", "assess",
           "stage_name"]

#: An answer: True/False for a yes/no criterion, a number or a Fraction for a number criterion.
Answer = Union[bool, int, float, fractions.Fraction]


class Criterion(NamedTuple):
    """A criterion: ``kind`` is "bool" or "number" (then met when the answer is ``direction``
    "at_least"/"at_most" ``threshold``)."""

    id: str
    stage: int
    kind: str
    threshold: float
    direction: str
    question: str
    source: str


class Gap(NamedTuple):
    """An unmet criterion of the next stage: ``given`` against ``needed`` (1 for yes/no)."""

    id: str
    stage: int
    kind: str
    given: float
    needed: float
    direction: str


class StageScore(NamedTuple):
    """One stage's tally: criteria met, unmet and not answered."""

    stage: int
    total: int
    met: int
    unmet: int
    missing: int
    share: float


def stage_name(stage: int) -> str:
    """The name of stage 1 to 5, e.g. "Active Listening"."""
    name = _c.svcr_maturity_stage_name(stage)
    if name is None:
        raise NotFoundError(f"no maturity stage {stage}: stages are 1 to 5")
    return name


class Model:
    """A criteria model: the criteria of stages 2 to 5 (shareable once its thresholds are set).

    Models with the same criteria and thresholds compare equal; they pickle and copy."""

    __slots__ = ("_handle",)

    def __init__(self) -> None:
        raise TypeError("use Model.builtin() or Model.from_json(text)")

    @classmethod
    def _from_handle(cls, handle: object) -> Model:
        self = object.__new__(cls)
        self._handle = handle
        return self

    @classmethod
    def builtin(cls) -> Model:
        """The built-in model."""
        return cls._from_handle(_c.svcr_maturity_model_builtin())

    @classmethod
    def from_json(cls, text: Union[str, bytes]) -> Model:
        """A model from JSON (raises :class:`ParseError` with line and column)."""
        return cls._from_handle(_c.svcr_maturity_model_parse(text))

    def to_json(self) -> str:
        """The model as JSON that :meth:`from_json` reads back."""
        return _c.svcr_maturity_model_encode(self._handle)

    @property
    def criteria(self) -> Tuple[Criterion, ...]:
        """Every criterion, in model order."""
        h = self._handle
        return tuple(Criterion(*_c.svcr_maturity_model_criterion(h, i)) for i in range(_c.svcr_maturity_model_count(h)))

    def criterion(self, id: str) -> Criterion:
        """The criterion with this id (raises :class:`NotFoundError`)."""
        return Criterion(*_c.svcr_maturity_model_criterion(self._handle, _c.svcr_maturity_model_find(self._handle, id)))

    def set_threshold(self, id: str, threshold: float) -> None:
        """Change a number criterion's threshold (before sharing the model between threads)."""
        _c.svcr_maturity_model_set_threshold(self._handle, id, threshold)

    def __len__(self) -> int:
        return _c.svcr_maturity_model_count(self._handle)

    def __iter__(self) -> Iterator[Criterion]:
        return iter(self.criteria)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Model):
            return NotImplemented
        return self is other or self.to_json() == other.to_json()

    __hash__ = None  # type: ignore[assignment]  # thresholds may change

    def __reduce__(self) -> Any:
        return (Model.from_json, (self.to_json(),))

    def __copy__(self) -> Model:
        return Model.from_json(self.to_json())

    def __deepcopy__(self, memo: dict) -> Model:
        return self.__copy__()

    def __repr__(self) -> str:
        return f"<maturity.Model: {len(self)} criteria>"


class MetricMap:
    """Which measured metric (e.g. an insight rate) answers which criterion.

    Args:
        mapping: metric name -> criterion id to start with.
    """

    __slots__ = ("_handle", "_set")

    def __init__(self, mapping: Optional[Mapping[str, str]] = None) -> None:
        self._handle = _c.svcr_maturity_metric_map_new()
        self._set: Dict[str, str] = {}
        for metric, criterion in (mapping or {}).items():
            self[metric] = criterion

    @classmethod
    def builtin(cls) -> MetricMap:
        """The map from the insight module's metric names to the built-in model's criteria."""
        self = object.__new__(cls)
        self._handle = _c.svcr_maturity_metric_map_builtin()
        self._set = {}
        return self

    def __setitem__(self, metric: str, criterion: str) -> None:
        _c.svcr_maturity_metric_map_set(self._handle, metric, criterion)
        self._set[metric] = criterion

    def _criterion(self, model: Model, metric: str) -> Optional[str]:
        """The criterion ``metric`` answers in ``model``, found by answering it alone and scoring
        (the library offers no look-up)."""
        if metric in self._set:
            return self._set[metric]
        probe = _c.svcr_maturity_answers_new(model._handle)
        if not _c.svcr_maturity_answers_set_metric(probe, self._handle, metric, 0.0):
            return None
        result = _c.svcr_maturity_score(model._handle, probe)
        missing = {_c.svcr_maturity_result_missing(result, i) for i in range(_c.svcr_maturity_result_missing_count(result))}
        answered = [c.id for c in model.criteria if c.id not in missing]
        return answered[0] if answered else None

    def __repr__(self) -> str:
        return "<maturity.MetricMap>"


class Answers(MutableMapping[str, Answer]):
    """Answers to a model's criteria, a mutable mapping from criterion id to answer:
    ``Answers({"complaint_channel": True})``, ``answers["acknowledged_within_goal"] =
    Fraction(93, 100)``. Every answer, however given (by item, :meth:`from_json`,
    :meth:`set_ratio`, :meth:`set_metric`), is visible to ``len``, ``in``, iteration and
    ``clear()``. Answers pickle, copy and compare like dicts.

    Args:
        answers: criterion id -> answer to start with.
        model: the model answered (default: the built-in one).

    Raises:
        NotFoundError: an id the model does not have.
        InvalidArgumentError: a number answer to a yes/no criterion, or the other way round.
        TypeError: an answer that is not a bool, number or Fraction.
    """

    __slots__ = ("_handle", "_model", "_given")

    def __init__(self, answers: Optional[Mapping[str, Answer]] = None, model: Optional[Model] = None) -> None:
        if isinstance(answers, Model) or isinstance(model, Mapping):  # the 0.2 order: (model, answers)
            answers, model = model, answers  # type: ignore[assignment]
        if model is not None and not isinstance(model, Model):
            raise TypeError(f"model must be a maturity.Model, not {type(model).__name__}")
        if answers is not None and not isinstance(answers, Mapping):
            raise TypeError(f"answers must be a mapping of criterion id to answer, not {type(answers).__name__}")
        self._model = Model.builtin() if model is None else model
        self._handle = _c.svcr_maturity_answers_new(self._model._handle)
        _c._depend(self._handle, self._model._handle)
        self._given: Dict[str, Answer] = {}
        for id, value in (answers or {}).items():
            self[id] = value

    @classmethod
    def from_json(cls, text: Union[str, bytes], model: Optional[Model] = None) -> Answers:
        """Answers from JSON ``{"answers": {"<id>": true, "<id>": 0.93}}`` (null leaves a
        criterion unanswered).

        Raises:
            ParseError: malformed JSON, an unknown id or a value of the wrong kind (``.line``,
                ``.column``).
        """
        self = cls(model=model)
        handle = _c.svcr_maturity_answers_parse(self._model._handle, text)  # checks, with line:column
        _c._depend(handle, self._model._handle)
        self._handle = handle
        given = json.loads(text)["answers"]
        self._given = {id: value for id, value in given.items() if value is not None}
        return self

    @property
    def model(self) -> Model:
        """The model these answers are for."""
        return self._model

    def __setitem__(self, id: str, value: Answer) -> None:
        if isinstance(value, bool):
            _c.svcr_maturity_answers_set_boolean(self._handle, id, value)
        elif isinstance(value, fractions.Fraction):
            if value < 0:
                raise ValueError("a ratio answer is a share of non-negative counts")
            _c.svcr_maturity_answers_set_ratio(self._handle, id, value.numerator, value.denominator)
        elif isinstance(value, (int, float)):
            _c.svcr_maturity_answers_set_number(self._handle, id, float(value))
        else:
            raise TypeError(f"an answer is bool, a number or a Fraction, not {type(value).__name__}")
        self._given[id] = value

    def set_ratio(self, id: str, numerator: int, denominator: int) -> None:
        """Answer a number criterion with the share numerator / denominator, divided once by the library."""
        _c.svcr_maturity_answers_set_ratio(self._handle, id, numerator, denominator)
        self._given[id] = fractions.Fraction(numerator, denominator)

    def set_metric(self, metric_map: MetricMap, metric: str, value: float) -> bool:
        """Answer the criterion ``metric`` maps to with ``value``; False (answering nothing) when
        the map has no such metric."""
        if not isinstance(metric_map, MetricMap):
            raise TypeError(f"metric_map must be a MetricMap, not {type(metric_map).__name__}")
        filled = bool(_c.svcr_maturity_answers_set_metric(self._handle, metric_map._handle, metric, float(value)))
        criterion = metric_map._criterion(self._model, metric) if filled else None
        if criterion is not None:
            self._given[criterion] = value
        return filled

    def __getitem__(self, id: str) -> Answer:
        return self._given[id]

    def __delitem__(self, id: str) -> None:
        if id not in self._given:
            raise KeyError(id)
        _c.svcr_maturity_answers_unset(self._handle, id)
        del self._given[id]

    def pop(self, key: str, *default: Any) -> Any:
        """Remove ``key`` and return its value, or ``default`` if given and ``key`` is not set
        (else raise KeyError)."""
        if key in self:
            value = self[key]
            del self[key]
            return value
        if default:
            return default[0]
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._given)

    def __len__(self) -> int:
        return len(self._given)

    def score(self) -> Result:
        """Score these answers against their model."""
        result = Result(self._model, _c.svcr_maturity_score(self._model._handle, self._handle))
        result._answers = dict(self._given)
        return result

    def __reduce__(self) -> Any:
        return (Answers, (dict(self._given), self._model))

    def __copy__(self) -> Answers:
        return Answers(dict(self._given), self._model)

    def __deepcopy__(self, memo: dict) -> Answers:
        return self.__copy__()

    def __repr__(self) -> str:
        return f"maturity.Answers({self._given!r})"


class Result:
    """The outcome of scoring: ``.stage`` (1-5), ``.stage_name``, ``.gaps`` (unmet criteria of the
    next stage), ``.missing`` (criteria without an answer), ``.stage_scores``. Results compare
    equal when their figures are; they pickle and copy (scored again from the same answers)."""

    __slots__ = ("_handle", "_model", "_answers", "stage", "stage_name", "gaps", "missing", "stage_scores")

    def __init__(self, model: Model, handle: object) -> None:
        self._model = model  # the result's ids belong to the model
        self._answers: Dict[str, Answer] = {}
        _c._depend(handle, model._handle)
        self._handle = handle
        self.stage: int = _c.svcr_maturity_result_stage(handle)
        self.stage_name: str = _c.svcr_maturity_stage_name(self.stage)
        self.gaps: List[Gap] = [
            Gap(*_c.svcr_maturity_result_gap(handle, i)) for i in range(_c.svcr_maturity_result_gap_count(handle))
        ]
        self.missing: List[str] = [
            _c.svcr_maturity_result_missing(handle, i) for i in range(_c.svcr_maturity_result_missing_count(handle))
        ]
        self.stage_scores: List[StageScore] = [
            StageScore(*_c.svcr_maturity_result_stage_score(handle, s)) for s in range(2, 6)
        ]

    def to_json(self) -> str:
        """The result as JSON."""
        return _c.svcr_maturity_result_encode(self._handle)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Result):
            return NotImplemented
        return self.to_json() == other.to_json()

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> Any:
        return (assess, (self._answers, self._model))

    def __copy__(self) -> Result:
        return assess(self._answers, self._model)

    def __deepcopy__(self, memo: dict) -> Result:
        return self.__copy__()

    def __repr__(self) -> str:
        return f"<maturity.Result stage={self.stage} ({self.stage_name}), {len(self.gaps)} gaps, {len(self.missing)} missing>"


def assess(answers: Union[Answers, Mapping[str, Answer]], model: Optional[Model] = None) -> Result:
    """Score answers (an :class:`Answers` or a mapping of criterion id to answer) against
    ``model`` (default: the built-in one)."""
    if not isinstance(answers, Answers):
        answers = Answers(answers, model)
    return answers.score()
