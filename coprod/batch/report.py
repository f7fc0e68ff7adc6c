"""The workshop group report: a view-model built from a batch result, written as HTML and PDF.

It uses the single report's templates (``base.html.j2``, ``report.css``,
``_macros``, ``_recommendations``, ``_sources``), its one Jinja environment and
its locked-down PDF renderer; its own templates and wording are in
``report_templates/group/``. Every text is picked and every figure formatted
here, so templates only lay things out. Groups of fewer than ``MIN_GROUP``
people never reach the view-model: not their figures, not their name, not
their size.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from markupsafe import Markup

from coprod import __version__
from coprod.batch.grids import with_grid_tables
from coprod.batch.room import group_scores
from coprod.batch.run import BatchResult
from coprod.batch.sections import (
    by_group_table,
    discussion_question,
    fmt1,
    fmt_pct,
    gap_prompts,
    group_name,
    group_notes,
    one_organisation,
    question_numbers,
    question_view,
    room_recommendations,
    spread_section,
    written_answers,
)
from coprod.batch.stats import GAP_POINTS
from coprod.batch.views import (
    GroupMethod,
    GroupPrincipleView,
    GroupSummary,
    GroupTable,
    Participation,
    Prompt,
)
from coprod.i18n.phrases import mark, say
from coprod.model import TextQuestion, pick
from coprod.report.labels import draft_note, labels
from coprod.report.recommendations import source_views
from coprod.report.single import fmt_date, fmt_number
from coprod.report.views import BandView, FactsCover, RecommendationView, SourceView
from coprod.scoring.marks import ScoreShown
from coprod.scoring.score import principle_is_scored
from coprod.scoring.spread import CONSENSUS_POINTS, CONTESTED_BELOW, MIN_GROUP

TEMPLATE = "group/report.html.j2"


@dataclass(frozen=True)
class GroupReport:
    """Everything the group report's templates need, already in words."""

    lang: str
    title: str
    generator: str
    cover: FactsCover
    summary: GroupSummary
    participation: Participation
    spread_chart: Markup
    spread_rows: list[list[str]]
    has_bands: bool  # False: the questionnaire names no levels, so no level column
    levels: bool  # a ladder: the spread table has no mean or sd column
    by_group: GroupTable | None
    principles: list[GroupPrincipleView]
    contested: list[Prompt]
    gaps: list[Prompt]
    gaps_note: str
    recommendations: list[RecommendationView]
    sources: list[SourceView]
    method: GroupMethod
    t: dict[str, str]
    logo: str | None = None
    logo_alt: str = ""
    warnings: list[str] = field(default_factory=list)
    draft_note: str = ""
    ids: str = ""  # the shared partials put this before every id; one report per page here


