"""The paper answer form (`coprod template --format pdf`): a printable, tagged A4 form.

Each question is printed with its answers as tick boxes (squares drawn with CSS
borders, the level numbers, labels and descriptors as real text), space for a
note, and the respondent details at the start; conditional questions say when
to answer them. Rendered with the report's Jinja environment and locked-down
PDF renderer (tagged PDF/UA-1); the template is ``report_templates/paper/``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from coprod import __version__
from coprod.model import (
    PERSPECTIVES,
    Condition,
    MultipleChoiceQuestion,
    NumberQuestion,
    Question,
    Questionnaire,
    ScaleQuestion,
    SingleChoiceQuestion,
    TextQuestion,
    YesNoQuestion,
    pick,
)
from coprod.questionnaire.grids import runs
from coprod.report.labels import draft_note, labels

TEMPLATE = "paper/form.html.j2"


@dataclass(frozen=True)
class LevelBox:
    """One level of a scale as a tick box: its number, label and descriptor."""

    value: int
    label: str
    descriptor: str


@dataclass(frozen=True)
class QuestionBox:
    """One question as printed: its text and what to tick or write."""

    id: str
    number: str
    text: str
    help: str
    condition: str
    kind: str
    instruction: str
    levels: list[LevelBox]
    options: list[str]
    extra: list[str]
    write: str  # "number", "text" or "" (a box to write in)
    unit: str
    note: bool
    #: A grid: its rows (number, text), each ticked in one of ``columns`` (its answers).
    rows: list[tuple[str, str]] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PrincipleBox:
    """A principle's heading and its questions."""

    id: str
    number: int
    title: str
    description: str
    questions: list[QuestionBox]


@dataclass(frozen=True)
class PaperForm:
    """Everything the paper form's template needs, already in the form's language."""

    lang: str
    title: str
    questionnaire: str
    version: str
    description: str
    generator: str
    fields: list[str]
    perspectives: list[str]
    principles: list[PrincipleBox]
    draft_note: str = ""


def _answer_words(
    q: Questionnaire, question: Question | None, value: Any, t: dict[str, str]
) -> str:
    """An answer value as the form prints it (a level's label, a choice's label, Yes/No)."""
    text = str(value).strip()
    if isinstance(question, YesNoQuestion) or isinstance(value, bool):
        yes = value is True or text.lower() in ("yes", "true")
        no = value is False or text.lower() in ("no", "false")
        own = question.label(yes, t["_lang"]) if isinstance(question, YesNoQuestion) else None
        return own or t["yes"] if yes else own or t["no"] if no else text
    if isinstance(question, ScaleQuestion):
        level = q.scales[question.scale].level(int(value)) if text.isdigit() else None
        return f"{level.value} {pick(level.label, t['_lang'])}" if level else text
    if isinstance(question, (SingleChoiceQuestion, MultipleChoiceQuestion)):
        names = {c.id: pick(c.label, t["_lang"]) for c in question.choices}
        return names.get(text, text)
    return text


def condition_text(
    q: Questionnaire, condition: Condition, numbers: dict[str, str], t: dict[str, str]
) -> str:
    """'Answer this only if your answer to 3.1 is “Yes”.'"""
    earlier = q.question(condition.question)

    def words(value: Any) -> str:
        return _answer_words(q, earlier, value, t)

    if condition.answered is not None:
        test = t["test_answered"] if condition.answered else t["test_not_answered"]
    elif condition.equals is not None:
        test = t["test_equals"].format(value=words(condition.equals))
    elif condition.not_equals is not None:
        test = t["test_not_equals"].format(value=words(condition.not_equals))
    elif condition.in_ is not None:
        test = t["test_in"].format(value=", ".join(f"“{words(v)}”" for v in condition.in_))
    elif condition.includes is not None:
        test = t["test_includes"].format(value=words(condition.includes))
    else:
        parts = []
        if condition.at_least is not None:
            parts.append(t["test_at_least"].format(value=f"{condition.at_least:g}"))
        if condition.at_most is not None:
            parts.append(t["test_at_most"].format(value=f"{condition.at_most:g}"))
        test = f" {t['test_and']} ".join(parts)
    return t["condition"].format(
        number=numbers.get(condition.question, condition.question), test=test
    )


