"""Blank answer sheets for a workshop (`coprod template`): CSV, or XLSX with drop-downs.

The header of each question column is ``id: question text``, which `coprod batch`
reads back by id, so trainers may shorten or translate the text after the colon.
"""

from __future__ import annotations

import io
from pathlib import Path

from coprod.errors import CoprodError
from coprod.files.tables import csv_text
from coprod.i18n.phrases import report_languages
from coprod.i18n.words import SHEET_WORDS
from coprod.model import (
    PERSPECTIVES,
    MultipleChoiceQuestion,
    NumberQuestion,
    Question,
    Questionnaire,
    ScaleQuestion,
    SingleChoiceQuestion,
    TextQuestion,
    YesNoQuestion,
    pick,
)
from coprod.responses.reading import allowed_answers

#: The blank sheet's own columns before the questions (a few of words.METADATA_FIELDS).
METADATA_COLUMNS = ["participant", "organisation", "service", "perspective"]
#: The perspective drop-down in English: coprod's perspective ids as people write them.
PERSPECTIVE_CHOICES = [SHEET_WORDS[p]["en"] for p in PERSPECTIVES]
TEMPLATE_ROWS = 200

PERSPECTIVE_IDS = ("staff", "lived_experience", "carer", "partner", "other")


def sheet_languages(lang: str) -> list[str]:
    """The sheet's languages in order: 'cy' -> [cy]; 'en+cy' -> [cy, en] (Welsh first)."""
    return report_languages(lang) or ["en"]


def _word(key: str, codes: list[str], sep: str = " / ") -> str:
    """A sheet word in each language ('cyfranogwr / participant'), each wording once."""
    entry = SHEET_WORDS[key]
    return _join([entry.get(c, entry["en"]) for c in codes], sep)


def _yes_no_word(question: YesNoQuestion, yes: bool, codes: list[str]) -> str:
    """The question's own word for yes or no ('Oes / Yes'), else the sheet's ('Ie / Yes')."""
    entry = SHEET_WORDS["yes" if yes else "no"]
    return _join([question.label(yes, c) or entry.get(c, entry["en"]) for c in codes])


def _join(texts: list[str], sep: str = " / ") -> str:
    return sep.join(dict.fromkeys(x for x in texts if x))


def _texts(text: dict[str, str] | None, codes: list[str], sep: str = " / ") -> str:
    """A questionnaire text in each language, each wording once."""
    return _join([pick(text, c) for c in codes], sep)


def template_header(q: Questionnaire, lang: str = "en") -> list[str]:
    """The header row: metadata columns, then 'id: 1.2 text' for each question.

    1.2 is the question's number on screen, in reports and on the paper form. A grid's
    row reads 'id: 1.2 Stem [Row]', as survey tools head a grid's columns.
    """
    codes = sheet_languages(lang)
    numbers = q.numbers()
    if codes == ["en"]:
        return METADATA_COLUMNS + [
            f"{qn.id}: {numbers[qn.id]} {_question_text(qn, ['en'])}" for qn in q.questions
        ]
    return [_word(f, codes) for f in METADATA_COLUMNS] + [
        f"{qn.id}: {numbers[qn.id]} {_question_text(qn, codes)}" for qn in q.questions
    ]


def _question_text(question: Question, codes: list[str], sep: str = " / ") -> str:
    """A question's text in each language; a grid's row as 'Stem [Row]'."""
    text = _texts(question.text, codes, sep)
    if question.grid is None:
        return text
    return f"{_texts(question.grid.text, codes, sep)} [{text}]"


def template_csv(q: Questionnaire, lang: str = "en") -> bytes:
    """A blank CSV answer sheet (UTF-8 with a byte order mark, so Excel opens it correctly)."""
    return ("\ufeff" + csv_text(template_header(q, lang), [])).encode("utf-8")


def perspective_choices(lang: str = "en") -> list[str]:
    """The perspective drop-down's entries, in the sheet's language(s)."""
    codes = sheet_languages(lang)
    if codes == ["en"]:
        return list(PERSPECTIVE_CHOICES)
    return [_word(p, codes) for p in PERSPECTIVE_IDS]


def dropdown_values(q: Questionnaire, question: Question, lang: str = "en") -> list[str]:
    """The drop-down entries for a question's cells; empty when any text is allowed.

    Every entry is one `coprod batch` reads back. A bilingual sheet writes 'Welsh /
    English' where batch knows the pair, and each choice in each language apart.
    """
    codes = sheet_languages(lang)
    extra = []
    if question.not_applicable:
        extra.append(_word("not_applicable", codes))
    if question.dont_know:
        extra.append(_word("dont_know", codes))
    if isinstance(question, ScaleQuestion):
        levels = q.scales[question.scale].levels
        return [f"{lv.value} - {_texts(lv.label, codes)}" for lv in levels] + extra
    if isinstance(question, YesNoQuestion):
        return [_yes_no_word(question, True, codes), _yes_no_word(question, False, codes), *extra]
    if isinstance(question, SingleChoiceQuestion):
        labels = [pick(c.label, code) for c in question.choices for code in codes]
        return list(dict.fromkeys(labels)) + extra
    return []


