"""'At a glance': the few facts a programme lead reads first, each naming a unit and its n.

The highest and lowest overall score, the unit that changed most since the
baseline, and the principle on which the units differ most. Sentences come from
the comparison report's labels, so they are in the report's language.
"""

from __future__ import annotations

from coprod.compare.results import Comparison, UnitFigures
from coprod.compare.shown import CompareFigures

#: At most this many 'wide spread' lines on the glance page; the heatmap marks every one.
MOST_WIDE = 8


def glance_lines(
    c: Comparison, titles: dict[str, str], t: dict[str, str], fig: CompareFigures
) -> list[str]:
    """The highest, lowest and most changed units (with n) and the widest-spread principle.

    Figures are written as the questionnaire shows them (``fig``: 0-100, marks, levels).
    """
    written = fig.score
    latest = c.latest
    scored: list[tuple[float, str, UnitFigures]] = []
    for unit in c.units:
        r = unit.rounds.get(latest)
        if r is not None and not r.suppressed and r.overall.mean is not None:
            scored.append((r.overall.mean, unit.label, r.overall))
    lines = []
    if len(scored) >= 2:
        high = max(scored, key=lambda x: x[0])
        low = min(scored, key=lambda x: x[0])
        top = written("overall", high[0])
        lines.append(t["glance_highest"].format(unit=high[1], score=top, n=high[2].n))
        bottom = written("overall", low[0])
        lines.append(t["glance_lowest"].format(unit=low[1], score=bottom, n=low[2].n))
    if c.over_time and not fig.level:
        moved = [
            (abs(ch.change), ch.change, unit.label, unit.rounds[latest].overall.n)
            for unit in c.units
            for ch in unit.changes
            if ch.id == "overall" and ch.round == latest and ch.change is not None
        ]
        if moved:
            _, change, label, n = max(moved, key=lambda x: x[0])
            lines.append(t["glance_most_changed"].format(unit=label, change=f"{change:+.1f}", n=n))
    widest = _widest_principle(c, titles, fig)
    if widest:
        pid, title, (least, least_unit), (most, most_unit) = widest
        lines.append(
            t["glance_widest"].format(
                principle=title,
                low=written(pid, least),
                low_unit=least_unit,
                high=written(pid, most),
                high_unit=most_unit,
            )
        )
    return lines


def _widest_principle(
    c: Comparison, titles: dict[str, str], shown: CompareFigures
) -> tuple[str, str, tuple[float, str], tuple[float, str]] | None:
    """The principle whose unit means (for levels: medians) lie furthest apart, with its ends."""
    best = None
    at = shown.position
    for k, p in enumerate(c.questionnaire.principles):
        means = [
            (at(fig) or 0.0, unit.label)
            for unit in c.units
            if (r := unit.rounds.get(c.latest)) is not None and not r.suppressed
            # Unscored parts have no figures, so a unit's principles are found by id.
            for fig in r.principles
            if fig.id == p.id and at(fig) is not None
        ]
        if len(means) < 2:
            continue
        low, high = min(means), max(means)
        if best is None or high[0] - low[0] > best[0]:
            best = (high[0] - low[0], p.id, f"{k + 1}. {titles[p.id]}", low, high)
    return None if best is None else (best[1], best[2], best[3], best[4])
