"""The group report's sections: small views, each built from the batch's statistics.

Every text is picked in the report's language and every figure formatted here,
so templates only lay things out. Suppressed groups are never passed on.
"""

from __future__ import annotations

import re
import shlex
from functools import partial

from markupsafe import Markup

from coprod.batch.combine import OTHER, GroupPlan
from coprod.batch.run import BatchResult
from coprod.batch.stats import GroupStats
from coprod.batch.views import (
    GroupQuestionView,
    GroupTable,
    Prompt,
)
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
from coprod.report.charts.group import (
    GroupRow,
    Spread,
    describe_spread,
    distribution,
    group_dots,
    spread,
)
from coprod.report.charts.svg import NarrowRow, narrow_bars, responsive
from coprod.report.recommendations import recommendation_views
from coprod.report.views import RecommendationView, SourceView
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


def fmt1(value: float | None) -> str:
    """A figure with one decimal, or an en dash for none."""
    return "–" if value is None else f"{value:.1f}"


def fmt_pct(value: float | None) -> str:
    """A percentage as figures show it ('66.7%'), or an en dash for none."""
    return "–" if value is None else percent(value)


def group_name(name: str | None, t: dict[str, str], plan: GroupPlan | None = None) -> str:
    """A group's name as people read it: 'Lived experience', 'Not given'.

    With ``plan``, a group others were counted in says so: 'Lived experience (with Carer)'.
    """
    if name is None:
        return t["everyone"]
    if name == NOT_GIVEN:
        base = t["not_given"]
    elif name == OTHER and plan is not None and plan.members(OTHER):
        base = t["other_groups"]
    else:
        base = t.get(f"perspective_{name}", name)
    members = plan.members(name) if plan else ()
    if not members or name == OTHER:
        return base
    return t["group_with"].format(name=base, members=", ".join(group_name(m, t) for m in members))


def group_notes(plan: GroupPlan | None, t: dict[str, str]) -> list[str]:
    """Which groups were counted with others or held back, why, and the option that changes it."""
    if plan is None:
        return []
    notes = []
    shown = sorted(set(plan.assign.values()))
    for c in plan.combined:
        members = ", ".join(group_name(m, t) for m in c.members)
        into = group_name(c.into, t) if c.into != OTHER else t["other_groups"]
        if c.requested:
            notes.append(t["combined_asked"].format(members=members, into=into))
            continue
        others = [g for g in shown if g not in (c.into, *c.members)]
        pair = f"{c.members[0]}={others[0] if others else 'GROUP'}"
        notes.append(t["combined_small"].format(members=members, into=into, pair=shlex.quote(pair)))
    for h in plan.held_back:
        notes.append(t["held_back_group"].format(name=group_name(h.name, t)))
    return notes


def _numbered(q: Questionnaire, number: int, title: dict[str, str], lang: str) -> str:
    """'2. Sharing power', marked with its language when the title fell back to another."""
    name = say(q, title, lang)
    return mark(f"{number}. {name}", name)


def question_numbers(q: Questionnaire) -> dict[str, str]:
    """Each question's number as the reports print it: '2.3' is principle 2, question 3."""
    return q.numbers()


def strip_names(text: str, names: list[str], mask: str = "[name]") -> str:
    """``text`` with every participant's name, and each word of it, replaced by ``mask``.

    Whole words only, longest first, so 'Alice Ashdown' goes before 'Alice'; words of
    fewer than three letters are left (they are rarely names and often ordinary words).
    """
    words = {n.strip() for n in names if n.strip()}
    words |= {w for n in names for w in n.split() if len(w) >= 3 and w[:1].isupper()}
    if not words:
        return text
    pattern = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.sub(rf"(?<!\w)(?:{pattern})(?!\w)", mask, text)


def written_answers(result: BatchResult, question_id: str) -> list[str]:
    """The written answers to a free-text question, in sheet order, names taken out."""
    meta = result.sheets.meta.get("participant") or []
    names = [meta[i] for i in result.rows if i < len(meta)]
    column = result.scores.questions.get(question_id) or []
    return [
        strip_names(str(r.value).strip(), names)
        for r in column
        if r.value is not None and str(r.value).strip()
    ]


def discussion_question(question: Question, item: ItemStats, t: dict[str, str], lang: str) -> str:
    """A question for the room about a contested item, from what people actually answered."""
    chosen = [(label, n) for label, n in _distribution_labels(question, item, t, lang) if n > 0]
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
    texts: list[str] | None = None,
) -> GroupQuestionView:
    """One question's section: its figures, and its answers counted as a chart and a table.

    Shares are of the people who answered (a multiple-choice question's ticks add up to
    more than 100%); a yes/no question reads as the share answering yes. ``texts``: the
    written answers to show (``--show-text``), names already taken out.
    """
    scored = is_scored(question, q.principle_of(question.id))
    s = item.summary
    figures: list[tuple[str, str]] = []
    note = ""
    counts = _distribution_labels(question, item, t, lang)
    answered = item.answered or sum(n for _, n in counts)
    if isinstance(question, TextQuestion):
        note = t["text_answers"].format(n=s.n) if texts is None else ""
        if texts is not None:
            note = t["text_answers_shown"].format(n=len(texts))
    elif isinstance(question, YesNoQuestion) and answered:
        yes = dict(item.distribution).get("Yes", 0)
        figures = [
            (t["n"], str(answered)),
            (t["yes_share"], f"{round(yes / answered * 100)}% ({yes} / {answered})"),
        ]
        if scored:
            figures.append((t["consensus"], fmt_pct(item.consensus)))
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
    total = sum(n for _, n in counts)
    chart = ""
    rows: list[tuple[str, str, str]] = []
    if counts and total:
        title = f"{t['chart_distribution']}: {number}"
        cid = f"chart-q-{question.id}"
        rows = [(label, str(n), f"{round(n / answered * 100)}%") for label, n in counts]
        wide = distribution(cid, counts, title, label_width=16, answered=answered)
        phone = [
            NarrowRow(label, n / answered * 100, f"{n} ({round(n / answered * 100)}%)")
            for label, n in counts
        ]
        desc = "; ".join(f"{label}: {n} ({pct})" for label, n, pct in rows) + "."
        chart = responsive(wide, narrow_bars(f"{cid}-narrow", phone, title, desc))
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
        texts=texts or [],
        long_labels=len(counts) > 7 or any(len(label) > 32 for label, _ in counts),
    )


