"""coprod's own words: every message and report label in English and Welsh, with fallbacks."""

from __future__ import annotations

import re
import string

import pytest

from coprod.files.resources import templates_dir
from coprod.files.yamlio import load_yaml_file
from coprod.i18n.messages import (
    CATALOGUE,
    LANGUAGES,
    catalogue,
    is_no,
    is_yes,
    language_from,
    ui_text,
)


def _fields(text: str) -> set[str]:
    """The {name}s a message fills in."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _labels(lang: str) -> dict[str, str]:
    data = load_yaml_file(templates_dir() / "labels" / f"{lang}.yaml", "labels").data
    assert isinstance(data, dict)
    return {str(k): str(v) for k, v in data.items()}


@pytest.mark.parametrize("key", sorted(catalogue()))
def test_every_message_has_every_language_and_the_same_fields(key: str) -> None:
    """Each message exists in English and Welsh and fills in the same {names} in both."""
    texts = catalogue()[key]
    assert set(texts) == set(LANGUAGES), key
    assert all(text.strip() for text in texts.values()), key
    assert _fields(texts["cy"]) == _fields(texts["en"]), key


def test_welsh_messages_are_translated_not_copied() -> None:
    """Fewer than 5% of Welsh messages are the English word for word ('staff', 'partner' are)."""
    same = [k for k, v in catalogue().items() if v["cy"].casefold() == v["en"].casefold()]
    assert len(same) < 0.05 * len(catalogue()), same


def test_lookup_falls_back_to_english_and_fills_in() -> None:
    """A language without a catalogue gets English; {names} are filled in; unknown keys fail."""
    values = {"number": "1.2", "part": "P", "position": 2, "total": 9}
    assert ui_text("question_progress", "cy", **values) == "Cwestiwn 1.2 · P (2 o 9)"
    assert ui_text("question_progress", "fr", **values) == "Question 1.2 · P (2 of 9)"
    assert ui_text("keys_heading") == "Keys:"
    with pytest.raises(KeyError):
        ui_text("no_such_message", "cy")


def test_report_labels_exist_in_welsh() -> None:
    """labels/cy.yaml has every key of labels/en.yaml, the same %s places, and real Welsh."""
    en, cy = _labels("en"), _labels("cy")
    assert set(en) <= set(cy), sorted(set(en) - set(cy))
    for key, text in en.items():
        assert text.count("%s") == cy[key].count("%s"), key
    same = [k for k in en if en[k].casefold() == cy[k].casefold()]
    assert len(same) < 0.1 * len(en), same


@pytest.mark.parametrize(
    ("typed", "yes", "no"),
    [
        ("ie", True, False),
        ("Oes", True, False),
        ("ydy", True, False),
        ("do", True, False),
        ("yes", True, False),
        ("y", True, False),
        ("na", False, True),
        ("nac oes", False, True),
        ("Nac  ydy", False, True),
        ("naddo", False, True),
        ("no", False, True),
        ("maybe", False, False),
    ],
)
def test_yes_and_no_words(typed: str, yes: bool, no: bool) -> None:
    """Welsh and English words for yes and no are understood, whatever their case and spacing."""
    assert (is_yes(typed), is_no(typed)) == (yes, no)


def test_language_choice_order() -> None:
    """The language chosen now wins over the stored one; English when there is neither."""
    assert language_from("CY", "en") == "cy"
    assert language_from(None, "cy") == "cy"
    assert language_from("  ", None) == "en"


def test_catalogue_is_side_by_side_for_review() -> None:
    """The catalogue file keeps each message's languages together (one key, en then cy)."""
    text = CATALOGUE.read_text(encoding="utf-8")
    assert re.search(r"^question_progress:\n  en: .*\n  cy: ", text, re.MULTILINE)
