"""Grid questions in reports: the stem once, then the rows as one table.

A grid's rows are ordinary questions everywhere else (see
:mod:`coprod.questionnaire.grids`); here each row's view learns its grid, and the
first row's carries the whole table, so a template shows the grid where its first
row would be and nothing for the others.
"""

from __future__ import annotations

from dataclasses import replace

from coprod.i18n.phrases import say
from coprod.model import Question, Questionnaire
from coprod.questionnaire.grids import runs
from coprod.report.views import GridView, QuestionView


def with_grids(
    q: Questionnaire, questions: list[Question], views: list[QuestionView], lang: str
) -> list[QuestionView]:
    """The views of a principle's questions (in order), each grid row's knowing its grid."""
    by_id = {view.id: view for view in views}
    out: list[QuestionView] = []
    for run in runs(questions):
        grid = run[0].grid
        members = [by_id[x.id] for x in run]
        if grid is None:
            out.extend(members)
            continue
        numbers = f"{members[0].number}–{members[-1].number}"
        view = GridView(grid.id, numbers, say(q, grid.text, lang), say(q, grid.help, lang), [])
        out.append(replace(members[0], grid=replace(view, rows=members)))
        out.extend(replace(member, grid=view) for member in members[1:])
    return out
