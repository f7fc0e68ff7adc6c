"""How the comparison report writes a unit's figure: 0-100, marks, or a median level.

A questionnaire that shows marks (``scoring.show: marks``, such as the group audit)
is compared in marks, "11.5 of 15"; one that shows levels (``show: level``, a ladder)
by each unit's median level, "4 – Asking", since a mean of rungs means nothing. The
figures behind them (means, sds, the noise test) stay on the 0-100 scale.
"""

from __future__ import annotations

from coprod.compare.results import UnitFigures
from coprod.model import Questionnaire
from coprod.scoring.marks import ScoreShown


def _f(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


class CompareFigures:
    """A unit's figure as the comparison report writes it, for one questionnaire."""

    def __init__(self, q: Questionnaire, lang: str) -> None:
        self.shown = ScoreShown(q, lang)

    @property
    def level(self) -> bool:
        """True for a ladder: units are compared by their median level."""
        return self.shown.level

    def position(self, cell: UnitFigures) -> float | None:
        """Where the cell sits on 0-100, for its colour: the median for levels, else the mean."""
        if cell.stats is None:
            return None
        return cell.stats.summary.median if self.level else cell.stats.summary.mean

    def value(self, cell: UnitFigures) -> str:
        """The cell's figure: '43.1', '11.5 of 15' or '4 – Asking'."""
        return self.score(cell.id, self.position(cell))

    def score(self, item_id: str, score: float | None) -> str:
        """A 0-100 figure of a principle or "overall", as this questionnaire shows it."""
        if score is None or self.shown.plain:
            return _f(score)
        if item_id == "overall":
            return str(self.shown.overall(score))
        return str(self.shown.principle(item_id, score))

    def width(self, item_id: str, points: float | None) -> str:
        """A spread (sd, IQR) of a principle or "overall": in marks with marks, else points."""
        return self.shown.width(item_id, points) if not self.shown.plain else _f(points)

    def spread(self, cell: UnitFigures) -> str:
        """The sd as written: in marks with marks; none for levels or a single score."""
        if cell.n < 2 or self.level:
            return "–"
        return self.width(cell.id, cell.sd)

    def change(self, item_id: str, change: float | None) -> str:
        """A change between rounds: points, marks ('+1.5'), or none for levels."""
        if change is None or self.level:
            return "–"
        span = self.shown.span(item_id)
        if span is None:
            return f"{change:+.1f}"
        return f"{change / 100 * (span.high - span.low):+.1f}"
