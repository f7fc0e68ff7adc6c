"""The report: what it says, built from a scored response, then written as HTML and/or PDF.

:func:`build_report` turns a :class:`~coprod.api.Scored` into a plain view-model
(every text already picked in the report's language, every figure already
formatted), so that templates only lay things out; :mod:`coprod.report.files`
writes it behind ``coprod report``. A text that is not in the report's
language (a Welsh report of a text with no Welsh) is a
:class:`~coprod.i18n.phrases.Phrase` and carries its own ``lang``. A bilingual report
(``en+cy``) is one HTML page holding the Welsh report, then the English one.
"""

from __future__ import annotations

import base64
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from markupsafe import Markup

from coprod import __version__
from coprod.errors import InputFileError
from coprod.i18n.phrases import Phrase, mark, say, typed_language
from coprod.model import (
    MultipleChoiceQuestion,
    NumberQuestion,
    Question,
    Questionnaire,
    ScaleQuestion,
    SingleChoiceQuestion,
    TextQuestion,
    YesNoQuestion,
)
from coprod.report.charts.single import Point, bars, narrow, radar
from coprod.report.charts.svg import responsive
from coprod.report.grids import with_grids
from coprod.report.labels import draft_note, labels
from coprod.report.levels import agreed_text, levels_of, marks_method, target_of
from coprod.report.recommendations import recommendation_views, source_views
from coprod.report.views import (
    BandView,
    Cover,
    Exclusion,
    Highlight,
    Method,
    PrincipleView,
    QuestionView,
    Report,
    StartAction,
    SummaryView,
)
from coprod.scoring.marks import ScoreShown
from coprod.scoring.score import (
    HIDDEN,
    NOT_ASKED,
    UNANSWERED,
    PrincipleScore,
    QuestionScore,
    Scores,
    percent,
    round1,
)
from coprod.scoring.scored import Scored

BILINGUAL_TEMPLATE = "bilingual.html.j2"

LOGO_TYPES = {b"\x89PNG": "image/png", b"\xff\xd8\xff": "image/jpeg", b"GIF8": "image/gif"}
LOGO_MAX_BYTES = 2_000_000


def fmt_number(value: float) -> str:
    """A weight or threshold without a pointless '.0'."""
    return f"{value:g}"


def fmt_date(stamp: str | None, t: dict[str, str] | None = None) -> str:
    """An ISO timestamp as '2 November 2026' (month names from the labels ``t``).

    Anything unreadable is shown as given.
    """
    if not stamp:
        return ""
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    month = (t or {}).get(f"month_{when.month}") or f"{when:%B}"
    return f"{when.day} {month} {when.year}"


def choose_language(
    q: Questionnaire, requested: str | None, response_lang: str
) -> tuple[str, list[str]]:
    """The report's language: asked for, else the response's, if the questionnaire has it."""
    warnings: list[str] = []
    lang = requested or response_lang
    if lang not in q.languages:
        if requested:
            warnings.append(
                f"questionnaire '{q.id}' has no '{lang}' wording "
                f"(it has {', '.join(q.languages)}); the report is in '{q.default_language}'."
            )
        lang = q.default_language
    return lang, warnings


def answer_text(
    q: Questionnaire, question: Question, item: QuestionScore, lang: str, t: dict[str, str]
) -> str:
    """What was answered, in words."""
    if item.status != "answered":
        return t.get(item.status, item.status)
    value = item.value
    if isinstance(question, ScaleQuestion):
        level = (
            q.scales[question.scale].level(int(value)) if isinstance(value, (int, float)) else None
        )
        if not level:
            return str(value)
        label = say(q, level.label, lang)
        return mark(f"{value} – {label}", label)
    if isinstance(question, YesNoQuestion):
        yes = value is True or str(value).strip().lower() == "yes"
        return question.label(yes, lang) or (t["yes"] if yes else t["no"])
    if isinstance(question, NumberQuestion):
        unit = say(q, question.unit, lang)
        if not isinstance(value, (int, float)):
            return str(value)
        return mark(f"{value:g} {unit}".strip(), unit)
    if isinstance(question, (SingleChoiceQuestion, MultipleChoiceQuestion)):
        chosen = value if isinstance(value, list) else [value]
        names = {c.id: say(q, c.label, lang) for c in question.choices}
        picked = [names.get(str(v), str(v)) for v in chosen]
        return mark("; ".join(picked), *picked)
    return str(value)


