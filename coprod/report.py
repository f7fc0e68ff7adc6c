"""The report: what it says, built from a scored response, then written as HTML and/or PDF.

:func:`build_report` turns a :class:`~coprod.api.Scored` into a plain view-model
(every text already picked in the report's language, every figure already
formatted), so that templates only lay things out. :func:`write_report` is the
library entry point behind ``coprod report``.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Literal

from markupsafe import Markup

from coprod import __version__
from coprod.api import Scored, score_file
from coprod.charts import Point, bars, radar
from coprod.errors import InputFileError, OutputError
from coprod.model import (
    Level,
    MultipleChoiceQuestion,
    NumberQuestion,
    Question,
    Questionnaire,
    ScaleQuestion,
    SingleChoiceQuestion,
    YesNoQuestion,
    pick,
)
from coprod.scoring import HIDDEN, UNANSWERED, PrincipleScore, QuestionScore
from coprod.yamlio import load_yaml_file

Format = Literal["html", "pdf", "both"]
#: ``--format`` values, typed.
FORMATS: dict[str, Format] = {"html": "html", "pdf": "pdf", "both": "both"}

PERSPECTIVES = {
    "staff": "Staff",
    "lived_experience": "Lived experience",
    "carer": "Carer",
    "partner": "Partner",
    "other": "Other",
}

LOGO_TYPES = {b"\x89PNG": "image/png", b"\xff\xd8\xff": "image/jpeg", b"GIF8": "image/gif"}
LOGO_MAX_BYTES = 2_000_000


@dataclass(frozen=True)
class LevelView:
    """A scale level as the report shows it."""

    value: int
    label: str
    descriptor: str


@dataclass(frozen=True)
class QuestionView:
    """One question with its answer, score and, for scales, where next."""

    id: str
    number: str
    text: str
    answer: str
    status: str
    score: str
    weight: str
    scored: bool
    note: str | None
    reached: LevelView | None = None
    next_level: LevelView | None = None


@dataclass(frozen=True)
class PrincipleView:
    """A principle's section of the report."""

    id: str
    anchor: str
    number: int
    title: str
    description: str
    score: str
    band: str
    band_description: str
    coverage: str
    weight: str
    answered: int
    applicable: int
    not_applicable: int
    dont_know: int
    unanswered: int
    questions: list[QuestionView]
    chart: Markup
    chart_rows: list[tuple[str, str]]


@dataclass(frozen=True)
class Highlight:
    """A strength or priority, in words."""

    title: str
    anchor: str
    score: str
    band: str
    question: str
    answer: str


@dataclass(frozen=True)
class SourceView:
    """A credited source; ``url`` only when it is a web address (never a local file)."""

    id: str
    anchor: str
    title: str
    author: str
    year: str
    url: str
    note: str


@dataclass(frozen=True)
class RecommendationView:
    """One recommendation, in priority order."""

    number: int
    id: str
    title: str
    priority: str
    priority_text: str
    principle: str
    anchor: str
    why: str
    actions: list[str]
    sources: list[SourceView]


@dataclass(frozen=True)
class BandView:
    """A score band and its thresholds."""

    label: str
    low: str
    high: str
    description: str


@dataclass(frozen=True)
class Exclusion:
    """A question left out of the score, and why."""

    number: str
    text: str
    reason: str


@dataclass(frozen=True)
class Method:
    """The scoring method made concrete for this questionnaire and response."""

    min_coverage: str
    principles: list[PrincipleView]
    equal_question_weights: bool
    question_weights: list[tuple[str, str, str]]
    bands: list[BandView]
    excluded: list[Exclusion]
    unscored: list[Exclusion]


@dataclass(frozen=True)
class Summary:
    """The first page after the cover."""

    score: str
    band: str
    band_description: str
    coverage: str
    answered: int
    applicable: int
    min_coverage: str
    chart: Markup
    chart_rows: list[tuple[str, str, str, str]]
    strengths: list[Highlight]
    priorities: list[Highlight]


@dataclass(frozen=True)
class Cover:
    """Who and what the report is about. The respondent's name is never shown."""

    organisation: str
    service: str
    questionnaire: str
    version: str
    date: str
    role: str
    perspective: str
    group: str


