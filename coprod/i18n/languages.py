"""Which texts of a questionnaire fall back to another language, and how to say so."""

from __future__ import annotations

from coprod.i18n.messages import speaks, ui_text
from coprod.model import (
    ANY_LANGUAGE,
    MultipleChoiceQuestion,
    NumberQuestion,
    Question,
    Questionnaire,
    ScaleQuestion,
    SingleChoiceQuestion,
    YesNoQuestion,
)


def falls_back(text: dict[str, str] | None, q: Questionnaire, lang: str) -> bool:
    """True when ``text`` has no wording in ``lang`` (a plain string is in the default language)."""
    if not text or lang in text:
        return False
    return not (ANY_LANGUAGE in text and lang == q.default_language)


def fallback_texts(q: Questionnaire, lang: str, say: str = "en") -> list[str]:
    """Where the session shows another language's text for ``lang``: 'title', question ids, ...

    The words 'title' and 'principle' are in ``say``.
    """
    out: list[str] = []
    if falls_back(q.title, q, lang) or falls_back(q.description, q, lang):
        out.append(ui_text("language_title", say))
    for principle in q.principles:
        if falls_back(principle.title, q, lang) or falls_back(principle.description, q, lang):
            out.append(ui_text("language_principle", say, id=principle.id))
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
    if isinstance(question, YesNoQuestion):
        return [question.yes_label, question.no_label]
    return []


def language_note(q: Questionnaire, lang: str) -> str:
    """One or two sentences, in ``lang`` where coprod speaks it, on texts shown in another language.

    '' when every text is there in ``lang`` and coprod's own messages are too.
    """
    say = lang if speaks(lang) else "en"
    name = _name(lang, say, "name")
    fallback = _name(q.default_language, say, "in")
    missing = fallback_texts(q, lang, say)
    notes: list[str] = []
    total = 1 + len(q.principles) + len(q.questions)
    if lang not in q.languages or len(missing) == total:
        notes.append(ui_text("language_none", say, name=name, code=lang, fallback=fallback))
    elif missing:
        shown = ", ".join(missing[:8])
        if len(missing) > 8:
            shown += " " + ui_text("language_more", say, count=len(missing) - 8)
        notes.append(
            ui_text("language_some", say, name=name, code=lang, fallback=fallback, shown=shown)
        )
    if not speaks(lang):
        notes.append(ui_text("language_own_english", say))
    return " ".join(notes)


def _name(lang: str, say: str, form: str) -> str:
    """A language's name in ``say``: 'Welsh' / 'Cymraeg' (form 'name') or 'yn Gymraeg' ('in')."""
    key = f"{form}_{lang}"
    try:
        return ui_text(key, say)
    except KeyError:
        return lang