def allowed_words(q: Questionnaire, question: Question, lang: str = "en") -> str:
    """What a question takes, for the Questions sheet, in the sheet's language(s)."""
    codes = sheet_languages(lang)
    return _join([_allowed(q, question, code) for code in codes], "\n")


def _allowed(q: Questionnaire, question: Question, code: str) -> str:
    if code not in SHEET_WORDS["yes"] or code == "en":
        return allowed_answers(q, question, code)

    def w(key: str) -> str:
        return SHEET_WORDS[key][code]

    extra = []
    if not isinstance(question, TextQuestion):
        if question.not_applicable:
            extra.append(w("not_applicable"))
        if question.dont_know:
            extra.append(w("dont_know"))
    if isinstance(question, ScaleQuestion):
        main = [f"{lv.value} {pick(lv.label, code)}" for lv in q.scales[question.scale].levels]
    elif isinstance(question, YesNoQuestion):
        main = [question.label(True, code) or w("yes"), question.label(False, code) or w("no")]
    elif isinstance(question, NumberQuestion):
        bounds = []
        if question.min is not None:
            bounds.append(w("at_least").format(value=f"{question.min:g}"))
        if question.max is not None:
            bounds.append(w("at_most").format(value=f"{question.max:g}"))
        kind = w("whole_number") if question.integer else w("type_number")
        joined = f" {w('and')} ".join(bounds)
        main = [kind + (f" ({joined})" if bounds else "")]
    elif isinstance(question, SingleChoiceQuestion):
        main = [pick(c.label, code) for c in question.choices]
    elif isinstance(question, MultipleChoiceQuestion):
        labels = "; ".join(pick(c.label, code) for c in question.choices)
        return "; ".join([w("any_of").format(labels=labels), *extra])
    else:
        main = [w("any_text")]
    return ", ".join(main + extra)


def template_xlsx(q: Questionnaire, lang: str = "en") -> bytes:
    """A blank XLSX answer sheet: an Answers sheet with drop-downs and a Questions sheet to read."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    codes = sheet_languages(lang)
    # The sheet names stay English: coprod batch knows 'Questions' and 'Lists' as guide sheets.
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
    headings = ("question_id", "principle", "question", "answer_with", "allowed", "help")
    guide.append([_word(key, codes) for key in headings])
    for j in range(1, 7):
        guide.cell(row=1, column=j).font = Font(bold=True)
    for principle in q.principles:
        for qn in principle.questions:
            guide.append(
                [
                    qn.id,
                    _texts(principle.title, codes, "\n"),
                    f"{q.numbers()[qn.id]} {_question_text(qn, codes, chr(10))}",
                    _word(f"type_{qn.type}", codes, "\n"),
                    allowed_words(q, qn, lang),
                    _texts(qn.help, codes, "\n"),
                ]
            )
    for letter, width in zip("ABCDEF", (24, 28, 60, 18, 60, 60), strict=True):
        guide.column_dimensions[letter].width = width
    if len(codes) > 1:  # each language on its own line within a cell
        for row in guide.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")

    lists = book.create_sheet("Lists")
    lists.sheet_state = "hidden"
    last = TEMPLATE_ROWS + 1
    entries = [("perspective", 4, perspective_choices(lang))]
    for j, qn in enumerate(q.questions, len(METADATA_COLUMNS) + 1):
        values = [] if isinstance(qn, TextQuestion) else dropdown_values(q, qn, lang)
        if values:
            entries.append((qn.id, j, values))
    for k, (name, column, values) in enumerate(entries, 1):
        lists.cell(row=1, column=k, value=_word("list_title", codes).format(name=name))
        for i, value in enumerate(values, 2):
            lists.cell(row=i, column=k, value=value)
        ref = get_column_letter(k)
        rule = DataValidation(
            type="list",
            formula1=f"=Lists!${ref}$2:${ref}${len(values) + 1}",
            allow_blank=True,
            showErrorMessage=False,  # a typed "3" or a note must still be possible
        )
        rule.prompt = _word("prompt", codes)
        answers.add_data_validation(rule)
        target = get_column_letter(column)
        rule.add(f"{target}2:{target}{last}")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_template(
    questionnaire: str | Path, fmt: str = "xlsx", lang: str = "en", out: str | Path | None = None
) -> Path:
    """Write a blank answer sheet (or, as ``pdf``, a paper form); returns the path written.

    ``lang`` is one language, or for CSV and XLSX two ('en+cy': every header and
    drop-down entry in Welsh first, then English).

    The default file name is ``<questionnaire-id>-answers.<fmt>`` in the current folder.
    """
    from coprod.files.atomic import atomic_write, output_path
    from coprod.questionnaire.load import load_questionnaire

    q = load_questionnaire(questionnaire).questionnaire
    path = output_path(out, f"{q.id}-answers.{fmt}")
    if fmt == "pdf":
        from coprod.forms.paper import paper_html
        from coprod.report.files import write_pdf  # weasyprint, only for the paper form

        if len(sheet_languages(lang)) > 1:
            raise CoprodError(
                f"'{lang}': a paper form is in one language.",
                "Give --lang cy or --lang en, and print one of each for a bilingual room.",
            )

        return write_pdf(path, paper_html(q, lang))
    atomic_write(path, template_csv(q, lang) if fmt == "csv" else template_xlsx(q, lang))
    return path
