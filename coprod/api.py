"""The library entry points behind each command: call these from Python.

>>> from coprod.api import score_file
>>> result = score_file("examples/starter-response.yaml")
>>> result.scores.overall  # doctest: +SKIP
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coprod.errors import CoprodError, InvalidFileError, Problem
from coprod.model import Questionnaire, Response, pick
from coprod.questionnaire import (
    Loaded,
    builtin_paths,
    check_questionnaire,
    load_questionnaire,
    missing_translations,
)
from coprod.responses import load_response, match_response
from coprod.scoring import Scores, round1, score_response
from coprod.yamlio import load_yaml_file


@dataclass(frozen=True)
class Scored:
    """A response, the questionnaire it answers, its scores and any warnings."""

    loaded: Loaded
    response: Response
    scores: Scores
    path: Path
    warnings: list[str] = field(default_factory=list)


def questionnaire_for(response: Response, override: str | None = None) -> Loaded:
    """The questionnaire a response should be scored with: ``override``, its path, or its id."""
    if override:
        return load_questionnaire(override)
    if response.questionnaire.path and Path(response.questionnaire.path).is_file():
        return load_questionnaire(response.questionnaire.path)
    return load_questionnaire(response.questionnaire.id)


def score_file(path: str | Path, questionnaire: str | None = None) -> Scored:
    """Load a response file, check it against its questionnaire, and score it."""
    response = load_response(path)
    loaded = questionnaire_for(response, questionnaire)
    match = match_response(loaded, response, str(path))
    return Scored(
        loaded, response, score_response(loaded.questionnaire, response), Path(path), match.warnings
    )


@dataclass(frozen=True)
class Validation:
    """The outcome of validating one questionnaire file."""

    file: str
    problems: list[Problem]
    questionnaire: Questionnaire | None = None
    unreadable: bool = False

    @property
    def ok(self) -> bool:
        """True when there are no errors."""
        return not any(p.severity == "error" for p in self.problems)


def validate_file(path: str | Path, languages: list[str] | None = None) -> Validation:
    """Validate one questionnaire file; every problem is returned, none raised.

    Unreadable files (missing, binary, not YAML) come back as a single problem.
    With ``languages``, every text lacking one of them is a problem too.
    """
    try:
        located = load_yaml_file(Path(path), "questionnaire")
    except CoprodError as exc:
        return Validation(str(path), [_located_problem(str(path), str(exc))], unreadable=True)
    questionnaire, problems = check_questionnaire(located)
    if languages:
        problems = problems + missing_translations(located, languages)
    return Validation(str(path), problems, questionnaire)


def _located_problem(file: str, message: str) -> Problem:
    """A problem from an error message that starts 'file:line:column: ...' (line optional)."""
    rest = message.removeprefix(f"{file}:").lstrip() if message.startswith(f"{file}:") else message
    found = re.match(r"^(\d+)(?::(\d+))?: (.*)$", rest, re.DOTALL)
    if found:
        column = int(found[2]) if found[2] else None
        return Problem(file, found[3], int(found[1]), column)
    return Problem(file, rest)


def json_schema() -> dict[str, Any]:
    """A JSON Schema (draft-07 compatible) for questionnaire files, for editors."""
    schema = Questionnaire.model_json_schema(by_alias=True)
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    schema["title"] = "coprod questionnaire"
    if "$defs" in schema:
        # draft-07 names the definitions 'definitions'
        text = json.dumps(schema).replace("#/$defs/", "#/definitions/")
        schema = json.loads(text)
        schema["definitions"] = schema.pop("$defs")
    return schema


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


def scores_to_data(scored: Scored, lang: str = "en") -> dict[str, Any]:
    """Scores as plain data for --json (the same figures as the terminal table)."""
    q = scored.loaded.questionnaire
    s = scored.scores
    return {
        "file": str(scored.path),
        "questionnaire": {"id": q.id, "version": q.version, "hash": scored.loaded.hash},
        "respondent": scored.response.respondent.model_dump(exclude_none=True),
        "overall": {
            "score": s.overall,
            "band": pick(s.band.label, lang) if s.band else None,
            "coverage": s.coverage,
        },
        "min_coverage": s.min_coverage,
        "principles": [
            {
                "id": p.id,
                "title": pick(q.principles[i].title, lang),
                "weight": p.weight,
                "score": p.score,
                "band": pick(p.band.label, lang) if p.band else None,
                "coverage": p.coverage,
                "answered": p.answered,
                "applicable": p.applicable,
                "not_applicable": p.not_applicable,
                "dont_know": p.dont_know,
                "unanswered": p.unanswered,
                "questions": [
                    {
                        "id": x.id,
                        "status": x.status,
                        "value": x.value,
                        "scored": x.scored,
                        "score": None if x.score is None else round1(x.score),
                        "weight": x.weight if x.scored else 0,
                    }
                    for x in p.questions
                ],
            }
            for i, p in enumerate(s.principles)
        ],
        "recommendations": [
            {
                "id": r.id,
                "principle": r.principle,
                "priority": r.priority.value,
                "title": pick(r.title, lang),
                "actions": [pick(a, lang) for a in r.actions],
                "sources": r.sources,
            }
            for r in s.recommendations
        ],
        "warnings": scored.warnings,
    }


def raise_if_invalid(validation: Validation) -> Questionnaire:
    """The questionnaire, or InvalidFileError with every problem."""
    if not validation.ok or validation.questionnaire is None:
        raise InvalidFileError(validation.file, validation.problems)
    return validation.questionnaire
