"""Recommendations and their sources as every report shows them (the shared partials)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from coprod.i18n.phrases import mark, say
from coprod.model import Priority, Questionnaire, Recommendation
from coprod.report.views import RecommendationView, SourceView, Trigger
from coprod.scoring.score import Scores

#: At most this many recommendations are called high priority: a reader can start on three.
MOST_HIGH = 3


def rank_recommendations(
    q: Questionnaire, recommendations: Sequence[Recommendation], scores: Scores | None
) -> list[Recommendation]:
    """Recommendations in the order to act on them.

    The questionnaire's priority comes first; within it, the further a principle's score
    is below the top band (counted in bands) and the more weight the principle carries,
    then the more points below, the sooner.
    """
    order = {Priority.high: 0, Priority.medium: 1, Priority.low: 2}
    bands = sorted(q.bands, key=lambda b: b.min)
    weights = {p.id: p.weight for p in q.principles}

    def standing(rec: Recommendation) -> tuple[int, float, float]:
        score = None
        if scores is not None:
            ps = next((p for p in scores.principles if p.id == rec.principle), None)
            score = ps.score if ps is not None else scores.overall
        if score is None or not bands:
            return (0, 0.0, 0.0)
        band = q.band_for(score)
        below = len(bands) - 1 - next(i for i, b in enumerate(bands) if b == band)
        return (below, bands[-1].min - score, weights.get(rec.principle or "", 1.0))

    def key(rec: Recommendation) -> tuple[int, int, float, float]:
        below, points, weight = standing(rec)
        return (order[rec.priority], -below, -weight, -points)

    return sorted(recommendations, key=key)


def recommendation_views(
    q: Questionnaire,
    recommendations: Sequence[Recommendation],
    sources: list[SourceView],
    t: dict[str, str],
    lang: str,
    titles: Mapping[str, str],
    scores: Scores | None = None,
) -> list[RecommendationView]:
    """Recommendations as the shared partial shows them; ``titles``: principle headings by id.

    Ranked by :func:`rank_recommendations`. Two recommendations with the same actions
    are one, listing every finding that led to it (its triggers), so the same advice
    is never given twice. Only the first ``MOST_HIGH`` keep 'high'; the high ones after
    them read 'medium', so a report never asks for ten urgent things at once.
    """
    by_id = {src.id: src for src in sources}
    merged: dict[tuple[str, ...], list[Recommendation]] = {}
    for rec in rank_recommendations(q, recommendations, scores):
        actions = tuple(str(say(q, a, lang)) for a in rec.actions)
        merged.setdefault(actions, []).append(rec)
    views = []
    highs = 0
    for number, group in enumerate(merged.values(), 1):
        first = group[0]
        priority = first.priority
        if priority == Priority.high:
            highs += 1
            priority = Priority.high if highs <= MOST_HIGH else Priority.medium
        triggers = [
            Trigger(
                title=say(q, r.title, lang),
                principle=titles.get(r.principle or "", ""),
                anchor=f"p-{r.principle}" if r.principle else "",
                why=say(q, r.why, lang),
            )
            for r in group
        ]
        cited = dict.fromkeys(x for r in group for x in r.sources if x in by_id)
        views.append(
            RecommendationView(
                number=number,
                id=first.id,
                title=say(q, first.title, lang),
                priority=priority.value,
                priority_text=t[f"priority_{priority.value}"],
                principle=triggers[0].principle,
                anchor=triggers[0].anchor,
                why=triggers[0].why,
                actions=[say(q, a, lang) for a in first.actions],
                sources=[by_id[x] for x in cited],
                triggers=triggers if len(triggers) > 1 else [],
            )
        )
    return views


def source_views(q: Questionnaire, lang: str) -> list[SourceView]:
    """The questionnaire's sources as the shared partial lists them; only web addresses link."""
    out = []
    # What draws on each source is shown only for a questionnaire that traces its
    # questions too, so reports on older questionnaires read as they always did.
    traced = any(x.sources for x in q.questions)
    asked = {s.id: tuple(x.id for x in q.questions if s.id in x.sources) for s in q.sources}
    advised = {
        s.id: tuple(r.id for r in q.recommendations if s.id in r.sources) if traced else ()
        for s in q.sources
    }
    for s in q.sources:
        url = s.url or ""
        # Only web addresses become links; a file: or javascript: address stays plain text.
        safe = url if url.lower().startswith(("https://", "http://")) else ""
        note = say(q, s.note, lang)
        if url and not safe:
            note = mark(f"{note} ({url})".strip(), note)
        out.append(
            SourceView(
                s.id,
                f"source-{s.id}",
                say(q, s.title, lang),
                say(q, s.author, lang),
                str(s.year or ""),
                safe,
                note,
                asked[s.id],
                advised[s.id],
            )
        )
    return out
