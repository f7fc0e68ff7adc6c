"""Shared fixtures: a small questionnaire written to a temp folder, as an author would."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

SMALL = """\
format: 1
id: small
version: "1.0"
title: Small test questionnaire
languages: [en, cy]
scales:
  five:
    levels:
      - {value: 1, label: Not yet, descriptor: Nothing in place.}
      - {value: 2, label: Starting, descriptor: A first step.}
      - {value: 3, label: Developing, descriptor: Happens sometimes.}
      - {value: 4, label: Established, descriptor: Happens usually.}
      - {value: 5, label: Leading, descriptor: "Happens always; others learn from it."}
bands:
  - {min: 0, max: 40, label: Not there yet}
  - {min: 40, max: 70, label: On the way}
  - {min: 70, max: 100, label: Going strong}
principles:
  - id: assets
    title: {en: People are assets, cy: Mae pobl yn asedau}
    questions:
      - {id: a1, type: scale, scale: five, text: "Do you ask what people can offer?"}
      - {id: a2, type: scale, scale: five, text: "Do you value lived experience?", weight: 2}
  - id: power
    title: Sharing power
    weight: 2
    questions:
      - {id: p1, type: yes_no, text: "Do people with lived experience sit on the board?"}
      - id: p2
        type: scale
        scale: five
        text: How much say do they have?
        when: {question: p1, equals: "yes"}
      - {id: p3, type: text, text: "What would help most?"}
recommendations:
  - id: assets-low
    principle: assets
    priority: high
    when: {principle: assets, below: 40}
    title: Start strengths-based conversations
    actions: [Hold three conversations about what people can offer.]
  - id: power-board
    principle: power
    priority: medium
    when: {question: p1, equals: "no"}
    title: Open a board seat
    actions: [Invite two people with lived experience to the board.]
"""


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write text to a file in the temp folder and return its path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return _write


@pytest.fixture
def small(write: Callable[[str, str], Path]) -> Path:
    """The small questionnaire as a file."""
    return write("small.yaml", SMALL)


@pytest.fixture(autouse=True)
def every_pdf_stays_on_the_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every PDF any test makes is checked: no glyph outside the page's margins."""
    from coprod.report import render
    from tests.pagecheck import off_page

    original = render.render_pdf

    def checked(html: str, **options: Any) -> bytes:
        pdf = original(html, **options)
        problems = off_page(pdf, html)
        assert not problems, "text outside the printable area:\n" + "\n".join(problems)
        return pdf

    monkeypatch.setattr(render, "render_pdf", checked)


#: A questionnaire with parts that are only reported: an unscored principle, a weight-0
#: one, no bands and no overall score (issue 14: unscored parts, optional bands/overall).
PARTS = """\
format: 1
id: parts
version: "1.0"
title: Event feedback
scoring: {overall: false}
scales:
  three:
    levels:
      - {value: 1, label: Poor}
      - {value: 2, label: Fair}
      - {value: 3, label: Good}
principles:
  - id: event
    title: The event
    questions:
      - {id: e1, type: scale, scale: three, text: "How was the venue?"}
      - {id: e2, type: scale, scale: three, text: "How was the timing?"}
  - id: about
    title: About you
    scored: false
    questions:
      - id: age
        type: single_choice
        text: How old are you?
        choices:
          - {id: young, label: Under 25, score: 100}
          - {id: older, label: 25 or over, score: 0}
  - id: final
    title: Final thoughts
    weight: 0
    questions:
      - {id: f1, type: scale, scale: three, text: "Would you come again?"}
"""

PARTS_RESPONSE = """\
format: 1
questionnaire: {id: parts, version: "1.0", path: QUESTIONNAIRE}
respondent: {perspective: lived_experience}
answers:
  e1: {value: 3}
  e2: {value: 2}
  age: {value: young}
  f1: {value: 3}
"""


@pytest.fixture
def parts(write: Callable[[str, str], Path]) -> Path:
    """The questionnaire with unscored parts, no bands and no overall, as a file."""
    return write("parts.yaml", PARTS)


@pytest.fixture
def parts_response(parts: Path, write: Callable[[str, str], Path]) -> Path:
    """A response to the questionnaire with unscored parts."""
    return write("parts-response.yaml", PARTS_RESPONSE.replace("QUESTIONNAIRE", str(parts)))


#: A questionnaire with a question and a principle for staff only (``for:``).
AUDIENCE = """\
format: 1
id: audience
version: "1.0"
title: Who is asked what
scales:
  five:
    levels:
      - {value: 1, label: Not yet}
      - {value: 2, label: Starting}
      - {value: 3, label: Developing}
      - {value: 4, label: Established}
      - {value: 5, label: Leading}
principles:
  - id: voice
    title: Voice
    questions:
      - {id: heard, type: scale, scale: five, text: People are heard.}
      - {id: budget, type: scale, scale: five, text: People shape the budget., for: [staff]}
  - id: policy
    title: Policy
    for: [staff, partner]
    questions:
      - {id: written, type: scale, scale: five, text: There is a written policy.}
"""


@pytest.fixture
def audience(write: Callable[[str, str], Path]) -> Path:
    """The questionnaire with questions for some perspectives only, as a file."""
    return write("audience.yaml", AUDIENCE)
