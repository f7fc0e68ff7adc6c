"""Which texts of a questionnaire fall back to another language, and how to say so."""

from __future__ import annotations

from coprod.model import (
    ANY_LANGUAGE,
    MultipleChoiceQuestion,
    NumberQuestion,
    Question,
    Questionnaire,
    ScaleQuestion,
    SingleChoiceQuestion,
)

LANGUAGE_NAMES = {"en": "English", "cy": "Welsh"}


def falls_back(text: dict[str, str] | None, q: Questionnaire, lang: str) -> bool:
    """True when ``text`` has no wording in ``lang`` (a plain string is in the default language)."""
    if not text or lang in text:
        return False
    return not (ANY_LANGUAGE in text and lang == q.default_language)


def fallback_texts(q: Questionnaire, lang: str) -> list[str]:
    """Where the session shows another language's text for ``lang``: 'title', question ids, ..."""
    out: list[str] = []
    if falls_back(q.title, q, lang) or falls_back(q.description, q, lang):
        out.append("title")
    for principle in q.principles:
        if falls_back(principle.title, q, lang) or falls_back(principle.description, q, lang):
            out.append(f"principle {principle.id}")
        for question in principle.questions:
            texts = [question.text, question.help, question.guidance, *_option_texts(q, question)]
            if any(falls_back(t, q, lang) for t in texts):
                out.append(question.id)
    return out


def _option_texts(q: Questionnaire, question: Question) -> list[dict[str, str] | None]:
    if isinstance(question, ScaleQuestion):
        levels = q.scales[question.scale].levels
        return [lv.label for lv in levels] + [lv.descriptor for lv in levels]
    if isinstance(question, (SingleChoiceQuestion, MultipleChoiceQuestion)):
        return [c.label for c in question.choices]
    if isinstance(question, NumberQuestion):
        return [question.unit]
    return []


def language_note(q: Questionnaire, lang: str) -> str:
    """One or two sentences saying which texts are shown in another language, or ''."""
    name = LANGUAGE_NAMES.get(lang, lang)
    fallback = LANGUAGE_NAMES.get(q.default_language, q.default_language)
    missing = fallback_texts(q, lang)
    if not missing and lang in q.languages:
        return ""
    total = 1 + len(q.principles) + len(q.questions)
    if lang not in q.languages or len(missing) == total:
        head = f"This questionnaire has no {name} ({lang}) text yet, so all of it is in {fallback}."
    else:
        shown = ", ".join(missing[:8]) + (
            f" and {len(missing) - 8} more" if len(missing) > 8 else ""
        )
        head = f"Some texts have no {name} ({lang}) version and are shown in {fallback}: {shown}."
    if lang != "en":
        head += " coprod's own messages are in English."
    return head
