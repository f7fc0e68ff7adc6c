"""Deliberately long content for the layout tests: what a real council's files can hold.

Long organisation and principle names, a 2,000-character note, a word longer
than a line, a question with 12 choices of 60-character labels, and a workshop
sheet whose people answer all of it.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

LONG_NAME = (
    "Afon Valley and Upper Cwm Gwyn County Borough Council Adult Social Care, Housing "
    "and Community Wellbeing Partnership Directorate"
)
#: One word longer than any line: a URL pasted into a note.
LONG_WORD = "https://intranet.example.invalid/" + "co-production-evidence-folder-" * 5 + "x"
NOTE = (
    ("We meet people where they are, at the market, the library and the food bank; " * 24)
    + LONG_WORD
)[:2000]
ACTION = ("Agree with the people who take part how each team will share its plans, " * 4).strip()
CHOICE_LABELS = [
    f"Choice {k:02d}: a sixty-character option label for the room {k:02d}."[:60]
    for k in range(1, 13)
]


def long_questionnaire() -> str:
    """A questionnaire with long titles, 12-choice questions and 60-character labels."""
    choices = ", ".join(
        f'{{id: c{k:02d}, label: "{label}", score: {k * 8}}}'
        for k, label in enumerate(CHOICE_LABELS, 1)
    )
    title = "People who use the service shape it from the first idea to the last review"
    return f"""\
format: 1
id: long
version: "1.0"
title: A questionnaire whose every text is as long as real ones get
languages: [en, cy]
scales:
  five:
    levels:
      - {{value: 1, label: Not yet started anywhere in the service, descriptor: Nothing.}}
      - {{value: 2, label: Starting in one or two teams, descriptor: A first step.}}
      - {{value: 3, label: Developing across several teams, descriptor: Sometimes.}}
      - {{value: 4, label: Established in most of the service, descriptor: Usually.}}
      - {{value: 5, label: Leading and teaching other services, descriptor: Always.}}
bands:
  - {{min: 0, max: 40, label: Not there yet and a long way to go}}
  - {{min: 40, max: 70, label: On the way with plenty still to do}}
  - {{min: 70, max: 100, label: Going strong and sharing what works}}
principles:
  - id: shape
    title: "{title}"
    questions:
      - {{id: s1, type: scale, scale: five, text: "{title}, including budgets and staff?"}}
      - {{id: s2, type: scale, scale: five, text: "{title} and say what changed?"}}
      - id: s3
        type: multiple_choice
        text: Which of these twelve ways of taking part does the service offer today?
        choices: [{choices}]
      - id: s4
        type: single_choice
        text: Which one way of taking part do most people use?
        choices: [{choices}]
      - {{id: s5, type: yes_no, text: "Is there a budget for paying people for their time?"}}
      - {{id: s6, type: text, text: "What would help most, in your own words?"}}
  - id: power
    title: Sharing power over decisions, governance, money and the people who are hired
    questions:
      - {{id: p1, type: scale, scale: five, text: "Do people with lived experience decide?"}}
      - {{id: p2, type: scale, scale: five, text: "Do they sit on interview panels?"}}
recommendations:
  - id: shape-low
    principle: shape
    priority: high
    when: {{principle: shape, below: 70}}
    title: "{title}: start with one team and one budget line"
    actions: ["{ACTION}", Hold three conversations about what people can offer.]
  - id: power-low
    principle: power
    priority: high
    when: {{principle: power, below: 70}}
    title: Open the board and the interview panels to people with lived experience
    actions: [Invite two people with lived experience to the board.]
"""


def long_response(questionnaire: Path) -> str:
    """A response to the long questionnaire: a long organisation and a 2,000-character note."""
    picked = ", ".join(f"c{k:02d}" for k in range(1, 13))
    return f"""\
format: 1
questionnaire: {{id: long, version: "1.0", path: {json.dumps(str(questionnaire))}}}
respondent:
  organisation: "{LONG_NAME}"
  service: "{LONG_NAME} Community Support Service"
  role: Head of service for co-production, involvement and engagement across the partnership
  perspective: staff
language: en
completed: "2026-11-02T10:12:40+00:00"
answers:
  s1: {{value: 2, note: {json.dumps(NOTE)}}}
  s2: {{value: 3, note: {json.dumps(LONG_WORD)}}}
  s3: {{value: [{picked}], note: {json.dumps(NOTE[:600])}}}
  s4: {{value: c12}}
  s5: {{value: "no"}}
  s6: {{value: {json.dumps(NOTE[:1200])}}}
  p1: {{value: 1}}
  p2: {{value: 2}}
"""


def long_workshop(folder: Path, people: int = 12) -> Path:
    """A workshop sheet for :func:`long_questionnaire`: staff, lived experience and a carer."""
    path = folder / "long-workshop.csv"
    kinds = ["staff"] * 6 + ["lived_experience"] * 5 + ["carer"]
    header = ["participant", "organisation", "perspective", "s1", "s2", "s3", "s4", "s5", "s6"]
    header += ["p1", "p2"]
    rows = []
    for k in range(people):
        ticked = ";".join(f"c{c:02d}" for c in range(1, 13) if (c + k) % 3)
        rows.append(
            [
                f"Person {k + 1}",
                LONG_NAME,
                kinds[k % len(kinds)],
                str(1 + k % 5),
                str(1 + (k * 2) % 5),
                ticked,
                f"c{1 + k % 12:02d}",
                "yes" if k % 2 else "no",
                NOTE[: 100 + 40 * k],
                str(1 + (k * 3) % 5),
                str(5 - k % 5),
            ]
        )
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([header, *rows])
    return path
