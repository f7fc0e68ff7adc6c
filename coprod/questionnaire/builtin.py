"""The questionnaires shipped with coprod, for ``coprod list``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from coprod.model import pick
from coprod.questionnaire.load import builtin_paths, load_questionnaire


@dataclass(frozen=True)
class BuiltinInfo:
    """One line of ``coprod list``."""

    id: str
    version: str
    title: str
    principles: int
    questions: int
    languages: list[str]
    path: Path


def list_builtin(lang: str = "en") -> list[BuiltinInfo]:
    """Every built-in questionnaire (invalid ones raise: they are our bug)."""
    out = []
    for path in builtin_paths():
        q = load_questionnaire(path).questionnaire
        out.append(
            BuiltinInfo(
                q.id,
                q.version,
                pick(q.title, lang),
                len(q.principles),
                len(q.questions),
                q.languages,
                path,
            )
        )
    return out