def build_group_report(
    result: BatchResult, *, lang: str = "en", show_text: bool = False
) -> GroupReport:
    """The group report's view-model for a batch result.

    ``show_text``: the written answers to free-text questions, names taken out.
    """
    q = result.loaded.questionnaire
    lang = lang if lang in q.languages else q.default_language
    stats = result.stats
    everyone = stats.everyone
    scored_questions = [x for x in everyone.questions if x.consensus is not None]
    by_word = labels(lang, "group", {})[f"by_{stats.by}"] if stats.by else ""
    t = labels(
        lang,
        "group",
        {
            "questionnaire": pick(q.title, lang),
            "contested": f"{CONTESTED_BELOW:g}",
            "gap": f"{GAP_POINTS:g}",
            "min": str(MIN_GROUP),
            "points": f"{CONSENSUS_POINTS:g}",
            "people": str(everyone.people),
            "questions": str(len(scored_questions)),
            "by": by_word.lower(),
        },
    )
    if stats.by == "perspective":
        t["other_groups"] = t["other_perspectives"]
    numbers = question_numbers(q)
    contested_items = everyone.contested
    contested_ids = {c.id for c in contested_items}
    items = {x.id: x for x in everyone.questions}
    principles = [
        GroupPrincipleView(
            id=p.id,
            anchor=f"p-{p.id}",
            number=i,
            title=say(q, p.title, lang),
            questions=[
                question_view(
                    q,
                    question,
                    items[question.id],
                    numbers[question.id],
                    contested_ids,
                    t,
                    lang,
                    texts=(
                        written_answers(result, question.id)
                        if isinstance(question, TextQuestion)
                        and (show_text or question.share_answers)
                        else None
                    ),
                )
                for question in p.questions
            ],
        )
        for i, p in enumerate(q.principles, 1)
    ]
    principles = [  # each grid's rows as one section with its tables
        replace(view, questions=with_grid_tables(q, p.questions, view.questions, t, lang))
        for view, p in zip(principles, q.principles, strict=True)
    ]
    contested = []
    for item in contested_items:
        question = q.question(item.id)
        if question is None:
            continue
        contested.append(
            Prompt(
                anchor=f"q-{item.id}",
                title=_numbered(numbers[item.id], say(q, question.text, lang)),
                figures=[
                    (t["consensus"], fmt_pct(item.consensus)),
                    (t["n"], str(item.summary.n)),
                    (t["median"], fmt1(item.summary.median)),
                    (t["sd"], fmt1(item.summary.sd)),
                ],
                ask=discussion_question(question, item, t, lang),
            )
        )
    gaps, gaps_note = gap_prompts(q, result, t, lang)
    spread_chart, spread_rows = spread_section(q, everyone, t, lang)
    overall = everyone.overall.summary if everyone.overall else None
    mean = overall.mean if overall else None
    lines = [t["glance_people"]]
    lines.append(
        t["glance_contested"].format(count=len(contested))
        if contested
        else t["glance_no_contested"]
    )
    if stats.by == "perspective" and not gaps_note:
        gap_count = f"{len(gaps)} {t['gap_item'] if len(gaps) == 1 else t['gap_items']}"
        lines.append(t["glance_gaps"].format(count=len(gaps), items=gap_count))
    elif stats.by == "perspective" and stats.gaps == [] and gaps_note == t["no_gaps"]:
        lines.append(t["glance_no_gaps"])
    marks = ScoreShown(q, lang)
    with_mean = [
        (f"{i}. {pick(p.title, lang)}", x.summary.mean, p.id)
        for i, (p, x) in enumerate(zip(q.principles, everyone.principles, strict=True), 1)
        if x.summary.mean is not None
    ]
    # A ladder's stages are not stronger or weaker, and a mean of rungs means nothing.
    if len(with_mean) >= 2 and not marks.level:
        high = max(with_mean, key=lambda x: x[1] or 0.0)
        low = min(with_mean, key=lambda x: x[1] or 0.0)
        for key, (title, value, pid) in (("glance_strongest", high), ("glance_weakest", low)):
            score = marks.principle(pid, value) if not marks.plain else fmt1(value)
            lines.append(t[key].format(title=title, score=score))
    summary = GroupSummary(
        score=marks.overall(mean, t["not_enough"])
        if not marks.plain
        else (t["not_enough"] if mean is None else fmt1(mean)),
        band=say(q, q.band_label(mean), lang),
        median=marks.overall(overall.median) if overall else "–",
        consensus=fmt_pct(everyone.overall.consensus if everyone.overall else None),
        has_overall=q.scoring.overall,
        lines=lines,
    )
    c = result.sheets.counts
    shown = [g for g in stats.groups if not g.suppressed]
    participation = Participation(
        rows=[
            (t["rows_read"], str(c.read)),
            (t["rows_clean"], str(c.used)),
            (
                t["rows_problems_strict"] if result.strict else t["rows_problems"],
                str(c.with_problems),
            ),
            (t["rows_empty"], str(c.empty)),
            (t["people_scored"], str(everyone.people)),
        ],
        by=t["people_by_group"] if stats.by else "",
        groups=[(group_name(g.name, t, stats.plan), str(g.people)) for g in shown],
        notes=group_notes(stats.plan, t),
    )
    organisation = one_organisation(result)
    qtitle = say(q, q.title, lang)
    facts = [
        (t["questionnaire"], mark(f"{pick(q.title, lang)}, {t['version']} {q.version}", qtitle)),
        (t["people_scored"], str(everyone.people)),
        (t["sheets_read"], str(len(result.sheets.sources))),
        (t["made_on"], fmt_date(date.today().isoformat(), t)),
    ]
    if organisation:
        facts.insert(0, (t["organisation"], organisation))
    if stats.by:
        facts.append((t["grouped_by"], by_word))
    sources = source_views(q, lang)
    scores = group_scores(result)
    bands = [
        BandView(
            say(q, b.label, lang),
            fmt_number(b.min),
            fmt_number(b.max),
            say(q, b.description, lang),
        )
        for b in q.bands
    ]
    method = GroupMethod(
        paragraphs=[
            t["method_answers"],
            t["method_group_people"],
            t["method_group_figures"],
            t["method_group_consensus"],
            *([t["method_group_agree"]] if any(x.shares for x in everyone.questions) else []),
            *([t["method_group_marks"]] if marks.marks else []),
            *([t["method_group_level"]] if marks.level else []),
            t["method_group_contested"],
            t["method_group_gaps"],
            t["method_group_small"],
            t["method_group_recommendations"],
        ],
        weights=[
            (_numbered(f"{i}.", say(q, p.title, lang)), fmt_number(p.weight), str(len(p.questions)))
            for i, p in enumerate(q.principles, 1)
            if principle_is_scored(p)
        ],
        bands=bands,
    )
    return GroupReport(
        lang=lang,
        title=t["title"],
        generator=f"coprod {__version__}",
        cover=FactsCover(pick(q.title, lang), q.version, organisation, facts),
        summary=summary,
        participation=participation,
        spread_chart=spread_chart,
        spread_rows=spread_rows,
        has_bands=bool(q.bands),
        levels=q.scoring.show == "level",
        by_group=by_group_table(q, result, t, lang),
        principles=principles,
        contested=contested,
        gaps=gaps,
        gaps_note=gaps_note,
        recommendations=room_recommendations(q, scores, sources, t, lang),
        sources=sources,
        method=method,
        t=t,
        warnings=list(result.sheets.warnings),
        draft_note=draft_note(q, [lang], t, "group"),
    )


def _numbered(number: str, text: str) -> str:
    """'1.2 Question text', marked with the text's language when it fell back to another."""
    return mark(f"{number} {text}", text)


def write_group_report(
    result: BatchResult,
    out: Path,
    formats: list[str],
    lang: str = "en",
    *,
    show_text: bool = False,
) -> list[Path]:
    """Write group-report.html and/or group-report.pdf into ``out``; returns the paths."""
    from coprod.files.atomic import atomic_write
    from coprod.report.files import write_pdf
    from coprod.report.render import render_html

    report = build_group_report(result, lang=lang, show_text=show_text)
    html = render_html({"report": report, "t": report.t}, name=TEMPLATE)
    written = []
    if "html" in formats:
        atomic_write(out / "group-report.html", html)
        written.append(out / "group-report.html")
    if "pdf" in formats:
        written.append(write_pdf(out / "group-report.pdf", html))
    return written
