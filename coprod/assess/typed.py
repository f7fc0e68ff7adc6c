"""What a typed line means in ``coprod assess``: keys, answers, perspectives.

No Rich here, so answers files load without it. The key letters are the same in
every language; everything else typed is read by :mod:`coprod.responses.reading`.
"""

from __future__ import annotations

from dataclasses import dataclass

from coprod.i18n.messages import LANGUAGES, ui_text
from coprod.model import (
    PERSPECTIVES,
    Answer,
    AnswerValue,
    MultipleChoiceQuestion,
    NumberQuestion,
    Question,
    Questionnaire,
    ScaleQuestion,
    SingleChoiceQuestion,
    Status,
    YesNoQuestion,
    pick,
)
from coprod.responses.reading import Refusal, read_answer

#: Single-letter keys, in the order they are shown on screen, and what each does.
KEYS = {
    "?": "help",
    "n": "note",
    "b": "back",
    "s": "skip",
    "x": "not_applicable",
    "d": "dont_know",
    "q": "quit",
}


def is_given(answer: Answer | None) -> bool:
    """True when the person has dealt with the question: a value, N/A, don't know or a skip."""
    return answer is not None and (answer.status != Status.answered or answer.value is not None)


def perspective_label(pid: str, lang: str) -> str:
    """A perspective as the session names it, e.g. 'person with lived experience'."""
    return ui_text(f"perspective_{pid}", lang) if pid in PERSPECTIVES else pid


def perspective_id(text: str) -> str | None:
    """The perspective id for what someone typed ('lived experience', '2', 'gofalwr'), or None."""
    cleaned = text.strip().lower().replace(" ", "_").replace("-", "_")
    if cleaned.isascii() and cleaned.isdigit() and 1 <= int(cleaned) <= len(PERSPECTIVES):
        return PERSPECTIVES[int(cleaned) - 1]
    if cleaned in PERSPECTIVES:
        return cleaned
    for pid in PERSPECTIVES:
        for lang in LANGUAGES:
            if cleaned == perspective_label(pid, lang).lower().replace(" ", "_"):
                return pid
    return None


# --- reading what was typed -----------------------------------------------------


@dataclass(frozen=True)
class Action:
    """What one typed line means for the current question."""

    kind: str  # answer, keep, help, note, back, skip, not_applicable, dont_know, quit, invalid
    value: AnswerValue = None
    message: str = ""


def keys_for(question: Question) -> dict[str, str]:
    """The single-letter keys this question offers, in screen order, and what each does."""
    keys = dict(KEYS)
    if question.required:
        del keys["s"]
    if not question.not_applicable:
        del keys["x"]
    if not question.dont_know:
        del keys["d"]
    return keys


def options(q: Questionnaire, question: Question, lang: str) -> list[tuple[str, str]]:
    """The numbered options shown for a question: (what to type, what it means)."""
    if isinstance(question, ScaleQuestion):
        out = []
        for level in q.levels_for(question):
            label = pick(level.label, lang)
            if level.descriptor:
                label += f": {pick(level.descriptor, lang)}"
            out.append((str(level.value), label))
        return out
    if isinstance(question, YesNoQuestion):
        return [(str(i), word) for i, (_, word) in enumerate(_yes_no_words(question, lang), 1)]
    if isinstance(question, (SingleChoiceQuestion, MultipleChoiceQuestion)):
        out = [(str(i), pick(c.label, lang)) for i, c in enumerate(question.choices, 1)]
        if isinstance(question, MultipleChoiceQuestion):
            out.append(("0", ui_text("none_of_these", lang)))
        return out
    return []


def how_to_answer(question: Question, lang: str) -> str:
    """The hint before the keys, e.g. 'Type the number of your answer'."""
    if isinstance(question, ScaleQuestion | YesNoQuestion | SingleChoiceQuestion):
        return ui_text("how_number_of_answer", lang)
    if isinstance(question, MultipleChoiceQuestion):
        return ui_text("how_numbers_all", lang)
    if isinstance(question, NumberQuestion):
        unit = f" ({pick(question.unit, lang)})" if question.unit else ""
        limits = []
        if question.min is not None:
            limits.append(ui_text("at_least", lang, number=f"{question.min:g}"))
        if question.max is not None:
            limits.append(ui_text("at_most", lang, number=f"{question.max:g}"))
        kind = "how_whole_number" if question.integer else "how_number"
        joined = f" {ui_text('and', lang)} ".join(limits)
        return ui_text(kind, lang, unit=unit) + (f", {joined}" if limits else "")
    return ui_text("how_text", lang)


def parse_input(
    q: Questionnaire, question: Question, text: str, has_answer: bool, lang: str = "en"
) -> Action:
    """Turn one typed line into an action; invalid input says, in ``lang``, what to type instead.

    A single letter is a key (n is a note, not "no"); anything else is read by
    :func:`coprod.responses.reading.read_answer`, as answers files and sheet cells are.
    """
    typed = text.strip()
    lowered = " ".join(typed.lower().replace("’", "'").split())
    keys = keys_for(question)
    if not typed:
        if has_answer:
            return Action("keep")
        return Action(
            "invalid",
            message=ui_text("type_answer_or_skip" if "s" in keys else "needs_answer", lang),
        )
    if lowered in KEYS:
        if lowered not in keys:
            return Action("invalid", message=ui_text(f"cannot_{KEYS[lowered]}", lang))
        return Action(KEYS[lowered])
    reading = read_answer(q, question, typed, lang)
    if isinstance(reading, Refusal):
        return Action("invalid", message=f"{reading.message(lang)} {reading.hint(lang)}")
    assert reading is not None  # a line that is not blank is never read as blank
    if reading.status == Status.not_applicable:
        return Action("not_applicable")
    if reading.status == Status.dont_know:
        return Action("dont_know")
    return Action("answer", reading.value)


def describe_answer(q: Questionnaire, question: Question, answer: Answer | None, lang: str) -> str:
    """An answer as a person reads it: '3 Growing', 'not applicable', 'skipped'."""
    if answer is None or not is_given(answer):
        return ui_text("status_not_answered", lang)
    if answer.status != Status.answered:
        return ui_text(f"status_{answer.status.value}", lang)
    value = answer.value
    if isinstance(question, ScaleQuestion) and isinstance(value, int):
        level = q.scales[question.scale].level(value)
        return f"{value} {pick(level.label, lang)}" if level else str(value)
    if isinstance(question, (SingleChoiceQuestion, MultipleChoiceQuestion)):
        labels = {c.id: pick(c.label, lang) for c in question.choices}
        chosen = value if isinstance(value, list) else [value]
        return "; ".join(labels.get(str(v), str(v)) for v in chosen) or ui_text("status_none", lang)
    if isinstance(question, YesNoQuestion):
        word = str(value).strip().lower()
        if word not in ("yes", "no"):
            return str(value)
        return question.label(word == "yes", lang) or ui_text(word, lang)
    if isinstance(question, NumberQuestion) and question.unit:
        return f"{value} {pick(question.unit, lang)}"
    return str(value)


def _yes_no_words(question: YesNoQuestion, lang: str) -> list[tuple[str, str]]:
    """The words for yes and no on screen: the question's own (Oes / Nac oes), else Yes / No."""
    return [
        ("yes", question.label(True, lang) or ui_text("yes", lang)),
        ("no", question.label(False, lang) or ui_text("no", lang)),
    ]
