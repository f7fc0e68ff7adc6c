"""Ids compared as people read them: case-only and lookalike pairs of every kind are refused."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coprod.cli import app
from coprod.questionnaire.checks import validate_file
from coprod.questionnaire.ids import how_they_differ, read_alike

Write = Callable[[str, str], Path]
runner = CliRunner()

IDS = {
    "principle": ["assets", "power"],
    "question": ["q1", "q2"],
    "choice": ["level1", "never"],
    "scale": ["five", "three"],
    "recommendation": ["start", "grow"],
    "source": ["nef", "tlap"],
}


def questionnaire(ids: dict[str, list[str]]) -> str:
    """A valid questionnaire using these ids: two of each kind."""
    p, q, c, s, r, src = (ids[k] for k in IDS)
    return f"""\
format: 1
id: ids
version: "1.0"
title: Ids
sources:
  - {{id: {src[0]}, title: One}}
  - {{id: {src[1]}, title: Two}}
scales:
  {s[0]}: {{levels: [{{value: 1, label: Low}}, {{value: 2, label: High}}]}}
  {s[1]}: {{levels: [{{value: 1, label: Low}}, {{value: 3, label: High}}]}}
bands: [{{min: 0, max: 100, label: All}}]
principles:
  - id: {p[0]}
    title: One
    questions:
      - {{id: {q[0]}, type: scale, scale: {s[0]}, text: One}}
      - id: {q[1]}
        type: single_choice
        text: Two
        choices: [{{id: {c[0]}, label: Often, score: 100}}, {{id: {c[1]}, label: Never, score: 0}}]
  - id: {p[1]}
    title: Two
    questions:
      - {{id: q3, type: scale, scale: {s[1]}, text: Three}}
recommendations:
  - {{id: {r[0]}, when: {{overall: true, below: 50}}, title: Start, actions: [Act],
      sources: [{src[0]}]}}
  - {{id: {r[1]}, when: {{overall: true, at_least: 50}}, title: Grow, actions: [Act],
      sources: [{src[1]}]}}
"""


def with_second(kind: str, second: str) -> dict[str, list[str]]:
    """The usual ids, with the second id of ``kind`` replaced."""
    ids = {k: list(v) for k, v in IDS.items()}
    ids[kind][1] = second
    return ids


def test_the_usual_ids_are_valid(write: Write) -> None:
    """The questionnaire the cases start from has no problem at all."""
    assert validate_file(write("q.yaml", questionnaire(IDS))).problems == []


PAIRS = [
    ("principle", "Assets", "only in capital and small letters"),
    ("question", "Q1", "only in capital and small letters"),
    ("choice", "Level1", "only in capital and small letters"),
    ("scale", "FIVE", "only in capital and small letters"),
    ("recommendation", "START", "only in capital and small letters"),
    ("source", "NEF", "only in capital and small letters"),
    ("question", "q-1", None),  # q1 and q-1 do not collide: '-' is not a letter
    ("principle", "as.sets", None),
    ("choice", "levelI", "only in characters that look alike (0 and O; 1, l and I)"),
    ("question", "ql", "only in characters that look alike (0 and O; 1, l and I)"),
    ("recommendation", "St4rt", None),
]


@pytest.mark.parametrize(("kind", "second", "differ"), PAIRS)
def test_case_only_and_lookalike_pairs_of_every_kind(
    write: Write, kind: str, second: str, differ: str | None
) -> None:
    """A second id reading like the first is refused, naming both and where the first is."""
    path = write("q.yaml", questionnaire(with_second(kind, second)))
    problems = validate_file(path).problems
    if differ is None:
        assert [p for p in problems if "reads the same" in p.message] == []
        return
    first = IDS[kind][0]
    text = path.read_text(encoding="utf-8").splitlines()
    first_line = next(
        i for i, line in enumerate(text, 1) if f"{first}:" in line or f"id: {first}" in line
    )
    assert [p.message for p in problems] == [
        f"{kind} id '{second}' reads the same as {kind} id '{first}' at {path}:{first_line}: they "
        f"differ {differ}, so people, forms and spreadsheets take them for one id."
    ]
    assert problems[0].line is not None and problems[0].line >= first_line


def test_a_question_and_a_principle_are_one_set_of_ids(write: Write) -> None:
    """A question id that reads like a principle id is refused too: rules name both."""
    path = write("q.yaml", questionnaire(with_second("question", "ASSETS")))
    (problem,) = validate_file(path).problems
    assert problem.message.startswith(
        "question id 'ASSETS' reads the same as principle id 'assets'"
    )


def test_choices_of_different_questions_may_read_alike(write: Write) -> None:
    """Choice ids only need to read differently within their own question."""
    text = questionnaire(IDS).replace(
        "      - {id: q3, type: scale, scale: three, text: Three}",
        "      - id: q3\n        type: single_choice\n        text: Three\n"
        "        choices: [{id: LEVEL1, label: Often}, {id: rarely, label: Rarely}]",
    )
    assert validate_file(write("q.yaml", text)).problems == []


@pytest.mark.parametrize("kind", list(IDS))
def test_letters_from_other_alphabets_are_refused_for_every_kind(write: Write, kind: str) -> None:
    """An id with a Cyrillic letter that looks like a Latin one is not valid, whatever its kind."""
    lookalike = IDS[kind][1][:1] + "\u0430" + IDS[kind][1][1:]
    problems = validate_file(write("q.yaml", questionnaire(with_second(kind, lookalike)))).problems
    assert any("is not a valid id" in p.message for p in problems), problems


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("q1", "Q1", True),
        ("q_1", "q-1", True),
        ("q.1", "q_1", True),
        ("pO", "p0", True),
        ("l1", "I1", True),
        ("il", "li", False),  # a small i has its dot
        ("Item", "item", True),
        ("iI", "il", True),
        ("q1", "q2", False),
        ("q1", "q11", False),
        ("rn", "m", False),
    ],
)
def test_reading(a: str, b: str, same: bool) -> None:
    """How two ids read: case, separators and lookalikes set aside, nothing else."""
    assert read_alike(a, b) is same


def test_how_they_differ_names_separators() -> None:
    """Ids apart only by '-', '_' or '.' are said to be."""
    assert how_they_differ("q_1", "Q-1") == "only in '-', '_' or '.'"


def test_validate_names_both_places_and_exits_1(write: Write) -> None:
    """coprod validate prints the located message for the pair, and exits 1."""
    path = write("q.yaml", questionnaire(with_second("question", "Q1")))
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert f"question id 'Q1' reads the same as question id 'q1' at {path}:" in result.stderr
    assert "Fix: rename one of them so that the two read differently." in result.stderr
