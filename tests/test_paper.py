"""The paper answer form (`coprod template --format pdf`): printable, complete, tagged."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from coprod.cli import app
from coprod.forms.paper import build_paper_form, paper_html, paper_pdf
from coprod.model import pick
from coprod.questionnaire.load import load_questionnaire
from tests.axecheck import assert_accessible
from tests.conftest import SMALL

runner = CliRunner()


def reader(data: bytes) -> Any:
    """A pypdf reader over PDF bytes."""
    pypdf = pytest.importorskip("pypdf")
    return pypdf.PdfReader(BytesIO(data))


def words(text: str) -> str:
    """Whitespace collapsed, and a line broken after a hyphen ('co- productive') joined."""
    return re.sub(r"(\w)- (\w)", r"\1-\2", " ".join(text.split()))


def structure_types(node: Any, seen: set[str] | None = None) -> set[str]:
    """Every structure element type (/S) under a node of the PDF's structure tree."""
    seen = set() if seen is None else seen
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, dict):
        if "/S" in node:
            seen.add(str(node["/S"]))
        kids = node.get("/K")
        if kids is not None:
            for kid in kids if isinstance(kids, list) else [kids]:
                structure_types(kid, seen)
    elif isinstance(node, list):
        for kid in node:
            structure_types(kid, seen)
    return seen


@pytest.mark.parametrize("questionnaire", ["starter", "coproduction"])
def test_pdf_holds_every_question_and_level(questionnaire: str, tmp_path: Path) -> None:
    """Every question's text, every level label and the answer boxes' words are in the PDF."""
    q = load_questionnaire(questionnaire).questionnaire
    out = tmp_path / "form.pdf"
    result = runner.invoke(app, ["template", questionnaire, "--format", "pdf", "--out", str(out)])
    assert result.exit_code == 0, result.output
    pdf = reader(out.read_bytes())
    text = words(" ".join(page.extract_text() for page in pdf.pages))
    for question in q.questions:
        assert words(pick(question.text, "en")) in text, question.id
    for scale in q.scales.values():
        for level in scale.levels:
            assert f"{level.value} {words(pick(level.label, 'en'))}" in text
    for phrase in ("About you", "Not applicable", "Don't know", "Note (optional)", "Page 1 of"):
        assert phrase in text


def test_pdf_is_tagged_pdf_ua_with_lang_and_title() -> None:
    """A structure tree with headings and lists, /Lang en and the form's /Title."""
    q = load_questionnaire("starter").questionnaire
    pdf = reader(paper_pdf(q))
    root = pdf.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en"
    assert pdf.metadata.title == "Co-production starter check: Paper answer form"
    types = structure_types(root["/StructTreeRoot"])
    assert {"/H1", "/H2", "/H3", "/L", "/LI", "/P"} <= types


def test_each_kind_of_question_gets_its_boxes(small: Path) -> None:
    """Scales get a box per level with its descriptor; yes/no tick boxes; text a box to write in."""
    q = load_questionnaire(small).questionnaire
    form = build_paper_form(q)
    a1, _ = form.principles[0].questions
    assert [(lv.value, lv.label) for lv in a1.levels][:2] == [(1, "Not yet"), (2, "Starting")]
    assert a1.levels[-1].descriptor == "Happens always; others learn from it."
    assert a1.extra == ["Not applicable", "Don't know"]
    p1, p2, p3 = form.principles[1].questions
    assert p1.options == ["Yes", "No"] and p1.instruction == "Tick one box."
    assert p2.condition == "Answer this only if your answer to 2.1 is “Yes”."
    assert p3.write == "text" and p3.extra == [] and not p3.note
    page = paper_html(q)
    # Three scales of five levels, yes/no, each with N/A and don't know; five perspectives.
    assert page.count('class="box"') == 3 * (5 + 2) + (2 + 2) + 5


def test_welsh_form_uses_welsh_text_and_lang(tmp_path: Path) -> None:
    """--lang cy prints the Welsh question texts, and the PDF says it is in Welsh."""
    q = load_questionnaire("starter").questionnaire
    out = tmp_path / "ffurflen.pdf"
    result = runner.invoke(
        app, ["template", "starter", "-f", "pdf", "--lang", "cy", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    pdf = reader(out.read_bytes())
    assert pdf.trailer["/Root"]["/Lang"] == "cy"
    text = words(" ".join(page.extract_text() for page in pdf.pages))
    assert words(pick(q.questions[0].text, "cy")) in text


def test_hostile_text_is_escaped(write: Any) -> None:
    """Markup in a questionnaire shows as text on the form, never runs."""
    evil = write(
        "evil.yaml", SMALL.replace("Do you ask what people can offer?", "<script>x</script>")
    )
    page = paper_html(load_questionnaire(evil).questionnaire)
    assert "<script>" not in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page


def test_unknown_format_names_the_choices(tmp_path: Path) -> None:
    """A --format coprod does not know is a usage error listing csv, xlsx and pdf."""
    result = runner.invoke(app, ["template", "starter", "-f", "docx", "-o", str(tmp_path / "x")])
    assert result.exit_code == 2
    assert "csv, xlsx, pdf" in result.output


def test_axe_finds_no_wcag_violations(tmp_path: Path) -> None:
    """axe-core in headless Chromium: no WCAG 2.2 A/AA violations, no sideways scroll at 320px."""
    out = tmp_path / "form.html"
    out.write_text(paper_html(load_questionnaire("coproduction").questionnaire), encoding="utf-8")
    assert_accessible(out)
