"""coprod.api stays the facade: every public name it had before the stage split still imports."""

from __future__ import annotations

import importlib

import pytest

#: ``sorted(n for n in dir(coprod.api) if not n.startswith("_"))`` before the split,
#: less the standard-library helpers it happened to import (Any, Path, dataclass, field,
#: json, re, annotations).
PUBLIC_NAMES = [
    "BuiltinInfo",
    "CoprodError",
    "InputFileError",
    "InvalidFileError",
    "Loaded",
    "Problem",
    "Questionnaire",
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
    "round1",
    "score_file",
    "score_response",
    "scores_to_data",
    "stand_in_warnings",
    "stored_questionnaire",
    "validate_file",
]


@pytest.mark.parametrize("name", PUBLIC_NAMES)
def test_public_name_still_importable(name: str) -> None:
    """Each name that code outside coprod may import from coprod.api is still there."""
    api = importlib.import_module("coprod.api")
    assert getattr(api, name, None) is not None


def test_all_lists_every_public_name() -> None:
    """coprod.api.__all__ names the facade, so `from coprod.api import *` gives all of it."""
    import coprod.api

    assert set(PUBLIC_NAMES) <= set(coprod.api.__all__)
