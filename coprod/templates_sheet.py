"""Blank answer sheets for a workshop (`coprod template`): CSV, or XLSX with drop-downs.

The header of each question column is ``id: question text``, which `coprod batch`
reads back by id, so trainers may shorten or translate the text after the colon.
"""

from __future__ import annotations

import io
from pathlib import Path

from coprod.cells import allowed_answers
from coprod.exports import csv_text
from coprod.model import (
    Question,
    Questionnaire,
    ScaleQuestion,
    SingleChoiceQuestion,
    TextQuestion,
    YesNoQuestion,
    pick,
)

METADATA_COLUMNS = ["participant", "organisation", "service", "perspective"]
PERSPECTIVE_CHOICES = ["staff", "lived experience", "carer", "partner", "other"]
TEMPLATE_ROWS = 200
_TYPE_WORDS = {
    "scale": "a level of the scale",
    "yes_no": "yes or no",
    "number": "a number",
    "single_choice": "one choice",
    "multiple_choice": "any of the choices",
    "text": "your own words",
}


def template_header(q: Questionnaire, lang: str = "en") -> list[str]:
    """The header row: metadata columns, then 'id: text' for each question."""
    return METADATA_COLUMNS + [f"{qn.id}: {pick(qn.text, lang)}" for qn in q.questions]


def template_csv(q: Questionnaire, lang: str = "en") -> bytes:
    """A blank CSV answer sheet (UTF-8 with a byte order mark, so Excel opens it correctly)."""
    return ("\ufeff" + csv_text(template_header(q, lang), [])).encode("utf-8")


def dropdown_values(q: Questionnaire, question: Question, lang: str = "en") -> list[str]:
    """The drop-down entries for a question's cells; empty when any text is allowed."""
    extra = []
    if question.not_applicable:
        extra.append("N/A")
    if question.dont_know:
        extra.append("Don't know")
    if isinstance(question, ScaleQuestion):
        levels = q.scales[question.scale].levels
        return [f"{lv.value} - {pick(lv.label, lang)}" for lv in levels] + extra
    if isinstance(question, YesNoQuestion):
        return ["Yes", "No", *extra]
    if isinstance(question, SingleChoiceQuestion):
        return [pick(c.label, lang) for c in question.choices] + extra
    return []


def template_xlsx(q: Questionnaire, lang: str = "en") -> bytes:
    """A blank XLSX answer sheet: an Answers sheet with drop-downs and a Questions sheet to read."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    answers = book.active
    assert answers is not None
    answers.title = "Answers"
    header = template_header(q, lang)
    answers.append(header)
    for j, _ in enumerate(header, 1):
        cell = answers.cell(row=1, column=j)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        answers.column_dimensions[get_column_letter(j)].width = 18 if j <= 4 else 28
    answers.row_dimensions[1].height = 90
    answers.freeze_panes = "B2"

    guide = book.create_sheet("Questions")
    guide.append(["Question id", "Principle", "Question", "Answer with", "Allowed answers", "Help"])
    for j in range(1, 7):
        guide.cell(row=1, column=j).font = Font(bold=True)
    for principle in q.principles:
        for qn in principle.questions:
            guide.append(
                [
                    qn.id,
                    pick(principle.title, lang),
                    pick(qn.text, lang),
                    _TYPE_WORDS[qn.type],
                    allowed_answers(q, qn, lang),
                    pick(qn.help, lang),
                ]
            )
    for letter, width in zip("ABCDEF", (24, 28, 60, 18, 60, 60), strict=True):
        guide.column_dimensions[letter].width = width

    lists = book.create_sheet("Lists")
    lists.sheet_state = "hidden"
    last = TEMPLATE_ROWS + 1
    entries = [("perspective", 4, PERSPECTIVE_CHOICES)]
    for j, qn in enumerate(q.questions, len(METADATA_COLUMNS) + 1):
        values = [] if isinstance(qn, TextQuestion) else dropdown_values(q, qn, lang)
        if values:
            entries.append((qn.id, j, values))
    for k, (name, column, values) in enumerate(entries, 1):
        lists.cell(row=1, column=k, value=f"Answers for {name}")
        for i, value in enumerate(values, 2):
            lists.cell(row=i, column=k, value=value)
        ref = get_column_letter(k)
        rule = DataValidation(
            type="list",
            formula1=f"=Lists!${ref}$2:${ref}${len(values) + 1}",
            allow_blank=True,
            showErrorMessage=False,  # a typed "3" or a note must still be possible
        )
        rule.prompt = "Pick an answer, or type one"
        answers.add_data_validation(rule)
        target = get_column_letter(column)
        rule.add(f"{target}2:{target}{last}")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


TEMPLATE_FORMATS = ("csv", "xlsx", "pdf")


def write_template(
    questionnaire: str | Path, fmt: str = "xlsx", lang: str = "en", out: Path | None = None
) -> Path:
    """Write a blank answer sheet (or, as ``pdf``, a paper form); returns the path written.

    The default file name is ``<questionnaire-id>-answers.<fmt>`` in the current folder.
    """
    from coprod.questionnaire import load_questionnaire
    from coprod.responses import atomic_write

    q = load_questionnaire(questionnaire).questionnaire
    path = out or Path(f"{q.id}-answers.{fmt}")
    if path.is_dir():
        path = path / f"{q.id}-answers.{fmt}"
    if fmt == "pdf":
        from coprod.paper import paper_pdf  # weasyprint, only for the paper form

        atomic_write(path, paper_pdf(q, lang))
        return path
    atomic_write(path, template_csv(q, lang) if fmt == "csv" else template_xlsx(q, lang))
    return path
