"""Load questionnaires: a file or built-in id becomes a Questionnaire, or every problem found."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coprod.errors import InputFileError, InvalidFileError
from coprod.files.kinds import Kind, kind_of_data, refuse_other_kind, wrong_kind
from coprod.files.resources import builtin_dir, builtin_questionnaire
from coprod.files.yamlio import load_yaml_file
from coprod.model import REVIEWED, Questionnaire
from coprod.questionnaire.checks import check_questionnaire

#: Separates a built-in id from an older version kept beside it: ``coproduction@1.0``.
VERSION_MARK = "@"


def builtin_paths() -> list[Path]:
    """Every current built-in questionnaire file, sorted by name (older versions left out)."""
    return sorted(p for p in builtin_dir().glob("*.yaml") if VERSION_MARK not in p.stem)


def older_builtin_paths() -> list[Path]:
    """Older versions of built-ins kept for old responses, e.g. coproduction@1.0."""
    return sorted(p for p in builtin_dir().glob("*.yaml") if VERSION_MARK in p.stem)


def builtin_version(qid: str, version: str) -> Path | None:
    """The built-in file for an older ``version`` of ``qid``, if coprod keeps one."""
    candidate = builtin_dir() / f"{qid}{VERSION_MARK}{version}.yaml"
    return candidate if VERSION_MARK not in qid and candidate.is_file() else None


def resolve(ref: str) -> Path:
    """Turn a built-in id or a path into a path; raise InputFileError naming the choices."""
    path = Path(ref)
    if path.suffix.lower() in (".yaml", ".yml") or path.exists() or "/" in ref or "\\" in ref:
        return path
    candidate = builtin_questionnaire(ref)
    if candidate is not None:
        return candidate
    names = ", ".join(p.stem for p in [*builtin_paths(), *older_builtin_paths()]) or "none"
    raise InputFileError(
        f"{ref}: no built-in questionnaire has this id (built in: {names}).",
        "Give a built-in id (an older version as id@version) or the path to a .yaml file.",
    )


def content_hash(data: Any) -> str:
    """A short hash of the questionnaire's content, independent of comments and layout."""
    plain = _without_review(data)
    canonical = json.dumps(plain, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Loaded:
    """A valid questionnaire with where it came from."""

    questionnaire: Questionnaire
    path: Path
    hash: str
    builtin: bool


def load_questionnaire(ref: str | Path) -> Loaded:
    """Load a questionnaire by built-in id or path; raise InvalidFileError with every problem."""
    path = resolve(str(ref))
    refuse_other_kind(path, Kind.questionnaire)
    located = load_yaml_file(path, "questionnaire")
    if kind_of_data(located.data) == Kind.response:
        raise wrong_kind(path, Kind.response, Kind.questionnaire.value)
    questionnaire, problems = check_questionnaire(located)
    errors = [p for p in problems if p.severity == "error"]
    if errors or questionnaire is None:
        raise InvalidFileError(str(path), errors)
    builtin = path.resolve().parent == builtin_dir().resolve()
    return Loaded(questionnaire, path, content_hash(located.data), builtin)


def _without_review(data: Any) -> Any:
    """The data without ``reviewed:`` markers: reviewing a text does not change its content."""
    if isinstance(data, dict):
        return {k: _without_review(v) for k, v in data.items() if k != REVIEWED}
    if isinstance(data, list):
        return [_without_review(v) for v in data]
    return data
