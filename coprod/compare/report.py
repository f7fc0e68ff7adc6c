"""The comparison report: a view-model built from a Comparison, rendered as HTML and tagged PDF.

It uses the report's templates (``base.html.j2``, ``report.css``, ``_macros``), its
one Jinja environment and its locked-down PDF renderer; its own templates and
wording are in ``report_templates/compare/``. Every text is picked and every
figure formatted here, so the templates only lay things out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from coprod import __version__
from coprod.compare.glance import MOST_WIDE, glance_lines
from coprod.compare.results import (
    ALL_ROUNDS,
    DECLINED,
    IMPROVED,
    NOISE,
    NOT_COMPARABLE,
    UNKNOWN_SPREAD,
    Comparison,
    Unit,
    UnitFigures,
)
from coprod.compare.shown import CompareFigures
from coprod.compare.views import (
    CompareReport,
    ComparisonSummary,
    HeatCell,
    HeatRow,
    RankRow,
    UnitChange,
)
from coprod.model import pick
from coprod.report.charts.compare import (
    Arrow,
    BandRange,
    arrows,
    heat_legend,
    heat_style,
)
from coprod.report.charts.svg import NarrowRow, narrow_bars, responsive
from coprod.report.labels import draft_note, fill_labels, labels
from coprod.report.progress import ProgressBuilder
from coprod.report.views import FactsCover
from coprod.scoring.score import principle_is_scored
from coprod.scoring.spread import CONSENSUS_POINTS, CONTESTED_BELOW

if TYPE_CHECKING:  # the renderer imports Jinja; only its type is needed here
    from coprod.report.render import PdfProgress

TEMPLATE = "compare/report.html.j2"
#: Each verdict's short wording, by its key in the compare labels (verdict_improved: ...).
SHORT_VERDICT = {
    IMPROVED: "verdict_improved",
    DECLINED: "verdict_declined",
    NOISE: "verdict_noise",
    UNKNOWN_SPREAD: "verdict_cannot_tell",
    NOT_COMPARABLE: "verdict_not_comparable",
}
#: The same in full, for the change tables.
LONG_VERDICT = {**SHORT_VERDICT, UNKNOWN_SPREAD: "verdict_no_spread"}


def _heat(
    cell: UnitFigures, t: dict[str, str], bands: list[BandRange], fig: CompareFigures
) -> HeatCell:
    if cell.suppressed:
        return HeatCell(t["suppressed_short"], "", heat_style(None), muted=True)
    if cell.mean is None:
        return HeatCell(t["no_score"], "", heat_style(None), muted=True)
    detail = f"n {cell.n}" if fig.level else f"n {cell.n} · {t['sd_short']} {fig.spread(cell)}"
    if cell.agree is not None:
        detail += f" · {cell.agree:g}% {t['agree_short']}"
    at = fig.position(cell)
    return HeatCell(fig.value(cell), detail, heat_style(at, bands), flag=cell.wide_spread)


def build_compare_report(c: Comparison, *, each_unit: bool = False) -> CompareReport:
    """The comparison report's view-model; ``each_unit`` adds a page per unit over time."""
    raw = labels(c.lang, "compare")
    q = c.questionnaire
    titles = {p.id: pick(p.title, c.lang) for p in q.principles}
    latest = c.latest
    shown = [u for u in c.units if (r := u.rounds.get(latest)) is not None and not r.suppressed]
    nouns = raw[f"nouns_{c.by}"]

    def plural(n: int, one: str, many: str) -> str:
        return f"{n} {one if n == 1 else many}"

    t = fill_labels(
        raw,
        {
            "units": plural(len(c.units), raw[f"noun_{c.by}"], nouns),
            "min_responses": plural(c.min_group, "response", "responses"),
            "min_scores": plural(c.min_group, "score", "scores"),
            "responses_phrase": plural(c.responses, "response", "responses"),
            "left_out_phrase": plural(len(c.skipped), "input", "inputs"),
            "count": str(len(c.units)),
            "shown": str(len(shown)),
            "suppressed": str(len(c.units) - len(shown)),
            "responses": str(c.responses),
            "left_out": str(len(c.skipped)),
            "noun": raw[f"noun_{c.by}"],
            "nouns": nouns,
            "Nouns": nouns[:1].upper() + nouns[1:],
            "min": str(c.min_group),
            "a": c.baseline or "",
            "b": latest,
            "in_round": f", {latest}" if c.over_time else "",
            "share": f"{CONTESTED_BELOW:g}",
            "points": f"{CONSENSUS_POINTS:g}",
            "qid": q.id,
            "version": q.version,
        },
    )
    fig = CompareFigures(q, c.lang)
    # Without an overall score there is nothing to rank units by, and no overall column.
    ranking = _ranking(c, titles, t, fig) if q.scoring.overall else []
    with_overall = q.scoring.overall
    bands = [(b.min, b.max, pick(b.label, c.lang)) for b in q.bands]
    heatmap = [
        HeatRow(
            u.label,
            [
                _heat(cell, t, bands, fig)
                for cell in [*([r.overall] if with_overall else []), *r.principles]
            ],
        )
        for u in c.units
        if (r := u.rounds.get(latest)) is not None
    ]
    wide = [
        f"{u.label}: {titles.get(cell.id, t['overall'])}"
        f" ({t['consensus_short']} {cell.stats.consensus:g}%"
        + ("" if fig.level else f", {t['sd_short']} {fig.spread(cell)}")
        + ")"
        for u in c.units
        if (r := u.rounds.get(latest)) is not None
        for cell in [r.overall, *r.principles]
        if cell.wide_spread and cell.stats is not None and cell.stats.consensus is not None
    ]
    if len(wide) > MOST_WIDE:
        wide = [*wide[:MOST_WIDE], t["glance_wide_more"].format(more=len(wide) - MOST_WIDE)]
    changes, unit_changes, verdicts = _changes(c, titles, t, fig) if c.over_time else ([], [], [])
    if not each_unit:
        unit_changes = []
    facts = [
        (t["questionnaire"], f"{pick(q.title, c.lang)}, {t['version']} {q.version}"),
        (t["grouped_by"], t[f"by_{c.by}"]),
        (t["rounds"], ", ".join(c.rounds) if c.over_time else t["rounds_pooled"]),
        (t["responses_compared"], str(c.responses)),
        (t["smallest_group"], str(c.min_group)),
        (t["left_out"], str(len(c.skipped))),
    ]
    if c.organisation:
        facts.insert(0, (t["organisation"], c.organisation))
    if c.over_time and c.baseline:
        facts.insert(3, (t["baseline"], c.baseline))
    if c.bridge is not None:
        shared = f"{len(c.bridge.shared)} ({', '.join(c.bridge.versions)})"
        facts.insert(1, (t["versions_shared"], shared))
    if c.anonymised:
        facts.append((t["anonymised"], t["anonymised_yes"]))
    title = t["title_over_time"] if c.over_time else t["title"]
    left_out = [
        (str(s.number), "" if c.anonymised else s.where, s.kind if c.anonymised else s.reason)
        for s in c.skipped
    ]
    principles = [
        f"{k}. {titles[p.id]}" for k, p in enumerate(q.principles, 1) if principle_is_scored(p)
    ]
    return CompareReport(
        draft_note=draft_note(q, [c.lang], t, "compare"),
        lang=c.lang,
        title=title,
        generator=f"coprod {__version__}",
        cover=FactsCover(pick(q.title, c.lang), q.version, c.organisation, facts),
        summary=ComparisonSummary(
            score=title,
            units=len(c.units),
            shown=len(shown),
            suppressed=len(c.units) - len(shown),
            responses=c.responses,
            left_out=len(c.skipped),
            wide=wide,
            verdicts=verdicts,
            lines=glance_lines(c, titles, t, fig),
        ),
        principles=principles,
        columns=[t["overall"], *principles] if q.scoring.overall else principles,
        ranking=ranking,
        heatmap=heatmap,
        legend=heat_legend(bands, t["legend_range"], t["legend_top"]),
        over_time=c.over_time,
        baseline=c.baseline or "",
        latest=latest if latest != ALL_ROUNDS else "",
        changes=changes,
        unit_changes=unit_changes,
        method=_method(c, t),
        left_out=left_out,
        warnings=c.warnings,
        t=t,
        unit_noun=t[f"noun_{c.by}"],
        min_group=c.min_group,
        anonymised=c.anonymised,
        each_unit=each_unit,
        **_versions(c, t),
    )


