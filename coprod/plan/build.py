"""Make an action plan from a scored response, or from a `coprod batch` output folder.

One row per recommended action, in the order the report gives the
recommendations (most urgent first); for a workshop, the room's three lowest
principles and the questions people answered most differently come first, as
items to talk through. Each principle gets a suggested target: the lowest score
of the next band up. Due dates are suggestions too (three, six or twelve
months by priority; one month for a discussion), for people to change.
"""

from __future__ import annotations

import calendar
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from coprod.compare.core import completed_at, round_of
from coprod.compare.gather import gather
from coprod.errors import CoprodError, InputFileError
from coprod.files.kinds import is_batch_folder
from coprod.i18n.phrases import Phrase, report_languages, say
from coprod.model import (
    MultipleChoiceQuestion,
    NumberQuestion,
    Priority,
    Questionnaire,
    Recommendation,
    ScaleQuestion,
    pick,
)
from coprod.plan.actions import (
    ACTION,
    DISCUSSION,
    OVERALL,
    Action,
    Baseline,
    Link,
    Plan,
    Target,
)
from coprod.report.labels import labels
from coprod.scoring.score import (
    PrincipleScore,
    QuestionScore,
    Scores,
    is_scored,
    round1,
    rule_holds,
)
from coprod.scoring.scored import Scored, score_file
from coprod.scoring.spread import CONTESTED_BELOW, MIN_GROUP, score_stats

#: Months from the plan's date to a suggested due date.
DUE_MONTHS = {"high": 3, "medium": 6, "low": 12, DISCUSSION: 1}
#: How many of the room's lowest principles become discussion items.
ROOM_PRIORITIES = 3


@dataclass(frozen=True)
class Made:
    """A plan just built, the questionnaire it is for, and anything the user should know."""

    plan: Plan
    questionnaire: Questionnaire
    warnings: list[str] = field(default_factory=list)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def texts(text: dict[str, str] | None, lang: str) -> str:
    """A questionnaire text in the plan's language; 'en+cy' gives both, Welsh first."""
    codes = report_languages(lang)
    picked = list(dict.fromkeys(pick(text, code) for code in codes))
    return "\n".join(p for p in picked if p)


def text_in(text: str, plan_lang: str, page_lang: str, q: Questionnaire | None = None) -> str:
    """A plan's text on a page in ``page_lang``.

    An action still worded as the questionnaire words it is given in the page's
    language from the questionnaire (so a plan written in English still gives a
    Welsh page its Welsh actions); a cell coprod wrote in both languages gives its
    part in that language; any other text is marked with the plan's language.
    """
    if q is not None:
        known = _action_texts(q).get(" ".join(text.split()))
        if known is not None:
            return say(q, known, page_lang)
    codes = report_languages(plan_lang)
    lines = text.split("\n")
    if len(codes) > 1:
        return (
            lines[codes.index(page_lang)]
            if page_lang in codes and len(lines) == len(codes)
            else text
        )
    return Phrase(text, codes[0]) if codes and codes[0] != page_lang and text else text


def _action_texts(q: Questionnaire) -> dict[str, dict[str, str]]:
    """Every recommended action's text, in each language and as a bilingual cell -> its texts."""
    table: dict[str, dict[str, str]] = {}
    for rec in q.recommendations:
        for action in rec.actions:
            if not action:
                continue
            for lang in (*q.languages, "en+cy", "cy+en"):
                table[" ".join(texts(action, lang).split())] = action
    return table


def wording(lang: str) -> dict[str, str]:
    """The plan's own wording; 'en+cy' gives each label in both languages, Welsh first."""
    codes = report_languages(lang)
    parts = [labels(code, "plan") for code in codes]
    return {k: " / ".join(dict.fromkeys(p.get(k, parts[-1][k]) for p in parts)) for k in parts[-1]}


def target_for(q: Questionnaire, score: float | None) -> float | None:
    """A suggested target: the lowest score of the next band up (None at the top band)."""
    if score is None:
        return None
    band = q.band_for(score)
    if band is None:  # a questionnaire without bands has no next band to aim for
        return None
    higher = [b.min for b in q.bands if b.min > band.min]
    return min(higher) if higher else None


def _due(made: date, priority: str) -> date:
    return add_months(made, DUE_MONTHS.get(priority, 6))


def _action_rows(q: Questionnaire, scores: Scores, lang: str, made: date) -> list[Action]:
    rows: list[Action] = []
    for rec in scores.recommendations:
        title = texts(rec.title, lang)
        priority = rec.priority.value
        for text in rec.actions:
            rows.append(
                Action(
                    ref=f"A{len(rows) + 1}",
                    kind=ACTION,
                    principle=rec.principle or "",
                    recommendation=title,
                    priority=priority,
                    text=texts(text, lang),
                    due=_due(made, priority),
                )
            )
    return rows


