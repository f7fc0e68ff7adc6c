"""The group report's sections: small views, each built from the batch's statistics.

Every text is picked in the report's language and every figure formatted here,
so templates only lay things out. Suppressed groups are never passed on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial

from markupsafe import Markup

from coprod.batch.run import BatchResult
from coprod.batch.stats import GroupStats
from coprod.i18n.phrases import mark, say
from coprod.model import (
    NumberQuestion,
    Question,
    Questionnaire,
    ScaleQuestion,
    SingleChoiceQuestion,
    TextQuestion,
    YesNoQuestion,
)
from coprod.report.charts.group import GroupRow, Spread, distribution, group_dots, spread
from coprod.report.recommendations import recommendation_views
from coprod.report.views import BandView, RecommendationView, SourceView
from coprod.scoring.marks import ScoreShown
from coprod.scoring.score import (
    Scores,
    is_scored,
    percent,
    principle_is_scored,
)
from coprod.scoring.spread import MIN_GROUP, NOT_GIVEN, ItemStats

#: The dot chart of group means is drawn for this many groups at most; more get the table only.
MAX_CHART_GROUPS = 6


@dataclass(frozen=True)
class GroupSummary:
    """The headline figures ('score' is what the base template puts in its description)."""

    score: str
    band: str
    median: str
    consensus: str
    lines: list[str]
    has_overall: bool = True  # False when the questionnaire has no overall score


@dataclass(frozen=True)
class Participation:
    """Rows read and people scored, and each group shown with its size."""

    rows: list[tuple[str, str]]
    by: str
    groups: list[tuple[str, str]]
    hidden_note: str


@dataclass(frozen=True)
class GroupTable:
    """Each shown group's mean per principle: a dot chart (few groups) and the table."""

    heading: str
    chart: Markup
    headers: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class GroupQuestionView:
    """One question's answers: the figures, the distribution chart and its table."""

    id: str
    anchor: str
    number: str
    text: str
    scored: bool
    contested: bool
    figures: list[tuple[str, str]]
    excluded: str
    chart: Markup
    rows: list[tuple[str, str, str]]
    note: str
    written: list[str] = field(default_factory=list)  # answers a question asks to share


@dataclass(frozen=True)
class GroupPrincipleView:
    """A principle's questions in the distribution section."""

    id: str
    anchor: str
    number: int
    title: str
    questions: list[GroupQuestionView]


@dataclass(frozen=True)
class Prompt:
    """A contested question or a perspective gap, with a question to discuss."""

    anchor: str
    title: str
    figures: list[tuple[str, str]]
    ask: str


@dataclass(frozen=True)
class GroupMethod:
    """The method, in words, with the principle weights and the bands."""

    paragraphs: list[str]
    weights: list[tuple[str, str, str]]
    bands: list[BandView]


def fmt1(value: float | None) -> str:
    """A figure with one decimal, or an en dash for none."""
    return "–" if value is None else f"{value:.1f}"


def fmt_pct(value: float | None) -> str:
    """A percentage as figures show it ('66.7%'), or an en dash for none."""
    return "–" if value is None else percent(value)


def group_name(name: str | None, t: dict[str, str]) -> str:
    """A group's name as people read it: 'Lived experience', 'Not given'."""
    if name is None:
        return t["everyone"]
    if name == NOT_GIVEN:
        return t["not_given"]
    return t.get(f"perspective_{name}", name)


def _numbered(q: Questionnaire, number: int, title: dict[str, str], lang: str) -> str:
    """'2. Sharing power', marked with its language when the title fell back to another."""
    name = say(q, title, lang)
    return mark(f"{number}. {name}", name)


def question_numbers(q: Questionnaire) -> dict[str, str]:
    """Each question's number as the reports print it: '2.3' is principle 2, question 3."""
    return q.numbers()


def discussion_question(question: Question, item: ItemStats, t: dict[str, str]) -> str:
    """A question for the room about a contested item, from what people actually answered."""
    chosen = [(label, n) for label, n in _distribution_labels(question, item, t) if n > 0]
    if isinstance(question, ScaleQuestion) and len(chosen) >= 2:
        return t["ask_scale"].format(low=chosen[0][0], high=chosen[-1][0])
    if isinstance(question, (YesNoQuestion, SingleChoiceQuestion)) and chosen:
        split = ", ".join(f"{label}: {n}" for label, n in chosen)
        return t["ask_split"].format(split=split)
    return t["ask_spread"].format(low=fmt1(item.summary.min), high=fmt1(item.summary.max))