def _question_views(
    q: Questionnaire,
    ps: PrincipleScore,
    number: int,
    lang: str,
    t: dict[str, str],
    typed: str = "",
    items: dict[str, QuestionScore] | None = None,
) -> list[QuestionView]:
    views = []
    items = items or {}
    shown = ScoreShown(q, lang)
    principle = next(p for p in q.principles if p.id == ps.id)
    for i, (question, item) in enumerate(zip(principle.questions, ps.questions, strict=True), 1):
        reached, nxt = levels_of(q, question, item, lang)
        target, level_note, gap_text, gap_label = target_of(q, question, item, items, lang, t)
        if target is not None:
            # "What getting better looks like" points at the target, not the top rung.
            nxt = target if reached is not None and target.value > reached.value else None
        if not item.scored:
            score = t["not_scored"]
        elif item.score is None:
            score = "–"
        else:
            score = shown.question(question, item.score)
        views.append(
            QuestionView(
                id=question.id,
                number=f"{number}.{i}",
                text=say(q, question.text, lang),
                answer=t["dont_know_lowest"]
                if item.status == "dont_know" and item.score is not None
                else answer_text(q, question, item, lang, t),
                status=item.status,
                score=score,
                weight=fmt_number(item.weight),
                scored=item.scored,
                note=Phrase(item.note, typed) if typed and item.note else item.note,
                reached=reached,
                next_level=nxt,
                # Rounded as shown, so equal-looking answers keep questionnaire order.
                score_value=round1(item.score) if item.scored and item.score is not None else None,
                level_note=level_note,
                gap=gap_text,
                gap_label=gap_label,
            )
        )
    return views


def _highlight(view: PrincipleView, best: bool) -> Highlight:
    answered = [x for x in view.questions if x.scored and x.status == "answered" and x.score != "–"]
    answered.sort(key=lambda x: x.score_value or 0.0, reverse=best)
    top = answered[0] if answered else None
    return Highlight(
        view.title,
        view.anchor,
        view.score,
        view.band,
        top.text if top else "",
        top.answer if top else "",
        view.out_of_100,
    )