@dataclass(frozen=True)
class Report:
    """Everything a report template needs, already in the report's language."""

    lang: str
    title: str
    description: str
    cover: Cover
    summary: Summary
    principles: list[PrincipleView]
    recommendations: list[RecommendationView]
    method: Method
    sources: list[SourceView]
    logo: str | None
    logo_alt: str
    generator: str
    t: dict[str, str]
    warnings: list[str] = field(default_factory=list)


def labels(lang: str) -> dict[str, str]:
    """The report's wording in ``lang`` (report_templates/labels/), English for any gap."""
    out = dict(_read_labels("en"))
    if lang != "en" and re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*", lang):
        out.update(_read_labels(lang))
    return out


@lru_cache(maxsize=8)
def _read_labels(lang: str) -> dict[str, str]:
    from coprod.render import templates_dir

    path = templates_dir() / "labels" / f"{lang}.yaml"
    if not path.is_file():
        return {}
    data = load_yaml_file(path, "labels file").data
    if not isinstance(data, dict):
        raise InputFileError(f"{path}: should map each label name to its text.")
    return {str(k): str(v) for k, v in data.items()}


def fmt_score(score: float | None, t: dict[str, str]) -> str:
    """A score as the report prints it: one decimal, or 'Not enough answers'."""
    return t["not_enough"] if score is None else f"{score:.1f}"


def fmt_number(value: float) -> str:
    """A weight or threshold without a pointless '.0'."""
    return f"{value:g}"


def fmt_date(stamp: str | None) -> str:
    """An ISO timestamp as '2 November 2026'; anything unreadable is shown as given."""
    if not stamp:
        return ""
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    return f"{when.day} {when:%B %Y}"


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
        return f"{value} – {pick(level.label, lang)}" if level else str(value)
    if isinstance(question, YesNoQuestion):
        yes = value is True or str(value).strip().lower() == "yes"
        return t["yes"] if yes else t["no"]
    if isinstance(question, NumberQuestion):
        unit = pick(question.unit, lang)
        return f"{value:g} {unit}".strip() if isinstance(value, (int, float)) else str(value)
    if isinstance(question, (SingleChoiceQuestion, MultipleChoiceQuestion)):
        chosen = value if isinstance(value, list) else [value]
        names = {c.id: pick(c.label, lang) for c in question.choices}
        return "; ".join(names.get(str(v), str(v)) for v in chosen)
    return str(value)


def _levels(
    q: Questionnaire, question: Question, item: QuestionScore, lang: str
) -> tuple[LevelView | None, LevelView | None]:
    """The level reached and the next one up, for an answered scale question."""
    if not isinstance(question, ScaleQuestion) or item.status != "answered":
        return None, None
    if not isinstance(item.value, (int, float)):
        return None, None
    levels = sorted(q.scales[question.scale].levels, key=lambda lv: lv.value)

    def view(level: Level) -> LevelView:
        return LevelView(level.value, pick(level.label, lang), pick(level.descriptor, lang))

    for i, level in enumerate(levels):
        if level.value == int(item.value):
            nxt = view(levels[i + 1]) if i + 1 < len(levels) else None
            return view(level), nxt
    return None, None


def _question_views(
    q: Questionnaire, ps: PrincipleScore, number: int, lang: str, t: dict[str, str]
) -> list[QuestionView]:
    views = []
    principle = next(p for p in q.principles if p.id == ps.id)
    for i, (question, item) in enumerate(zip(principle.questions, ps.questions, strict=True), 1):
        reached, nxt = _levels(q, question, item, lang)
        if not item.scored:
            score = t["not_scored"]
        elif item.score is None:
            score = "–"
        else:
            score = f"{item.score:.1f}"
        views.append(
            QuestionView(
                id=question.id,
                number=f"{number}.{i}",
                text=pick(question.text, lang),
                answer=answer_text(q, question, item, lang, t),
                status=item.status,
                score=score,
                weight=fmt_number(item.weight),
                scored=item.scored,
                note=item.note,
                reached=reached,
                next_level=nxt,
            )
        )
    return views