def _versions(c: Comparison, t: dict[str, str]) -> dict[str, Any]:
    """Across versions: the sentence saying what was compared, and each question left out."""
    b = c.bridge
    if b is None:
        return {}
    text = t["versions_intro"].format(
        versions=" and ".join(b.versions), shared=len(b.shared), left=len(b.left_out)
    )
    rows = [(x.version, x.id, pick(x.text, c.lang), x.why) for x in b.left_out]
    return {"versions": text, "versions_left_out": rows}


def _ranking(
    c: Comparison, titles: dict[str, str], t: dict[str, str], fig: CompareFigures
) -> list[RankRow]:
    rows = []
    numbers = {p.id: str(k) for k, p in enumerate(c.questionnaire.principles, 1)}

    def order(u: Unit) -> tuple[int, float]:
        r = u.rounds.get(c.latest)
        mean = r.overall.mean if r is not None and r.overall.mean is not None else None
        return (0, -mean) if mean is not None else (1, 0.0)

    for unit in sorted(c.units, key=order):
        r = unit.rounds.get(c.latest)
        if r is None:
            continue
        if r.suppressed:
            note = t["suppressed_note"]
            rows.append(RankRow("", unit.label, "–", "–", "–", "–", "–", "", "", note))
            continue
        s = r.overall.stats.summary if r.overall.stats else None
        note = t["wide_note"] if r.overall.wide_spread else ""
        if s is None:
            note = t["no_score"]
        rows.append(
            RankRow(
                unit.rank or "–",
                unit.label,
                fig.score("overall", s.mean if s else None),
                f"{s.n}" if s else "0",
                fig.score("overall", s.median if s else None),
                fig.spread(r.overall),
                fig.width("overall", s.iqr if s else None),
                "; ".join(titles[p] for p in unit.strongest),
                "; ".join(titles[p] for p in unit.weakest),
                note,
                ", ".join(numbers[p] for p in unit.strongest),
                ", ".join(numbers[p] for p in unit.weakest),
            )
        )
    return rows


