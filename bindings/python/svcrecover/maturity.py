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
from typing import Iterator, List, Mapping, MutableMapping, NamedTuple, Optional, Tuple, Union

from . import _svcrecover as _c
from ._errors import NotFound

__all__ = ["Model", "Answers", "MetricMap", "Result", "Criterion", "Gap", "StageScore", "assess", "stage_name"]

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
        raise NotFound(f"no maturity stage {stage}: stages are 1 to 5")
    return name


class Model:
    """A criteria model: the criteria of stages 2 to 5 (shareable once its thresholds are set)."""

    __slots__ = ("_handle",)

    def __init__(self) -> None:
        raise TypeError("use Model.builtin() or Model.from_json(text)")

    @classmethod
    def _from_handle(cls, handle: object) -> "Model":
        self = object.__new__(cls)
        self._handle = handle
        return self

    @classmethod
    def builtin(cls) -> "Model":
        """The built-in model."""
        return cls._from_handle(_c.svcr_maturity_model_builtin())

    @classmethod
    def from_json(cls, text: Union[str, bytes]) -> "Model":
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
        """The criterion with this id (raises :class:`NotFound`)."""
        return Criterion(*_c.svcr_maturity_model_criterion(self._handle, _c.svcr_maturity_model_find(self._handle, id)))

    def set_threshold(self, id: str, threshold: float) -> None:
        """Change a number criterion's threshold (before sharing the model between threads)."""
        _c.svcr_maturity_model_set_threshold(self._handle, id, threshold)

    def __len__(self) -> int:
        return _c.svcr_maturity_model_count(self._handle)

    def __iter__(self) -> Iterator[Criterion]:
        return iter(self.criteria)

    def __repr__(self) -> str:
        return f"<maturity.Model: {len(self)} criteria>"


class MetricMap:
    """Which measured metric (e.g. an insight rate) answers which criterion."""

    __slots__ = ("_handle",)

    def __init__(self, mapping: Optional[Mapping[str, str]] = None) -> None:
        """An empty map, filled from ``mapping`` (metric name -> criterion id)."""
        self._handle = _c.svcr_maturity_metric_map_new()
        for metric, criterion in (mapping or {}).items():
            self[metric] = criterion

    @classmethod
    def builtin(cls) -> "MetricMap":
        """The map from the insight module's metric names to the built-in model's criteria."""
        self = object.__new__(cls)
        self._handle = _c.svcr_maturity_metric_map_builtin()
        return self

    def __setitem__(self, metric: str, criterion: str) -> None:
        _c.svcr_maturity_metric_map_set(self._handle, metric, criterion)

    def __repr__(self) -> str:
        return "<maturity.MetricMap>"


class Answers(MutableMapping[str, Answer]):
    """Answers to a model's criteria: ``answers["complaint_channel"] = True``,
    ``answers["acknowledged_within_goal"] = Fraction(93, 100)``. Reading back is not offered by
    the C API; the mapping remembers what was set through it."""

    __slots__ = ("_handle", "_model", "_given")

    def __init__(self, model: Optional[Model] = None, answers: Optional[Mapping[str, Answer]] = None) -> None:
        self._model = Model.builtin() if model is None else model
        self._handle = _c.svcr_maturity_answers_new(self._model._handle)
        _c._depend(self._handle, self._model._handle)
        self._given: dict = {}
        for id, value in (answers or {}).items():
            self[id] = value

    @classmethod
    def from_json(cls, text: Union[str, bytes], model: Optional[Model] = None) -> "Answers":
        """Answers from JSON ``{"answers": {"<id>": true, "<id>": 0.93}}``."""
        self = object.__new__(cls)
        self._model = Model.builtin() if model is None else model
        self._handle = _c.svcr_maturity_answers_parse(self._model._handle, text)
        _c._depend(self._handle, self._model._handle)
        self._given = {}
        return self

    @property
    def model(self) -> Model:
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
        """Answer a number criterion with the share numerator / denominator, divided once in C."""
        _c.svcr_maturity_answers_set_ratio(self._handle, id, numerator, denominator)
        self._given[id] = fractions.Fraction(numerator, denominator)

    def set_metric(self, metric_map: MetricMap, metric: str, value: float) -> bool:
        """Answer the criterion ``metric`` maps to; False when the map has no such metric."""
        return _c.svcr_maturity_answers_set_metric(self._handle, metric_map._handle, metric, float(value))

    def __getitem__(self, id: str) -> Answer:
        return self._given[id]

    def __delitem__(self, id: str) -> None:
        _c.svcr_maturity_answers_unset(self._handle, id)
        self._given.pop(id, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._given)

    def __len__(self) -> int:
        return len(self._given)

    def score(self) -> "Result":
        """Score these answers against their model."""
        return Result(self._model, _c.svcr_maturity_score(self._model._handle, self._handle))

    def __repr__(self) -> str:
        return f"<maturity.Answers {self._given!r}>"


class Result:
    """The outcome of scoring: ``.stage`` (1-5), ``.stage_name``, ``.gaps`` (unmet criteria of the
    next stage), ``.missing`` (criteria without an answer), ``.stage_scores``."""

    __slots__ = ("_handle", "_model", "stage", "stage_name", "gaps", "missing", "stage_scores")

    def __init__(self, model: Model, handle: object) -> None:
        self._model = model  # the result's ids belong to the model
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

    def __repr__(self) -> str:
        return f"<maturity.Result stage={self.stage} ({self.stage_name}), {len(self.gaps)} gaps, {len(self.missing)} missing>"


def assess(answers: Union[Answers, Mapping[str, Answer]], model: Optional[Model] = None) -> Result:
    """Score answers (an :class:`Answers` or a mapping of criterion id to answer) against
    ``model`` (default: the built-in one)."""
    if not isinstance(answers, Answers):
        answers = Answers(model, answers)
    return answers.score()