def _question_box(
    q: Questionnaire,
    question: Question,
    number: str,
    numbers: dict[str, str],
    t: dict[str, str],
    lang: str,
) -> QuestionBox:
    levels: list[LevelBox] = []
    options: list[str] = []
    write = ""
    unit = ""
    instruction = t["tick_one"]
    if isinstance(question, ScaleQuestion):
        levels = [
            LevelBox(lv.value, pick(lv.label, lang), pick(lv.descriptor, lang))
            for lv in sorted(q.levels_for(question), key=lambda lv: lv.value)
        ]
    elif isinstance(question, YesNoQuestion):
        options = [question.label(True, lang) or t["yes"], question.label(False, lang) or t["no"]]
    elif isinstance(question, SingleChoiceQuestion):
        options = [pick(c.label, lang) for c in question.choices]
    elif isinstance(question, MultipleChoiceQuestion):
        options = [pick(c.label, lang) for c in question.choices]
        instruction = t["tick_any"]
    elif isinstance(question, NumberQuestion):
        write = "number"
        unit = pick(question.unit, lang)
        bounds = []
        if question.min is not None:
            bounds.append(t["range_at_least"].format(value=f"{question.min:g}"))
        if question.max is not None:
            bounds.append(t["range_at_most"].format(value=f"{question.max:g}"))
        instruction = t["write_number"] + (f" ({', '.join(bounds)})" if bounds else "")
    else:
        write = "text"
        instruction = t["write_text"]
    extra = []
    if not isinstance(question, TextQuestion):
        if question.not_applicable:
            extra.append(t["not_applicable"])
        if question.dont_know:
            extra.append(t["dont_know"])
    return QuestionBox(
        id=question.id,
        number=number,
        text=pick(question.text, lang),
        help=pick(question.help, lang),
        condition=condition_text(q, question.when, numbers, t) if question.when else "",
        kind=question.type,
        instruction=instruction,
        levels=levels,
        options=options,
        extra=extra,
        write=write,
        unit=unit,
        note=not isinstance(question, TextQuestion),
    )


def _grid_box(
    q: Questionnaire, rows: list[Question], numbers: dict[str, str], t: dict[str, str], lang: str
) -> QuestionBox:
    """A grid printed once: its stem, then a table of its rows with a tick box per answer."""
    first = _question_box(q, rows[0], numbers[rows[0].id], numbers, t, lang)
    grid = rows[0].grid
    assert grid is not None
    heads = [f"{lv.value} {lv.label}" for lv in first.levels] or first.options
    return replace(
        first,
        id=grid.id,
        number=f"{numbers[rows[0].id]}–{numbers[rows[-1].id]}",
        text=pick(grid.text, lang),
        help=pick(grid.help, lang),
        kind="grid",
        instruction=t["tick_one_row" if first.instruction == t["tick_one"] else "tick_any_row"],
        levels=[lv for lv in first.levels if lv.descriptor],  # the key to what each means
        options=[],
        rows=[(numbers[x.id], pick(x.text, lang)) for x in rows],
        columns=[*heads, *first.extra],
        extra=[],
    )


def build_paper_form(q: Questionnaire, lang: str = "en") -> PaperForm:
    """The paper form's view-model: every text picked in ``lang`` (or the default language)."""
    lang = lang if lang in q.languages else q.default_language
    t = {**labels(lang, "paper"), "_lang": lang}
    numbers = q.numbers()
    principles = [
        PrincipleBox(
            id=p.id,
            number=i,
            title=pick(p.title, lang),
            description=pick(p.description, lang),
            questions=[
                _question_box(q, run[0], numbers[run[0].id], numbers, t, lang)
                if run[0].grid is None
                else _grid_box(q, run, numbers, t, lang)
                for run in runs(p.questions)
            ],
        )
        for i, p in enumerate(q.principles, 1)
    ]
    title = pick(q.title, lang)
    return PaperForm(
        lang=lang,
        title=f"{title}: {t['kicker']}",
        questionnaire=title,
        version=q.version,
        description=pick(q.description, lang),
        generator=f"coprod {__version__}",
        fields=[t["name_field"], t["organisation_field"], t["service_field"], t["date_field"]],
        perspectives=[t.get(f"perspective_{p}", p.replace("_", " ")) for p in PERSPECTIVES],
        principles=principles,
        draft_note=draft_note(q, [lang], t, "paper"),
    )


def paper_html(q: Questionnaire, lang: str = "en") -> str:
    """The paper form as an HTML page (what the PDF is made from)."""
    from coprod.report.render import render_html

    form = build_paper_form(q, lang)
    return render_html({"form": form, "t": labels(form.lang, "paper")}, name=TEMPLATE)


def paper_pdf(q: Questionnaire, lang: str = "en") -> bytes:
    """The paper form as a tagged (PDF/UA-1) A4 PDF."""
    from coprod.report.render import render_pdf

    return render_pdf(paper_html(q, lang))
