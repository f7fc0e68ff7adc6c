"""Score many people at once, column by column, with exactly the method of :mod:`coprod.scoring`.

``score_response`` scores one response; a workshop of 100,000 rows needs the same
figures faster. Each question's result depends only on its own cell and the cells
its condition or ``divide_by`` refer to, and each principle's only on its
questions' results, so every distinct combination is worked out once and then
looked up. ``tests/test_groupstats.py`` checks the figures equal ``score_response``'s.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, NamedTuple, cast

from coprod.cells import ANSWERED, Cell, Parsed
from coprod.model import Answer, Question, Questionnaire, Status
from coprod.scoring import HIDDEN, UNANSWERED, answer_score, condition_holds, is_scored, round1

NOT_APPLICABLE = Status.not_applicable.value
DONT_KNOW = Status.dont_know.value


class QResult(NamedTuple):
    """One person's result on one question: status, 0-100 score (None if not scored) and value."""

    status: str
    score: float | None
    value: Any


class PResult(NamedTuple):
    """One person's result on one principle (the same figures as scoring.PrincipleScore)."""

    score: float | None
    coverage: float
    applicable: int
    answered: int
    not_applicable: int
    dont_know: int
    unanswered: int
    raw: float | None  # unrounded, for the overall mean
    weighted: float  # principle weight x raw when it counts towards the overall, else 0
    counted: float  # the principle weight when it counts towards the overall, else 0


class Overall(NamedTuple):
    """One person's overall score and coverage."""

    score: float | None
    coverage: float


@dataclass(frozen=True)
class BatchScores:
    """Everyone's results, one list per question and per principle, in row order."""

    questionnaire: Questionnaire
    questions: dict[str, list[QResult]]
    principles: dict[str, list[PResult]]
    overall: list[Overall]

    @property
    def people(self) -> int:
        """How many people were scored."""
        return len(self.overall)


class _A(NamedTuple):
    # What condition_holds and answer_score read from an Answer: status and value.
    status: str
    value: Any


def _dependencies(q: Questionnaire, question: Question) -> list[str]:
    """The ids whose answers decide this question's visibility or score, itself first."""
    out = [question.id]
    todo = [question]
    while todo:
        current = todo.pop()
        refs = []
        if current.when is not None:
            refs.append(current.when.question)
        scoring = getattr(current, "scoring", None)
        if scoring is not None and scoring.divide_by:
            refs.append(scoring.divide_by)
        for ref in refs:
            if ref not in out:
                out.append(ref)
                parent = q.question(ref)
                if parent is not None:
                    todo.append(parent)
    return out


class _QuestionScorer(dict[Any, QResult]):
    def __init__(self, q: Questionnaire, question: Question, deps: list[str]) -> None:
        super().__init__()
        self.q = q
        self.question = question
        self.deps = deps
        self.order = {qn.id: i for i, qn in enumerate(q.questions)}
        self.by_id = {qn.id: qn for qn in q.questions}
        self.scored = is_scored(question)

    def __missing__(self, key: Any) -> QResult:
        cells: tuple[Parsed, ...] = key if len(self.deps) > 1 else (key,)
        answers = {
            qid: _A(c.status, list(c.value) if isinstance(c.value, tuple) else c.value)
            for qid, c in zip(self.deps, cells, strict=True)
            if isinstance(c, Cell)
        }
        result = self._result(cast("dict[str, Answer]", answers))
        self[key] = result
        return result

    def _visible(self, question: Question, answers: dict[str, Answer]) -> bool:
        cond = question.when
        if cond is None:
            return True
        parent = self.by_id.get(cond.question)
        if parent is None or self.order[parent.id] >= self.order[question.id]:
            return False
        return self._visible(parent, answers) and condition_holds(cond, answers)

    def _result(self, answers: dict[str, Answer]) -> QResult:
        question = self.question
        answer = answers.get(question.id)
        if not self._visible(question, answers):
            status = HIDDEN
        elif answer is None:
            status = UNANSWERED
        else:
            status = str(answer.status)
        value: Any = answer.value if answer is not None and status == ANSWERED else None
        score = None
        if status == ANSWERED and value is not None and self.scored:
            score = answer_score(self.q, question, value, answers)
        if self.scored and status == ANSWERED and score is None:
            status = NOT_APPLICABLE  # e.g. a share of members when no member count was given
        if isinstance(value, list):
            value = tuple(value)
        return QResult(status, score, value)


