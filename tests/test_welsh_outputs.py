"""Welsh for the workshop outputs: the group report, the paper form and the blank answer sheets."""

from __future__ import annotations

import csv
import html
import json
import re
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from coprod.cli import app
from coprod.files.resources import templates_dir
from coprod.files.yamlio import load_yaml_file
from coprod.forms.sheet import dropdown_values, perspective_choices, template_header
from coprod.model import (
    MultipleChoiceQuestion,
    NumberQuestion,
    Questionnaire,
    TextQuestion,
    pick,
)
from coprod.questionnaire.load import load_questionnaire
from tests.axecheck import assert_accessible

runner = CliRunner()
# Eight people: three staff, three with lived experience, a carer, a partner.
PEOPLE = [
    ("Ann", "staff"),
    ("Bryn", "staff"),
    ("Cerys", "staff"),
    ("Dafydd", "profiad bywyd"),
    ("Eleri", "profiad bywyd"),
    ("Ffion", "profiad bywyd"),
    ("Gareth", "gofalwr"),
    ("Heledd", "partner"),
    ("Iwan", "arall"),  # three in hidden groups, so no group is hidden to protect them
]


def pdf_reader(data: bytes) -> Any:
    """A pypdf reader over PDF bytes."""
    pypdf = pytest.importorskip("pypdf")
    return pypdf.PdfReader(BytesIO(data))


def pdf_text(data: bytes) -> str:
    """All text of a PDF, whitespace collapsed."""
    return " ".join(" ".join(p.extract_text() for p in pdf_reader(data).pages).split())


def welsh_rows(q: Questionnaire, lang: str = "cy") -> list[list[str]]:
    """Everyone's answers as the sheet's own drop-down entries, as a trainer types them up."""
    rows = []
    for k, (name, perspective) in enumerate(PEOPLE):
        row = [name, "Cyngor Sir Tŷ Gwyn", "Tai", perspective]
        for j, question in enumerate(q.questions):
            values = dropdown_values(q, question, lang)
            if values:
                row.append(values[(k + j) % len(values)])
            elif isinstance(question, NumberQuestion):
                row.append(str(10 + k))
            elif isinstance(question, MultipleChoiceQuestion):
                row.append("; ".join(pick(c.label, "cy") for c in question.choices[: 1 + k % 2]))
            elif isinstance(question, TextQuestion):
                row.append("Mwy o amser i siarad")
        rows.append(row)
    return rows


def filled_sheet(folder: Path, lang: str = "cy", q_id: str = "coproduction") -> Path:
    """`coprod template Q --format csv --lang ...`, filled in with the sheet's own words."""
    path = folder / f"taflen-{lang}.csv"
    result = runner.invoke(app, ["template", q_id, "-f", "csv", "--lang", lang, "-o", str(path)])
    assert result.exit_code == 0, result.output
    q = load_questionnaire(q_id).questionnaire
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(welsh_rows(q, lang))
    return path


def run_batch_cli(sheet: Path, out: Path, *args: str) -> Any:
    """`coprod batch` on one sheet of the coproduction questionnaire, by perspective."""
    where = ["--by", "perspective", "--out", str(out), "--no-responses"]
    return runner.invoke(app, ["batch", str(sheet), "-q", "coproduction", *where, *args])