def _targets(q: Questionnaire, baseline: Sequence[Baseline]) -> list[Target]:
    means = {b.principle: b.mean for b in baseline}
    return [Target(p.id, target_for(q, means.get(p.id))) for p in q.principles]


def plan_from_response(path: Path, lang: str | None = None, made: date | None = None) -> Made:
    """A plan from one scored response file: its recommendations, one row per action."""
    scored = score_file(path)
    q = scored.loaded.questionnaire
    lang = lang or scored.response.language
    day = made or date.today()
    scores = scored.scores
    baseline = [
        Baseline(p.id, 1 if p.score is not None else 0, p.score, None) for p in scores.principles
    ]
    baseline.append(Baseline(OVERALL, 1 if scores.overall is not None else 0, scores.overall, None))
    r = scored.response.respondent
    link = Link(
        questionnaire=q.id,
        version=q.version,
        hash=scored.loaded.hash,
        round=round_of(scored.response),
        made=day.isoformat(),
        service=(r.service or "").strip(),
        organisation=(r.organisation or "").strip(),
        source=path.name,
        people=1,
        lang=lang,
        path="" if scored.loaded.builtin else str(scored.loaded.path),
        held=_held([scored]),
    )
    actions = _action_rows(q, scores, lang, day)
    plan = Plan(link, baseline, actions, _targets(q, baseline), {a.ref: a.text for a in actions})
    return Made(plan, q, list(scored.warnings))


def plan_from_batch(folder: Path, lang: str = "en", made: date | None = None) -> Made:
    """A plan for a workshop: the room's priorities and contested questions to discuss,
    then the actions the room's scores call for."""
    inputs, skipped = gather([folder])
    warnings = [f"left out: {s.where}: {s.reason}" for s in skipped]
    if not inputs:
        raise InputFileError(
            f"{folder}: no response in this batch folder could be read.",
            "Run coprod batch again with --responses, then make the plan.",
        )
    family = Counter((i.scored.loaded.questionnaire.id, i.scored.loaded.hash) for i in inputs)
    chosen = family.most_common(1)[0][0]
    people = [
        i.scored
        for i in inputs
        if (i.scored.loaded.questionnaire.id, i.scored.loaded.hash) == chosen
    ]
    if len(people) < len(inputs):
        warnings.append(
            f"{len(inputs) - len(people)} responses answer another questionnaire or version "
            "and are left out of the plan."
        )
    q = people[0].loaded.questionnaire
    day = made or date.today()
    baseline = _room_baseline(q, people)
    room = room_scores(q, people, {b.principle: b.mean for b in baseline})
    t = wording(lang)
    contested = _contested(q, people, t, lang, day)
    items = [(a, "") for a in _room_priorities(q, baseline, t, day)] + contested
    discussion = [
        Action(f"D{k}", a.kind, a.principle, a.recommendation, a.priority, a.text, due=a.due)
        for k, (a, _) in enumerate(items, 1)
    ]
    differed = {f"D{k}": qid for k, (_, qid) in enumerate(items, 1) if qid}
    actions = discussion + _action_rows(q, room, lang, day)
    rounds = Counter(round_of(s.response) for s in people)
    services = Counter((s.response.respondent.service or "").strip() for s in people)
    orgs = Counter((s.response.respondent.organisation or "").strip() for s in people)
    link = Link(
        questionnaire=q.id,
        version=q.version,
        hash=chosen[1],
        round=rounds.most_common(1)[0][0],
        made=day.isoformat(),
        service=services.most_common(1)[0][0] if len(services) == 1 else "",
        organisation=orgs.most_common(1)[0][0] if len(orgs) == 1 else "",
        source=f"batch folder {folder.resolve().name}",
        people=len(people),
        lang=lang,
        path="" if people[0].loaded.builtin else str(people[0].loaded.path),
        held=_held(people),
    )
    plan = Plan(
        link, baseline, actions, _targets(q, baseline), {a.ref: a.text for a in actions}, differed
    )
    return Made(plan, q, warnings)


def make_plan(source: Path | str, lang: str | None = None, made: date | None = None) -> Made:
    """A plan from a response file or a `coprod batch` output folder (the entry point)."""
    path = Path(source)
    if lang is not None and set(report_languages(lang)) - {"en", "cy"}:
        raise CoprodError(
            f"--lang {lang}: plans are written in en, cy or en+cy.", "For example --lang cy."
        )
    if path.is_dir():
        if not is_batch_folder(path):
            raise InputFileError(
                f"{path}: is a folder, but not a coprod batch output folder.",
                "Give a response file, or the folder coprod batch wrote (with responses/ in it).",
            )
        return plan_from_batch(path, lang or "en", made)
    return plan_from_response(path, lang, made)


def _held(people: Sequence[Scored]) -> str:
    """The day the baseline was answered: the earliest completion among the responses."""
    days = [when.date() for s in people if (when := completed_at(s.response)) is not None]
    return min(days).isoformat() if days else ""