def question_view(
    q: Questionnaire,
    question: Question,
    item: ItemStats,
    number: str,
    contested: set[str],
    t: dict[str, str],
    lang: str,
    written: Sequence[str] = (),
) -> GroupQuestionView:
    """One question's section: its figures, and its answers counted as a chart and a table.

    ``written`` are the written answers of a text question with ``share_answers``.
    """
    scored = is_scored(question, q.principle_of(question.id))
    s = item.summary
    figures: list[tuple[str, str]] = []
    note = ""
    if isinstance(question, TextQuestion):
        shared = isinstance(question, TextQuestion) and question.share_answers
        note = t["text_answers_shared" if shared else "text_answers"].format(n=s.n)
    elif scored and s.n:
        figures = [
            (t["n"], str(s.n)),
            (t["mean"], fmt1(s.mean)),
            (t["median"], fmt1(s.median)),
            (t["sd"], fmt1(s.sd)),
            (t["consensus"], fmt_pct(item.consensus)),
        ]
        if isinstance(question, NumberQuestion):
            note = t["number_figures"]
    elif not scored:
        note = t["not_scored_question"]
    else:
        note = t["no_answers"]
    if item.shares is not None:
        # On an agreement scale people read "how many agree", beside any score.
        sides = zip((t["agree"], t["neutral"], t["disagree"]), item.shares, strict=True)
        figures = [*figures, *((label, fmt_pct(share)) for label, share in sides)]
    counts = _distribution_labels(question, item, t)
    total = sum(n for _, n in counts)
    chart = ""
    rows: list[tuple[str, str, str]] = []
    if counts and total:
        chart = distribution(
            f"chart-q-{question.id}", counts, f"{t['chart_distribution']}: {number}", label_width=16
        )
        rows = [(label, str(n), f"{round(n / total * 100)}%") for label, n in counts]
    excluded = t["excluded_counts"].format(
        na=item.not_applicable, dk=item.dont_know, un=item.unanswered
    )
    if item.not_asked:
        excluded += " · " + t["not_asked_count"].format(n=item.not_asked)
    return GroupQuestionView(
        id=question.id,
        anchor=f"q-{question.id}",
        number=number,
        text=say(q, question.text, lang),
        scored=scored,
        contested=question.id in contested,
        figures=figures,
        excluded=excluded if not isinstance(question, TextQuestion) else "",
        chart=Markup(chart),  # noqa: S704 - built by coprod.report.charts.group, which escapes all text
        rows=rows,
        note=note,
        written=[str(w) for w in written],
    )


def _distribution_labels(
    question: Question, item: ItemStats, t: dict[str, str]
) -> list[tuple[str, int]]:
    """The distribution with labels in the report's language (groupstats writes 'Yes'/'No')."""
    if isinstance(question, YesNoQuestion):
        words = {"Yes": t["yes"], "No": t["no"]}
        return [(words.get(label, label), n) for label, n in item.distribution]
    return list(item.distribution)


def spread_section(
    q: Questionnaire, everyone: GroupStats, t: dict[str, str], lang: str
) -> tuple[Markup, list[list[str]]]:
    """The box plot of principle and overall scores for everyone, and its table's rows."""
    titles = {p.id: say(q, p.title, lang) for p in q.principles}
    scored = [p for p in everyone.principles if p.scored]
    items = [*scored, *([everyone.overall] if everyone.overall else [])]
    spreads = []
    rows = []
    numbers = {p.id: i for i, p in enumerate(q.principles, 1)}
    shown = ScoreShown(q, lang)
    for item in items:
        s = item.summary
        i = numbers.get(item.id, 0)
        name = titles.get(item.id, t["overall"])
        label = mark(f"{i}. {name}", name) if item.kind == "principle" else name
        spreads.append(Spread(label, s.n, s.mean, s.median, s.q1, s.q3, s.min, s.max))
        band = say(q, q.band_label(s.mean), lang)
        # With 'show: marks' the table is in marks (the chart stays on its 0-100 axis).
        at = partial(shown.figure, item.id) if not shown.plain else fmt1
        rows.append(
            [
                label,
                str(s.n),
                shown.mean(item.id, s.mean) if not shown.plain else fmt1(s.mean),
                band,
                at(s.median),
                shown.width(item.id, s.sd) if not shown.plain else fmt1(s.sd),
                f"{at(s.q1)}–{at(s.q3)}" if s.q1 is not None else "–",
                f"{at(s.min)}–{at(s.max)}" if s.min is not None else "–",
                fmt_pct(item.consensus),
            ]
        )
    legend = (t["legend_whisker"], t["legend_box"], t["legend_median"], t["legend_mean"])
    chart = spread(
        "chart-spread", spreads, t["chart_spread"], missing=t["not_enough"], legend=legend
    )
    return Markup(chart), rows  # noqa: S704 - built by coprod.report.charts.group


