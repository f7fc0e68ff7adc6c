"""Every Welsh text keeps to docs/welsh-glossary.md: no rejected form, answers that echo.

The rejected forms are read from the glossary's own tables, so a row added there
is checked at once; every questionnaire in questionnaires/, every message
catalogue under coprod/ and every labels/cy.yaml under report_templates/ is
read, so new Welsh is checked as soon as it lands.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from coprod.files.yamlio import Located, load_yaml_file
from coprod.i18n.words import SHEET_WORDS

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "docs" / "welsh-glossary.md"
# Older editions (id@version.yaml) are kept byte for byte as shipped, so that old responses
# score as they did; only the current ones are held to the glossary.
QUESTIONNAIRES = sorted(p for p in (ROOT / "questionnaires").glob("*.yaml") if "@" not in p.name)
CATALOGUES = sorted((ROOT / "coprod").rglob("messages*.yaml"))
LABELS = sorted((ROOT / "report_templates").rglob("labels/cy.yaml"))


@dataclass(frozen=True)
class Rule:
    """One row of a 'not used' table: forms rejected, when the English has ``english``."""

    rejected: tuple[str, ...]
    use: str
    english: tuple[str, ...] = ()


@dataclass(frozen=True)
class Welsh:
    """One Welsh text, the English beside it (if any) and where it is."""

    where: str
    cy: str
    en: str = ""


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _forms(cell: str) -> tuple[str, ...]:
    return tuple(re.findall(r"`([^`]+)`", cell))


def read_rules(text: str) -> list[Rule]:
    """The rows of the glossary's two 'not used' tables."""
    rules: list[Rule] = []
    section = ""
    for line in text.splitlines():
        if line.startswith("## "):
            section = line
        if not line.startswith("|") or "---" in line or "checked)" not in section:
            continue
        cells = _cells(line)
        if "where the English says" in section and len(cells) >= 3 and _forms(cells[1]):
            rules.append(Rule(_forms(cells[1]), cells[2], _forms(cells[0])))
        elif "anywhere" in section and len(cells) >= 2 and _forms(cells[0]):
            rules.append(Rule(_forms(cells[0]), cells[1]))
    return rules


def _flat(text: str) -> str:
    text = text.replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'")
    return " ".join(text.split()).casefold()


def _pattern(form: str) -> re.Pattern[str]:
    words = []
    for word in _flat(form).split(" "):
        if word == "#":
            words.append(r"(?:\d[\d,.]*|\{[a-z_]+\})")
        elif word.endswith("*"):
            words.append(re.escape(word[:-1]) + r"\w*")
        else:
            words.append(re.escape(word))
    return re.compile(r"(?<![\w'-])" + " ".join(words) + r"(?![\w-])")


def violations(rules: list[Rule], texts: list[Welsh]) -> list[str]:
    """One line per rejected form found: where, the form, what to use instead."""
    found = []
    for t in texts:
        cy, en = _flat(t.cy), _flat(t.en)
        for rule in rules:
            if rule.english and not any(_pattern(e).search(en) for e in rule.english):
                continue
            for form in rule.rejected:
                if _pattern(form).search(cy):
                    said = f" (the English says {'/'.join(rule.english)})" if rule.english else ""
                    found.append(f"{t.where}: '{form}'{said}; use: {rule.use}")
    return found


RULES = read_rules(GLOSSARY.read_text(encoding="utf-8"))


