"""The SVG primitives every chart shares: palette, number format, frame, axis, wrapped labels.

Charts are plain strings. Only ``rect``, ``path``, ``line``, ``text``, ``circle``
and ``g`` are drawn, the features WeasyPrint renders faithfully in a PDF; every
coordinate goes through :func:`num`, so the same input gives byte-identical output.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

#: Colours chosen for at least 3:1 contrast against white (WCAG 1.4.11).
INK = "#1a1a1a"
GRID = "#767676"
FILL = "#1d4f91"
FILL_LIGHT = "#dbe6f4"
MISSING = "#5c5c5c"

FONT = "DejaVu Sans, Verdana, sans-serif"


def num(x: float) -> str:
    """A coordinate with two decimals and no '-0.00', so output is stable across platforms."""
    text = f"{x:.2f}"
    return "0.00" if text == "-0.00" else text


def value_text(value: float | None, missing: str) -> str:
    """A value as a chart writes it, one decimal, or ``missing``."""
    return missing if value is None else f"{value:.1f}"


def wrap(label: str, width: int, lines: int = 2) -> list[str]:
    """Break a label on words into at most ``lines`` lines of about ``width`` characters.

    A label that needs more lines ends its last line with '…' after a whole word, so
    two labels that start alike never look the same cut short; the full text is in
    the chart's data table. Only a single word longer than a line is cut inside.
    """
    out: list[str] = []
    for word in label.split():
        if len(word) > width:  # one word wider than a line: cut it, as nothing else fits
            word = word[: max(width - 1, 1)] + "…"
        candidate = f"{out[-1]} {word}" if out else word
        if out and len(candidate) <= width:
            out[-1] = candidate
        else:
            out.append(word)
    if len(out) <= lines:
        return out
    kept = out[:lines]
    last = kept[-1].split()
    # Drop whole words until the ellipsis fits; keep at least one word.
    while len(last) > 1 and len(" ".join(last)) + 1 > width:
        last.pop()
    kept[-1] = " ".join(last).rstrip(",;:.") + "…"
    return kept


def open_svg(chart_id: str, width: float, height: float, title: str, desc: str) -> list[str]:
    """The opening of a chart: ``<svg role="img">`` with its ``<title>`` and ``<desc>``."""
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" '
        f'viewBox="0 0 {num(width)} {num(height)}" width="{num(width)}" '
        f'height="{num(height)}" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f"font-family={quoteattr(FONT)}>",
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]


def axis_0_100(parts: list[str], left: float, plot: float, top: float, bottom: float) -> None:
    """Append the grid lines and tick labels of a horizontal 0-100 axis (hidden from readers)."""
    parts.append('<g class="grid" aria-hidden="true">')
    for tick in (0, 25, 50, 75, 100):
        x = left + plot * tick / 100
        parts.append(
            f'<line x1="{num(x)}" y1="{num(top)}" x2="{num(x)}" y2="{num(bottom)}" '
            f'stroke="{GRID}" stroke-width="{"1.5" if tick == 0 else "0.75"}"/>'
        )
        parts.append(
            f'<text x="{num(x)}" y="{num(bottom + 17)}" font-size="11" '
            f'text-anchor="middle" fill="{INK}">{tick}</text>'
        )
    parts.append("</g>")


def row_label(parts: list[str], label: str, x: float, middle: float, width: int) -> None:
    """Append a row's label: wrapped to two lines, right-aligned at ``x``, centred on ``middle``."""
    lines = wrap(label, width)
    first = middle + 4 - (len(lines) - 1) * 6.5
    for n, line in enumerate(lines):
        parts.append(
            f'<text x="{num(x)}" y="{num(first + n * 13)}" font-size="11" '
            f'text-anchor="end" fill="{INK}">{escape(line)}</text>'
        )


#: Phone-width charts: drawn this many units wide, so at a 320 px screen (about 288 px
#: for the chart) a 14-unit font still renders at 13 px, and never below 12.
NARROW_WIDTH = 300.0
NARROW_FONT = 14


@dataclass(frozen=True)
class NarrowRow:
    """One row of a phone-width chart: its label, a 0-100 value, the figure written beside it.

    ``low``/``high`` draw a range line under the bar (a spread's lowest to highest).
    """

    label: str
    value: float | None
    text: str
    low: float | None = None
    high: float | None = None


def narrow_bars(chart_id: str, rows: list[NarrowRow], title: str, desc: str) -> str:
    """A chart for narrow screens: each label on its own lines, then its bar and figure.

    The same figures as the wide chart beside it, laid out so nothing is shrunk below
    ``NARROW_FONT``; the page shows one or the other (see :func:`responsive`).
    """
    size = NARROW_FONT
    line = size + 4.0
    # The figure sits right of the bar: room for the longest ("5 – Involving", "11.5 of 15").
    longest = max((len(row.text) for row in rows), default=0)
    plot = NARROW_WIDTH - max(70.0, 12.0 + 0.62 * size * longest)
    y = 6.0
    body: list[str] = []
    for row in rows:
        for text in wrap(row.label, 34):
            y += line
            body.append(
                f'<text x="0.00" y="{num(y)}" font-size="{size}" fill="{INK}">{escape(text)}</text>'
            )
        top = y + 6.0
        body.append(
            f'<rect x="0.00" y="{num(top)}" width="{num(plot)}" height="14.00" '
            f'fill="#ffffff" stroke="{GRID}" stroke-width="1"/>'
        )
        if row.low is not None and row.high is not None:
            lo, hi = (plot * min(max(v, 0.0), 100.0) / 100 for v in (row.low, row.high))
            body.append(
                f'<line x1="{num(lo)}" y1="{num(top + 7)}" x2="{num(hi)}" y2="{num(top + 7)}" '
                f'stroke="{INK}" stroke-width="2"/>'
            )
        if row.value is not None:
            width = plot * min(max(row.value, 0.0), 100.0) / 100
            height = 6.0 if row.low is not None else 14.0
            body.append(
                f'<rect x="0.00" y="{num(top + (14 - height) / 2)}" width="{num(width)}" '
                f'height="{num(height)}" fill="{FILL}"/>'
            )
        body.append(
            f'<text x="{num(NARROW_WIDTH)}" y="{num(top + 12)}" font-size="{size}" '
            f'font-weight="bold" text-anchor="end" fill="{INK}">{escape(row.text)}</text>'
        )
        y = top + 14.0 + 8.0
    parts = open_svg(chart_id, NARROW_WIDTH, y + 4.0, title, desc)
    parts.append('<g class="narrow" aria-hidden="true">')
    parts.extend(body)
    parts.append("</g></svg>")
    return "\n".join(parts)


def responsive(wide: str, narrow: str) -> str:
    """Both drawings of a chart: the wide one for screens and paper, the narrow for phones."""
    if not wide:
        return ""
    return f'<div class="chart-wide">\n{wide}\n</div>\n<div class="chart-narrow">\n{narrow}\n</div>'
