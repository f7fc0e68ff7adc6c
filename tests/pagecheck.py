"""Nothing off the page: every glyph of a PDF inside the page's margins.

The margins are read from the ``@page`` rules in the HTML the PDF was made from
(portrait pages and the landscape ``@page wide``), so the check follows the
stylesheets rather than a number copied here. Glyph boxes come from pypdfium2
(PDFium, the PDF engine in Chromium), a test tool only: coprod itself never reads
PDFs. It reads a 30-page report's boxes in half a second where pdfplumber took six,
which matters because every PDF the tests make is checked.
"""

from __future__ import annotations

import re

MM = 72 / 25.4
#: A glyph may touch the margin line by this much (points) before it counts as outside.
SLACK = 1.0
_PAGE = re.compile(r"@page(\s+\w+)?\s*\{(?P<body>[^{}]*(\{[^{}]*\}[^{}]*)*)\}", re.S)
_MARGIN = re.compile(r"(?<![-\w])margin\s*:\s*([^;]+);")


def side_margins(html: str) -> dict[str, float]:
    """Left/right margins in points for 'portrait' and 'landscape' pages, from ``@page`` rules."""
    out: dict[str, float] = {}
    unquoted = re.sub(r'"[^"]*"', '""', html)  # a quoted brace is not a block
    for match in _PAGE.finditer(unquoted):
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
    """Every page with glyphs outside its margins, as 'page 3: 12 glyphs outside: "..."'."""
    import pypdfium2

    margins = side_margins(html)
    problems = []
    doc = pypdfium2.PdfDocument(pdf)
    try:
        for number, page in enumerate(doc, 1):
            width, height = page.get_size()
            kind = "landscape" if width > height else "portrait"
            margin = margins.get(kind, margins.get("portrait", 0.0)) - SLACK
            text = page.get_textpage()
            outside = []
            for i in range(text.count_chars()):
                glyph = text.get_text_range(i, 1)
                if not glyph.strip():
                    continue
                left, bottom, right, top = text.get_charbox(i)
                if left < margin or right > width - margin or bottom < 0 or top > height:
                    outside.append(glyph)
            if outside:
                shown = "".join(outside[:40])
                problems.append(f"page {number}: {len(outside)} glyphs outside: {shown!r}")
    finally:
        doc.close()
    return problems