def _sources(q: Questionnaire, lang: str) -> list[SourceView]:
    out = []
    for s in q.sources:
        url = s.url or ""
        # Only web addresses become links; a file: or javascript: address stays plain text.
        safe = url if url.lower().startswith(("https://", "http://")) else ""
        note = pick(s.note, lang)
        if url and not safe:
            note = f"{note} ({url})".strip()
        out.append(
            SourceView(
                s.id,
                f"source-{s.id}",
                pick(s.title, lang),
                pick(s.author, lang),
                str(s.year or ""),
                safe,
                note,
            )
        )
    return out


def _highlight(view: PrincipleView, best: bool) -> Highlight:
    answered = [x for x in view.questions if x.scored and x.status == "answered" and x.score != "–"]
    answered.sort(key=lambda x: float(x.score), reverse=best)
    top = answered[0] if answered else None
    return Highlight(
        view.title,
        view.anchor,
        view.score,
        view.band,
        top.text if top else "",
        top.answer if top else "",
    )


def build_report(
    scored: Scored, *, lang: str | None = None, title: str | None = None, logo: Path | None = None
) -> Report:
    """The report's view-model for a scored response."""
    q = scored.loaded.questionnaire
    s = scored.scores
    resp = scored.response
    lang, warnings = choose_language(q, lang, resp.language)
    t = labels(lang)
    principles: list[PrincipleView] = []
    for number, (principle, ps) in enumerate(zip(q.principles, s.principles, strict=True), 1):
        questions = _question_views(q, ps, number, lang, t)
        points = [
            Point(f"{x.number} {x.text}", None if x.score in ("–",) else float(x.score))
            for x in questions
            if x.scored and x.status != HIDDEN
        ]
        ptitle = pick(principle.title, lang)
        chart = (
            bars(f"chart-{principle.id}", points, f"{t['chart_principle']}: {ptitle}", missing="–")
            if points
            else ""
        )
        principles.append(
            PrincipleView(
                id=principle.id,
                anchor=f"p-{principle.id}",
                number=number,
                title=ptitle,
                description=pick(principle.description, lang),
                score=fmt_score(ps.score, t),
                band=pick(ps.band.label, lang) if ps.band else "",
                band_description=pick(ps.band.description, lang) if ps.band else "",
                coverage=f"{ps.coverage:g}%",
                weight=fmt_number(ps.weight),
                answered=ps.answered,
                applicable=ps.applicable,
                not_applicable=ps.not_applicable,
                dont_know=ps.dont_know,
                unanswered=ps.unanswered,
                questions=questions,
                chart=Markup(chart),  # noqa: S704 - built by coprod.charts, which escapes all text
                chart_rows=[(p.label, _value(p.value, "–")) for p in points],
            )
        )
    summary = _summary(scored, principles, t, lang)
    sources = _sources(q, lang)
    by_id = {src.id: src for src in sources}
    recommendations = [
        RecommendationView(
            number=i,
            id=r.id,
            title=pick(r.title, lang),
            priority=r.priority.value,
            priority_text=t[f"priority_{r.priority.value}"],
            principle=next((p.title for p in principles if p.id == r.principle), ""),
            anchor=f"p-{r.principle}" if r.principle else "",
            why=pick(r.why, lang),
            actions=[pick(a, lang) for a in r.actions],
            sources=[by_id[x] for x in r.sources if x in by_id],
        )
        for i, r in enumerate(s.recommendations, 1)
    ]
    respondent = resp.respondent
    cover = Cover(
        organisation=respondent.organisation or "",
        service=respondent.service or "",
        questionnaire=pick(q.title, lang),
        version=q.version,
        date=fmt_date(resp.completed or resp.updated or resp.started),
        role=respondent.role or "",
        perspective=PERSPECTIVES.get(respondent.perspective or "", respondent.perspective or ""),
        group=respondent.group or "",
    )
    about = " – ".join(x for x in (cover.service, cover.organisation) if x)
    default_title = f"{t['report']}: {about}" if about else t["report"]
    return Report(
        lang=lang,
        title=(title or "").strip() or default_title,
        description=pick(q.description, lang),
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
    )


def _value(value: float | None, missing: str) -> str:
    return missing if value is None else f"{value:.1f}"


