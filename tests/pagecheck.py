"""Nothing off the page: every glyph of a PDF inside the page's margins.

The margins are read from the ``@page`` rules in the HTML the PDF was made from
(portrait pages and the landscape ``@page wide``), so the check follows the
stylesheets rather than a number copied here. Glyph boxes come from pdfplumber,
a test tool only (coprod itself never reads PDFs).
"""

from __future__ import annotations

import re
from io import BytesIO

MM = 72 / 25.4
#: A glyph may touch the margin line by this much (points) before it counts as outside.
SLACK = 1.0
_PAGE = re.compile(r"@page(\s+\w+)?\s*\{(?P<body>[^{}]*(\{[^{}]*\}[^{}]*)*)\}", re.S)
_MARGIN = re.compile(r"(?<![-\w])margin\s*:\s*([^;]+);")


def side_margins(html: str) -> dict[str, float]:
    """Left/right margins in points for 'portrait' and 'landscape' pages, from ``@page`` rules."""
    out: dict[str, float] = {}
    for match in _PAGE.finditer(html):
        body = match.group("body")
        top_level = re.sub(r"@[\w-]+\s*\{[^{}]*\}", "", body)
        margin = _MARGIN.search(top_level)
        if not margin:
            continue
        values = [float(v[:-2]) for v in margin.group(1).split() if v.endswith("mm")]
        right = {1: 0, 2: 1, 3: 1, 4: 1}[len(values)]
        left = {1: 0, 2: 1, 3: 1, 4: 3}[len(values)]
        kind = "landscape" if "landscape" in top_level else "portrait"
        out.setdefault(kind, min(values[left], values[right]) * MM)
    return out


def off_page(pdf: bytes, html: str) -> list[str]:
    """Every page with glyphs outside its margins, as 'page 3: 12 glyphs past the right: "..."'."""
    import pdfplumber

    margins = side_margins(html)
    problems = []
    with pdfplumber.open(BytesIO(pdf)) as doc:
        for number, page in enumerate(doc.pages, 1):
            width, height = float(page.width), float(page.height)
            kind = "landscape" if width > height else "portrait"
            margin = margins.get(kind, margins.get("portrait", 0.0)) - SLACK
            outside = [
                c
                for c in page.chars
                if c["text"].strip()
                and (
                    c["x0"] < margin
                    or c["x1"] > width - margin
                    or c["top"] < 0
                    or c["bottom"] > height
                )
            ]
            if outside:
                text = "".join(c["text"] for c in outside[:40])
                problems.append(f"page {number}: {len(outside)} glyphs outside: {text!r}")
    return problems
