"""Charts for the workshop group report: box plots of spread, group dots, answer distributions.

Drawn like :mod:`coprod.report.charts.single`: only ``rect``, ``path``, ``line``, ``text``,
``circle`` and ``g``; ``role="img"`` with a ``<title>`` and a ``<desc>`` that
lists every figure; every value also written as text, and a data table beside
each chart in the report, so no meaning rests on colour or shape alone. The
same input always gives byte-identical output.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from coprod.report.charts.svg import (
    FILL,
    FILL_LIGHT,
    GRID,
    INK,
    MISSING,
    axis_0_100,
    num,
    open_svg,
    row_label,
    wrap,
)

#: A second ink for group markers, 7:1 on white; markers also differ in shape.
SECOND = "#8a3b00"


@dataclass(frozen=True)
class Spread:
    """One row of a box plot: a label and the five figures, plus the mean (0-100)."""

    label: str
    n: int
    mean: float | None
    median: float | None = None
    q1: float | None = None
    q3: float | None = None
    low: float | None = None
    high: float | None = None
    text: str = ""  # the mean as the report writes it ("11.5 of 15"); empty: the 0-100 figure


@dataclass(frozen=True)
class GroupRow:
    """One row of a group dot plot: a label and each group's mean (None: no figure)."""

    label: str
    means: list[float | None]


def _clip(value: float) -> float:
    return min(max(value, 0.0), 100.0)


def _f(value: float | None, missing: str) -> str:
    return missing if value is None else f"{value:.1f}"


def describe_spread(rows: list[Spread], missing: str, *, means: bool = True) -> str:
    """A box plot's figures as one sentence, for ``<desc>`` (``means``: say each mean)."""
    out = []
    for r in rows:
        if r.mean is None:
            out.append(f"{r.label}: {missing}")
            continue
        mean = f"mean {_f(r.mean, missing)}, " if means else ""
        out.append(
            f"{r.label}: {mean}median {r.text if not means and r.text else _f(r.median, missing)}, "
            f"middle half {_f(r.q1, missing)} to {_f(r.q3, missing)}, "
            f"lowest {_f(r.low, missing)}, highest {_f(r.high, missing)}, n {r.n}"
        )
    return "; ".join(out) + "."


def spread(
    chart_id: str,
    rows: list[Spread],
    title: str,
    *,
    missing: str = "not enough answers",
    legend: tuple[str, str, str, str] = ("lowest to highest", "middle half", "median", "mean"),
    label_width: int = 26,
    means: bool = True,
) -> str:
    """A horizontal box plot on a 0-100 axis: whiskers, middle half, median line, mean dot.

    ``means=False`` (a ladder, where a mean of rungs means nothing) leaves the dot out; each
    row's ``text`` is then its median as a rung.
    """
    row = 38.0
    left = 8.0 + label_width * 6.4
    plot = 300.0
    # Room right of the axis for the longest mean as written ("11.5 of 15").
    right = max(70.0, 16.0 + 7.4 * max((len(r.text) for r in rows), default=0))
    top = 8.0
    width = left + plot + right
    axis_y = top + row * len(rows)
    height = axis_y + 30.0 + 26.0
    parts = open_svg(chart_id, width, height, title, describe_spread(rows, missing, means=means))
    axis_0_100(parts, left, plot, top, axis_y)
    parts.append('<g class="boxes" aria-hidden="true">')
    for i, r in enumerate(rows):
        y = top + row * i
        mid = y + row / 2
        row_label(parts, r.label, left - 8, mid, label_width)
        if r.mean is None or None in (r.median, r.q1, r.q3, r.low, r.high):
            parts.append(
                f'<text x="{num(left + 6)}" y="{num(mid + 4)}" font-size="11" '
                f'font-style="italic" fill="{MISSING}">{escape(missing)}</text>'
            )
            continue

        def at(v: float | None) -> float:
            return left + plot * _clip(v or 0.0) / 100

        lo, hi, q1, q3, med = at(r.low), at(r.high), at(r.q1), at(r.q3), at(r.median)
        parts.append(
            f'<line x1="{num(lo)}" y1="{num(mid)}" x2="{num(hi)}" y2="{num(mid)}" '
            f'stroke="{INK}" stroke-width="1.5"/>'
        )
        for x in (lo, hi):
            parts.append(
                f'<line x1="{num(x)}" y1="{num(mid - 7)}" x2="{num(x)}" y2="{num(mid + 7)}" '
                f'stroke="{INK}" stroke-width="1.5"/>'
            )
        parts.append(
            f'<rect x="{num(q1)}" y="{num(mid - 11)}" width="{num(max(q3 - q1, 1.0))}" '
            f'height="22.00" fill="{FILL_LIGHT}" stroke="{FILL}" stroke-width="1.5"/>'
        )
        parts.append(
            f'<line x1="{num(med)}" y1="{num(mid - 11)}" x2="{num(med)}" '
            f'y2="{num(mid + 11)}" stroke="{INK}" stroke-width="3"/>'
        )
        if means:
            parts.append(f'<circle cx="{num(at(r.mean))}" cy="{num(mid)}" r="4.5" fill="{FILL}"/>')
        parts.append(
            f'<text x="{num(left + plot + 8)}" y="{num(mid + 4)}" font-size="12" '
            f'font-weight="bold" fill="{INK}">{escape(r.text or _f(r.mean, missing))}</text>'
        )
    parts.append("</g>")
    parts.extend(_spread_legend(left, axis_y + 40.0, legend, means=means))
    parts.append("</svg>")
    return "\n".join(parts)


