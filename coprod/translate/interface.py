"""coprod's own words (messages and report labels) through the translators' round trip.

Exported in the standard gettext layout, as Babel's and GNU gettext's tools
expect it: ``DIR/coprod.pot`` (the template: every English text) and
``DIR/LANG/LC_MESSAGES/coprod.po`` (the translation so far). The source of
truth stays in coprod's YAML: ``coprod/i18n/messages.yaml`` (each message's
languages side by side) and ``report_templates/**/labels/LANG.yaml``; importing
the PO writes the translations back there, comments and layout kept.

Ids: ``messages.KEY`` for a message, ``labels.KEY`` for a report label and
``labels.PART.KEY`` for a group, paper or comparison label. A message carries
its own ``reviewed:`` marker; a labels file is reviewed as a whole (its
``translation_status`` without the word "draft").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from coprod import __version__
from coprod.errors import TranslateError
from coprod.files.atomic import atomic_write
from coprod.files.resources import PACKAGE_DIR, messages_file, templates_dir
from coprod.files.yamlio import load_yaml_file, parse_yaml, read_text
from coprod.questionnaire.texts import is_reviewed
from coprod.translate.formats import write_template, write_translation
from coprod.translate.questionnaire import Applied
from coprod.translate.units import BRACE, PERCENT, Header, TranslationFile, Unit
from coprod.translate.yamlwrite import dump, mark_reviewed, round_trip, set_wording, styled

DOMAIN = "coprod"


def label_parts() -> list[str]:
    """Report parts with their own labels ('' is the single report's; then group, paper...)."""
    parts = [p.parent.parent.name for p in sorted(templates_dir().glob("*/labels/en.yaml"))]
    return ["", *parts]


_STATUS = "translation_status"


@dataclass(frozen=True)
class InterfaceExport:
    """The gettext files written for coprod's own words."""

    template: Path
    translation: Path
    lang: str
    texts: int
    translated: int


def interface_units(lang: str) -> list[Unit]:
    """Every message and report label, with its ``lang`` wording so far."""
    units = []
    located = load_yaml_file(messages_file(), "message catalogue")
    for key, texts in located.data.items():
        if not isinstance(texts, dict) or not isinstance(texts.get("en"), str):
            continue
        line, _ = located.where((key, "en"))
        units.append(
            Unit(
                id=f"messages.{key}",
                source=texts["en"],
                target=str(texts.get(lang, "")),
                context="coprod's message (the session, the score table, language notes)",
                reviewed=is_reviewed(texts, lang),
                reference=f"{_shown(messages_file())}:{line}",
            )
        )
    for part in label_parts():
        english = _labels_path("en", part)
        if not english.is_file():
            continue
        source = load_yaml_file(english, "labels file")
        target_file = _labels_path(lang, part)
        target = load_yaml_file(target_file, "labels file").data if target_file.is_file() else {}
        reviewed = "draft" not in str(target.get(_STATUS, "draft")).lower()
        for key, text in source.data.items():
            if key == _STATUS:
                continue
            line, _ = source.where((key,))
            wording = str(target.get(key, ""))
            units.append(
                Unit(
                    id=_label_id(part, str(key)),
                    source=str(text),
                    target=wording,
                    context=f"label of the {part or 'single'} report",
                    reviewed=reviewed and bool(wording),
                    reference=f"{_shown(english)}:{line}",
                )
            )
    return units


def export_interface(to: str, out: Path) -> InterfaceExport:
    """Write OUT/coprod.pot and OUT/LANG/LC_MESSAGES/coprod.po for coprod's own words."""
    if to == "en":
        raise TranslateError("coprod's own words are written in English.", "Give --to cy.")
    units = interface_units(to)
    header = Header("interface", DOMAIN, __version__, "en", to, "")
    template = out / f"{DOMAIN}.pot"
    translation = out / to / "LC_MESSAGES" / f"{DOMAIN}.po"
    translation.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(template, write_template(units, header))
    atomic_write(translation, write_translation(units, header, "po"))
    translated = sum(bool(u.target) for u in units)
    return InterfaceExport(template, translation, to, len(units), translated)


def import_interface(translation: TranslationFile, dry_run: bool = False) -> Applied:
    """Write a translated coprod.po back into messages.yaml and the labels files."""
    lang = translation.header.target_lang
    if not lang or lang == "en":
        raise TranslateError(
            f"{translation.path}: says no target language ('Language:' in its header).",
            "Set 'Language: cy' (or the language) in the PO header and import again.",
        )
    result = Applied("coprod's messages and labels", lang)
    current = {u.id: u for u in interface_units(lang)}
    messages: dict[str, Unit] = {}
    labels: dict[str, dict[str, Unit]] = {}
    fillable = _fillable(current.values())
    for unit in translation.units:
        known = current.get(unit.id)
        if known is None:
            result.unknown.append(unit.id)
        elif " ".join(known.source.split()) != " ".join(unit.source.split()):
            result.source_changed.append(unit.id)
        elif not unit.target.strip():
            result.untranslated.append(unit.id)
        elif not _placeholders_fit(unit, fillable):
            result.placeholders.append(unit.id)
        elif known.target == unit.target and known.reviewed == unit.reviewed:
            result.unchanged += 1
        elif unit.id.startswith("messages."):
            messages[unit.id.removeprefix("messages.")] = unit
        else:
            part, _, key = unit.id.removeprefix("labels.").rpartition(".")
            labels.setdefault(part, {})[key] = unit
    seen = {u.id for u in translation.units}
    result.not_in_file = [tid for tid in current if tid not in seen]
    writes = []
    if messages:
        writes.append(_write_messages(messages, lang, result))
    for part, changed in labels.items():
        writes.append(_write_labels(part, changed, lang, result))
    if not dry_run:
        for path, text in writes:
            atomic_write(path, text)
    done = interface_units(lang) if not dry_run else list(current.values())
    result.translated = sum(bool(u.target) for u in done)
    result.reviewed = sum(u.reviewed for u in done)
    return result


def _fillable(units: Iterable[Unit]) -> dict[str, set[str]]:
    """The {placeholders} coprod fills, per id: a message's own; any of its part's for a label.

    A label's values are filled for the whole file at once, so a Welsh label may use
    one its English does not (the comparison's title says {noun} where English says
    {nouns}, as Welsh puts a singular noun after a numeral).
    """
    by_part: dict[str, set[str]] = {}
    for u in units:
        if u.id.startswith("labels."):
            part = u.id.removeprefix("labels.").rpartition(".")[0]
            by_part.setdefault(part, set()).update(BRACE.findall(u.source))
    return {
        u.id: set(BRACE.findall(u.source))
        if u.id.startswith("messages.")
        else by_part.get(u.id.removeprefix("labels.").rpartition(".")[0], set())
        | by_part.get("", set())
        for u in units
    }


def _placeholders_fit(unit: Unit, fillable: dict[str, set[str]]) -> bool:
    """True when the translation names only placeholders coprod fills, with as many %s."""
    named = set(BRACE.findall(unit.target)) <= fillable.get(unit.id, set())
    return named and len(PERCENT.findall(unit.target)) == len(PERCENT.findall(unit.source))


def _write_messages(changed: dict[str, Unit], lang: str, result: Applied) -> tuple[Path, str]:
    path = messages_file()
    document, yaml = round_trip(read_text(path, "message catalogue"), str(path))
    for key, unit in changed.items():
        texts = document[key]
        if texts.get(lang) != unit.target:
            set_wording(texts, lang, unit.target, texts.get(lang, texts.get("en")))
            result.written.append(f"messages.{key}")
        if is_reviewed(texts, lang) != unit.reviewed:
            mark_reviewed(texts, lang, unit.reviewed)
            result.reviewed_changed.append(f"messages.{key}")
    text = dump(document, yaml)
    parse_yaml(text, str(path))  # coprod's strict loader must read what we wrote
    return path, text


def _write_labels(
    part: str, changed: dict[str, Unit], lang: str, result: Applied
) -> tuple[Path, str]:
    """A labels file with only the changed labels' lines replaced (new ones at the end)."""
    path = _labels_path(lang, part)
    if path.is_file():
        text = read_text(path, "labels file")
    else:
        text = (
            f"# The {part or 'single'} report's labels in '{lang}' (coprod translate import).\n"
            f'{_STATUS}: "draft translation, to be reviewed"\n'
        )
    lines = text.splitlines(keepends=True)
    located = parse_yaml(text, str(path))
    starts = sorted((located.keys[(k,)][0], str(k)) for k in located.data if (k,) in located.keys)
    spans = {}
    for i, (line, key) in enumerate(starts):
        end = starts[i + 1][0] - 1 if i + 1 < len(starts) else len(lines)
        while end > line and _between(lines[end - 1]):
            end -= 1
        spans[key] = (line - 1, end)
    added = []
    for key, unit in changed.items():
        entry = _entry(key, unit.target)
        if key in spans:
            start, end = spans[key]
            lines[start:end] = [entry] + [""] * (end - start - 1)
        else:
            added.append(entry)
        result.written.append(unit.id)
    new_text = "".join(lines)
    if added:
        new_text = new_text.rstrip("\n") + "\n" + "".join(added)
    parse_yaml(new_text, str(path))
    return path, new_text


def _between(line: str) -> bool:
    """A blank or comment line: it belongs to the label below it, not the one above."""
    return not line.strip() or line.lstrip().startswith("#")


def _entry(key: str, value: str) -> str:
    """One ``key: value`` line (or lines) as ruamel writes it, quoted where YAML needs it."""
    document, yaml = round_trip(f"{key}: x\n", key)
    document[key] = styled(value, None, 0)
    return dump(document, yaml)


def _labels_path(lang: str, part: str) -> Path:
    folder = templates_dir() / part if part else templates_dir()
    return folder / "labels" / f"{lang}.yaml"


def _label_id(part: str, key: str) -> str:
    return f"labels.{part}.{key}" if part else f"labels.{key}"


def _shown(path: Path) -> str:
    """A path inside coprod as a translator sees it: relative to the source checkout."""
    try:
        return str(path.resolve().relative_to(PACKAGE_DIR.parent))
    except ValueError:  # pragma: no cover - an install outside any checkout
        return str(path)
