"""Read one answer as a person writes it: typed in ``coprod assess``, in an answers file, or in a
sheet cell. One reader, so the same spellings are accepted everywhere, with the same messages.

Accepted wherever the question has them: the number shown beside an option (``3``),
its label in any of the questionnaire's languages (``Growing``, ``Yn tyfu``), both
(``3 - Growing``, ``Yn tyfu / Growing``), and the usual spellings of not applicable
and don't know (``N/A``, ``amherthnasol``, ``don't know``). Numbers may carry a
thousands comma, ``about`` or the question's unit (``about 1,200 people``). A blank
answer reads as None; anything else that does not fit is a :class:`Refusal` saying
why and what the question takes.

"NA" means not applicable, as English sheets write it; only for a yes/no question
read in Welsh is "na" the Welsh for "no".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coprod.i18n.messages import ui_text
from coprod.i18n.words import (
    BLANK,
    CHOICE_SEPARATORS,
    DONT_KNOW_SPELLINGS,
    NO_SPELLINGS,
    NOT_APPLICABLE_SPELLINGS,
    SHEET_WORDS,
    TYPED_DONT_KNOW,
    TYPED_NO,
    TYPED_NOT_APPLICABLE,
    TYPED_YES,
    YES_SPELLINGS,
    normalise,
)
from coprod.model import (
    AnswerValue,
    Choice,
    MultipleChoiceQuestion,
    NumberQuestion,
    Question,
    Questionnaire,
    ScaleQuestion,
    SingleChoiceQuestion,
    Status,
    TextQuestion,
    YesNoQuestion,
    pick,
    wordings,
)

_LEVEL = re.compile(r"^\(?\s*(-?\d+(?:[.,]\d+)?)\s*\)?\s*(?:[-–—:.)=]\s*|\s+)?(.*)$")
_NUMBER = re.compile(
    r"^(?:about|approx\.?|around|c\.|~|tua)?\s*(-?\d{1,3}(?:,\d{3})+|-?\d+)(\.\d+)?\s*(.*)$",
    re.IGNORECASE,
)
_POSITIONS = re.compile(r"^\d+(?:[\s,;]+\d+)*$")

#: Every spelling of not applicable, don't know, yes and no, from sheets and from the prompt.
NA_WORDS = NOT_APPLICABLE_SPELLINGS | {normalise(w) for w in TYPED_NOT_APPLICABLE}
DK_WORDS = DONT_KNOW_SPELLINGS | {normalise(w) for w in TYPED_DONT_KNOW}
YES_WORDS = YES_SPELLINGS | {normalise(w) for w in TYPED_YES}
NO_WORDS = NO_SPELLINGS | {normalise(w) for w in TYPED_NO if w != "na"}
WELSH_NO = "na"


@dataclass(frozen=True)
class Reading:
    """An answer that was read: answered with a value, not applicable, or don't know."""

    status: Status
    value: AnswerValue = None


@dataclass(frozen=True)
class Refusal:
    """An answer that could not be read: what was written, why not, and what the question takes.

    ``reason`` follows the text ("is not a level of this scale (1 to 5)"); ``allowed``
    lists the answers ("1 Not yet, 2 Making a start, ..., Don't know").
    """

    text: str
    reason: str
    allowed: str

    def message(self, lang: str = "en") -> str:
        """The whole sentence, e.g. "'7' is not a level of this scale (1 to 5)."."""
        return ui_text("answer_refused", lang, text=self.text, reason=self.reason)

    def hint(self, lang: str = "en") -> str:
        """What to write instead, e.g. 'Use 1 Not yet, 2 Making a start, or N/A.'."""
        return ui_text("answer_use", lang, allowed=self.allowed)


