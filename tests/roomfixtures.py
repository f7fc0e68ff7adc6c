"""A workshop's answer sheet filled in from a blank `coprod template` CSV, with a fixed seed.

Used to run each built-in questionnaire through template -> batch -> group report with
a realistic room: a mix of perspectives, every level, choices, yes/no, some "Don't know",
some blanks and a few words in the open questions. The people are fictional.
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

from typer.testing import CliRunner, Result

from coprod.cli import app
from coprod.model import (
    MultipleChoiceQuestion,
    NumberQuestion,
    Question,
    Questionnaire,
    ScaleQuestion,
    SingleChoiceQuestion,
    TextQuestion,
    YesNoQuestion,
)

PERSPECTIVES = ["staff", "lived_experience", "carer", "lived_experience", "staff", "partner"]
WORDS = ["More notice of the date.", "The small groups.", "Time to talk after.", ""]


def filled_sheet(q: Questionnaire, template: Path, people: int = 20, seed: int = 14) -> str:
    """The template's header with ``people`` answered rows below it, as CSV text."""
    with template.open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle))
    rng = random.Random(seed)
    by_id = {question.id: question for question in q.questions}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for i in range(people):
        row = []
        for column in header:
            qid = column.split(":", 1)[0]
            row.append(_cell(q, qid, by_id, i, rng))
        writer.writerow(row)
    return out.getvalue()


def _cell(
    q: Questionnaire, qid: str, by_id: dict[str, Question], i: int, rng: random.Random
) -> str:
    """One cell: who the person is, or an answer to the question headed ``qid``."""
    meta = {
        "participant": f"P{i + 1:02d}",
        "organisation": "Afon Valley County Borough Council",
        "service": "Day opportunities review",
        "perspective": PERSPECTIVES[i % len(PERSPECTIVES)],
    }
    if qid in meta:
        return meta[qid]
    question = by_id.get(qid)
    if question is None:
        return ""
    if not isinstance(question, TextQuestion) and rng.random() < 0.05:
        return "Don't know" if question.dont_know else ""
    if isinstance(question, ScaleQuestion):
        values = [lv.value for lv in q.scales[question.scale].levels]
        # A room leaning one way, so the figures are not uniform noise.
        weights = [1 + k for k in range(len(values))]
        return str(rng.choices(values, weights)[0])
    if isinstance(question, YesNoQuestion):
        return rng.choice(["Yes", "No"])
    if isinstance(question, SingleChoiceQuestion):
        return rng.choice(question.choices).id
    if isinstance(question, MultipleChoiceQuestion):
        return ";".join(c.id for c in question.choices if rng.random() < 0.5)
    if isinstance(question, NumberQuestion):
        return str(rng.randint(0, 40))
    return rng.choice(WORDS)


def room_sheet(folder: Path, qid: str) -> Path:
    """``coprod template qid`` as CSV, filled in by 20 people (:func:`filled_sheet`): its path."""
    from coprod.questionnaire.load import load_questionnaire

    template = folder / "blank.csv"
    made = CliRunner().invoke(app, ["template", qid, "--format", "csv", "--out", str(template)])
    assert made.exit_code == 0, made.output
    sheet = folder / "room.csv"
    sheet.write_text(
        filled_sheet(load_questionnaire(qid).questionnaire, template), encoding="utf-8"
    )
    return sheet


def batch_room(folder: Path, qid: str, *args: str) -> tuple[Result, Path]:
    """``coprod batch`` on a 20-person room answering built-in ``qid``: the run and its folder."""
    out = folder / "out"
    batch = ["batch", str(room_sheet(folder, qid)), "-q", qid, "--out", str(out), *args]
    result = CliRunner().invoke(app, batch)
    assert result.exit_code == 0, result.output
    return result, out
