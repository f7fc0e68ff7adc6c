"""The library entry points behind each command: call these from Python.

A facade: each name is defined in its stage (see docs/architecture.md) and
re-exported here, so that ``from coprod.api import ...`` keeps working whatever
moves underneath. Nothing inside coprod imports this module but the CLI.

>>> from coprod.api import score_file
>>> result = score_file("examples/starter-response.yaml")
>>> result.scores.overall  # doctest: +SKIP
"""

from __future__ import annotations

from coprod.errors import CoprodError, DamagedFileError, InputFileError, InvalidFileError, Problem
from coprod.files.yamlio import load_yaml_file
from coprod.model import Questionnaire, Response, pick
from coprod.questionnaire.builtin import BuiltinInfo, list_builtin
from coprod.questionnaire.checks import (
    Validation,
    check_questionnaire,
    missing_translations,
    raise_if_invalid,
    validate_file,
)
from coprod.questionnaire.load import Loaded, builtin_paths, load_questionnaire
from coprod.questionnaire.validation import json_schema
from coprod.responses.files import ReadResponse, load_response, match_response, read_response
from coprod.scoring.score import Scores, round1, score_response
from coprod.scoring.scored import (
    Scored,
    questionnaire_for,
    score_file,
    scores_to_data,
    stand_in_warnings,
    stored_questionnaire,
)

__all__ = [
    "BuiltinInfo",
    "CoprodError",
    "DamagedFileError",
    "InputFileError",
    "InvalidFileError",
    "Loaded",
    "Problem",
    "Questionnaire",
    "ReadResponse",
    "Response",
    "Scored",
    "Scores",
    "Validation",
    "builtin_paths",
    "check_questionnaire",
    "json_schema",
    "list_builtin",
    "load_questionnaire",
    "load_response",
    "load_yaml_file",
    "match_response",
    "missing_translations",
    "pick",
    "questionnaire_for",
    "raise_if_invalid",
    "read_response",
    "round1",
    "score_file",
    "score_response",
    "scores_to_data",
    "stand_in_warnings",
    "stored_questionnaire",
    "validate_file",
]
