"""The report's wording: one reader of the labels files for every report and form.

report_templates/labels/LANG.yaml holds the single report's labels; a ``part``
(``group``, ``compare``, ``paper``) lays report_templates/PART/labels/LANG.yaml
over them. English fills any gap.
"""

from __future__ import annotations

import re
from functools import lru_cache

from coprod.errors import InputFileError
from coprod.files.resources import templates_dir
from coprod.files.yamlio import load_yaml_file
from coprod.model import Questionnaire
from coprod.questionnaire.texts import review_count


def labels(lang: str, part: str = "", values: dict[str, str] | None = None) -> dict[str, str]:
    """The report's wording in ``lang``, English for any gap.

    With ``part`` (``group``, ``compare``, ``paper``) the labels in
    report_templates/PART/labels/ are laid over the single report's. With
    ``values``, each label's ``{placeholders}`` are filled in; one with no value
    stays as written, to be filled later.
    """
    out = dict(read_labels("en"))
    valid = lang != "en" and re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*", lang)
    if valid:
        out.update(read_labels(lang))
    if part:
        out.update(read_labels("en", part))
        if valid:
            out.update(read_labels(lang, part))
    return out if values is None else fill_labels(out, values)


def fill_labels(t: dict[str, str], values: dict[str, str]) -> dict[str, str]:
    """Labels with their {placeholders} filled; a placeholder without a value stays as written."""
    known = _Keep(values)
    return {k: v.format_map(known) for k, v in t.items()}


class _Keep(dict[str, str]):
    """Placeholders with no value stay as written, to be filled later."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@lru_cache(maxsize=16)
def read_labels(lang: str, part: str = "") -> dict[str, str]:
    """One labels file as read (empty when there is none for ``lang``)."""
    folder = templates_dir() / part if part else templates_dir()
    path = folder / "labels" / f"{lang}.yaml"
    if not path.is_file():
        return {}
    data = load_yaml_file(path, "labels file").data
    if not isinstance(data, dict):
        raise InputFileError(f"{path}: should map each label name to its text.")
    return {str(k): str(v) for k, v in data.items()}


def draft_note(q: Questionnaire, languages: list[str], t: dict[str, str], part: str = "") -> str:
    """A sentence in ``t``'s language when a translation on the page is still a draft, else ''.

    A translation is a draft while any of the questionnaire's texts in that
    language lacks its ``reviewed:`` mark, or while coprod's own labels in that
    language, or (with ``part``) that part's own labels, say so in their
    ``translation_status``.
    """
    notes = []
    for code in languages:
        if code == q.default_language:
            continue
        # The questionnaire's own texts are reviewed one by one ('reviewed: cy'); coprod's
        # labels files as a whole (their translation_status).
        status = "draft" if review_count(q.model_dump(), code).draft else ""
        status += f" {labels(code).get('translation_status', '')}"
        if part and code != "en":
            status += f" {read_labels(code, part).get('translation_status', '')}"
        if "draft" in status.lower():
            generic = t["draft_translation"] % t.get(f"language_{code}", code)
            notes.append(t.get(f"draft_translation_{code}") or generic)
    return " ".join(notes)
