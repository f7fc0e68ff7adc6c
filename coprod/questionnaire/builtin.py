"""The questionnaires shipped with coprod, for ``coprod list``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from coprod.model import pick
from coprod.questionnaire.load import (
    VERSION_MARK,
    builtin_paths,
    load_questionnaire,
    older_builtin_paths,
)


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
    older_versions: tuple[str, ...] = ()  # kept for old responses, shown as id@version


def list_builtin(lang: str = "en") -> list[BuiltinInfo]:
    """Every built-in questionnaire (invalid ones raise: they are our bug)."""
    out = []
    older = [p.stem.split(VERSION_MARK, 1) for p in older_builtin_paths()]
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
                tuple(version for qid, version in older if qid == q.id),
            )
        )
    return out
