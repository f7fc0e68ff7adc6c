"""The entry points of `coprod translate`: export texts for translators, import their work."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from coprod.errors import InputFileError, InvalidFileError, OutputError, TranslateError
from coprod.files.atomic import atomic_write
from coprod.files.yamlio import load_yaml_file, read_text
from coprod.i18n.messages import normalise_language
from coprod.questionnaire.checks import check_questionnaire
from coprod.questionnaire.load import resolve
from coprod.translate.formats import (
    FORMATS,
    SUFFIXES,
    read_translation,
    write_translation,
)
from coprod.translate.questionnaire import (
    Applied,
    apply_translation,
    questionnaire_header,
    questionnaire_units,
)


@dataclass(frozen=True)
class Exported:
    """A translation file written: where, in which language, and how far translated."""

    path: Path
    lang: str
    texts: int
    translated: int
    reviewed: int


def export_translation(
    questionnaire: str | Path, to: str, fmt: str = "po", out: Path | None = None
) -> Exported:
    """Write every text of a questionnaire, with its id, context and wording, for a translator.

    ``to`` is the language to translate into; ``fmt`` is ``po``, ``xliff`` or ``pot``.
    The file goes to ``out``, else beside the working folder as ``ID-LANG.po``.
    """
    if fmt not in FORMATS:
        raise TranslateError(f"unknown format '{fmt}'.", f"Use one of: {', '.join(FORMATS)}.")
    lang = _language(to)
    path = resolve(str(questionnaire))
    located = load_yaml_file(path, "questionnaire")
    q, problems = check_questionnaire(located)
    errors = [p for p in problems if p.severity == "error"]
    if q is None or errors:
        raise InvalidFileError(str(path), errors)
    if lang == q.default_language:
        raise TranslateError(
            f"'{lang}' is the questionnaire's own language ({path}).",
            "Give the language to translate into, e.g. --to cy.",
        )
    units = questionnaire_units(located, lang)
    header = questionnaire_header(located, lang, _shown(path))
    target = out or Path(f"{q.id}-{lang}{SUFFIXES[fmt]}")
    if target.is_dir():
        target = target / f"{q.id}-{lang}{SUFFIXES[fmt]}"
    atomic_write(target, write_translation(units, header, fmt))
    return Exported(
        target,
        lang,
        len(units),
        sum(bool(u.target) for u in units),
        sum(u.reviewed for u in units),
    )


def import_translation(file: Path, into: Path | None = None, dry_run: bool = False) -> Applied:
    """Write a translator's PO or XLIFF file back into the questionnaire it was exported from.

    The questionnaire is ``into``, else the file named in the translation file.
    Comments and layout are kept; only changed texts (and their ``reviewed:``
    markers) differ. Untranslated texts, texts whose English changed since the
    export and ids the questionnaire does not have are listed, never written.
    """
    translation = read_translation(Path(file))
    header = translation.header
    if header.kind != "questionnaire":
        from coprod.translate.interface import import_interface

        return import_interface(translation, dry_run=dry_run)
    target = Path(into) if into else Path(header.original)
    if not header.original and not into:
        raise TranslateError(
            f"{file}: does not say which questionnaire it belongs to.",
            "Name it: coprod translate import FILE --into QUESTIONNAIRE.yaml",
        )
    if not target.is_file():
        raise InputFileError(
            f"{target}: the questionnaire this translation belongs to is not there.",
            "Name it: coprod translate import FILE --into QUESTIONNAIRE.yaml",
        )
    text = read_text(target, "questionnaire")
    new_text, applied = apply_translation(text, str(target), translation)
    if applied.changed and not dry_run:
        if not os.access(target, os.W_OK):
            raise OutputError(f"{target}: cannot write here.", "Copy it somewhere you can write.")
        atomic_write(target, new_text)
    return applied


def _language(code: str) -> str:
    lang = normalise_language(code)
    if not lang or "+" in lang or not lang.replace("-", "").isalpha():
        raise TranslateError(
            f"'{code}' is not a language code.", "Give one language, e.g. --to cy."
        )
    return lang


def _shown(path: Path) -> str:
    """A path as the translation file records it: relative to here when it is below here."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path.resolve())