def build_report(
    scored: Scored,
    *,
    lang: str | None = None,
    title: str | None = None,
    logo: Path | None = None,
    ids: str = "",
    no_notes: bool = False,
) -> Report:
    """The report's view-model for a scored response; ``ids`` prefixes every id in it.

    ``no_notes``: for publication, every note and written answer is left out (and said so).
    """
    q = scored.loaded.questionnaire
    s = scored.scores
    resp = scored.response
    lang, warnings = choose_language(q, lang, resp.language)
    t = labels(lang)
    principles: list[PrincipleView] = []
    shown = ScoreShown(q, lang)
    every = {x.id: x for p in s.principles for x in p.questions}
    for number, (principle, ps) in enumerate(zip(q.principles, s.principles, strict=True), 1):
        questions = _question_views(
            q, ps, number, lang, t, typed_language(resp.language, lang), every
        )
        if no_notes:
            questions = [_without_notes(x, principle.questions, t) for x in questions]
        questions = with_grids(q, principle.questions, questions, lang)
        charted = [x for x in questions if x.scored and x.status not in (HIDDEN, NOT_ASKED)]
        points = [
            Point(f"{x.number} {x.text}", x.score_value, x.score if not shown.plain else "")
            for x in charted
        ]
        ptitle = say(q, principle.title, lang)
        name = f"{t['chart_principle']}: {ptitle}"
        cid = f"{ids}chart-{principle.id}"
        chart = ""
        if points:
            wide = bars(cid, points, name, missing="–")
            chart = responsive(wide, narrow(f"{cid}-narrow", points, name, missing="–"))
        principles.append(
            PrincipleView(
                id=principle.id,
                anchor=f"p-{principle.id}",
                number=number,
                title=ptitle,
                description=say(q, principle.description, lang),
                score=shown.principle(ps.id, ps.score, t["not_enough"])
                if ps.asked
                else t["principle_not_asked"],
                band=say(q, ps.band.label, lang) if ps.band else "",
                band_description=say(q, ps.band.description, lang) if ps.band else "",
                coverage=percent(ps.coverage),
                weight=fmt_number(ps.weight),
                answered=ps.answered,
                applicable=ps.applicable,
                not_applicable=ps.not_applicable,
                dont_know=ps.dont_know,
                unanswered=ps.unanswered,
                questions=questions,
                chart=Markup(chart),  # noqa: S704 - built by coprod.report.charts.single, which escapes all text
                chart_rows=[
                    (mark(p.label, x.text), x.score if not shown.plain else _value(p.value, "–"))
                    for p, x in zip(points, charted, strict=True)
                ],
                scored=ps.scored,
                asked=ps.asked,
                out_of_100=ps.score is not None and shown.plain,
                agreed=agreed_text(q, principle.questions, ps, t),
                # Only the rung's number in the summary table, so it fits a phone's width.
                gap="; ".join(x.gap.replace(x.gap_label, "", 1) for x in questions if x.gap),
            )
        )
    summary = _summary(scored, principles, t, lang, ids)
    sources = source_views(q, lang)
    titles = {p.id: p.title for p in principles}
    recommendations = recommendation_views(q, s.recommendations, sources, t, lang, titles, s)
    summary = replace(
        summary,
        start=[
            StartAction(r.actions[0], r.title, f"rec-{r.id}")
            for r in recommendations[:3]
            if r.actions
        ],
    )
    respondent = resp.respondent
    # The questionnaire's title also goes into attributes (<meta>), so it stays plain
    # text here and the cover sets its language from questionnaire_lang.
    qtitle = say(q, q.title, lang)
    perspective = respondent.perspective or ""
    cover = Cover(
        organisation=respondent.organisation or "",
        service=respondent.service or "",
        questionnaire=str(qtitle),
        version=q.version,
        date=fmt_date(resp.completed or resp.updated or resp.started, t),
        role=respondent.role or "",
        perspective=t.get(f"perspective_{perspective}", perspective),
        group=respondent.group or "",
        questionnaire_lang=getattr(qtitle, "lang", ""),
        typed_lang=typed_language(resp.language, lang),
    )
    about = " – ".join(x for x in (cover.service, cover.organisation) if x)
    # An instrument names its own report ("Feedback report"); else the self-assessment's name.
    name = say(q, q.report_title, lang) if q.report_title else t["report"]
    default_title = f"{name}: {about}" if about else name
    return Report(
        lang=lang,
        title=(title or "").strip() or default_title,
        description=say(q, q.description, lang),
        cover=cover,
        summary=summary,
        principles=principles,
        recommendations=recommendations,
        method=_method(q, scored, principles, lang, t),
        sources=sources,
        logo=logo_data_uri(logo) if logo else None,
        logo_alt=f"{cover.organisation} {t['logo']}".strip(),
        generator=f"coprod {__version__}",
        t=t,
        warnings=[*scored.warnings, *warnings],
        ids=ids,
        draft_note=draft_note(q, [lang], t),
        no_notes=no_notes,
    )


def _without_notes(
    view: QuestionView, questions: list[Question], t: dict[str, str]
) -> QuestionView:
    """A question as published: no note, and a written answer replaced by 'left out'."""
    question = next(x for x in questions if x.id == view.id)
    written = isinstance(question, TextQuestion) and view.status == "answered"
    return replace(view, note=None, answer=t["note_left_out"] if written else view.answer)


def _value(value: float | None, missing: str) -> str:
    return missing if value is None else f"{value:.1f}"