def _distribution_labels(
    question: Question, item: ItemStats, t: dict[str, str], lang: str
) -> list[tuple[str, int]]:
    """The distribution with labels in the report's language (groupstats writes 'Yes'/'No')."""
    if isinstance(question, YesNoQuestion):
        words = {
            "Yes": question.label(True, lang) or t["yes"],
            "No": question.label(False, lang) or t["no"],
        }
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
        at = partial(shown.figure, item.id) if not shown.plain else fmt1
        # With 'show: marks' the figures are in marks, on a ladder the median rung (no mean,
        # no sd: a mean of rungs means nothing); the boxes stay on their 0-100 axis.
        if shown.level:
            written = at(s.median) if s.median is not None else ""
        else:
            written = shown.mean(item.id, s.mean) if not shown.plain else ""
        spreads.append(Spread(label, s.n, s.mean, s.median, s.q1, s.q3, s.min, s.max, written))
        # No bands, no level column (an audit marked out of 15 has no levels to name).
        band = [say(q, q.band_label(s.mean), lang)] if q.bands else []
        middle = [
            at(s.median),
            *(
                []
                if shown.level
                else [shown.width(item.id, s.sd) if not shown.plain else fmt1(s.sd)]
            ),
        ]
        rows.append(
            [
                label,
                str(s.n),
                *([] if shown.level else [written or fmt1(s.mean)]),
                *band,
                *middle,
                # Rung names hold dashes already: "4 – Asking to 6 – Designing together".
                _span(at(s.q1), at(s.q3), t["range_to"] if shown.level else "–")
                if s.q1 is not None
                else "–",
                _span(at(s.min), at(s.max), t["range_to"] if shown.level else "–")
                if s.min is not None
                else "–",
                fmt_pct(item.consensus),
            ]
        )
    legend = (t["legend_whisker"], t["legend_box"], t["legend_median"], t["legend_mean"])
    chart = spread(
        "chart-spread",
        spreads,
        t["chart_spread"],
        missing=t["not_enough"],
        legend=legend,
        means=not shown.level,
    )
    phone = [
        NarrowRow(
            r.label, r.mean, r.text or (fmt1(r.mean) if r.mean is not None else "–"), r.low, r.high
        )
        for r in spreads
    ]
    desc = describe_spread(spreads, t["not_enough"], means=not shown.level)
    chart = responsive(chart, narrow_bars("chart-spread-narrow", phone, t["chart_spread"], desc))
    return Markup(chart), rows  # noqa: S704 - built by coprod.report.charts.group


def _span(low: str, high: str, between: str) -> str:
    """'10–13', or with words between ('4 – Asking to 6 – Designing together')."""
    return f"{low}{between}{high}" if between == "–" else f"{low} {between} {high}"


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
    names = [group_name(g.name, t, stats.plan) for g in columns]
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
        legend = [group_name(g.name, t, stats.plan) for g in shown]
        wide = group_dots("chart-groups", legend, dots, t["chart_groups"], missing=t["not_enough"])
        phone = [
            NarrowRow(f"{row.label}: {name}", value, fmt1(value))
            for row in dots
            for name, value in zip(legend, row.means, strict=True)
        ]
        desc = "; ".join(f"{r.label}: {r.text}" for r in phone) + "."
        chart = responsive(wide, narrow_bars("chart-groups-narrow", phone, t["chart_groups"], desc))
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
    missing = [g for g in ("staff", "lived_experience") if g not in shown]
    if missing:
        words = " or ".join(t.get(f"perspective_{g}", g).lower() for g in missing)
        # Too few to stand alone (counted with another group) is not the same as absent.
        present = stats.plan is not None and any(g in stats.plan.assign for g in missing)
        key = "gaps_combined" if present else "gaps_not_shown"
        return [], t[key].format(missing=words)
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
    return recommendation_views(q, scores.recommendations, sources, t, lang, titles, scores)


def one_organisation(result: BatchResult) -> str:
    """The one organisation everyone belongs to, when there is one and the room is not small."""
    column = result.sheets.meta.get("organisation") or []
    names = {column[i].strip() for i in result.rows if i < len(column)}
    if len(names) == 1 and result.scores.people >= MIN_GROUP:
        return names.pop()
    return ""
