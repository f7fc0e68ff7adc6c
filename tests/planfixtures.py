"""The worked example of docs/plan.md: a tiny questionnaire, a baseline and a follow-up.

Three people at each round of Anytown Council's Housing service answer two
five-level questions (level 1 scores 0, level 5 scores 100):

=========  ==============  ===========  =========
round      person          l1 (listen)  s1 (share)
=========  ==============  ===========  =========
Baseline   P1, P2, P3      2, 2, 3      1, 1, 4
Follow-up  Q1, Q2, Q3      4, 4, 5      1, 2, 2
=========  ==============  ===========  =========

The baseline folder is laid out as `coprod batch` writes one (``responses/`` and a
``scores.csv`` beside it), so ``coprod plan`` reads it as a workshop.
"""

from __future__ import annotations

import json
from pathlib import Path

TINY = """\
format: 1
id: tiny
version: "1.0"
title: Tiny planning questionnaire
languages: [en, cy]
scales:
  five:
    levels:
      - {value: 1, label: Never}
      - {value: 2, label: Rarely}
      - {value: 3, label: Sometimes}
      - {value: 4, label: Often}
      - {value: 5, label: Always}
bands:
  - {min: 0, max: 50, label: Early days}
  - {min: 50, max: 100, label: Further on}
principles:
  - id: listen
    title: {en: Listening, cy: Gwrando}
    questions:
      - {id: l1, type: scale, scale: five, text: "Do we listen to what people tell us?"}
  - id: share
    title: {en: Sharing power, cy: Rhannu grym}
    questions:
      - {id: s1, type: scale, scale: five, text: "Do people share real decisions?"}
recommendations:
  - id: listen-low
    principle: listen
    priority: high
    when: {principle: listen, below: 50}
    title: Listen first
    actions:
      - Ask people what matters to them at every first meeting.
      - Tell people what changed because of what they said.
  - id: share-low
    principle: share
    priority: medium
    when: {principle: share, below: 50}
    title: Share decisions
    actions:
      - Invite two people who use the service onto the planning group.
"""

STAMPS = {"Baseline": "2026-01-12T10:00:00+00:00", "Follow-up": "2026-07-13T10:00:00+00:00"}
ANSWERS = {
    "Baseline": [("P1", 2, 1), ("P2", 2, 1), ("P3", 3, 4)],
    "Follow-up": [("Q1", 4, 1), ("Q2", 4, 2), ("Q3", 5, 2)],
}


def response_text(questionnaire: Path, round_label: str, person: str, l1: int, s1: int) -> str:
    """One person's response to the tiny questionnaire."""
    return f"""\
format: 1
questionnaire: {{id: tiny, version: "1.0", path: {json.dumps(str(questionnaire))}}}
respondent:
  {{organisation: Anytown Council, service: Housing, name: {person}, group: {round_label}}}
completed: "{STAMPS[round_label]}"
answers:
  l1: {{value: {l1}}}
  s1: {{value: {s1}}}
"""


def write_rounds(root: Path) -> tuple[Path, Path, Path]:
    """The questionnaire, a baseline batch folder and a follow-up folder, under ``root``."""
    questionnaire = root / "tiny.yaml"
    questionnaire.write_text(TINY, encoding="utf-8")
    folders = []
    for round_label, people in ANSWERS.items():
        folder = root / round_label.lower()
        (folder / "responses").mkdir(parents=True)
        (folder / "scores.csv").write_text("participant\n", encoding="utf-8")
        for k, (person, l1, s1) in enumerate(people, 1):
            text = response_text(questionnaire, round_label, person, l1, s1)
            (folder / "responses" / f"{k:04d}.yaml").write_text(text, encoding="utf-8")
        folders.append(folder)
    return questionnaire, folders[0], folders[1]