def read_answer(
    q: Questionnaire, question: Question, raw: str, lang: str = "en"
) -> Reading | Refusal | None:
    """One written answer to ``question``: a Reading, None when blank, or a Refusal saying why."""
    text = " ".join(str(raw).split())
    if text in BLANK:
        return None
    if isinstance(question, TextQuestion):
        return Reading(Status.answered, text)
    key = normalise(text)
    welsh_no = lang == "cy" and isinstance(question, YesNoQuestion) and key == WELSH_NO
    if key in NA_WORDS and not welsh_no:
        if not question.not_applicable:
            return _refuse(q, question, text, "answer_no_na", lang)
        return Reading(Status.not_applicable)
    if key in DK_WORDS:
        if not question.dont_know:
            return _refuse(q, question, text, "answer_no_dk", lang)
        return Reading(Status.dont_know)
    if isinstance(question, ScaleQuestion):
        return _level(q, question, text, lang)
    if isinstance(question, YesNoQuestion):
        if key in YES_WORDS or key == "1" or key in own_words(question, True):
            return Reading(Status.answered, "yes")
        if key in NO_WORDS or key == "2" or welsh_no or key in own_words(question, False):
            return Reading(Status.answered, "no")
        return _refuse(q, question, text, "answer_not_yes_no", lang)
    if isinstance(question, NumberQuestion):
        return _number(q, question, text, lang)
    if isinstance(question, SingleChoiceQuestion):
        chosen = _choice(question.choices, text)
        if chosen is None:
            return _refuse(q, question, text, "answer_not_choice", lang)
        return Reading(Status.answered, chosen)
    assert isinstance(question, MultipleChoiceQuestion)
    return _choices(q, question, text, lang)


def allowed_answers(q: Questionnaire, question: Question, lang: str = "en") -> str:
    """The answers a question takes, in words for a hint or a template (e.g. '1 Not yet, ...')."""
    extra = []
    if question.not_applicable and not isinstance(question, TextQuestion):
        extra.append(ui_text("allowed_na", lang))
    if question.dont_know and not isinstance(question, TextQuestion):
        extra.append(ui_text("allowed_dk", lang))
    if isinstance(question, ScaleQuestion):
        levels = q.scales[question.scale].levels
        main = [f"{lv.value} {pick(lv.label, lang)}" for lv in levels]
    elif isinstance(question, YesNoQuestion):
        main = [
            question.label(True, lang) or ui_text("yes", lang),
            question.label(False, lang) or ui_text("no", lang),
        ]
    elif isinstance(question, NumberQuestion):
        bounds = []
        if question.min is not None:
            bounds.append(ui_text("at_least", lang, number=f"{question.min:g}"))
        if question.max is not None:
            bounds.append(ui_text("at_most", lang, number=f"{question.max:g}"))
        kind = ui_text("allowed_whole" if question.integer else "allowed_number", lang)
        joined = f" {ui_text('and', lang)} ".join(bounds)
        main = [kind + (f" ({joined})" if bounds else "")]
    elif isinstance(question, SingleChoiceQuestion):
        main = [pick(c.label, lang) for c in question.choices]
    elif isinstance(question, MultipleChoiceQuestion):
        labels = "; ".join(pick(c.label, lang) for c in question.choices)
        main = [ui_text("allowed_any_of", lang, labels=labels)]
        return "; ".join(main + extra)
    else:
        main = [ui_text("allowed_text", lang)]
    return ", ".join(main + extra)


def own_words(question: YesNoQuestion, yes: bool) -> frozenset[str]:
    """A question's own words for yes (or no), alone or paired as a bilingual sheet writes them.

    'Oes', 'Oes / Yes' and 'Yes / Oes' for a question with ``yes_label: {cy: Oes}``.
    """
    own = wordings(question.yes_label if yes else question.no_label)
    if not own:
        return frozenset()
    generic = SHEET_WORDS["yes" if yes else "no"]
    pool = [*own.values(), *generic.values()]
    return frozenset(normalise(a) for a in pool) | frozenset(
        normalise(f"{a} / {b}") for a in pool for b in pool
    )


def _refuse(
    q: Questionnaire, question: Question, text: str, key: str, lang: str, **values: object
) -> Refusal:
    return Refusal(text, ui_text(key, lang, **values), allowed_answers(q, question, lang))


def _level(q: Questionnaire, question: ScaleQuestion, text: str, lang: str) -> Reading | Refusal:
    scale = q.scales[question.scale]
    by_label = {normalise(t): lv.value for lv in scale.levels for t in lv.label.values()}
    values = {lv.value for lv in scale.levels}
    label_value = _words_level(by_label, text)
    if label_value is not None:
        return Reading(Status.answered, label_value)
    match = _LEVEL.match(text)
    if match is None:
        return _refuse(q, question, text, "answer_not_level", lang)
    number = float(match.group(1).replace(",", "."))
    rest = normalise(match.group(2))
    if number != int(number) or int(number) not in values:
        low, high = min(values), max(values)
        return _refuse(q, question, text, "answer_not_level_range", lang, low=low, high=high)
    value = int(number)
    # Words after the number must be that level's label ("3 - Growing"), in any language
    # or in both ("3 - Yn tyfu / Growing"); anything else ("2-3", "3 or 4") is refused.
    if not rest or _words_level(by_label, match.group(2)) == value:
        return Reading(Status.answered, value)
    level = scale.level(value)
    label = pick(level.label, lang) if level else str(value)
    if rest in by_label:
        return _refuse(
            q,
            question,
            text,
            "answer_level_mismatch",
            lang,
            value=value,
            label=label,
            other=by_label[rest],
        )
    if any(ch.isdigit() for ch in rest):
        return _refuse(q, question, text, "answer_two_numbers", lang)
    return _refuse(q, question, text, "answer_words_after", lang, value=value, label=label)


