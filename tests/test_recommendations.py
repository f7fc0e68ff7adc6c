"""Recommendations as reports give them: at most three high priority, same actions merged."""

from __future__ import annotations

from pathlib import Path

from coprod.report.single import build_report
from coprod.scoring.scored import score_file
from tests.conftest import SMALL
from tests.test_report import Write, response_text

#: Five high-priority rules that all hold for the small response (a1 = 2, p1 = no), two of
#: them with the very same action.
FIVE_HIGH = SMALL.replace(
    "recommendations:\n",
    """recommendations:
  - id: power-high
    principle: power
    priority: high
    when: {principle: power, below: 100}
    title: Share power
    actions: [Invite two people with lived experience to the board.]
  - id: board-again
    principle: power
    priority: high
    when: {question: p1, equals: "no"}
    title: A seat on the board
    why: Nobody with lived experience sits on the board.
    actions: [Invite two people with lived experience to the board.]
  - id: assets-a
    principle: assets
    priority: high
    when: {principle: assets, below: 100}
    title: Ask what people offer
    actions: [Ask.]
  - id: assets-b
    principle: assets
    priority: high
    when: {principle: assets, below: 100}
    title: Record what people offer
    actions: [Record.]
""",
)


def report_for(write: Write, questionnaire: str) -> object:
    """The single report of the small response to ``questionnaire``."""
    path = write("q.yaml", questionnaire)
    return build_report(score_file(write("r.yaml", response_text(path))))


def test_no_more_than_three_are_high_priority(write: Write) -> None:
    """Five high rules hold: the three most pressing stay high, the others read medium."""
    report = report_for(write, FIVE_HIGH)
    priorities = [r.priority for r in report.recommendations]  # type: ignore[attr-defined]
    assert priorities.count("high") == 3
    assert priorities[:3] == ["high", "high", "high"]
    assert set(priorities[3:]) == {"medium"}


def test_lower_bands_and_heavier_principles_come_first(write: Write) -> None:
    """assets scores 25 (lowest band), power 0 with weight 2: power first, then assets."""
    report = report_for(write, FIVE_HIGH)
    firsts = [r.principle for r in report.recommendations][:3]  # type: ignore[attr-defined]
    assert firsts == ["Sharing power", "People are assets", "People are assets"]


def test_recommendations_with_the_same_actions_are_one_listing_every_trigger(
    write: Write, tmp_path: Path
) -> None:
    """Two rules giving the same action make one recommendation that names both findings."""
    report = report_for(write, FIVE_HIGH)
    recs = report.recommendations  # type: ignore[attr-defined]
    board = [r for r in recs if "Invite two people" in r.actions[0]]
    assert len(board) == 1
    assert [x.title for x in board[0].triggers] == [
        "Share power",
        "A seat on the board",
        "Open a board seat",
    ]
    assert "Nobody with lived experience sits on the board." in [x.why for x in board[0].triggers]
    assert [r.number for r in recs] == list(range(1, len(recs) + 1))


def test_the_summary_gives_three_actions_to_start_with(write: Write) -> None:
    """The summary's 'start with' list is the first action of the top three recommendations."""
    report = report_for(write, FIVE_HIGH)
    start = report.summary.start  # type: ignore[attr-defined]
    recs = report.recommendations  # type: ignore[attr-defined]
    assert [a.action for a in start] == [r.actions[0] for r in recs[:3]]
    assert all(a.anchor == f"rec-{r.id}" for a, r in zip(start, recs, strict=False))
