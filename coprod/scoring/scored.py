"""A scored response file: the response, its questionnaire, its scores and any warnings.

>>> from coprod.scoring.scored import score_file
>>> result = score_file("examples/starter-response.yaml")
>>> result.scores.overall  # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coprod.errors import InputFileError
from coprod.model import Response, Status, pick
from coprod.questionnaire.load import Loaded, builtin_version, load_questionnaire
from coprod.responses.files import match_response, read_response
from coprod.scoring.marks import ScoreShown, marks_data, overall_range, principle_range
from coprod.scoring.score import NOT_ASKED, Scores, round1, score_response


@dataclass(frozen=True)
class Scored:
    """A response, the questionnaire it answers, its scores and any warnings."""

    loaded: Loaded
    response: Response
    scores: Scores
    path: Path
    warnings: list[str] = field(default_factory=list)


def stored_questionnaire(response: Response, folder: Path | None = None) -> Path | None:
    """The questionnaire file a response names, if it still exists, as an absolute path.

    A relative path (as older response files store it) is looked for in ``folder``
    (the response file's folder) first, then in the current folder.
    """
    stored = response.questionnaire.path
    if not stored:
        return None
    path = Path(stored).expanduser()
    candidates = [path] if path.is_absolute() else [*([folder / path] if folder else []), path]
    return next((c.resolve() for c in candidates if c.is_file()), None)


def questionnaire_for(
    response: Response, override: str | None = None, folder: Path | None = None
) -> Loaded:
    """The questionnaire a response should be scored with: ``override``, its file, or its id.

    ``folder`` is the response file's folder, where a relative questionnaire path is
    looked for first (see :func:`stored_questionnaire`).
    """
    if override:
        return load_questionnaire(override)
    path = stored_questionnaire(response, folder)
    if path is not None:
        return load_questionnaire(path)
    ref = response.questionnaire
    older = builtin_version(ref.id, ref.version)
    if older is not None:
        # An older built-in version kept beside the current one scores its own responses.
        return load_questionnaire(older)
    try:
        return load_questionnaire(ref.id)
    except InputFileError as exc:
        if not ref.path:
            raise
        raise InputFileError(
            f"the response's questionnaire file {ref.path} was not found, and {exc.message}",
            "Put the questionnaire file back, or beside the response file.",
        ) from None


def stand_in_warnings(response: Response, loaded: Loaded, folder: Path | None = None) -> list[str]:
    """A warning when the response's questionnaire file is gone and a built-in stands in for it.

    Scoring goes on (see docs/scoring.md): a different version is still scored when
    every answer fits it, but the reader must know which questionnaire was used.
    """
    ref = response.questionnaire
    if not ref.path or not loaded.builtin or stored_questionnaire(response, folder) is not None:
        return []
    q = loaded.questionnaire
    if ref.version == q.version and (ref.hash is None or ref.hash == loaded.hash):
        return []
    differs = (
        f"version {q.version}, not the version {ref.version} it answers"
        if ref.version != q.version
        else f"version {q.version} with different content from the copy it answers"
    )
    return [
        f"its questionnaire file {ref.path} was not found, so the built-in '{q.id}' was used "
        f"instead: {differs}. Put the questionnaire file back (or beside the response file) "
        "to score it with the questionnaire it answers."
    ]


def score_file(path: str | Path, questionnaire: str | None = None) -> Scored:
    """Load a response file, check it against its questionnaire, and score it.

    A damaged file (see :mod:`coprod.responses.checkline`) raises DamagedFileError;
    one that has no check line is scored with a warning saying it was not checked.
    """
    read = read_response(path)
    response = read.response
    folder = Path(path).parent
    loaded = questionnaire_for(response, questionnaire, folder)
    match = match_response(loaded, response, str(path))
    warnings = [] if questionnaire else stand_in_warnings(response, loaded, folder)
    scores = score_response(loaded.questionnaire, response)
    warnings += not_asked_warnings(response, scores)
    return Scored(
        loaded,
        response,
        scores,
        Path(path),
        read.notices + [f"{path}: {w}" for w in warnings] + match.warnings,
    )


def not_asked_warnings(response: Response, scores: Scores) -> list[str]:
    """An answer to a question not asked of this perspective: kept in the file, not scored."""
    who = response.respondent.perspective or "this perspective"
    given = [
        x.id
        for p in scores.principles
        for x in p.questions
        if x.status == NOT_ASKED
        and (a := response.answers.get(x.id)) is not None
        and a.status != Status.skipped
    ]
    if not given:
        return []
    ids = ", ".join(given)
    return [
        f"{ids}: answered, but not asked of {who} (the questionnaire asks "
        f"{'it' if len(given) == 1 else 'them'} of other perspectives), so left out of the "
        "scores; the file keeps the answer. Fix: check the perspective, or remove the answer."
    ]


def scores_to_data(scored: Scored, lang: str = "en") -> dict[str, Any]:
    """Scores as plain data for --json (the same figures as the terminal table)."""
    q = scored.loaded.questionnaire
    s = scored.scores
    marks = q.scoring.show == "marks"
    shown = ScoreShown(q, lang)
    return {
        "file": str(scored.path),
        "questionnaire": {"id": q.id, "version": q.version, "hash": scored.loaded.hash},
        "respondent": scored.response.respondent.model_dump(exclude_none=True),
        "overall": {
            "score": s.overall,
            "band": pick(s.band.label, lang) if s.band else None,
            "coverage": s.coverage,
            **(marks_data(overall_range(q), s.overall) if marks else {}),
            **({"shown": shown.overall(s.overall, None)} if not shown.plain else {}),
        },
        "min_coverage": s.min_coverage,
        "principles": [
            {
                "id": p.id,
                "title": pick(q.principles[i].title, lang),
                "weight": p.weight,
                "scored": p.scored,
                "score": p.score,
                "band": pick(p.band.label, lang) if p.band else None,
                **(marks_data(principle_range(q, q.principles[i]), p.score) if marks else {}),
                **({"shown": shown.principle(p.id, p.score, None)} if not shown.plain else {}),
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