def _words_level(by_label: dict[str, int], text: str) -> int | None:
    """The level whose label the text is, in one language or as 'Welsh / English'."""
    found = by_label.get(normalise(text))
    if found is not None or "/" not in text:
        return found
    levels = {by_label.get(normalise(part)) for part in text.split("/")}
    return levels.pop() if len(levels) == 1 else None


def _number(q: Questionnaire, question: NumberQuestion, text: str, lang: str) -> Reading | Refusal:
    match = _NUMBER.match(text)
    units = {normalise(u) for u in (question.unit or {}).values()}
    after = normalise(match.group(3)) if match else ""
    if match is None or (after and after not in units):
        return _refuse(q, question, text, "answer_not_number", lang)
    whole = match.group(1).replace(",", "")
    number: int | float = float(whole + match.group(2)) if match.group(2) else int(whole)
    if question.integer and isinstance(number, float):
        if number != int(number):
            return _refuse(q, question, text, "answer_not_whole", lang)
        number = int(number)
    if question.min is not None and number < question.min:
        return _refuse(q, question, text, "answer_below", lang, limit=f"{question.min:g}")
    if question.max is not None and number > question.max:
        return _refuse(q, question, text, "answer_above", lang, limit=f"{question.max:g}")
    return Reading(Status.answered, number)


def choice_lookup(choices: list[Choice]) -> dict[str, str]:
    """Each choice's id and labels (any language), normalised, to the choice's id."""
    table: dict[str, str] = {}
    for choice in choices:
        table[normalise(choice.id)] = choice.id
        for label in choice.label.values():
            table[normalise(label)] = choice.id
    return table


def _choice(choices: list[Choice], text: str) -> str | None:
    """A choice by its number on screen, its id or a label."""
    if text.isascii() and text.isdigit():
        position = int(text)
        return choices[position - 1].id if 1 <= position <= len(choices) else None
    return choice_lookup(choices).get(normalise(text))


def _choices(
    q: Questionnaire, question: MultipleChoiceQuestion, text: str, lang: str
) -> Reading | Refusal:
    order = [c.id for c in question.choices]
    if text.isascii() and _POSITIONS.match(text):
        # numbers as shown on screen, "1 3" or "1, 3"; 0 alone means none of these
        positions = [int(p) for p in re.split(r"[\s,;]+", text)]
        if positions == [0]:
            return Reading(Status.answered, [])
        wrong = [p for p in positions if not 1 <= p <= len(order)]
        if wrong:
            return _refuse(
                q, question, text, "answer_not_a_choice", lang, part=wrong[0], count=len(order)
            )
        picked = {order[p - 1] for p in positions}
        return Reading(Status.answered, [c for c in order if c in picked])
    lookup = choice_lookup(question.choices)
    chosen: set[str] = set()
    parts = [p for p in CHOICE_SEPARATORS.split(text) if p.strip()]
    if all(normalise(p) in lookup for p in parts):
        chosen = {lookup[normalise(p)] for p in parts}
    else:
        # Google Forms joins choices with ", " and labels may hold commas themselves,
        # so find whole labels in the text, longest first, and require nothing else be left.
        rest = f" {normalise(text)} "
        for label in sorted(lookup, key=len, reverse=True):
            if f" {label} " in rest:
                chosen.add(lookup[label])
                rest = rest.replace(f" {label} ", " ")
        leftover = [w for w in rest.split() if w not in ("and", "a", "ac")]
        if leftover or not chosen:
            return _refuse(
                q, question, text, "answer_has_not_choice", lang, part=" ".join(leftover)
            )
    return Reading(Status.answered, [c for c in order if c in chosen])
