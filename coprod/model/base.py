"""The ground the models stand on: texts in several languages, ids, bounds, the frozen base.

A text is a map of language code to wording (a plain string means the same in every
language); :func:`pick` chooses one wording for a reader.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
)

FORMAT_VERSION = 1

#: The bounds on numbers (docs/questionnaire-format.md, "Numbers coprod accepts"): they keep
#: every sum in scoring finite and exact enough, so no file can make scoring overflow.
MAX_WEIGHT = 1000
MAX_LEVEL = 1000  # a level value (a mark) is a whole number from -1,000 to 1,000
MAX_NUMBER = 1e12  # number answers, their min/max/steps, and rules on them: ±a million million

#: The code a plain (non-mapping) text is stored under: "the same in every language".
ANY_LANGUAGE = "*"
#: The key in a text map that lists the languages a person has reviewed in it
#: (``{en: ..., cy: ..., reviewed: cy}``); every other key is a language code.
REVIEWED = "reviewed"


def _to_text(value: Any) -> Any:
    """Accept a plain string as text in every language; leave anything else to pydantic."""
    if isinstance(value, str):
        return {ANY_LANGUAGE: value}
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # A label such as 2020 is text, not a number.
        return {ANY_LANGUAGE: str(value)}
    return value


Text = Annotated[
    dict[str, str],
    BeforeValidator(_to_text),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string"},
                {
                    "type": "object",
                    "additionalProperties": {"type": "string"},
                    "description": "Language code to text, e.g. {en: ..., cy: ...}",
                },
            ]
        }
    ),
]

Identifier = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z][A-Za-z0-9_.-]*$",
        max_length=64,
        description="Letters, digits, '_', '-', '.', starting with a letter.",
    ),
]


def wordings(text: dict[str, str] | None) -> dict[str, str]:
    """A text's wording in each language, without its review marker."""
    return {code: words for code, words in (text or {}).items() if code != REVIEWED}


def reviewed_languages(text: dict[str, str] | None) -> set[str]:
    """The languages a person has reviewed in this text (its ``reviewed:`` codes)."""
    return set((text or {}).get(REVIEWED, "").replace(",", " ").split())


def pick(text: dict[str, str] | None, lang: str, fallback: str = "en") -> str:
    """Return the text for ``lang``, falling back to ``fallback`` then any language."""
    if not text:
        return ""
    for code in (lang, ANY_LANGUAGE, fallback):
        if code in text and code != REVIEWED:
            return text[code]
    return next(iter(wordings(text).values()), "")


def has_language(text: dict[str, str] | None, lang: str) -> bool:
    """True when ``text`` has its own wording for ``lang`` (plain strings count)."""
    if lang == REVIEWED:
        return False
    return bool(text) and (lang in text or ANY_LANGUAGE in text)  # type: ignore[operator]


class FrozenModel(BaseModel):
    """Every model: frozen, unknown keys refused (a typo is an error), no inf or nan."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)