@pytest.fixture(scope="module")
def welsh_room(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Welsh sheet, scored with `--lang cy -f html,pdf,csv`; the output folder."""
    folder = tmp_path_factory.mktemp("cy")
    out = folder / "allbwn"
    result = run_batch_cli(filled_sheet(folder), out, "--lang", "cy", "-f", "html,pdf,csv")
    assert result.exit_code == 0, result.output
    return out


def test_welsh_csv_template_round_trips_through_batch(tmp_path: Path) -> None:
    """A Welsh CSV template filled with its own Welsh words is scored with no problems."""
    q = load_questionnaire("coproduction").questionnaire
    header = template_header(q, "cy")
    assert header[:4] == ["cyfranogwr", "sefydliad", "gwasanaeth", "safbwynt"]
    words = {v for question in q.questions for v in dropdown_values(q, question, "cy")}
    # yes/no answers echo the question's verb: Oes…? Oes / Nac oes
    assert {"Amherthnasol", "Ddim yn gwybod", "Oes", "Nac oes", "3 - Mewn rhai rhannau"} <= words
    assert "Ie" not in words
    assert "N/A" not in words and "Yes" not in words
    out = tmp_path / "out"
    result = run_batch_cli(filled_sheet(tmp_path), out, "-f", "csv,json")
    assert result.exit_code == 0, result.output
    assert (out / "problems.csv").read_text(encoding="utf-8-sig").count("\n") <= 1
    assert "warning" not in result.output
    data = json.loads((out / "batch.json").read_text(encoding="utf-8"))
    assert data["counts"] == {"read": 9, "used": 9, "with_problems": 0, "empty": 0, "scored": 9}
    groups = {g["name"]: g.get("people") for g in data["stats"]["groups"]}
    # The Welsh perspective words were read: the one carer joins lived experience, the
    # partner and the one 'other' (two together, still too few) join the smallest group.
    assert groups == {"staff": 5, "lived_experience": 4}
    combined = {(tuple(c["groups"]), c["into"]) for c in data["stats"]["combined"]}
    assert combined == {
        (("carer",), "lived_experience"),
        (("other",), "staff"),
        (("partner",), "staff"),
    }


def test_bilingual_sheet_headers_and_answers_are_read_back(tmp_path: Path) -> None:
    """`--lang en+cy` writes 'cy / en' headers and answers; batch reads every one of them."""
    q = load_questionnaire("coproduction").questionnaire
    header = template_header(q, "en+cy")
    assert header[0] == "cyfranogwr / participant"
    assert header[3] == "safbwynt / perspective"
    assert "profiad bywyd / lived experience" in perspective_choices("en+cy")
    words = {v for question in q.questions for v in dropdown_values(q, question, "en+cy")}
    assert {
        "Amherthnasol / N/A",
        "Oes / Yes",
        "Nac oes / No",
        "3 - Mewn rhai rhannau / In some parts",
    } <= words
    out = tmp_path / "out"
    result = run_batch_cli(filled_sheet(tmp_path, "en+cy"), out, "-f", "csv,json")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    data = json.loads((out / "batch.json").read_text(encoding="utf-8"))
    assert data["counts"]["with_problems"] == 0 and data["counts"]["scored"] == 9


def test_welsh_xlsx_template_has_welsh_guide_and_drop_downs(tmp_path: Path) -> None:
    """The Welsh XLSX's Questions sheet headings and perspective drop-down are in Welsh."""
    from openpyxl import load_workbook

    path = tmp_path / "taflen.xlsx"
    result = runner.invoke(
        app, ["template", "starter", "-f", "xlsx", "--lang", "cy", "-o", str(path)]
    )
    assert result.exit_code == 0, result.output
    book = load_workbook(path)
    guide = [[c.value for c in row] for row in book["Questions"].iter_rows()]
    assert guide[0] == [
        "Cod y cwestiwn",
        "Egwyddor",
        "Cwestiwn",
        "Sut i ateb",
        "Atebion a ganiateir",
        "Cymorth",
    ]
    assert any("Amherthnasol" in str(row[4]) for row in guide[1:])
    lists = [c.value for c in book["Lists"]["A"] if c.value is not None]
    assert lists[1:] == ["staff", "profiad bywyd", "gofalwr", "partner", "arall"]


def test_welsh_group_report_is_in_welsh(welsh_room: Path) -> None:
    """The Welsh group report has lang="cy", Welsh headings, Welsh groups and the draft note."""
    page = html.unescape((welsh_room / "group-report.html").read_text(encoding="utf-8"))
    assert '<html lang="cy">' in page
    for heading in ("Cipolwg", "Pwy gymerodd ran", "Cwestiynau dadleuol", "Bylchau rhwng"):
        assert heading in page
    assert "Profiad bywyd" in page and "Lived experience" not in page
    assert "Cyfieithiad drafft yw'r Gymraeg" in page
    assert "At a glance" not in page and "Who took part" not in page


def test_welsh_group_report_pdf_is_welsh(welsh_room: Path) -> None:
    """The Welsh group report's PDF is tagged /Lang cy and numbers its pages 'Tudalen X o Y'."""
    data = (welsh_room / "group-report.pdf").read_bytes()
    reader = pdf_reader(data)
    assert reader.trailer["/Root"]["/Lang"] == "cy"
    text = pdf_text(data)
    assert "Tudalen 2 o" in text and "Adroddiad grŵp y gweithdy" in text


def test_welsh_group_report_passes_axe(welsh_room: Path) -> None:
    """axe-core in headless Chromium: no WCAG 2.2 A/AA violations in the Welsh group report."""
    assert_accessible(welsh_room / "group-report.html")


@pytest.mark.parametrize("questionnaire", ["starter", "coproduction"])
def test_welsh_paper_form_pdf(questionnaire: str, tmp_path: Path) -> None:
    """The Welsh paper form's PDF has Welsh labels, ŵ or ŷ, /Lang cy and Welsh page numbers."""
    out = tmp_path / "ffurflen.pdf"
    result = runner.invoke(
        app, ["template", questionnaire, "-f", "pdf", "--lang", "cy", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert pdf_reader(data).trailer["/Root"]["/Lang"] == "cy"
    text = pdf_text(data)
    for label in ("Ffurflen ateb ar bapur", "Amdanoch chi", "Ticiwch un blwch.", "Profiad bywyd"):
        assert label in text
    assert "Amherthnasol" in text and "Ddim yn gwybod" in text
    assert "Tudalen 1 o" in text and "Page 1 of" not in text
    assert "ŵ" in text or "ŷ" in text
    assert "Cyfieithiad drafft yw'r Gymraeg ar y ffurflen hon" in text
    assert "Tick one box" not in text


def test_paper_form_refuses_two_languages(tmp_path: Path) -> None:
    """A paper form is in one language: `--lang en+cy` with `--format pdf` says so."""
    out = tmp_path / "x.pdf"
    result = runner.invoke(
        app, ["template", "starter", "-f", "pdf", "--lang", "en+cy", "-o", str(out)]
    )
    assert result.exit_code == 1
    assert "one language" in result.output and not out.exists()


@pytest.mark.parametrize("folder", ["group", "paper"])
def test_label_files_have_the_same_keys(folder: str) -> None:
    """group/ and paper/ labels: cy.yaml has en.yaml's keys (+ translation_status), same {names}."""
    en, cy = (
        load_yaml_file(templates_dir() / folder / "labels" / f"{lang}.yaml", "labels").data
        for lang in ("en", "cy")
    )
    assert set(cy) - {"translation_status"} == set(en)
    for key, text in en.items():
        assert sorted(re.findall(r"\{(\w+)\}", str(text))) == sorted(
            re.findall(r"\{(\w+)\}", str(cy[key]))
        ), key
        assert str(text).count("%s") == str(cy[key]).count("%s"), key
    # Translated, not copied: only short words (a unit, 'n') may be the same in both.
    assert all(str(cy[k]) != str(en[k]) or len(str(en[k])) < 10 for k in en)
    assert "draft" in str(cy["translation_status"])


def test_batch_terminal_summary_in_welsh(tmp_path: Path) -> None:
    """`coprod batch --lang cy`: the counts line and the figures on the terminal are Welsh."""
    result = run_batch_cli(filled_sheet(tmp_path), tmp_path / "out", "--lang", "cy", "-f", "csv")
    assert result.exit_code == 0, result.output
    assert "Darllenwyd 9 rhes o 1 daflen: 9 heb broblemau" in result.stderr
    assert "cafodd 9 o bobl sgôr." in result.stderr
    assert "Pawb (9 o bobl)" in result.stdout and "Cymedr" in result.stdout
    assert "Fesul perspective" in result.stdout and "Everyone" not in result.stdout
    english = run_batch_cli(filled_sheet(tmp_path), tmp_path / "en", "-f", "csv")
    assert "Read 9 rows from 1 sheet: 9 clean" in english.stderr
