"""How a score is shown: 0-100, marks such as "6 of 15" (``show: marks``), or a level.

With ``show: level`` (an ordinal instrument such as a ladder) a principle is summed up
by its median level (scoring.score.median_level) and shown as that level,
'4 – Consultation'; group means are not shown at all.

Marks are the levels' own values added up, as a group audit marks them by hand: three
statements marked 2 give "6 of 15", and five principles give a total "36 of 75". Every
figure is still worked out on the 0-100 scale (rules, bands, group figures) and placed
on the range of possible marks only when shown: a principle's marks are its lowest
possible total plus its score's share of the distance to its highest possible total.
With every statement marked this is exactly the sum of the marks; when one is left out
(don't know, not applicable) the others are scaled up to the whole (pro rata), so a
missing mark never counts as the lowest. Pure functions: no files, no printing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coprod.model import Principle, Question, Questionnaire, Scale, ScaleQuestion, pick
from coprod.scoring.score import is_scored, principle_is_scored, round1

#: "6 of 15" in each language coprod speaks.
OF = {"en": "of", "cy": "o"}


@dataclass(frozen=True)
class MarkRange:
    """The lowest and highest marks a part can get."""

    low: float
    high: float

    def marks(self, score: float) -> float:
        """A 0-100 score placed on this range, to one decimal."""
        return round1(self.low + score / 100.0 * (self.high - self.low))


def question_range(q: Questionnaire, question: Question) -> MarkRange | None:
    """A scale question's lowest and highest level values; None for any other question."""
    if not isinstance(question, ScaleQuestion) or question.scale not in q.scales:
        return None
    values = [lv.value for lv in q.scales[question.scale].levels]
    return MarkRange(float(min(values)), float(max(values)))


def principle_range(q: Questionnaire, principle: Principle) -> MarkRange | None:
    """The sum of the lowest and of the highest marks of a principle's scored questions."""
    if not principle_is_scored(principle):
        return None
    ranges = [
        question_range(q, question)
        for question in principle.questions
        if is_scored(question, principle)
    ]
    known = [r for r in ranges if r is not None]
    if not known or len(known) != len(ranges):
        return None
    return MarkRange(sum(r.low for r in known), sum(r.high for r in known))


def overall_range(q: Questionnaire) -> MarkRange | None:
    """The sum of every scored principle's range: the questionnaire's possible total."""
    ranges = [principle_range(q, p) for p in q.principles if principle_is_scored(p)]
    known = [r for r in ranges if r is not None]
    if not known or len(known) != len(ranges):
        return None
    return MarkRange(sum(r.low for r in known), sum(r.high for r in known))


def principle_scale(q: Questionnaire, principle: Principle) -> Scale | None:
    """The one scale a principle's scored questions share, if they share one."""
    names = {
        question.scale
        for question in principle.questions
        if isinstance(question, ScaleQuestion) and is_scored(question, principle)
    }
    return q.scales.get(names.pop()) if len(names) == 1 else None


def marks_text(value: float, high: float, lang: str = "en") -> str:
    """'6 of 15' (Welsh '6 o 15'), without a pointless '.0'."""
    return f"{value:g} {OF.get(lang, OF['en'])} {high:g}"


class ScoreShown:
    """How a questionnaire shows its scores: percent ('43.1') or marks ('6 of 15')."""

    def __init__(self, q: Questionnaire, lang: str = "en") -> None:
        self.q = q
        self.lang = lang
        self.marks = q.scoring.show == "marks"
        self.level = q.scoring.show == "level"
        self._principles = {p.id: principle_range(q, p) for p in q.principles}
        self._overall = overall_range(q)
        self._scales = {p.id: principle_scale(q, p) for p in q.principles}

    @property
    def plain(self) -> bool:
        """True when scores are shown as they always were: 0-100, one decimal."""
        return not (self.marks or self.level)

    def level_text(self, item_id: str, score: float | None, missing: Any = "–") -> Any:
        """A 0-100 position as the level it stands for, e.g. '4 – Consultation'."""
        scale = self._scales.get(item_id)
        if score is None or scale is None:
            return missing if score is None else f"{score:.1f}"
        levels = sorted(scale.levels, key=lambda lv: lv.value)
        level = levels[round(score / 100 * (len(levels) - 1))]
        return f"{level.value} – {pick(level.label, self.lang)}"

    def mean(self, item_id: str, score: float | None, missing: str = "–") -> str:
        """A group mean as shown: never for levels (a mean of rungs means nothing)."""
        if self.level:
            return missing
        return self.figure(item_id, score, missing)

    def _text(self, score: float | None, span: MarkRange | None, missing: Any) -> Any:
        if score is None:
            return missing
        if self.marks and span is not None:
            return marks_text(span.marks(score), span.high, self.lang)
        return f"{score:.1f}"

    def span(self, item_id: str) -> MarkRange | None:
        """The mark range of a principle id or "overall", when marks are shown."""
        if not self.marks:
            return None
        return self._overall if item_id == "overall" else self._principles.get(item_id)

    def figure(self, item_id: str, score: float | None, missing: str = "–") -> str:
        """A group figure (mean, median, quartile) of a principle or "overall", as a number."""
        if score is None:
            return missing
        if self.level:
            return str(self.level_text(item_id, score, missing))
        span = self.span(item_id)
        return f"{span.marks(score):g}" if span else f"{score:.1f}"

    def width(self, item_id: str, points: float | None, missing: str = "–") -> str:
        """A spread (sd, IQR) of a principle or "overall", in marks or in points."""
        if points is None or self.level:
            return missing
        span = self.span(item_id)
        return f"{round1(points / 100 * (span.high - span.low)):g}" if span else f"{points:.1f}"

    def principle(self, pid: str, score: float | None, missing: Any = "–") -> Any:
        """A principle's score as shown."""
        if self.level:
            return self.level_text(pid, score, missing)
        return self._text(score, self._principles.get(pid), missing)

    def overall(self, score: float | None, missing: Any = "–") -> Any:
        """The overall score as shown."""
        return self._text(score, self._overall, missing)

    def question(self, question: Question, score: float | None, missing: str = "–") -> str:
        """One answer's score as shown: its mark or level on its scale, or its 0-100 score."""
        if self.level and isinstance(question, ScaleQuestion) and score is not None:
            levels = sorted(self.q.scales[question.scale].levels, key=lambda lv: lv.value)
            level = levels[round(score / 100 * (len(levels) - 1))]
            return f"{level.value} – {pick(level.label, self.lang)}"
        return str(self._text(score, question_range(self.q, question), missing))


def marks_data(span: MarkRange | None, score: float | None) -> dict[str, float | None]:
    """``{"marks": 6.0, "out_of": 15.0}`` for JSON and tables; empty without a mark range."""
    if span is None:
        return {}
    return {"marks": None if score is None else span.marks(score), "out_of": span.high}
