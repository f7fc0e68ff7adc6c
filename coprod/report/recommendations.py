"""Recommendations and their sources as every report shows them (the shared partials)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from coprod.i18n.phrases import mark, say
from coprod.model import Questionnaire, Recommendation
from coprod.report.views import RecommendationView, SourceView


def recommendation_views(
    q: Questionnaire,
    recommendations: Sequence[Recommendation],
    sources: list[SourceView],
    t: dict[str, str],
    lang: str,
    titles: Mapping[str, str],
) -> list[RecommendationView]:
    """Recommendations as the shared partial shows them; ``titles``: principle headings by id."""
    by_id = {src.id: src for src in sources}
    return [
        RecommendationView(
            number=i,
            id=r.id,
            title=say(q, r.title, lang),
            priority=r.priority.value,
            priority_text=t[f"priority_{r.priority.value}"],
            principle=titles.get(r.principle or "", ""),
            anchor=f"p-{r.principle}" if r.principle else "",
            why=say(q, r.why, lang),
            actions=[say(q, a, lang) for a in r.actions],
            sources=[by_id[x] for x in r.sources if x in by_id],
        )
        for i, r in enumerate(recommendations, 1)
    ]


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
