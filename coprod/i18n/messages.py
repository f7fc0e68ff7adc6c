"""coprod's own words in the session and the score table, in English and Welsh.

The wording lives in ``messages.yaml`` (each key with its ``en`` and ``cy`` side
by side, so a reviewer reads them together). :func:`ui_text` looks a key up in a
language and falls back to English, so a language coprod does not speak yet
still gets every message. Error messages from the library stay English.
"""

from __future__ import annotations

from functools import lru_cache

from coprod.errors import InputFileError
from coprod.files.resources import messages_file
from coprod.files.yamlio import load_yaml_file
from coprod.i18n.words import TYPED_NO, TYPED_YES
from coprod.model import REVIEWED

CATALOGUE = messages_file()
#: Languages coprod's own words are written in; English is the fallback.
LANGUAGES = ("en", "cy")


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """Every message: key → language code → text."""
    data = load_yaml_file(CATALOGUE, "message catalogue").data
    if not isinstance(data, dict):
        raise InputFileError(f"{CATALOGUE}: should map each message key to its texts.")
    # 'reviewed: cy' says a person has reviewed the Welsh (docs/welsh.md); it is not a language
    return {
        str(key): {str(code): str(text) for code, text in texts.items() if code != REVIEWED}
        for key, texts in data.items()
    }


def ui_text(key: str, lang: str = "en", /, **values: object) -> str:
    """The message ``key`` in ``lang`` (English when it has none), with ``{name}``s filled in.

    An unknown key is a bug in coprod and raises KeyError.
    """
    texts = catalogue()[key]
    text = texts.get(lang) or texts["en"]
    return text.format(**values) if values else text


def speaks(lang: str) -> bool:
    """True when coprod's own messages exist in ``lang``."""
    return lang in LANGUAGES


def normalise_language(lang: str) -> str:
    """A language code as coprod stores it: 'CY ' → 'cy', 'en+CY' → 'en+cy'."""
    return lang.strip().lower().replace("_", "-")


def language_from(chosen: str | None, stored: str | None = None) -> str:
    """The language to use: the one chosen now (``--lang`` or ``COPROD_LANG``), else the stored one.

    English when neither is given.
    """
    for candidate in (chosen, stored):
        if candidate and candidate.strip():
            return normalise_language(candidate)
    return "en"


def is_yes(text: str) -> bool:
    """True when a typed line means yes, in English or Welsh."""
    return _words(text) in TYPED_YES


def is_no(text: str) -> bool:
    """True when a typed line means no, in English or Welsh."""
    return _words(text) in TYPED_NO


def _words(text: str) -> str:
    return " ".join(text.strip().lower().replace("’", "'").split())
