"""A questionnaire's texts out to a translator, and their translations back into its YAML."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coprod.errors import InvalidFileError
from coprod.files.yamlio import Located, parse_yaml
from coprod.model import ANY_LANGUAGE
from coprod.questionnaire.checks import check_questionnaire
from coprod.questionnaire.texts import is_reviewed, review_count, text_spots, wording
from coprod.translate.units import Header, TranslationFile, Unit
from coprod.translate.yamlwrite import dump, mark_reviewed, round_trip, set_wording


def default_language(data: Any) -> str:
    """The questionnaire's first language (its source language for translators)."""
    languages = data.get("languages") if isinstance(data, dict) else None
    return str(languages[0]) if isinstance(languages, list) and languages else "en"


def questionnaire_units(located: Located, lang: str) -> list[Unit]:
    """Every text with wording in the questionnaire's first language, with ``lang``'s so far."""
    source = default_language(located.data)
    name = Path(located.file).name
    units = []
    for spot in text_spots(located.data):
        english = wording(spot.value, source, source)
        if english is None:
            continue
        target = spot.value.get(lang, "") if isinstance(spot.value, dict) else ""
        line, _ = located.where((*spot.path, source) if isinstance(spot.value, dict) else spot.path)
        units.append(
            Unit(
                id=spot.id,
                source=english,
                target=target if isinstance(target, str) else "",
                context=spot.context,
                reviewed=is_reviewed(spot.value, lang),
                reference=f"{name}:{line}" if line else name,
            )
        )
    return units


def questionnaire_header(located: Located, lang: str, original: str) -> Header:
    """The header of a questionnaire's translation file."""
    data = located.data if isinstance(located.data, dict) else {}
    return Header(
        kind="questionnaire",
        name=str(data.get("id", Path(located.file).stem)),
        version=str(data.get("version", "")),
        source_lang=default_language(data),
        target_lang=lang,
        original=original,
    )


@dataclass
class Applied:
    """What importing a translation file did to a questionnaire."""

    file: str
    lang: str
    written: list[str] = field(default_factory=list)
    reviewed_changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    untranslated: list[str] = field(default_factory=list)
    source_changed: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    not_in_file: list[str] = field(default_factory=list)
    #: Translations naming a {placeholder} coprod does not fill there (not written).
    placeholders: list[str] = field(default_factory=list)
    language_added: bool = False
    translated: int = 0
    reviewed: int = 0

    @property
    def changed(self) -> bool:
        """True when the questionnaire file is to be rewritten."""
        return bool(self.written or self.reviewed_changed or self.language_added)


def apply_translation(text: str, where: str, translation: TranslationFile) -> tuple[str, Applied]:
    """The questionnaire YAML ``text`` with the file's translations written in.

    A translation whose source wording no longer matches the questionnaire (the
    English changed since export) is not written; neither is an empty one. Both
    are listed in the result. The YAML returned has passed coprod's own checks.
    """
    lang = translation.header.target_lang
    document, yaml = round_trip(text, where)
    source = default_language(document)
    result = Applied(where, lang)
    spots = {spot.id: spot for spot in text_spots(document)}
    seen = set()
    for unit in translation.units:
        spot = spots.get(unit.id)
        if spot is None:
            result.unknown.append(unit.id)
            continue
        seen.add(unit.id)
        current = wording(spot.value, source, source)
        if current is None or _squash(current) != _squash(unit.source):
            result.source_changed.append(unit.id)
            continue
        if not unit.target.strip():
            result.untranslated.append(unit.id)
            continue
        text_map = _as_map(document, spot.path, source)
        if text_map.get(lang) != unit.target:
            set_wording(text_map, lang, unit.target, text_map.get(lang, text_map.get(source)))
            result.written.append(unit.id)
        if is_reviewed(text_map, lang) != unit.reviewed:
            mark_reviewed(text_map, lang, unit.reviewed)
            result.reviewed_changed.append(unit.id)
        if unit.id not in result.written and unit.id not in result.reviewed_changed:
            result.unchanged += 1
    result.not_in_file = [tid for tid in spots if tid not in seen]
    languages = document.get("languages")
    if result.written and isinstance(languages, list) and lang not in languages:
        languages.append(lang)
        result.language_added = True
    new_text = dump(document, yaml) if result.changed else text
    located = parse_yaml(new_text, where)
    _, problems = check_questionnaire(located)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise InvalidFileError(where, errors)
    counted = review_count(located.data, lang)
    result.translated, result.reviewed = counted.translated, counted.reviewed
    return new_text, result


def _squash(text: str) -> str:
    """Text compared as a reader sees it: runs of spaces and line breaks are one space."""
    return " ".join(text.split())


def _as_map(document: Any, path: tuple[str | int, ...], source: str) -> Any:
    """The text map at ``path``; a plain string there becomes ``{source: it}`` first."""
    parent = document
    for key in path[:-1]:
        parent = parent[key]
    value = parent[path[-1]]
    if isinstance(value, dict):
        if ANY_LANGUAGE in value and source not in value:
            value[source] = value.pop(ANY_LANGUAGE)
        return value
    from ruamel.yaml.comments import CommentedMap

    text_map = CommentedMap()
    text_map[source] = value
    parent[path[-1]] = text_map
    return text_map
