"""Charts for comparisons: heatmap cell shading and an arrow (before → after) chart.

The heatmap is an HTML table, not a picture, so that a long one splits across
pages with its header row repeated and a screen reader reads it as a table; this
module only says how each cell is shaded. The score is printed in every cell, so
no meaning rests on colour. The arrow chart is inline SVG drawn like
:mod:`coprod.report.charts.single` (same colours, fonts, ``<title>``/``<desc>``, deterministic).
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from coprod.report.charts.svg import (
    FILL,
    INK,
    MISSING,
    axis_0_100,
    num,
    open_svg,
    row_label,
)

#: Five steps of blue, light to dark; the text colour on each passes WCAG AA (4.5:1).
HEAT_STEPS: tuple[tuple[float, str, str], ...] = (
    (20.0, "#f7fbff", "#1a1a1a"),
    (40.0, "#c6dbef", "#1a1a1a"),
    (60.0, "#6baed6", "#1a1a1a"),
    (80.0, "#2171b5", "#ffffff"),
    (100.1, "#08306b", "#ffffff"),
)
DECLINE = "#a63603"  # dark orange, 5.9:1 on white


@dataclass(frozen=True)
class HeatStyle:
    """How one heatmap cell is shaded: step number (0-4, or -1 for no score), background, text."""

    step: int
    background: str
    ink: str

    @property
    def css(self) -> str:
        """An inline style for the cell."""
        return f"background-color:{self.background};color:{self.ink}"


#: A questionnaire's band as the heatmap needs it: lowest score, highest, its name.
BandRange = tuple[float, float, str]


def band_shades(count: int) -> list[tuple[str, str]]:
    """(background, ink) for ``count`` bands, light to dark, spread over the five shades."""
    if count <= 1:
        return [HEAT_STEPS[2][1:]]
    picks = [round(k * (len(HEAT_STEPS) - 1) / (count - 1)) for k in range(count)]
    return [HEAT_STEPS[min(i, len(HEAT_STEPS) - 1)][1:] for i in picks]


def heat_style(score: float | None, bands: list[BandRange] | None = None) -> HeatStyle:
    """The shade of a 0-100 score; no score is white (the cell then says why in words).

    With ``bands`` (the questionnaire's levels), one shade per band, so a cell changes
    shade exactly where the level's name changes; without, five steps of 20 points.
    """
    if score is None:
        return HeatStyle(-1, "#ffffff", INK)
    if bands:
        ordered = sorted(bands)
        shades = band_shades(len(ordered))
        step = next((k for k, (_, high, _) in enumerate(ordered) if score < high), None)
        step = len(ordered) - 1 if step is None else step
        return HeatStyle(step, *shades[step])
    for step, (upper, background, ink) in enumerate(HEAT_STEPS):
        if score < upper:
            return HeatStyle(step, background, ink)
    return HeatStyle(len(HEAT_STEPS) - 1, HEAT_STEPS[-1][1], HEAT_STEPS[-1][2])


def heat_legend(
    bands: list[BandRange] | None = None,
    middle: str = "{low} to under {high}",
    top: str = "{low} to 100",
) -> list[tuple[str, HeatStyle]]:
    """The legend's ranges and shades: 'Making a start: 25 to under 50', or '0 to under 20'.

    ``middle`` and ``top`` word a range in the report's language.
    """
    if bands:
        ordered = sorted(bands)
        shades = band_shades(len(ordered))
        return [
            (
                f"{name}: "
                + (top if k == len(ordered) - 1 else middle).format(
                    low=f"{low:g}", high=f"{high:g}"
                ),
                HeatStyle(k, *shades[k]),
            )
            for k, (low, high, name) in enumerate(ordered)
        ]
    out = []
    low = 0.0
    for step, (upper, background, ink) in enumerate(HEAT_STEPS):
        last = step == len(HEAT_STEPS) - 1
        text = (top if last else middle).format(low=f"{low:g}", high=f"{upper:g}")
        out.append((text, HeatStyle(step, background, ink)))
        low = upper
    return out


@dataclass(frozen=True)
class Arrow:
    """One row of an arrow chart: a label, the score before and after, and the verdict in words."""

    label: str
    before: float | None
    after: float | None
    verdict: str


def _describe(rows: list[Arrow], missing: str, to: str = "to") -> str:
    def one(row: Arrow) -> str:
        before = missing if row.before is None else f"{row.before:.1f}"
        after = missing if row.after is None else f"{row.after:.1f}"
        return f"{row.label}: {before} {to} {after}, {row.verdict}"

    return "; ".join(one(r) for r in rows) + "."


def arrows(
    chart_id: str,
    rows: list[Arrow],
    title: str,
    *,
    improved: str = "improved",
    declined: str = "declined",
    missing: str = "–",
    label_width: int = 26,
    to: str = "to",
) -> str:
    """A chart of arrows from the baseline score (hollow circle) to the latest (arrow head).

    An arrow that is an improvement or decline beyond the spread is solid; one
    within the noise is dashed grey. The figures and the verdict are written at
    the right of each row, so the chart reads without colour.
    """
    row_h = 26.0
    left = 8.0 + label_width * 6.2
    plot = 300.0
    right = 190.0
    top = 8.0
    width = left + plot + right
    height = top + row_h * len(rows) + 26.0
    parts = open_svg(chart_id, width, height, title, _describe(rows, missing, to))
    axis_y = top + row_h * len(rows)
    axis_0_100(parts, left, plot, top, axis_y)
    parts.append('<g class="arrows" aria-hidden="true">')
    for i, row in enumerate(rows):
        y = top + row_h * i + row_h / 2
        row_label(parts, row.label, left - 8, y, label_width)
        parts.extend(_arrow(row, left, plot, y, improved, declined))
        before = missing if row.before is None else f"{row.before:.1f}"
        after = missing if row.after is None else f"{row.after:.1f}"
        parts.append(
            f'<text x="{num(left + plot + 10)}" y="{num(y + 4)}" font-size="11" '
            f'fill="{INK}"><tspan font-weight="bold">{before} → {after}</tspan> '
            f"{escape(row.verdict)}</text>"
        )
    parts.append("</g></svg>")
    return "\n".join(parts)


def _arrow(
    row: Arrow, left: float, plot: float, y: float, improved: str, declined: str
) -> list[str]:
    if row.before is None or row.after is None:
        value = row.after if row.after is not None else row.before
        if value is None:
            return []
        x = left + plot * min(max(value, 0.0), 100.0) / 100
        return [f'<circle cx="{num(x)}" cy="{num(y)}" r="4.5" fill="{MISSING}"/>']
    x1 = left + plot * min(max(row.before, 0.0), 100.0) / 100
    x2 = left + plot * min(max(row.after, 0.0), 100.0) / 100
    colour = FILL if row.verdict == improved else DECLINE if row.verdict == declined else MISSING
    dash = "" if row.verdict in (improved, declined) else ' stroke-dasharray="4 3"'
    out = [
        f'<circle cx="{num(x1)}" cy="{num(y)}" r="4.5" fill="#ffffff" '
        f'stroke="{colour}" stroke-width="2"/>'
    ]
    if abs(x2 - x1) < 1.0:
        out.append(f'<circle cx="{num(x2)}" cy="{num(y)}" r="2.5" fill="{colour}"/>')
        return out
    direction = 1.0 if x2 > x1 else -1.0
    tip = x2
    base = x2 - direction * 8.0
    if abs(x2 - x1) > 12.0:
        out.append(
            f'<line x1="{num(x1 + direction * 4.5)}" y1="{num(y)}" x2="{num(base)}" '
            f'y2="{num(y)}" stroke="{colour}" stroke-width="2.5"{dash}/>'
        )
    head = f"M{num(tip)} {num(y)} L{num(base)} {num(y - 5)} L{num(base)} {num(y + 5)} Z"
    out.append(f'<path d="{head}" fill="{colour}"/>')
    return out