def _spread_legend(
    left: float, y: float, words: tuple[str, str, str, str], *, means: bool = True
) -> list[str]:
    whisker, box, median, mean = (escape(w) for w in words)
    x = left - 150.0
    out = ['<g class="legend" aria-hidden="true">']
    out.append(
        f'<line x1="{num(x)}" y1="{num(y)}" x2="{num(x + 22)}" y2="{num(y)}" '
        f'stroke="{INK}" stroke-width="1.5"/>'
    )
    out.append(
        f'<text x="{num(x + 28)}" y="{num(y + 4)}" font-size="11" fill="{INK}">{whisker}</text>'
    )
    x += 140
    out.append(
        f'<rect x="{num(x)}" y="{num(y - 7)}" width="22.00" height="14.00" '
        f'fill="{FILL_LIGHT}" stroke="{FILL}" stroke-width="1.5"/>'
    )
    out.append(f'<text x="{num(x + 28)}" y="{num(y + 4)}" font-size="11" fill="{INK}">{box}</text>')
    x += 120
    out.append(
        f'<line x1="{num(x + 6)}" y1="{num(y - 8)}" x2="{num(x + 6)}" y2="{num(y + 8)}" '
        f'stroke="{INK}" stroke-width="3"/>'
    )
    out.append(
        f'<text x="{num(x + 16)}" y="{num(y + 4)}" font-size="11" fill="{INK}">{median}</text>'
    )
    x += 90
    if means:
        out.append(f'<circle cx="{num(x + 5)}" cy="{num(y)}" r="4.5" fill="{FILL}"/>')
        out.append(
            f'<text x="{num(x + 16)}" y="{num(y + 4)}" font-size="11" fill="{INK}">{mean}</text>'
        )
    out.append("</g>")
    return out


#: Marker shapes for groups, in order; a seventh group and beyond reuse them.
_SHAPES = ("circle", "square", "diamond", "ring", "triangle", "cross")


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "circle":
        return f'<circle cx="{num(x)}" cy="{num(y)}" r="5.5" fill="{colour}"/>'
    if shape == "ring":
        return (
            f'<circle cx="{num(x)}" cy="{num(y)}" r="5" fill="#ffffff" '
            f'stroke="{colour}" stroke-width="2.5"/>'
        )
    if shape == "square":
        return (
            f'<rect x="{num(x - 5)}" y="{num(y - 5)}" width="10.00" height="10.00" '
            f'fill="{colour}"/>'
        )
    if shape == "diamond":
        d = _polygon([(x, y - 7), (x + 7, y), (x, y + 7), (x - 7, y)])
        return f'<path d="{d}" fill="{colour}"/>'
    if shape == "triangle":
        d = _polygon([(x, y - 7), (x + 7, y + 6), (x - 7, y + 6)])
        return f'<path d="{d}" fill="{colour}"/>'
    d = (
        f"M{num(x - 6)} {num(y - 6)} L{num(x + 6)} {num(y + 6)} "
        f"M{num(x - 6)} {num(y + 6)} L{num(x + 6)} {num(y - 6)}"
    )
    return f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="2.5"/>'


def _polygon(corners: list[tuple[float, float]]) -> str:
    return "M" + " L".join(f"{num(cx)} {num(cy)}" for cx, cy in corners) + " Z"