def _changes(
    c: Comparison, titles: dict[str, str], t: dict[str, str], fig: CompareFigures
) -> tuple[list[HeatRow], list[UnitChange], list[tuple[str, int, int, int, int]]]:
    latest = c.latest
    rows: list[HeatRow] = []
    charts: list[UnitChange] = []
    q = c.questionnaire
    tally: dict[str, list[int]] = {"overall": [0, 0, 0, 0]} if q.scoring.overall else {}
    tally.update({p.id: [0, 0, 0, 0] for p in q.principles if principle_is_scored(p)})
    for k, unit in enumerate(c.units):
        found = [
            ch
            for ch in unit.changes
            if ch.round == latest and (ch.id != "overall" or c.questionnaire.scoring.overall)
        ]
        if not found:
            continue
        cells = []
        before = unit.rounds.get(c.baseline or "")
        after = unit.rounds[latest]
        for ch in found:
            word = t[SHORT_VERDICT[ch.verdict]]
            key = {IMPROVED: 0, DECLINED: 1, NOISE: 2}.get(ch.verdict, 3)
            tally[ch.id][key] += 1
            muted = ch.change is None
            cells.append(
                HeatCell(
                    _moved(fig, ch.id, ch.change, _cell(before, ch.id), _cell(after, ch.id)),
                    word,
                    heat_style(None),
                    flag=ch.verdict in (IMPROVED, DECLINED),
                    muted=muted,
                )
            )
        rows.append(HeatRow(unit.label, cells))
        arrows_rows = [
            Arrow(
                t["overall"] if ch.id == "overall" else titles[ch.id],
                ch.baseline,
                ch.latest,
                t[SHORT_VERDICT[ch.verdict]],
            )
            for ch in found
        ]
        title = t["chart_change"].replace("{unit}", unit.label)
        wide = arrows(
            f"chart-change-{k}",
            arrows_rows,
            title,
            improved=t[SHORT_VERDICT[IMPROVED]],
            declined=t[SHORT_VERDICT[DECLINED]],
            to=t["range_to"],
        )
        phone = [
            NarrowRow(
                a.label,
                a.after,
                f"{fig.score(ch.id, a.before)} → {fig.score(ch.id, a.after)}",
                *_span(a),
            )
            for a, ch in zip(arrows_rows, found, strict=True)
        ]
        desc = "; ".join(f"{r.label}: {r.text}" for r in phone) + "."
        chart = responsive(wide, narrow_bars(f"chart-change-{k}-narrow", phone, title, desc))
        table = []
        for ch in found:
            b_cell = _cell(before, ch.id)
            a_cell = _cell(after, ch.id)
            table.append(
                (
                    t["overall"] if ch.id == "overall" else titles[ch.id],
                    _with_spread(b_cell, t, fig),
                    _with_spread(a_cell, t, fig),
                    _moved(fig, ch.id, ch.change, b_cell, a_cell),
                    t[LONG_VERDICT[ch.verdict]],
                )
            )
        charts.append(
            UnitChange(unit.label, f"unit-{k}", Markup(chart), table)  # noqa: S704 - escaped SVG
        )
    verdicts = [
        (t["overall"] if pid == "overall" else titles[pid], *counts)
        for pid, counts in tally.items()
    ]
    return rows, charts, verdicts  # type: ignore[return-value]


