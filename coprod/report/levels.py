"""Where an answer stands on its scale, for the single report.

The level reached and the next one up (the level below for a reversed question; none
on an agreement scale, where agreeing more is an opinion, not practice to reach for),
a question's target and the gap to it, how many statements on an agreement scale were
agreed with, and the method's sentence on marks or ladders.
"""

from __future__ import annotations

from coprod.i18n.phrases import say
from coprod.model import Level, Question, Questionnaire, ScaleQuestion
from coprod.report.views import LevelView
from coprod.scoring.marks import overall_range
from coprod.scoring.score import PrincipleScore, QuestionScore


def levels_of(
    q: Questionnaire, question: Question, item: QuestionScore, lang: str
) -> tuple[LevelView | None, LevelView | None]:
    """The level reached and the next one up, for an answered scale question."""
    if not isinstance(question, ScaleQuestion) or item.status != "answered" or not item.scored:
        return None, None
    if q.scales[question.scale].is_agreement:
        # Agreeing more is an opinion, not a next level of practice to reach for.
        return None, None
    if not isinstance(item.value, (int, float)):
        return None, None
    levels = sorted(q.levels_for(question), key=lambda lv: lv.value)

    def view(level: Level) -> LevelView:
        return LevelView(level.value, say(q, level.label, lang), say(q, level.descriptor, lang))

    step = -1 if question.reverse else 1  # reversed: getting better is a lower level
    for i, level in enumerate(levels):
        if level.value == int(item.value):
            nxt = view(levels[i + step]) if 0 <= i + step < len(levels) else None
            return view(level), nxt
    return None, None


def target_of(
    q: Questionnaire,
    question: Question,
    item: QuestionScore,
    items: dict[str, QuestionScore],
    lang: str,
    t: dict[str, str],
) -> tuple[LevelView | None, str, str, str]:
    """The target level, a note when it is reached, the target with its gap, and its label."""
    target_q = q.target_of(question.id)
    found = items.get(target_q.id) if target_q else None
    if target_q is None or found is None or found.status != "answered":
        return None, "", "", ""
    if not isinstance(found.value, int) or not isinstance(item.value, int):
        return None, "", "", ""
    level = next((lv for lv in q.levels_for(target_q) if lv.value == found.value), None)
    if level is None:
        return None, "", "", ""
    view = LevelView(level.value, say(q, level.label, lang), say(q, level.descriptor, lang))
    steps = found.value - item.value
    if steps > 0:
        gap_text = t["gap_to_go"].format(n=steps)
    elif steps == 0:
        gap_text = t["gap_none"]
    else:
        gap_text = t["gap_above"].format(n=-steps)
    note = t["at_target"] if steps == 0 else (t["above_target"] if steps < 0 else "")
    return view, note, f"{found.value} – {view.label} ({gap_text})", f" – {view.label}"


def agreed_text(
    q: Questionnaire, questions: list[Question], ps: PrincipleScore, t: dict[str, str]
) -> str:
    """'4 of 6 statements (67%)': how many answers on an agreement scale agree; '' if none."""
    sides = [
        q.scales[question.scale].side(int(item.value))
        for question, item in zip(questions, ps.questions, strict=True)
        if isinstance(question, ScaleQuestion)
        and item.status == "answered"
        and isinstance(item.value, (int, float))
    ]
    answered = [side for side in sides if side is not None]
    if not answered:
        return ""
    agree = answered.count("agree")
    return t["agreed_of"].format(
        agree=agree, n=len(answered), share=f"{round(agree / len(answered) * 100)}%"
    )


def marks_method(q: Questionnaire, t: dict[str, str]) -> str:
    """The method's paragraph on marks, with the possible total; '' when scores are percent."""
    if q.scoring.show == "level":
        return t["method_level"]
    total = overall_range(q)
    if q.scoring.show != "marks" or total is None:
        return ""
    return t["method_marks"].format(low=f"{total.low:g}", high=f"{total.high:g}")