def group_dots(
    chart_id: str,
    groups: list[str],
    rows: list[GroupRow],
    title: str,
    *,
    missing: str = "not enough answers",
    label_width: int = 26,
) -> str:
    """Each group's mean per row as a marker on a 0-100 axis; groups differ in shape and ink."""
    row = 34.0
    left = 8.0 + label_width * 6.4
    plot = 300.0
    right = 20.0
    top = 8.0
    width = left + plot + right
    axis_y = top + row * len(rows)
    legend_top = axis_y + 40.0
    height = legend_top + 20.0 * len(groups) + 6.0
    desc = "; ".join(
        f"{r.label}: "
        + ", ".join(f"{g} {_f(m, missing)}" for g, m in zip(groups, r.means, strict=True))
        for r in rows
    )
    parts = open_svg(chart_id, width, height, title, desc + ".")
    axis_0_100(parts, left, plot, top, axis_y)
    parts.append('<g class="dots" aria-hidden="true">')
    for i, r in enumerate(rows):
        y = top + row * i
        mid = y + row / 2
        row_label(parts, r.label, left - 8, mid, label_width)
        present = [m for m in r.means if m is not None]
        if len(present) >= 2:
            lo = left + plot * _clip(min(present)) / 100
            hi = left + plot * _clip(max(present)) / 100
            parts.append(
                f'<line x1="{num(lo)}" y1="{num(mid)}" x2="{num(hi)}" y2="{num(mid)}" '
                f'stroke="{GRID}" stroke-width="2"/>'
            )
        for k, mean in enumerate(r.means):
            if mean is None:
                continue
            x = left + plot * _clip(mean) / 100
            colour = FILL if k % 2 == 0 else SECOND
            parts.append(_marker(_SHAPES[k % len(_SHAPES)], x, mid, colour))
    parts.append("</g>")
    parts.append('<g class="legend" aria-hidden="true">')
    for k, name in enumerate(groups):
        y = legend_top + 20.0 * k
        colour = FILL if k % 2 == 0 else SECOND
        parts.append(_marker(_SHAPES[k % len(_SHAPES)], left + 6, y, colour))
        parts.append(
            f'<text x="{num(left + 20)}" y="{num(y + 4)}" font-size="11" fill="{INK}">'
            f"{escape(wrap(name, 40, 1)[0] if name else name)}</text>"
        )
    parts.append("</g></svg>")
    return "\n".join(parts)


def distribution(
    chart_id: str,
    counts: list[tuple[str, int]],
    title: str,
    *,
    label_width: int = 22,
    answered: int = 0,
) -> str:
    """How many chose each level or choice, as horizontal bars with the count and share.

    Shares are of ``answered`` (the people who answered: for a multiple-choice
    question, where one person ticks several, not of the ticks), else of the total.
    """
    wrapped = [wrap(label, label_width) if label else [""] for label, _ in counts]
    # Rows grow to two lines of label only when some label needs them.
    row = 32.0 if any(len(lines) > 1 for lines in wrapped) else 24.0
    left = 8.0 + label_width * 6.4
    plot = 150.0
    right = 70.0
    top = 6.0
    total = sum(n for _, n in counts)
    most = max((n for _, n in counts), default=0)
    width = left + plot + right
    height = top + row * len(counts) + 8.0
    base = answered or total

    def share(n: int) -> str:
        return f"{n} ({round(n / base * 100) if base else 0}%)"

    desc = "; ".join(f"{label}: {share(n)}" for label, n in counts) + "."
    parts = open_svg(chart_id, width, height, title, desc)
    parts.append('<g class="bars" aria-hidden="true">')
    parts.append(
        f'<line x1="{num(left)}" y1="{num(top)}" x2="{num(left)}" '
        f'y2="{num(top + row * len(counts))}" stroke="{GRID}" stroke-width="1.5"/>'
    )
    for i, (_, n) in enumerate(counts):
        y = top + row * i
        mid = y + row / 2
        first = mid + 4 - (len(wrapped[i]) - 1) * 6.5
        for k, line in enumerate(wrapped[i]):
            parts.append(
                f'<text x="{num(left - 8)}" y="{num(first + k * 13)}" font-size="11" '
                f'text-anchor="end" fill="{INK}">{escape(line)}</text>'
            )
        bar = plot * n / most if most else 0.0
        if bar > 0:
            parts.append(
                f'<rect x="{num(left)}" y="{num(y + 4)}" width="{num(bar)}" '
                f'height="{num(row - 8)}" fill="{FILL}"/>'
            )
        parts.append(
            f'<text x="{num(left + bar + 6)}" y="{num(mid + 4)}" font-size="11" '
            f'fill="{INK}">{share(n)}</text>'
        )
    parts.append("</g></svg>")
    return "\n".join(parts)