class _PrincipleScorer(dict[tuple[QResult, ...], PResult]):
    def __init__(self, weights: list[float], min_coverage: float, weight: float) -> None:
        super().__init__()
        self.weights = weights
        self.weight = weight
        self.min_coverage = min_coverage

    def __missing__(self, key: tuple[QResult, ...]) -> PResult:
        total = weights = 0.0
        applicable = answered = n_na = n_dk = n_un = 0
        for item, weight in zip(key, self.weights, strict=True):
            if item.status == HIDDEN:
                continue
            applicable += 1
            if item.score is not None:
                answered += 1
                total += weight * item.score
                weights += weight
            elif item.status == NOT_APPLICABLE:
                n_na += 1
            elif item.status == DONT_KNOW:
                n_dk += 1
            else:
                n_un += 1
        coverage = round1(answered / applicable * 100) if applicable else 0.0
        score = raw = None
        if weights > 0 and coverage >= self.min_coverage:
            raw = total / weights
            score = round1(raw)
        counts = raw is not None and self.weight > 0
        result = PResult(
            score,
            coverage,
            applicable,
            answered,
            n_na,
            n_dk,
            n_un,
            raw,
            self.weight * raw if counts and raw is not None else 0.0,
            self.weight if counts else 0.0,
        )
        self[key] = result
        return result


def score_columns(q: Questionnaire, cells: dict[str, Sequence[Parsed]]) -> BatchScores:
    """Score every row of parsed cells (one sequence per question id, all the same length)."""
    n = len(next(iter(cells.values()))) if cells else 0
    blank: list[Parsed] = [None] * n
    questions: dict[str, list[QResult]] = {}
    for question in q.questions:
        deps = _dependencies(q, question)
        scorer = _QuestionScorer(q, question, deps)
        columns = [cells.get(d, blank) for d in deps]
        keys = columns[0] if len(columns) == 1 else zip(*columns, strict=True)
        questions[question.id] = list(map(scorer.__getitem__, keys))
    min_cov = q.scoring.min_coverage
    principles: dict[str, list[PResult]] = {}
    for principle in q.principles:
        scored = [qn for qn in principle.questions if is_scored(qn)]
        pscorer = _PrincipleScorer([qn.weight for qn in scored], min_cov, principle.weight)
        if scored:
            keys = zip(*(questions[qn.id] for qn in scored), strict=True)
            principles[principle.id] = list(map(pscorer.__getitem__, keys))
        else:
            principles[principle.id] = [pscorer[()]] * n
    rounded: dict[float, float] = {}

    def round_once(value: float) -> float:
        if value not in rounded:
            rounded[value] = round1(value)
        return rounded[value]

    def overall(total: float, weight: float, answered: int, applicable: int) -> Overall:
        coverage = round_once(answered / applicable * 100) if applicable else 0.0
        score = round_once(total / weight) if weight > 0 and coverage >= min_cov else None
        return Overall(score, coverage)

    # Sums across principles run in C: zip the principles' columns, sum each row's tuple.
    # Adding 0.0 for principles that do not count leaves every total exactly as scoring's.
    columns_p = [principles[p.id] for p in q.principles]

    def across(field: Callable[[PResult], Any]) -> Iterator[Any]:
        return map(sum, zip(*(map(field, col) for col in columns_p), strict=True))

    overall_col = (
        list(
            map(
                overall,
                across(attrgetter("weighted")),
                across(attrgetter("counted")),
                across(attrgetter("answered")),
                across(attrgetter("applicable")),
            )
        )
        if n
        else []
    )
    return BatchScores(q, questions, principles, overall_col)
