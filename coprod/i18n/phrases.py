"""Which language each report text is in, so a page can say so (``lang``) where it differs.

A Welsh report of a questionnaire with a text that has no Welsh shows the
English, and a screen reader must then read it with English rules: WCAG 3.1.2
(language of parts). :func:`say` picks a text like :func:`coprod.model.pick`
and, only when the text picked is in another language than the page, returns a
:class:`Phrase`, which renders itself as ``<span lang="..">`` in a template.
"""

from __future__ import annotations

from markupsafe import Markup

from coprod.model import ANY_LANGUAGE, Questionnaire, pick, wordings

#: The order of the languages in a bilingual report: Welsh first, as the Welsh
#: Language Standards ask of bilingual documents.
FIRST = ("cy",)


class Phrase(str):
    """A text in another language than the page around it; in a template, a ``<span lang>``.

    Never put one in an HTML attribute: it renders as markup.
    """

    lang: str

    def __new__(cls, text: str, lang: str) -> Phrase:
        """The text, and the language it is in."""
        phrase = super().__new__(cls, text)
        phrase.lang = lang
        return phrase

    def __html__(self) -> Markup:
        """The text escaped, inside a span that names its language."""
        return Markup('<span lang="{}">{}</span>').format(self.lang, str(self))


def text_language(text: dict[str, str] | None, lang: str, default: str) -> str:
    """The language of what ``pick(text, lang)`` returns; a plain string is in ``default``."""
    if not text or lang in text:
        return lang
    if ANY_LANGUAGE in text:
        return default
    if "en" in text:
        return "en"
    return next(iter(wordings(text)), lang)


def say(q: Questionnaire, text: dict[str, str] | None, lang: str) -> str:
    """``text`` in ``lang`` (falling back like pick), as a Phrase when it is in another language."""
    picked = pick(text, lang)
    found = text_language(text, lang, q.default_language)
    return Phrase(picked, found) if picked and found != lang else picked


def mark(text: str, *parts: str) -> str:
    """``text`` as a Phrase in the language of the first Phrase among ``parts``, if any.

    For a text built from pieces, e.g. '3 – Starting' when 'Starting' fell back.
    """
    for part in parts:
        if isinstance(part, Phrase):
            return Phrase(text, part.lang)
    return text


def report_languages(spec: str) -> list[str]:
    """The languages of a report, in page order: 'cy' → [cy]; 'en+cy' → [cy, en] (Welsh first)."""
    codes: list[str] = []
    for code in spec.replace(",", "+").split("+"):
        code = code.strip().lower()
        if code and code not in codes:
            codes.append(code)
    first = [c for c in codes if c in FIRST]
    return first + [c for c in codes if c not in FIRST]


def typed_language(response_lang: str | None, page_lang: str) -> str:
    """The language to mark what a person typed with: their session's, when not the page's.

    Notes, organisation and service names are in the language the person answered
    in (the answers file's ``language``); a Welsh page marks English notes
    ``lang="en"`` and an English page Welsh ones ``lang="cy"``. '' when they match.
    """
    typed = (response_lang or "").strip().lower()
    return typed if typed and typed != page_lang else ""