def _span(arrow: Arrow) -> tuple[float, float] | tuple[()]:
    """The range from the lower to the higher score of a change, when both are known."""
    if arrow.before is None or arrow.after is None:
        return ()
    return (min(arrow.before, arrow.after), max(arrow.before, arrow.after))


def _cell(figures: object, item: str) -> UnitFigures | None:
    from coprod.compare.results import UnitRound

    if not isinstance(figures, UnitRound):
        return None
    return next((x for x in [figures.overall, *figures.principles] if x.id == item), None)


def _with_spread(cell: UnitFigures | None, t: dict[str, str], fig: CompareFigures) -> str:
    if cell is None:
        return t["not_in_round"]
    if cell.suppressed:
        return t["suppressed_short"]
    if cell.mean is None:
        return t["no_score"]
    if fig.level:
        return f"{fig.value(cell)} (n {cell.n})"
    return f"{fig.value(cell)} (n {cell.n}, {t['sd_short']} {fig.spread(cell)})"


def _moved(
    fig: CompareFigures,
    item: str,
    change: float | None,
    before: UnitFigures | None,
    after: UnitFigures | None,
) -> str:
    """A change as written: points or marks; for levels, the median level then and now."""
    if not fig.level:
        return fig.change(item, change)
    if before is None or after is None or before.stats is None or after.stats is None:
        return "–"
    return f"{fig.value(before)} → {fig.value(after)}"


def _method(c: Comparison, t: dict[str, str]) -> list[str]:
    out = [t["method_same"], t["method_stats"], t["method_suppress"], t["method_spread"]]
    show = c.questionnaire.scoring.show
    out += (
        [t["method_marks"]] if show == "marks" else [t["method_level"]] if show == "level" else []
    )
    if c.questionnaire.scoring.overall:
        out.append(t["method_rank"])
    if c.over_time:
        out += [t["method_rounds"], t["method_noise"]]
    if c.anonymised:
        out.append(t["method_anonymised"])
    return out


def comparison_html(
    c: Comparison, progress: ProgressBuilder | None = None, *, each_unit: bool = False
) -> str:
    """The comparison report as an HTML string; ``progress`` adds a plan's progress section.

    ``each_unit`` adds a page per unit over time.
    """
    from dataclasses import replace

    from coprod.report.render import render_html

    report = build_compare_report(c, each_unit=each_unit)
    if progress is not None:
        report = replace(report, progress=progress(c.lang, ""))
    return render_html({"report": report, "t": report.t}, name=TEMPLATE)


def comparison_pdf(html: str, rendering: PdfProgress | None = None) -> bytes:
    """The comparison report as a tagged PDF; ``rendering`` hears how the renderer gets on."""
    from coprod.report.render import render_pdf

    return render_pdf(html, progress=rendering)
