"""Score a response, exactly as docs/scoring.md says. Pure functions: no files, no printing.

1. Each scored answer becomes 0-100 (scale position, yes/no score, choice score,
   or a number's step score).
2. A principle's score is the weighted mean of its scored answers. Not applicable
   and don't know are left out of numerator and denominator.
3. Coverage = scored answers / questions that apply (hidden conditional questions
   and questions answered "not applicable" do not apply). Below the
   questionnaire's ``min_coverage`` the score is "not enough answers" (None).
4. The overall score is the weighted mean (principle weights) of the principles
   that have a score. Scores are rounded to one decimal place at the end and the
   band is read from the rounded score.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from coprod.model import (
    Answer,
    Band,
    Condition,
    MultipleChoiceQuestion,
    NumberQuestion,
    Principle,
    Priority,
    Question,
    Questionnaire,
    Recommendation,
    Response,
    Rule,
    ScaleQuestion,
    SingleChoiceQuestion,
    Status,
    TextQuestion,
    YesNoQuestion,
)
from coprod.responses.answers import numeric

UNANSWERED = "unanswered"
HIDDEN = "hidden"
#: A question for other perspectives only (``for:``): like a hidden one, it does not count.
NOT_ASKED = "not_asked"


@dataclass(frozen=True)
class QuestionScore:
    """How one question was answered and scored."""

    id: str
    principle: str
    status: str  # answered, not_applicable, dont_know, skipped, unanswered, hidden
    value: Any
    score: float | None
    weight: float
    scored: bool
    note: str | None = None


@dataclass(frozen=True)
class PrincipleScore:
    """A principle's score with the counts behind it."""

    id: str
    weight: float
    score: float | None
    band: Band | None
    coverage: float
    applicable: int
    answered: int
    not_applicable: int
    dont_know: int
    unanswered: int
    questions: list[QuestionScore] = field(default_factory=list)
    raw: float | None = None  # the unrounded score, used for the overall mean
    scored: bool = True  # False: asked and reported, never scored (scored: false or weight 0)

    @property
    def enough(self) -> bool:
        """True when the principle has a score (coverage reached the minimum)."""
        return self.score is not None

    @property
    def asked(self) -> bool:
        """False when none of its questions is asked of this perspective (``for:``)."""
        return not self.questions or any(x.status != NOT_ASKED for x in self.questions)


@dataclass(frozen=True)
class Scores:
    """Everything scoring found for one response."""

    overall: float | None
    band: Band | None
    coverage: float
    principles: list[PrincipleScore]
    recommendations: list[Recommendation]
    min_coverage: float
    has_overall: bool = True  # False when the questionnaire says ``scoring: overall: false``
    #: question id -> the id of the question asking for its target (``target_for``)
    targets: dict[str, str] = field(default_factory=dict)

    @property
    def scored_principles(self) -> list[PrincipleScore]:
        """The principles that are scored, in order (unscored parts are only reported)."""
        return [p for p in self.principles if p.scored]

    def principle(self, pid: str) -> PrincipleScore:
        """The score of the principle with this id."""
        return next(p for p in self.principles if p.id == pid)

    def question(self, qid: str) -> QuestionScore:
        """The score of the question with this id."""
        return next(q for p in self.principles for q in p.questions if q.id == qid)

    def strengths(self, n: int = 3) -> list[PrincipleScore]:
        """The highest-scoring principles (ties keep questionnaire order)."""
        scored = [p for p in self.principles if p.score is not None]
        return sorted(scored, key=lambda p: -(p.score or 0))[:n]

    def priorities(self, n: int = 3) -> list[PrincipleScore]:
        """The lowest-scoring principles (ties keep questionnaire order)."""
        scored = [p for p in self.principles if p.score is not None]
        return sorted(scored, key=lambda p: p.score or 0)[:n]


def targets_of(questionnaire: Questionnaire) -> dict[str, str]:
    """Question id -> the id of the question that asks for its target (``target_for``)."""
    return {
        q.target_for: q.id
        for q in questionnaire.questions
        if isinstance(q, ScaleQuestion) and q.target_for
    }


