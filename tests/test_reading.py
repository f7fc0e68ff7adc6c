"""One answer reader: typed keys, answers files and sheet cells accept the same values alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from coprod.assess.answers_file import read_answers_file
from coprod.assess.typed import parse_input
from coprod.errors import InvalidFileError
from coprod.model import Questionnaire, Status
from coprod.questionnaire.load import load_questionnaire
from coprod.responses.reading import Reading, Refusal, read_answer
from coprod.sheets.cells import BadCell, Cell, parse_cell
from tests.test_assess import MIXED

WELSH_LABELS = MIXED.replace("label: Low,", "label: {en: Low, cy: Isel},").replace(
    "title: Mixed questionnaire", "title: Mixed questionnaire\nlanguages: [en, cy]"
)


@pytest.fixture
def q(tmp_path: Path) -> Questionnaire:
    """The mixed questionnaire, with a Welsh label on the scale's first level."""
    path = tmp_path / "mixed.yaml"
    path.write_text(WELSH_LABELS, encoding="utf-8")
    return load_questionnaire(path).questionnaire


ACCEPTED = [
    ("l3", "2", Status.answered, 2),
    ("l3", "Middle", Status.answered, 2),
    ("l3", "2 - Middle", Status.answered, 2),
    ("l3", "Isel", Status.answered, 1),  # a label in the questionnaire's other language
    ("l3", "N/A", Status.not_applicable, None),
    ("l3", "not applicable", Status.not_applicable, None),
    ("l3", "amherthnasol", Status.not_applicable, None),
    ("l3", "don't know", Status.dont_know, None),
    ("l2", "yes", Status.answered, "yes"),
    ("l2", "Ie", Status.answered, "yes"),
    ("l2", "1", Status.answered, "yes"),
    ("l2", "no", Status.answered, "no"),
    ("s1", "about 85", Status.answered, 85),
    ("s1", "1,200", Status.answered, 1200),
    ("s1", "12 members", Status.answered, 12),
    ("s2", "Members", Status.answered, "members"),
    ("s2", "2", Status.answered, "members"),
    ("s3", "Hiring; Budget", Status.answered, ["hiring", "budget"]),
    ("s3", "2 1", Status.answered, ["hiring", "budget"]),
]


def typed(q: Questionnaire, qid: str, text: str) -> tuple[Status, object] | str:
    """What the prompt makes of a line: (status, value), or the message shown."""
    question = q.question(qid)
    assert question is not None
    action = parse_input(q, question, text, has_answer=False)
    kinds = {"answer": Status.answered, "not_applicable": Status.not_applicable}
    if action.kind == "invalid":
        return action.message
    return kinds.get(action.kind, Status.dont_know), action.value


def from_file(q: Questionnaire, qid: str, text: str, tmp_path: Path) -> tuple[Status, object] | str:
    """What an answers file makes of ``qid: "text"``: (status, value), or the problem."""
    path = tmp_path / "answers.yaml"
    path.write_text(f'answers:\n  {qid}: "{text}"\n', encoding="utf-8")
    try:
        answer = read_answers_file(q, path).answers[qid]
    except InvalidFileError as exc:
        return str(exc.problems[0])
    return answer.status, answer.value


def from_sheet(q: Questionnaire, qid: str, text: str) -> tuple[Status, object] | str:
    """What a sheet cell reads as: (status, value), or the problem with its fix."""
    question = q.question(qid)
    assert question is not None
    cell = parse_cell(q, question, text)
    if isinstance(cell, BadCell):
        return f"'{cell.text}' {cell.reason}. Fix: {cell.hint}"
    assert isinstance(cell, Cell)
    value = list(cell.value) if isinstance(cell.value, tuple) else cell.value
    return Status(cell.status), value


@pytest.mark.parametrize(("qid", "text", "status", "value"), ACCEPTED)
def test_the_same_answer_is_read_alike_everywhere(
    q: Questionnaire, tmp_path: Path, qid: str, text: str, status: Status, value: object
) -> None:
    """Typed at the prompt, written in an answers file or in a sheet cell: the same answer."""
    expected = (status, value)
    assert typed(q, qid, text) == expected
    assert from_file(q, qid, text, tmp_path) == expected
    assert from_sheet(q, qid, text) == expected


REFUSED = [
    ("l3", "7", "'7' is not a level of this scale (1 to 3).", "Use 1 Low, 2 Middle, 3 High"),
    ("l3", "2-3", "'2-3' holds more than one number; choose one level.", "Use 1 Low"),
    ("l1", "n/a", "this question has no 'not applicable' answer.", "Use 1 Low, 2 Middle"),
    ("l2", "maybe", "'maybe' is not yes or no.", "Use Yes, No, N/A"),
    ("s1", "lots", "'lots' is not a number.", "Use a whole number (at least 0)"),
    ("s1", "-4", "'-4' is below the minimum, 0.", "Use a whole number (at least 0)"),
    ("s2", "Chair", "'Chair' is not one of the choices.", "Use Staff, Members"),
]


@pytest.mark.parametrize(("qid", "text", "message", "hint"), REFUSED)
def test_the_same_refusal_is_worded_alike_everywhere(
    q: Questionnaire, tmp_path: Path, qid: str, text: str, message: str, hint: str
) -> None:
    """A value that does not fit gets the same reason and the same 'Use ...' everywhere."""
    for said in (typed(q, qid, text), from_file(q, qid, text, tmp_path), from_sheet(q, qid, text)):
        assert isinstance(said, str), said
        assert message in said and hint in said, said


def test_blank_is_no_answer_and_welsh_na_is_no() -> None:
    """A blank or a dash is no answer at all; 'na' is 'no' for a yes/no question read in Welsh."""
    q = Questionnaire.model_validate(
        {
            "format": 1,
            "id": "w",
            "version": "1",
            "title": "W",
            "bands": [{"min": 0, "max": 100, "label": "All"}],
            "principles": [
                {
                    "id": "p",
                    "title": "P",
                    "questions": [{"id": "f", "type": "yes_no", "text": "F?"}],
                }
            ],
        }
    )
    question = q.questions[0]
    assert read_answer(q, question, "  ") is None and read_answer(q, question, "-") is None
    assert read_answer(q, question, "na", "cy") == Reading(Status.answered, "no")
    assert read_answer(q, question, "NA") == Reading(Status.not_applicable)
    refused = read_answer(q, question, "efallai", "cy")
    assert isinstance(refused, Refusal)
    assert refused.message("cy") == "'efallai': nid yw'n ateb ie neu na."