def _walk(data: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _walk(value, (*path, key))
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from _walk(item, (*path, i))


def _line(located: Located, path: tuple[str | int, ...]) -> str:
    line, _ = located.where(path)
    return f"{Path(located.file).relative_to(ROOT)}:{line}"


def questionnaire_texts(path: Path) -> list[Welsh]:
    """Every Welsh text of a questionnaire, with its English; a number's unit after a figure."""
    located = load_yaml_file(path, "questionnaire")
    texts = []
    for where, node in _walk(located.data, ()):
        if isinstance(node, dict) and isinstance(node.get("cy"), str):
            cy = node["cy"]
            if where and where[-1] == "unit":
                cy = f"2 {cy}"  # shown after the number: '2 aelod'
            texts.append(Welsh(_line(located, (*where, "cy")), cy, str(node.get("en", ""))))
    return texts


def catalogue_texts(path: Path) -> list[Welsh]:
    """Every Welsh message of a catalogue (key: {en, cy})."""
    located = load_yaml_file(path, "message catalogue")
    return [
        Welsh(_line(located, (key, "cy")), texts["cy"], str(texts.get("en", "")))
        for key, texts in located.data.items()
        if isinstance(texts, dict) and isinstance(texts.get("cy"), str)
    ]


def labels_texts(path: Path) -> list[Welsh]:
    """Every Welsh label, with the English label of the same key beside it."""
    located = load_yaml_file(path, "labels file")
    english_file = path.with_name("en.yaml")
    english = load_yaml_file(english_file, "labels file").data if english_file.is_file() else {}
    return [
        Welsh(_line(located, (key,)), str(value), str(english.get(key, "")))
        for key, value in located.data.items()
        if key != "translation_status"
    ]


def sheet_texts() -> list[Welsh]:
    """The blank answer sheets' Welsh words."""
    return [
        Welsh(f"coprod/i18n/words.py SHEET_WORDS[{key!r}]", w["cy"], w.get("en", ""))
        for key, w in SHEET_WORDS.items()
        if "cy" in w
    ]


ALL_FILES = (
    [pytest.param(questionnaire_texts, p, id=f"questionnaires/{p.name}") for p in QUESTIONNAIRES]
    + [pytest.param(catalogue_texts, p, id=str(p.relative_to(ROOT))) for p in CATALOGUES]
    + [pytest.param(labels_texts, p, id=str(p.relative_to(ROOT))) for p in LABELS]
)


def test_glossary_has_rules_of_both_kinds() -> None:
    """The glossary's tables are read: rejected forms everywhere, and where the English says."""
    assert len([r for r in RULES if not r.english]) >= 5
    assert len([r for r in RULES if r.english]) >= 3
    assert any("cyd-gynhyrch*" in r.rejected for r in RULES)


def test_every_welsh_file_is_found() -> None:
    """The built-in questionnaires, the messages and each report part's labels are checked."""
    names = {p.name for p in QUESTIONNAIRES}
    assert {"starter.yaml", "coproduction.yaml"} <= names
    assert CATALOGUES
    assert {p.parent.parent.name for p in LABELS} >= {"report_templates", "group", "paper"}


@pytest.mark.parametrize(("read", "path"), ALL_FILES)
def test_no_rejected_welsh_term(read: Any, path: Path) -> None:
    """No Welsh text in the file uses a form the glossary rejects."""
    texts = read(path)
    assert texts, f"no Welsh text found in {path}"
    found = violations(RULES, texts)
    assert not found, "Welsh the glossary rejects:\n" + "\n".join(found)


def test_sheet_words_keep_to_the_glossary() -> None:
    """The blank answer sheets' Welsh words keep to the glossary too."""
    assert not violations(RULES, sheet_texts())


@pytest.mark.parametrize(
    ("cy", "en", "expected"),
    [
        ("Mae cyd-gynhyrchu'n golygu…", "", "cyd-gynhyrch*"),
        ("ffordd gyd-gynhyrchiol", "", "gyd-gynhyrch*"),
        ("Mae 85 aelodau", "", "# aelodau"),
        ("Mae {count} cwestiynau heb ateb", "", "# cwestiynau"),
        ("Atebwch “ie” dim ond os", "", 'atebwch "ie"'),
        ("stryd ddwy\n ffordd", "", "stryd ddwy ffordd"),
        ("lefel y cyfranogiad", "the level of involvement", "cyfranogiad"),
        ("Aseswch i ba raddau", "Rate how far", "aseswch"),
    ],
)
def test_a_planted_wrong_term_is_caught(cy: str, en: str, expected: str) -> None:
    """A wrong term planted in a text is reported with the form the glossary rejects."""
    found = violations(RULES, [Welsh("planted.yaml:1", cy, en)])
    assert any(f"'{expected}'" in line for line in found), found


@pytest.mark.parametrize(
    ("cy", "en"),
    [
        ("Mae 85 aelod", ""),
        ("Mae 85 o aelodau", ""),
        ("hawliau lles", "welfare rights"),
        ("cyfranogiad", "participation"),
        ("pa mor bell yw'r lleoliad", "the distance to the venue"),
        ("Mae cydgynhyrchu'n golygu…", ""),
        ("mesurau sydd ar goll", "missing measures"),
    ],
)
def test_right_usage_is_not_flagged(cy: str, en: str) -> None:
    """Right usage that looks like a rejected form is left alone."""
    assert violations(RULES, [Welsh("ok.yaml:1", cy, en)]) == []


ECHO = {"oes": ("oes", "nac oes"), "ydy": ("ydy", "nac ydy"), "ydi": ("ydy", "nac ydy")}


def _yes_no_questions(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    data = load_yaml_file(path, "questionnaire").data
    for principle in data.get("principles") or []:
        for question in principle.get("questions") or []:
            if question.get("type") == "yes_no":
                yield str(question.get("id")), question


@pytest.mark.parametrize("path", QUESTIONNAIRES, ids=lambda p: p.name)
def test_welsh_yes_no_answers_echo_the_question(path: Path) -> None:
    """A Welsh yes/no question starting Oes… or Ydy… is answered Oes/Nac oes or Ydy/Nac ydy."""
    wrong = []
    for qid, question in _yes_no_questions(path):
        text = question.get("text")
        cy = text.get("cy") if isinstance(text, dict) else None
        if not cy:
            continue
        first = re.split(r"[\s']", cy.strip().casefold(), maxsplit=1)[0]
        if first not in ECHO:
            continue
        labels = tuple(
            _flat(str((question.get(key) or {}).get("cy", ""))) for key in ("yes_label", "no_label")
        )
        if labels != ECHO[first]:
            wrong.append(f"{qid}: '{cy[:30]}…' answered {labels}, should be {ECHO[first]}")
    assert not wrong, "\n".join(wrong)
