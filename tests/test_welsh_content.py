"""The built-in questionnaires in Welsh: complete, marked as a draft, and really translated."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from coprod.api import validate_file
from coprod.files.yamlio import load_yaml_file
from coprod.questionnaire.load import builtin_paths, load_questionnaire

BUILTINS = builtin_paths()
DRAFT = "draft translation, to be reviewed by a Welsh speaker"


def _pairs(data: Any) -> Iterator[tuple[str, str]]:
    """Every (English, Welsh) pair of texts in parsed questionnaire data."""
    if isinstance(data, dict):
        if isinstance(data.get("en"), str) and isinstance(data.get("cy"), str):
            yield data["en"], data["cy"]
        for value in data.values():
            yield from _pairs(value)
    elif isinstance(data, list):
        for item in data:
            yield from _pairs(item)


def test_both_builtins_are_checked() -> None:
    """The starter check and the full self-assessment are both among the built-ins."""
    assert {p.stem for p in BUILTINS} >= {"starter", "coproduction"}


@pytest.mark.parametrize("path", BUILTINS, ids=lambda p: p.stem)
def test_every_text_has_english_and_welsh(path: Path) -> None:
    """No text a Welsh reader would meet falls back to English: the en,cy check passes."""
    result = validate_file(path, ["en", "cy"])
    assert result.ok, [str(p) for p in result.problems]


@pytest.mark.parametrize("path", BUILTINS, ids=lambda p: p.stem)
def test_welsh_is_marked_as_a_draft_translation(path: Path) -> None:
    """Until a Welsh speaker has reviewed it, the Welsh says it is a draft translation."""
    q = load_questionnaire(path).questionnaire
    assert q.languages[:2] == ["en", "cy"]
    assert q.translation_status.get("cy") == DRAFT


@pytest.mark.parametrize("path", BUILTINS, ids=lambda p: p.stem)
def test_welsh_is_not_a_copy_of_the_english(path: Path) -> None:
    """Fewer than 5% of Welsh texts are the English word for word (proper names allowed)."""
    pairs = list(_pairs(load_yaml_file(path, "questionnaire").data))
    assert len(pairs) > 50
    copies = [en for en, cy in pairs if en.strip().casefold() == cy.strip().casefold()]
    assert len(copies) < 0.05 * len(pairs), copies