def _summary(
    scored: Scored, principles: list[PrincipleView], t: dict[str, str], lang: str
) -> Summary:
    s = scored.scores
    points = [Point(p.title, ps.score) for p, ps in zip(principles, s.principles, strict=True)]
    name = t["chart_summary"]
    if len(points) >= 3:
        chart = radar("chart-summary", points, name, missing=t["not_enough"])
    else:
        chart = bars("chart-summary", points, name, missing=t["not_enough"])
    # Strengths and priorities never name the same principle (a short questionnaire
    # has too few principles for three of each).
    n = len([p for p in s.principles if p.score is not None])
    strong = s.strengths(min(3, (n + 1) // 2))
    weak = [p for p in s.priorities(3) if p not in strong][: min(3, n - len(strong))]
    views = {p.id: p for p in principles}
    return Summary(
        score=fmt_score(s.overall, t),
        band=pick(s.band.label, lang) if s.band else "",
        band_description=pick(s.band.description, lang) if s.band else "",
        coverage=f"{s.coverage:g}%",
        answered=sum(p.answered for p in s.principles),
        applicable=sum(p.applicable for p in s.principles),
        min_coverage=f"{s.min_coverage:g}%",
        chart=Markup(chart),  # noqa: S704 - built by coprod.charts, which escapes all text
        chart_rows=[(p.title, p.score, p.band, p.coverage) for p in principles],
        strengths=[_highlight(views[p.id], best=True) for p in strong],
        priorities=[_highlight(views[p.id], best=False) for p in weak],
    )


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
            if x.status in ("not_applicable", "dont_know", "skipped", UNANSWERED, HIDDEN):
                excluded.append(Exclusion(x.number, x.text, t[x.status]))
    equal = len({w for _, _, w in weights}) <= 1
    bands = [
        BandView(
            pick(b.label, lang), fmt_number(b.min), fmt_number(b.max), pick(b.description, lang)
        )
        for b in q.bands
    ]
    return Method(
        min_coverage=f"{scored.scores.min_coverage:g}%",
        principles=principles,
        equal_question_weights=equal,
        question_weights=[] if equal else weights,
        bands=bands,
        excluded=excluded,
        unscored=unscored,
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


@dataclass(frozen=True)
class Written:
    """The files a report was written to, and anything the user should know."""

    paths: list[Path]
    warnings: list[str]


def output_paths(response: Path, fmt: Format, out: Path | None) -> dict[str, Path]:
    """Where each format goes: ``--out`` as a file or folder, else beside the current folder."""
    kinds = ["html", "pdf"] if fmt == "both" else [fmt]
    stem = f"{response.stem}-report"
    if out is None:
        return {k: Path(f"{stem}.{k}") for k in kinds}
    if out.is_dir():
        return {k: out / f"{stem}.{k}" for k in kinds}
    if fmt == "both":
        base = out.with_suffix("") if out.suffix.lower() in (".html", ".htm", ".pdf") else out
        return {k: base.with_name(f"{base.name}.{k}") for k in kinds}
    return {fmt: out}


def write_report(
    response: str | Path,
    *,
    fmt: Format = "both",
    out: str | Path | None = None,
    lang: str | None = None,
    template_dir: str | Path | None = None,
    title: str | None = None,
    logo: str | Path | None = None,
    questionnaire: str | None = None,
) -> Written:
    """Score a response file and write its report: every format asked for, or nothing."""
    from coprod.render import render_html, render_pdf
    from coprod.responses import atomic_write

    path = Path(response)
    scored = score_file(path, questionnaire)
    report = build_report(scored, lang=lang, title=title, logo=Path(logo) if logo else None)
    targets = output_paths(path, fmt, Path(out) if out else None)
    for target in targets.values():
        if target.exists() and target.is_dir():
            raise OutputError(f"{target}: is a folder.", "Give a file name with --out.")
    tdir = Path(template_dir) if template_dir else None
    html = render_html({"report": report, "t": report.t}, tdir)
    content: dict[str, str | bytes] = {}
    if "html" in targets:
        content["html"] = html
    if "pdf" in targets:
        extra = [Path(logo)] if logo else []
        content["pdf"] = render_pdf(html, template_dir=tdir, allow=extra)
    created: list[Path] = []
    try:
        for kind, target in targets.items():
            existed = target.exists()
            atomic_write(target, content[kind])
            if not existed:
                created.append(target)
    except OutputError:
        # Both formats or neither: a PDF that cannot be written takes its new HTML with it.
        for done in created:
            done.unlink(missing_ok=True)
        raise
    return Written(list(targets.values()), report.warnings)
