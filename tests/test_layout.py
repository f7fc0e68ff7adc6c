"""Reports a council publishes as they are: nothing off the page, whatever the content.

Every PDF any test makes is checked by the ``every_pdf_stays_on_the_page`` fixture
(conftest.py); these tests make each kind of PDF from deliberately long content
(tests/longcontent.py) and assert the check ran on it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coprod.cli import app
from coprod.forms.paper import paper_pdf
from coprod.questionnaire.load import load_questionnaire
from tests.longcontent import LONG_NAME, long_questionnaire, long_response, long_workshop
from tests.pagecheck import off_page, side_margins

runner = CliRunner()


@pytest.fixture
def long_files(tmp_path: Path) -> tuple[Path, Path]:
    """The long questionnaire and a response to it with a 2,000-character note."""
    questionnaire = tmp_path / "long.yaml"
    questionnaire.write_text(long_questionnaire(), encoding="utf-8")
    response = tmp_path / "long-response.yaml"
    response.write_text(long_response(questionnaire), encoding="utf-8")
    return questionnaire, response


def pdf_pages(path: Path) -> int:
    """How many pages a PDF has."""
    import pypdf

    return len(pypdf.PdfReader(path).pages)


def test_side_margins_are_read_from_the_stylesheet() -> None:
    """The check's margins are those of the @page rules: 17 mm portrait, 14 mm landscape."""
    css = "@page { size: A4; margin: 22mm 17mm 20mm 17mm; @top-left { margin: 0; } }"
    css += " @page wide { size: A4 landscape; margin: 18mm 14mm 16mm 14mm; }"
    margins = side_margins(css)
    assert margins["portrait"] == pytest.approx(17 * 72 / 25.4)
    assert margins["landscape"] == pytest.approx(14 * 72 / 25.4)


def test_the_check_finds_text_past_the_margin() -> None:
    """A line that cannot wrap and runs past the right margin is reported with its page."""
    import weasyprint

    html = (
        "<html lang='en'><head><title>t</title><style>@page { size: A4; margin: 20mm; }"
        "</style></head><body><p style='white-space: nowrap'>" + "word " * 80 + "</p></body></html>"
    )
    pdf = weasyprint.HTML(string=html).write_pdf()
    problems = off_page(pdf, html)
    assert problems and problems[0].startswith("page 1:")


@pytest.mark.parametrize(
    "options",
    [[], ["--lang", "en+cy"], ["--summary"], ["--no-notes"]],
    ids=["single", "bilingual", "summary", "no-notes"],
)
def test_single_report_with_long_content_stays_on_the_page(
    long_files: tuple[Path, Path], tmp_path: Path, options: list[str]
) -> None:
    """Long names, a 2,000-character note and 12 long choices: every PDF page within margins."""
    _, response = long_files
    out = tmp_path / "r.pdf"
    result = runner.invoke(app, ["report", str(response), "-f", "pdf", "-o", str(out), *options])
    assert result.exit_code == 0, result.output
    pdfs = sorted(tmp_path.glob("r*.pdf"))
    assert pdfs and all(pdf_pages(p) >= 1 for p in pdfs)


def test_summary_is_only_the_summary(long_files: tuple[Path, Path], tmp_path: Path) -> None:
    """--summary: the cover, the level, strengths, priorities and where to start, nothing else."""
    _, response = long_files
    out = tmp_path / "s.html"
    result = runner.invoke(
        app, ["report", str(response), "-f", "html", "-o", str(out), "--summary"]
    )
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "The three actions to start with" in page and "This is the summary only." in page
    assert 'id="appendix"' not in page and 'id="method"' not in page
    assert "intranet.example.invalid" not in page


def test_no_notes_leaves_out_notes_and_written_answers(
    long_files: tuple[Path, Path], tmp_path: Path
) -> None:
    """--no-notes: no note or written answer anywhere, and the cover says they were left out."""
    _, response = long_files
    out = tmp_path / "p.html"
    result = runner.invoke(
        app, ["report", str(response), "-f", "html", "-o", str(out), "--no-notes"]
    )
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "left out of this report for publication" in page
    assert "We meet people where they are" not in page.split('id="recommendations"')[0]
    assert "intranet.example.invalid" not in page
    appendix = page[page.index('id="appendix"') :]
    assert "left out for publication" in appendix


def test_group_report_with_long_content_stays_on_the_page(
    long_files: tuple[Path, Path], tmp_path: Path
) -> None:
    """The 12-person workshop answering the long questionnaire: group PDF within margins."""
    questionnaire, _ = long_files
    sheet = long_workshop(tmp_path)
    out = tmp_path / "out"
    args = ["batch", str(sheet), "-q", str(questionnaire), "--by", "perspective"]
    result = runner.invoke(app, [*args, "-f", "pdf,json", "-o", str(out), "--show-text"])
    assert result.exit_code == 0, result.output
    assert pdf_pages(out / "group-report.pdf") > 3
    data = json.loads((out / "batch.json").read_text(encoding="utf-8"))
    assert data["stats"]["combined"] == [
        {"groups": ["carer"], "into": "lived_experience", "asked_for": False}
    ]


def test_compare_with_long_names_stays_on_the_page(
    long_files: tuple[Path, Path], tmp_path: Path
) -> None:
    """Thirty services with 120-character names compared: the landscape pages stay within."""
    questionnaire, _ = long_files
    folder = tmp_path / "in"
    folder.mkdir()
    text = long_response(questionnaire)
    for k in range(30):
        service = f"{LONG_NAME} service {k:02d}"
        unit = text.replace(f"{LONG_NAME} Community Support Service", service)
        for person in range(3):
            (folder / f"s{k:02d}-{person}.yaml").write_text(unit, encoding="utf-8")
    out = tmp_path / "c.pdf"
    result = runner.invoke(app, ["compare", str(folder), "--format", "pdf", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert pdf_pages(out) > 2


def test_paper_form_with_long_content_stays_on_the_page(long_files: tuple[Path, Path]) -> None:
    """The blank paper form of the long questionnaire: every page within margins."""
    questionnaire, _ = long_files
    pdf = paper_pdf(load_questionnaire(questionnaire).questionnaire)
    assert pdf.startswith(b"%PDF")
