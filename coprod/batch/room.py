"""The room as one set of scores, so the questionnaire's recommendation rules can apply to it.

Principle and overall scores are the room's means; a rule on one question reads
the room's typical answer (median level or number, most common yes, no or
choice, the choices at least half the room ticked) and its mean 0-100 score.
Pure functions: no files, no printing.
"""

from __future__ import annotations

import statistics
from collections import Counter
from typing import Any

from coprod.batch.columns import QResult
from coprod.batch.run import BatchResult
from coprod.model import (
    MultipleChoiceQuestion,
    NumberQuestion,
    Priority,
    Question,
    ScaleQuestion,
)
from coprod.scoring.score import (
    HIDDEN,
    NOT_ASKED,
    UNANSWERED,
    PrincipleScore,
    QuestionScore,
    Scores,
    is_scored,
    principle_is_scored,
    round1,
    rule_holds,
    targets_of,
)


def _typical(question: Question, results: list[QResult], scored: bool) -> QuestionScore:
    """The room's typical answer to a question, as one person's QuestionScore."""
    applied = [r for r in results if r.status not in (HIDDEN, NOT_ASKED)]
    if not applied:
        return QuestionScore(question.id, "", HIDDEN, None, None, question.weight, False)
    given = [r for r in applied if r.status == "answered" and r.value is not None]
    statuses = Counter("answered" if r in given else (r.status or UNANSWERED) for r in applied)
    top = max(statuses.values())
    status = "answered" if statuses["answered"] == top else statuses.most_common(1)[0][0]
    scores = [r.score for r in given if r.score is not None]
    score = round1(sum(scores) / len(scores)) if scores else None
    value: Any = None
    if isinstance(question, (ScaleQuestion, NumberQuestion)):
        numbers = sorted(float(r.value) for r in given if isinstance(r.value, (int, float)))
        if numbers:
            middle = statistics.median_low(numbers)
            value = int(middle) if isinstance(question, ScaleQuestion) else middle
    elif isinstance(question, MultipleChoiceQuestion):
        ticked = Counter(c for r in given for c in r.value)
        value = [c.id for c in question.choices if ticked[c.id] * 2 >= len(given)] if given else []
    elif given:
        common = Counter(str(r.value) for r in given).most_common(2)
        if len(common) == 1 or common[0][1] > common[1][1]:
            value = common[0][0]
    return QuestionScore(question.id, "", status, value, score, question.weight, scored)


def group_scores(result: BatchResult) -> Scores:
    """The room as one Scores: mean principle and overall scores, typical answers, and the
    recommendations whose rules hold for them, in the order a single report gives them."""
    q = result.loaded.questionnaire
    everyone = result.stats.everyone
    means = {p.id: p.summary.mean for p in everyone.principles}
    principles = []
    for p in q.principles:
        mean = means.get(p.id)
        items = [
            _typical(question, list(result.scores.questions[question.id]), is_scored(question, p))
            for question in p.questions
        ]
        principles.append(
            PrincipleScore(
                id=p.id,
                weight=p.weight,
                score=mean,
                band=q.band_for(mean) if mean is not None else None,
                coverage=0.0,
                applicable=0,
                answered=0,
                not_applicable=0,
                dont_know=0,
                unanswered=0,
                questions=[
                    QuestionScore(x.id, p.id, x.status, x.value, x.score, x.weight, x.scored)
                    for x in items
                ],
                scored=principle_is_scored(p),
            )
        )
    overall = everyone.overall.summary.mean if everyone.overall else None
    base = Scores(
        overall=overall,
        band=q.band_for(overall) if overall is not None else None,
        coverage=0.0,
        principles=principles,
        recommendations=[],
        min_coverage=q.scoring.min_coverage,
        has_overall=q.scoring.overall,
        targets=targets_of(q),
    )
    order = {Priority.high: 0, Priority.medium: 1, Priority.low: 2}

    def key(rec: Any) -> tuple[int, float]:
        mean = means.get(rec.principle) if rec.principle else None
        return (order[rec.priority], mean if mean is not None else 101.0)

    recs = sorted((r for r in q.recommendations if rule_holds(r.when, base)), key=key)
    return Scores(
        overall, base.band, 0.0, principles, recs, base.min_coverage, base.has_overall, base.targets
    )