def _room_baseline(q: Questionnaire, people: Sequence[Scored]) -> list[Baseline]:
    out = []
    for p in q.principles:
        s = score_stats(p.id, "principle", "", [x.scores.principle(p.id).score for x in people])
        out.append(Baseline(p.id, s.summary.n, s.summary.mean, s.summary.sd))
    s = score_stats(OVERALL, "overall", "", [x.scores.overall for x in people])
    out.append(Baseline(OVERALL, s.summary.n, s.summary.mean, s.summary.sd))
    return out


def _room_priorities(
    q: Questionnaire, baseline: Sequence[Baseline], t: dict[str, str], day: date
) -> list[Action]:
    scored = [
        b for b in baseline if b.principle != OVERALL and b.mean is not None and b.n >= MIN_GROUP
    ]
    lowest = sorted(scored, key=lambda b: b.mean or 0.0)[:ROOM_PRIORITIES]
    return [
        Action(
            "",
            DISCUSSION,
            b.principle,
            t["room_priority"],
            "",
            t["room_priority_text"].format(mean=f"{b.mean:.1f}", n=b.n),
            due=_due(day, DISCUSSION),
        )
        for b in lowest
    ]


def _contested(
    q: Questionnaire, people: Sequence[Scored], t: dict[str, str], lang: str, day: date
) -> list[tuple[Action, str]]:
    rows = []
    for question in q.questions:
        if not is_scored(question, q.principle_of(question.id)):
            continue
        stats = score_stats(
            question.id, "question", "", [s.scores.question(question.id).score for s in people]
        )
        consensus = stats.consensus
        if stats.summary.n < MIN_GROUP or consensus is None or consensus >= CONTESTED_BELOW:
            continue
        principle = q.principle_of(question.id)
        rows.append(
            (
                consensus,
                Action(
                    "",
                    DISCUSSION,
                    principle.id if principle else "",
                    t["views_differed"],
                    "",
                    t["views_differed_text"].format(
                        question=texts(question.text, lang), consensus=f"{consensus:g}"
                    ),
                    due=_due(day, DISCUSSION),
                ),
                question.id,
            )
        )
    return [(a, qid) for _, a, qid in sorted(rows, key=lambda r: r[0])]


def room_scores(
    q: Questionnaire, people: Sequence[Scored], means: dict[str, float | None]
) -> Scores:
    """The room as one set of scores, so the recommendation rules can apply to it.

    As `coprod batch` reads the room: principle and overall scores are the room's
    means; a rule on a question reads the typical answer (the middle level or
    number, the one yes/no or choice most people gave, the choices at least half
    ticked) and the mean of its 0-100 scores.
    """
    principles = []
    for p in q.principles:
        items = []
        for question in p.questions:
            given = [s.scores.question(question.id) for s in people]
            answered = [g for g in given if g.status == "answered" and g.value is not None]
            scores = [g.score for g in answered if g.score is not None]
            value: object = None
            if isinstance(question, (ScaleQuestion, NumberQuestion)):
                numbers = sorted(
                    float(g.value) for g in answered if isinstance(g.value, (int, float))
                )
                if numbers:
                    middle = statistics.median_low(numbers)
                    value = int(middle) if isinstance(question, ScaleQuestion) else middle
            elif isinstance(question, MultipleChoiceQuestion):
                ticked = Counter(c for g in answered for c in g.value)
                value = [c.id for c in question.choices if ticked[c.id] * 2 >= len(answered)]
            elif answered:
                common = Counter(str(g.value) for g in answered).most_common(2)
                if len(common) == 1 or common[0][1] > common[1][1]:
                    value = common[0][0]
            status = "answered" if answered else "unanswered"
            score = round1(sum(scores) / len(scores)) if scores else None
            items.append(
                QuestionScore(
                    question.id, p.id, status, value, score, question.weight, is_scored(question)
                )
            )
        mean = means.get(p.id)
        principles.append(
            PrincipleScore(
                p.id,
                p.weight,
                mean,
                q.band_for(mean) if mean is not None else None,
                0.0,
                0,
                0,
                0,
                0,
                0,
                items,
            )
        )
    overall = means.get(OVERALL)
    base = Scores(
        overall,
        q.band_for(overall) if overall is not None else None,
        0.0,
        principles,
        [],
        q.scoring.min_coverage,
    )
    order = {Priority.high: 0, Priority.medium: 1, Priority.low: 2}

    def key(rec: Recommendation) -> tuple[int, float]:
        """Most urgent first; within a priority, the room's lowest principle first."""
        mean = means.get(rec.principle or "")
        return (order[rec.priority], mean if mean is not None else 101.0)

    recs = sorted((r for r in q.recommendations if rule_holds(r.when, base)), key=key)
    return Scores(overall, base.band, 0.0, principles, recs, base.min_coverage)
