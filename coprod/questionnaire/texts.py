"""Every translatable text of a questionnaire, found in its parsed YAML, with a stable id.

One walker for the checks (``validate --languages``), the translators' export
and import, and the count of texts still waiting for review. It reads plain
parsed data (maps and lists), so it works on the strict loader's output, on a
model dumped to a dict and on a comment-keeping ruamel document alike.

An id names a text by the ids on its way down, not by list positions where an
id exists: ``principles.assets.questions.strengths.help``,
``scales.practice.levels.3.label``, ``recommendations.assets-low.actions.0``.
It survives reordering questions and inserting a principle.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from coprod.files.yamlio import Path_
from coprod.model import ANY_LANGUAGE, REVIEWED

TEXT_FIELDS = frozenset(
    {"title", "description", "text", "help", "guidance", "label", "descriptor", "why", "unit"}
    | {"note", "yes_label", "no_label"}
    | {"introduction", "answer_for", "report_title"}
)

#: What a list item is called in a text's context, by the key of its list.
_KINDS = {
    "principles": "principle",
    "questions": "question",
    "choices": "choice",
    "levels": "level",
    "bands": "band",
    "recommendations": "recommendation",
    "sources": "source",
    "actions": "action",
    "scales": "scale",
    "rows": "row",
}


@dataclass(frozen=True)
class TextSpot:
    """One text: where it is in the data, its id, and a context a translator can read."""

    path: Path_
    id: str
    context: str
    value: Any


def text_spots(data: Any) -> Iterator[TextSpot]:
    """Every text of a questionnaire: plain strings and language maps, in file order.

    Source titles and authors are not texts to translate (they name published
    works); a source's own note is.
    """
    yield from _walk(data, (), (), ("questionnaire",))


def _walk(
    data: Any, path: Path_, names: tuple[str, ...], context: tuple[str, ...]
) -> Iterator[TextSpot]:
    if isinstance(data, dict):
        for key, value in data.items():
            here = (*path, key)
            if key == "translation_status":
                continue
            if key in TEXT_FIELDS and _is_text(value):
                if path[:1] == ("sources",) and key != "note":
                    continue
                yield TextSpot(
                    here, ".".join((*names, str(key))), " › ".join((*context, key)), value
                )
            elif (key == "actions" and isinstance(value, list)) or (
                key == "descriptors" and isinstance(value, dict)
            ):
                # A recommendation's actions, in order; a question's own level descriptors,
                # keyed by the level's value.
                items = enumerate(value) if isinstance(value, list) else value.items()
                for k, item in items:
                    if _is_text(item):
                        label = f"action {k + 1}" if key == "actions" else f"descriptor {k}"
                        yield TextSpot(
                            (*here, k),
                            ".".join((*names, key, str(k))),
                            " › ".join((*context, label)),
                            item,
                        )
            elif key == "scales" and isinstance(value, dict) and not path:
                for sid, scale in value.items():
                    yield from _walk(
                        scale, (*here, sid), ("scales", str(sid)), (*context, f"scale {sid}")
                    )
            elif isinstance(value, (dict, list)):
                yield from _walk(value, here, (*names, str(key)), context)
    elif isinstance(data, list):
        kind = _KINDS.get(str(names[-1]) if names else "", "item")
        for i, item in enumerate(data):
            name = _item_name(item, i)
            yield from _walk(item, (*path, i), (*names, name), (*context, f"{kind} {name}"))


def _item_name(item: Any, index: int) -> str:
    if isinstance(item, dict):
        for key in ("id", "value"):
            if isinstance(item.get(key), (str, int)) and not isinstance(item.get(key), bool):
                return str(item[key])
    return str(index)


def _is_text(value: Any) -> bool:
    if isinstance(value, str):
        return True
    return (
        isinstance(value, dict) and bool(value) and all(isinstance(v, str) for v in value.values())
    )


def wording(value: Any, lang: str, default: str) -> str | None:
    """A text's wording in ``lang`` (a plain string is in ``default``), or None."""
    if isinstance(value, str):
        return value if lang == default else None
    if isinstance(value, dict):
        found = value.get(lang, value.get(ANY_LANGUAGE) if lang == default else None)
        return found if isinstance(found, str) else None
    return None


def is_reviewed(value: Any, lang: str) -> bool:
    """True when the text's ``reviewed:`` marker names ``lang``."""
    if not isinstance(value, dict):
        return False
    marker = value.get(REVIEWED)
    return isinstance(marker, str) and lang in marker.replace(",", " ").split()


@dataclass(frozen=True)
class ReviewCount:
    """How many texts have wording in a language, and how many of them a person has reviewed."""

    lang: str
    translated: int
    reviewed: int

    @property
    def draft(self) -> int:
        """Texts in the language that no one has reviewed yet."""
        return self.translated - self.reviewed


def review_count(data: Any, lang: str) -> ReviewCount:
    """Count the texts with wording in ``lang`` and those marked ``reviewed: LANG``."""
    translated = reviewed = 0
    for spot in text_spots(data):
        if isinstance(spot.value, dict) and isinstance(spot.value.get(lang), str):
            translated += 1
            reviewed += is_reviewed(spot.value, lang)
    return ReviewCount(lang, translated, reviewed)