def median_level(scores: list[float]) -> float:
    """The middle of some level scores; of two middle ones, the lower, so it is a real level."""
    ordered = sorted(scores)
    return ordered[(len(ordered) - 1) // 2]


def round1(value: float) -> float:
    """Round to one decimal place, halves upwards (43.75 -> 43.8), as people do by hand."""
    return float(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def percent(value: float) -> str:
    """A percentage as coprod shows it everywhere, on screen and on paper: '93.5%', '100%'.

    One decimal place, halves upwards (as scores are rounded), and no '.0'.
    """
    return f"{round1(value):g}%"


def principle_is_scored(principle: Principle) -> bool:
    """True unless the principle says ``scored: false`` or has weight 0, or nothing in it counts."""
    if not principle.scored or principle.weight <= 0:
        return False
    return any(is_scored(q) for q in principle.questions)


def is_scored(question: Question, principle: Principle | None = None) -> bool:
    """True when answers to this question count towards scores (in ``principle``, if given)."""
    if principle is not None and (not principle.scored or principle.weight <= 0):
        return False
    if not question.scored or question.weight <= 0 or isinstance(question, TextQuestion):
        return False
    if isinstance(question, ScaleQuestion) and question.target_for:
        return False  # a target says where people want to be, not where they are
    if isinstance(question, NumberQuestion):
        return question.scoring is not None
    if isinstance(question, (SingleChoiceQuestion, MultipleChoiceQuestion)):
        return any(c.score is not None for c in question.choices)
    return True


def condition_holds(condition: Condition | None, answers: dict[str, Answer]) -> bool:
    """Whether a question's condition holds for the answers so far (no condition: always)."""
    if condition is None:
        return True
    answer = answers.get(condition.question)
    given = answer is not None and answer.status == Status.answered and answer.value is not None
    if condition.answered is not None:
        return given == condition.answered
    if not given or answer is None:
        return False
    value = answer.value
    if condition.equals is not None:
        return _same(value, condition.equals)
    if condition.not_equals is not None:
        return not _same(value, condition.not_equals)
    if condition.in_ is not None:
        return any(_same(value, v) for v in condition.in_)
    if condition.includes is not None:
        return isinstance(value, list) and condition.includes in value
    number = numeric(value)
    if number is None:
        return False
    if condition.at_least is not None and number < condition.at_least:
        return False
    if condition.at_most is not None and number > condition.at_most:
        return False
    return True


_TRUTHY = {"yes": "yes", "true": "yes", "no": "no", "false": "no"}


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        # yes/no answers: true matches "yes" and false matches "no"
        left, right = str(a).strip().lower(), str(b).strip().lower()
        return _TRUTHY.get(left, left) == _TRUTHY.get(right, right)
    if isinstance(a, str) or isinstance(b, str):
        return str(a).strip().lower() == str(b).strip().lower()
    return bool(a == b)


def is_asked(question: Question, principle: Principle | None, perspective: str | None) -> bool:
    """Whether a person of ``perspective`` is asked ``question`` (no perspective: everything)."""
    if not perspective:
        return True
    parts = (principle, question) if principle is not None else (question,)
    return all(not part.audience or perspective in part.audience for part in parts)


def visible_questions(
    questionnaire: Questionnaire, answers: dict[str, Answer], perspective: str | None = None
) -> list[Question]:
    """The questions that apply, in order, given the answers (conditions evaluated in order).

    With ``perspective``, questions for other perspectives only (``for:``) are left out.
    """
    shown: list[Question] = []
    shown_ids: set[str] = set()
    for question in questionnaire.questions:
        if not is_asked(question, questionnaire.principle_of(question.id), perspective):
            continue
        cond = question.when
        if cond is not None and cond.question not in shown_ids:
            continue
        if condition_holds(cond, answers):
            shown.append(question)
            shown_ids.add(question.id)
    return shown


def lowest_score(questionnaire: Questionnaire, question: Question) -> float | None:
    """The lowest score an answer to ``question`` can get: what 'dont_know_as: lowest' gives."""
    if isinstance(question, ScaleQuestion):
        return 0.0
    if isinstance(question, YesNoQuestion):
        return min(question.yes_score, question.no_score)
    if isinstance(question, NumberQuestion) and question.scoring is not None:
        return min(step.score for step in question.scoring.steps)
    if isinstance(question, SingleChoiceQuestion):
        return min((c.score for c in question.choices if c.score is not None), default=None)
    if isinstance(question, MultipleChoiceQuestion):
        return 0.0  # choosing nothing
    return None


def answer_score(
    questionnaire: Questionnaire, question: Question, value: Any, answers: dict[str, Answer]
) -> float | None:
    """Score one answered value 0-100; None when it cannot be scored."""
    if isinstance(question, ScaleQuestion):
        scale = questionnaire.scales[question.scale]
        number = numeric(value)
        if number is None or scale.level(int(number)) is None:
            return None
        position = scale.score(int(number))
        # Reversed: the stored level keeps its meaning; only its score runs the other way.
        return 100.0 - position if question.reverse else position
    if isinstance(question, YesNoQuestion):
        text = str(value).strip().lower()
        if value is True or text == "yes":
            return question.yes_score
        if value is False or text == "no":
            return question.no_score
        return None
    if isinstance(question, NumberQuestion) and question.scoring is not None:
        number = numeric(value)
        if number is None:
            return None
        if question.scoring.divide_by:
            base = answers.get(question.scoring.divide_by)
            denominator = numeric(base.value) if base and base.status == Status.answered else None
            if not denominator:
                return None
            number = number / denominator * 100.0
        steps = question.scoring.steps
        score = steps[0].score
        for step in steps:
            if number >= step.min:
                score = step.score
        return score
    if isinstance(question, SingleChoiceQuestion):
        choice = next((c for c in question.choices if c.id == value), None)
        return choice.score if choice else None
    if isinstance(question, MultipleChoiceQuestion):
        chosen = value if isinstance(value, list) else []
        total = sum(c.score or 0 for c in question.choices if c.id in chosen)
        return min(100.0, total)
    return None


def score_response(questionnaire: Questionnaire, response: Response) -> Scores:
    """Score a response against its questionnaire (see the module docstring for the method)."""
    answers = response.answers
    visible = {q.id for q in visible_questions(questionnaire, answers)}
    perspective = response.respondent.perspective
    min_cov = questionnaire.scoring.min_coverage
    principle_scores = [
        _score_principle(questionnaire, p, answers, visible, min_cov, perspective)
        for p in questionnaire.principles
    ]
    with_score = [p for p in principle_scores if p.score is not None and p.weight > 0]
    total_weight = sum(p.weight for p in with_score)
    overall: float | None = None
    if total_weight > 0:
        overall = round1(sum(p.weight * (p.raw or 0) for p in with_score) / total_weight)
    applicable = sum(p.applicable for p in principle_scores)
    answered = sum(p.answered for p in principle_scores)
    coverage = round1(answered / applicable * 100) if applicable else 0.0
    has_overall = questionnaire.scoring.overall
    targets = targets_of(questionnaire)
    if coverage < min_cov or not has_overall:
        overall = None
    scores = Scores(
        overall=overall,
        band=questionnaire.band_for(overall) if overall is not None else None,
        coverage=coverage,
        principles=principle_scores,
        recommendations=[],
        min_coverage=min_cov,
        has_overall=has_overall,
        targets=targets,
    )
    recs = [r for r in questionnaire.recommendations if rule_holds(r.when, scores)]
    order = {Priority.high: 0, Priority.medium: 1, Priority.low: 2}

    def key(rec: Recommendation) -> tuple[int, float]:
        ps = next((p for p in principle_scores if p.id == rec.principle), None)
        return (order[rec.priority], ps.score if ps and ps.score is not None else 101.0)

    return Scores(
        overall=scores.overall,
        band=scores.band,
        coverage=coverage,
        principles=principle_scores,
        recommendations=sorted(recs, key=key),
        min_coverage=min_cov,
        has_overall=has_overall,
        targets=targets,
    )


def _score_principle(
    questionnaire: Questionnaire,
    principle: Principle,
    answers: dict[str, Answer],
    visible: set[str],
    min_cov: float,
    perspective: str | None = None,
) -> PrincipleScore:
    items: list[QuestionScore] = []
    total = weights = 0.0
    applicable = answered = n_na = n_dk = n_un = 0
    for question in principle.questions:
        answer = answers.get(question.id)
        scored = is_scored(question, principle)
        note = answer.note if answer else None
        if not is_asked(question, principle, perspective):
            status = NOT_ASKED
        elif question.id not in visible:
            status = HIDDEN
        elif answer is None:
            status = UNANSWERED
        else:
            status = answer.status.value
        value = answer.value if answer and answer.status == Status.answered else None
        score: float | None = None
        if status == Status.answered.value and value is not None:
            score = answer_score(questionnaire, question, value, answers) if scored else None
        elif status == Status.answered.value:
            status = UNANSWERED
        elif status == Status.dont_know.value and scored and question.dont_know_as == "lowest":
            score = lowest_score(questionnaire, question)
        if scored and status not in (HIDDEN, NOT_ASKED):
            if status == Status.answered.value and score is None:
                # e.g. a share of members when no member count was given: nothing to score
                status = Status.not_applicable.value
            # a question answered 'not applicable' does not apply: it leaves the coverage too
            applicable += status != Status.not_applicable.value
            if score is not None:
                answered += 1
                total += question.weight * score
                weights += question.weight
            elif status == Status.not_applicable.value:
                n_na += 1
            elif status == Status.dont_know.value:
                n_dk += 1
            else:
                n_un += 1
        items.append(
            QuestionScore(
                question.id, principle.id, status, value, score, question.weight, scored, note
            )
        )
    coverage = round1(answered / applicable * 100) if applicable else 0.0
    result: float | None = None
    raw: float | None = None
    if weights > 0 and coverage >= min_cov:
        raw = total / weights
        if questionnaire.scoring.show == "level":
            # An ordinal instrument (a ladder) is summed up by its middle rung, never a mean.
            raw = median_level([x.score for x in items if x.score is not None])
        result = round1(raw)
    return PrincipleScore(
        id=principle.id,
        weight=principle.weight,
        score=result,
        band=questionnaire.band_for(result) if result is not None else None,
        coverage=coverage,
        applicable=applicable,
        answered=answered,
        not_applicable=n_na,
        dont_know=n_dk,
        unanswered=n_un,
        questions=items,
        raw=raw,
        scored=principle_is_scored(principle),
    )


def rule_holds(rule: Rule, scores: Scores) -> bool:
    """Whether a recommendation's rule holds for these scores. A missing score never triggers."""
    if rule.all is not None:
        return all(rule_holds(r, scores) for r in rule.all)
    if rule.any is not None:
        return any(rule_holds(r, scores) for r in rule.any)
    if rule.principle is not None or rule.overall:
        value = scores.principle(rule.principle).score if rule.principle else scores.overall
        return value is not None and _within(value, rule)
    if rule.question is not None:
        item = scores.question(rule.question)
        if rule.status is not None:
            status = item.status if item.status not in (HIDDEN, NOT_ASKED) else UNANSWERED
            return status == rule.status
        if item.status != Status.answered.value or item.value is None:
            return False
        if rule.gap_at_least is not None:
            return _gap_at_least(item, scores, rule.gap_at_least)
        if rule.score_below is not None or rule.score_at_least is not None:
            if item.score is None:
                return False
            if rule.score_below is not None and not item.score < rule.score_below:
                return False
            if rule.score_at_least is not None and not item.score >= rule.score_at_least:
                return False
        if rule.equals is not None:
            return _same(item.value, rule.equals)
        if rule.in_ is not None:
            return any(_same(item.value, v) for v in rule.in_)
        if rule.includes is not None:
            return isinstance(item.value, list) and rule.includes in item.value
        number = numeric(item.value)
        if number is None:
            return False
        if rule.at_most is not None and number > rule.at_most:
            return False
        return _within(number, rule)
    return False


def gap(scores: Scores, qid: str) -> float | None:
    """Target minus answer, in levels, for a question with a target; None if either is missing."""
    target_id = scores.targets.get(qid)
    if target_id is None:
        return None
    now, target = numeric(scores.question(qid).value), numeric(scores.question(target_id).value)
    return None if now is None or target is None else target - now


def _gap_at_least(item: QuestionScore, scores: Scores, levels: float) -> bool:
    found = gap(scores, item.id)
    return found is not None and found >= levels


def _within(value: float, rule: Rule) -> bool:
    if rule.below is not None and not value < rule.below:
        return False
    if rule.at_least is not None and not value >= rule.at_least:
        return False
    return True