def by_group_table(
    q: Questionnaire, result: BatchResult, t: dict[str, str], lang: str
) -> GroupTable | None:
    """Each shown group's mean per principle (a dot chart for a few groups); None without --by."""
    stats = result.stats
    shown = [g for g in stats.groups if not g.suppressed]
    if not stats.by or not shown:
        return None
    everyone = stats.everyone
    columns = [everyone, *shown]
    names = [group_name(g.name, t) for g in columns]
    titles = [_numbered(q, i, p.title, lang) for i, p in enumerate(q.principles, 1)]
    # Unscored parts have no means to show; their rows are left out, the numbering kept.
    keep = [k for k, p in enumerate(q.principles) if principle_is_scored(p)]

    def cell(item: ItemStats | None) -> str:
        if item is None or item.suppressed:
            return t["held_back"]
        if item.summary.mean is None:
            return "–"
        return f"{fmt1(item.summary.mean)} ({item.summary.n})"

    rows = [[t["people"], *(str(g.people) for g in columns)]]
    for k in keep:
        rows.append([titles[k], *(cell(g.principles[k]) for g in columns)])
    if q.scoring.overall:
        rows.append([t["overall"], *(cell(g.overall) for g in columns)])
    chart = ""
    if 2 <= len(shown) <= MAX_CHART_GROUPS:

        def mean(item: ItemStats | None) -> float | None:
            return None if item is None or item.suppressed else item.summary.mean

        dots = [GroupRow(titles[k], [mean(g.principles[k]) for g in shown]) for k in keep]
        if q.scoring.overall:
            dots.append(GroupRow(t["overall"], [mean(g.overall) for g in shown]))
        chart = group_dots(
            "chart-groups",
            [group_name(g.name, t) for g in shown],
            dots,
            t["chart_groups"],
            missing=t["not_enough"],
        )
    return GroupTable(
        heading=t["by_group_heading"],
        chart=Markup(chart),  # noqa: S704 - built by coprod.report.charts.group
        headers=[t["item"], *names],
        rows=rows,
    )


def gap_prompts(
    q: Questionnaire, result: BatchResult, t: dict[str, str], lang: str
) -> tuple[list[Prompt], str]:
    """Perspective gaps with questions to discuss, or no gaps and a sentence saying why."""
    stats = result.stats
    if stats.by != "perspective":
        return [], t["gaps_not_run"]
    shown = {g.name for g in stats.groups if not g.suppressed}
    if not {"staff", "lived_experience"} <= shown:
        # Not which of the two is missing, nor why: a hidden group's size is never hinted at.
        return [], t["gaps_not_shown"]
    if not stats.gaps:
        return [], t["no_gaps"]
    numbers = question_numbers(q)
    titles = {p.id: say(q, p.title, lang) for p in q.principles}
    prompts = []
    for gap in stats.gaps:
        if gap.kind == "overall":
            title, anchor = t["kind_overall"], "spread"
        elif gap.kind == "principle":
            name = titles.get(gap.id, gap.title)
            title, anchor = mark(f"{t['kind_principle']}: {name}", name), f"p-{gap.id}"
        else:
            question = q.question(gap.id)
            text = say(q, question.text, lang) if question else gap.title
            title, anchor = mark(f"{numbers.get(gap.id, '')} {text}".strip(), text), f"q-{gap.id}"
        ask = t["ask_gap_lower"] if gap.gap < 0 else t["ask_gap_higher"]
        prompts.append(
            Prompt(
                anchor=anchor,
                title=title,
                figures=[
                    (t["staff_mean"], fmt1(gap.first_mean)),
                    (t["lived_mean"], fmt1(gap.second_mean)),
                    (t["difference"], f"{gap.gap:+.1f}"),
                ],
                ask=ask.format(difference=f"{abs(gap.gap):.1f}"),
            )
        )
    return prompts, ""


def room_recommendations(
    q: Questionnaire, scores: Scores, sources: list[SourceView], t: dict[str, str], lang: str
) -> list[RecommendationView]:
    """The room's recommendations, each under its numbered principle."""
    titles = {p.id: _numbered(q, i, p.title, lang) for i, p in enumerate(q.principles, 1)}
    return recommendation_views(q, scores.recommendations, sources, t, lang, titles)


def one_organisation(result: BatchResult) -> str:
    """The one organisation everyone belongs to, when there is one and the room is not small."""
    column = result.sheets.meta.get("organisation") or []
    names = {column[i].strip() for i in result.rows if i < len(column)}
    if len(names) == 1 and result.scores.people >= MIN_GROUP:
        return names.pop()
    return ""
