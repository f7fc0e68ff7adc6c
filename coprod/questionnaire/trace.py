"""Where each idea comes from: question and recommendation sources, and earlier versions.

Two halves: checks on the parsed YAML (run by :mod:`coprod.questionnaire.checks`,
so an author sees a located message for every id that points nowhere), and, on a
valid questionnaire, which questions and recommendations draw on each source
(shown by ``coprod show`` and in the report's sources section).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from coprod.files.yamlio import Path_
from coprod.model import Questionnaire
from coprod.questionnaire.grids import answer_ids

Add = Callable[[Path_, str, str], None]


def check_sources_and_versions(data: dict[str, Any], add: Add) -> None:
    """Report question sources that are not defined and earlier-version ids that do not fit."""
    source_ids = {
        s.get("id") for s in data.get("sources") or [] if isinstance(s, dict) and "id" in s
    }
    question_ids: set[str] = set()
    principles = data.get("principles")
    for pi, principle in enumerate(principles if isinstance(principles, list) else []):
        questions = principle.get("questions") if isinstance(principle, dict) else None
        for qi, question in enumerate(questions if isinstance(questions, list) else []):
            if not isinstance(question, dict):
                continue
            question_ids.update(answer_ids(question))
            listed = question.get("sources")
            for si, sid in enumerate(listed if isinstance(listed, list) else []):
                if sid not in source_ids:
                    add(
                        ("principles", pi, "questions", qi, "sources", si),
                        f"there is no source '{sid}'.",
                        "add it under 'sources:' or fix the id.",
                    )
    earlier = data.get("earlier_versions")
    for ei, entry in enumerate(earlier if isinstance(earlier, list) else []):
        if not isinstance(entry, dict):
            continue
        if entry.get("version") == data.get("version"):
            add(
                ("earlier_versions", ei, "version"),
                f"version {entry['version']} is this questionnaire's own version.",
                "list only earlier versions here.",
            )
        same = entry.get("same")
        listed = entry.get("changed")
        changed: dict[str, Any] = listed if isinstance(listed, dict) else {}
        for si, qid in enumerate(same if isinstance(same, list) else []):
            if qid not in question_ids:
                add(
                    ("earlier_versions", ei, "same", si),
                    f"'{qid}' is not a question in this version.",
                    "'same' lists questions that keep their id; put a renamed or "
                    "removed question under 'changed'.",
                )
            elif qid in changed:
                add(
                    ("earlier_versions", ei, "same", si),
                    f"'{qid}' is listed both as the same and as changed.",
                    "keep it in one list.",
                )


def source_uses(q: Questionnaire) -> dict[str, list[str]]:
    """For each source id, the ids of the questions and recommendations that name it, in order."""
    uses: dict[str, list[str]] = {s.id: [] for s in q.sources}
    for question in q.questions:
        for sid in question.sources:
            uses.setdefault(sid, []).append(question.id)
    for rec in q.recommendations:
        for sid in rec.sources:
            uses.setdefault(sid, []).append(rec.id)
    return uses


def unused_sources(q: Questionnaire) -> list[str]:
    """Sources credited under ``sources:`` that no question or recommendation names."""
    return [sid for sid, used in source_uses(q).items() if not used]


def untraced_items(q: Questionnaire) -> list[str]:
    """Questions and recommendations that name no source."""
    return [x.id for x in (*q.questions, *q.recommendations) if not x.sources]
