"""Small, deterministic inline SVG charts for the report: a radar and horizontal bars.

Only ``rect``, ``path``, ``line``, ``text``, ``circle`` and ``g`` are drawn, the
features WeasyPrint renders faithfully in a PDF. Every chart has ``role="img"``,
a ``<title>`` (WeasyPrint's PDF alt text) and a ``<desc>`` listing the figures,
and every value is also written as text, so no meaning rests on colour alone.
The same input always gives byte-identical output (snapshot-tested).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from xml.sax.saxutils import escape

from coprod.report.charts.svg import (
    FILL,
    FILL_LIGHT,
    GRID,
    INK,
    MISSING,
    NarrowRow,
    axis_0_100,
    narrow_bars,
    num,
    open_svg,
    row_label,
    value_text,
    wrap,
)


@dataclass(frozen=True)
class Point:
    """One labelled value on a 0-100 scale; ``None`` means 'not enough answers'."""

    label: str
    value: float | None
    text: str = ""  # how the value is written, e.g. "6 of 15"; default one decimal


def describe(points: list[Point], missing: str) -> str:
    """The figures of a chart as one sentence, for ``<desc>``."""
    return "; ".join(f"{p.label}: {p.text or value_text(p.value, missing)}" for p in points) + "."


def bars(
    chart_id: str,
    points: list[Point],
    title: str,
    *,
    missing: str = "not enough answers",
    label_width: int = 28,
) -> str:
    """Horizontal bars on a 0-100 axis, each labelled with its value."""
    row = 34.0
    left = 8.0 + label_width * 6.4
    plot = 300.0
    # Room right of the axis for the longest value: "36 of 75" or a ladder's "4 – Involving".
    drawn = [p for p in points if p.value is not None]  # "not enough answers" goes left
    longest = max((len(p.text or value_text(p.value, missing)) for p in drawn), default=0)
    right = max(60.0, 16.0 + 7.4 * longest)
    top = 8.0
    width = left + plot + right
    height = top + row * len(points) + 26.0
    parts = open_svg(chart_id, width, height, title, describe(points, missing))
    axis_y = top + row * len(points)
    axis_0_100(parts, left, plot, top, axis_y)
    parts.append('<g class="bars" aria-hidden="true">')
    for i, point in enumerate(points):
        y = top + row * i
        row_label(parts, point.label, left - 8, y + row / 2, label_width)
        if point.value is None:
            parts.append(
                f'<text x="{num(left + 6)}" y="{num(y + row / 2 + 4)}" font-size="11" '
                f'font-style="italic" fill="{MISSING}">{escape(missing)}</text>'
            )
            continue
        value = min(max(point.value, 0.0), 100.0)
        bar = plot * value / 100
        parts.append(
            f'<rect x="{num(left)}" y="{num(y + 7)}" width="{num(bar)}" '
            f'height="{num(row - 14)}" fill="{FILL}"/>'
        )
        # Values in a column right of the axis, where no grid line runs through them.
        written = escape(point.text or value_text(point.value, missing))
        parts.append(
            f'<text x="{num(left + plot + 10)}" y="{num(y + row / 2 + 4)}" font-size="12" '
            f'font-weight="bold" fill="{INK}">{written}</text>'
        )
    parts.append("</g></svg>")
    return "\n".join(parts)


def radar(
    chart_id: str,
    points: list[Point],
    title: str,
    *,
    missing: str = "not enough answers",
    size: float = 460.0,
) -> str:
    """A radar (spider) chart of 0-100 values; needs at least three points.

    A point without a value is drawn at the centre as a hollow circle and its
    label says so, rather than being silently shown as zero.
    """
    if len(points) < 3:
        raise ValueError("a radar chart needs at least three points; use bars()")
    margin_x = 175.0
    margin_y = 64.0
    radius = size / 2 - 40
    cx = margin_x + size / 2
    cy = margin_y + size / 2
    width = size + 2 * margin_x
    height = size + 2 * margin_y
    n = len(points)

    def at(i: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        r = radius * value / 100
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    parts = open_svg(chart_id, width, height, title, describe(points, missing))
    parts.append('<g class="grid" aria-hidden="true">')
    for ring in (25, 50, 75, 100):
        corners = [at(i, ring) for i in range(n)]
        d = "M" + " L".join(f"{num(x)} {num(y)}" for x, y in corners) + " Z"
        parts.append(
            f'<path d="{d}" fill="none" stroke="{GRID}" '
            f'stroke-width="{"1.25" if ring == 100 else "0.75"}"/>'
        )
        x, y = at(0, ring)
        parts.append(
            f'<text x="{num(x + 4)}" y="{num(y + 14)}" font-size="12" fill="{INK}">{ring}</text>'
        )
    for i in range(n):
        x, y = at(i, 100)
        parts.append(
            f'<line x1="{num(cx)}" y1="{num(cy)}" x2="{num(x)}" y2="{num(y)}" '
            f'stroke="{GRID}" stroke-width="0.75"/>'
        )
    parts.append("</g>")
    parts.append('<g class="data" aria-hidden="true">')
    shape = [at(i, p.value if p.value is not None else 0.0) for i, p in enumerate(points)]
    d = "M" + " L".join(f"{num(x)} {num(y)}" for x, y in shape) + " Z"
    parts.append(
        f'<path d="{d}" fill="{FILL_LIGHT}" fill-opacity="0.7" stroke="{FILL}" stroke-width="2.5"/>'
    )
    for (x, y), point in zip(shape, points, strict=True):
        if point.value is None:
            parts.append(
                f'<circle cx="{num(x)}" cy="{num(y)}" r="5" fill="#ffffff" '
                f'stroke="{MISSING}" stroke-width="2"/>'
            )
        else:
            parts.append(f'<circle cx="{num(x)}" cy="{num(y)}" r="4.5" fill="{FILL}"/>')
    for i, point in enumerate(points):
        angle = -math.pi / 2 + 2 * math.pi * i / n
        lx = cx + (radius + 16) * math.cos(angle)
        ly = cy + (radius + 16) * math.sin(angle)
        cos = math.cos(angle)
        anchor = "middle" if abs(cos) < 0.3 else ("start" if cos > 0 else "end")
        lines = [*wrap(point.label, 20, 3), point.text or value_text(point.value, missing)]
        sin = math.sin(angle)
        # Labels above the chart grow upwards, those below grow downwards.
        start = ly - (len(lines) - 1) * 17 if sin < -0.3 else (ly + 12 if sin > 0.3 else ly)
        for k, line in enumerate(lines):
            weight = ' font-weight="bold"' if k == len(lines) - 1 else ""
            parts.append(
                f'<text x="{num(lx)}" y="{num(start + k * 17)}" font-size="15" '
                f'text-anchor="{anchor}" fill="{INK}"{weight}>{escape(line)}</text>'
            )
    parts.append("</g></svg>")
    return "\n".join(parts)


def narrow(chart_id: str, points: list[Point], title: str, *, missing: str = "–") -> str:
    """The phone-width drawing of a bar or radar chart: each label above its bar."""
    rows = [NarrowRow(p.label, p.value, p.text or value_text(p.value, missing)) for p in points]
    return narrow_bars(chart_id, rows, title, describe(points, missing))