def _summary(
    scored: Scored, principles: list[PrincipleView], t: dict[str, str], lang: str, ids: str
) -> SummaryView:
    q = scored.loaded.questionnaire
    s = scored.scores
    # Unscored parts, and parts not asked of this perspective, are reported in their own
    # sections, never charted or ranked.
    principles = [p for p in principles if p.scored and p.asked]
    shown = ScoreShown(q, lang)
    points = [
        Point(p.title, p_score, p.score if not shown.plain else "")
        for p, p_score in _scores_of(principles, s)
    ]
    name = t["chart_summary"]
    if len(points) >= 3:
        chart = radar(f"{ids}chart-summary", points, name, missing=t["not_enough"])
    else:
        chart = bars(f"{ids}chart-summary", points, name, missing=t["not_enough"])
    phone = narrow(f"{ids}chart-summary-narrow", points, name, missing=t["not_enough"])
    chart = responsive(chart, phone)
    # Strengths and priorities never name the same principle (a short questionnaire
    # has too few principles for three of each).
    n = len([p for p in s.principles if p.score is not None])
    strong = s.strengths(min(3, (n + 1) // 2))
    weak = [p for p in s.priorities(3) if p not in strong][: min(3, n - len(strong))]
    views = {p.id: p for p in principles}
    agreed_column = any(p.agreed for p in principles)
    target_column = any(p.gap for p in principles)
    return SummaryView(
        score=shown.overall(s.overall, t["not_enough"]),
        band=say(q, s.band.label, lang) if s.band else "",
        band_description=say(q, s.band.description, lang) if s.band else "",
        coverage=percent(s.coverage),
        answered=sum(p.answered for p in s.principles),
        applicable=sum(p.applicable for p in s.principles),
        min_coverage=percent(s.min_coverage),
        chart=Markup(chart),  # noqa: S704 - built by coprod.report.charts.single, which escapes all text
        # Without bands the table has no empty "Level" column.
        chart_rows=[
            (
                *((p.title, p.score, p.band) if q.bands else (p.title, p.score)),
                p.coverage,
                *((p.agreed or "–",) if agreed_column else ()),
                *((p.gap or "–",) if target_column else ()),
            )
            for p in principles
        ],
        agreed_column=agreed_column,
        target_column=target_column,
        strengths=[_highlight(views[p.id], best=True) for p in strong],
        priorities=[_highlight(views[p.id], best=False) for p in weak],
        has_overall=s.has_overall,
        out_of_100=s.overall is not None and shown.plain,
    )


def _scores_of(
    principles: list[PrincipleView], s: Scores
) -> list[tuple[PrincipleView, float | None]]:
    by_id = {p.id: p.score for p in s.principles}
    return [(p, by_id[p.id]) for p in principles]


def _method(
    q: Questionnaire, scored: Scored, principles: list[PrincipleView], lang: str, t: dict[str, str]
) -> Method:
    excluded: list[Exclusion] = []
    unscored: list[Exclusion] = []
    weights: list[tuple[str, str, str]] = []
    for view in principles:
        for x in view.questions:
            if not x.scored:
                unscored.append(Exclusion(x.number, x.text, t["not_scored"]))
                continue
            weights.append((x.number, x.text, x.weight))
            counted = x.score_value is not None  # a don't know counted as the lowest answer
            if not counted and x.status in (
                "not_applicable",
                "dont_know",
                "skipped",
                UNANSWERED,
                HIDDEN,
                NOT_ASKED,
            ):
                excluded.append(Exclusion(x.number, x.text, t[x.status]))
    equal = len({w for _, _, w in weights}) <= 1
    bands = [
        BandView(
            say(q, b.label, lang), fmt_number(b.min), fmt_number(b.max), say(q, b.description, lang)
        )
        for b in q.bands
    ]
    return Method(
        min_coverage=percent(scored.scores.min_coverage),
        principles=[p for p in principles if p.scored],
        equal_question_weights=equal,
        question_weights=[] if equal else weights,
        bands=bands,
        excluded=excluded,
        unscored=unscored,
        unscored_parts=[p.title for p in principles if not p.scored],
        marks=marks_method(q, t),
    )


def logo_data_uri(path: Path) -> str:
    """A PNG, JPEG or GIF logo as a data: URI, so the report needs no other file."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputFileError(f"{path}: no such logo file.", "Check the --logo path.") from None
    except OSError as exc:
        raise InputFileError(f"{path}: cannot read the logo ({exc.strerror}).") from None
    if len(data) > LOGO_MAX_BYTES:
        raise InputFileError(
            f"{path}: the logo is larger than {LOGO_MAX_BYTES // 1_000_000} MB.",
            "Use a smaller PNG or JPEG.",
        )
    kind = next((mime for magic, mime in LOGO_TYPES.items() if data.startswith(magic)), None)
    if kind is None:
        raise InputFileError(
            f"{path}: the logo is not a PNG, JPEG or GIF image.", "Save it as PNG."
        )
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"
