"""Grid questions in the group report: the stem once, the rows' figures and answers as tables.

Each row is scored and counted as a question of its own (see
:mod:`coprod.questionnaire.grids`); here the views of one grid's rows are put
together, so that the report shows one section where the grid's first row would be:
a table of each row's figures (n, mean, median, ...), then a table of how many people
gave each answer to each row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from coprod.batch.views import GroupQuestionView
from coprod.i18n.phrases import say
from coprod.model import Question, Questionnaire
from coprod.questionnaire.grids import runs
from coprod.report.views import GridRowCells, GridTable, GroupGridView

#: Past this many columns a table is shown as cards on paper too (it would not fit the page).
MAX_PRINT_COLUMNS = 7
Cells = Callable[[GroupQuestionView], list[tuple[str, str]]]


def with_grid_tables(
    q: Questionnaire,
    questions: list[Question],
    views: list[GroupQuestionView],
    t: dict[str, str],
    lang: str,
) -> list[GroupQuestionView]:
    """A principle's question views, a grid's first row carrying the grid's tables and the
    other rows marked as shown there (their ``grid`` set, with no tables)."""
    by_id = {view.id: view for view in views}
    out: list[GroupQuestionView] = []
    for run in runs(questions):
        grid = run[0].grid
        members = [by_id[x.id] for x in run]
        if grid is None:
            out.extend(members)
            continue
        view = GroupGridView(
            id=grid.id,
            anchor=f"q-{grid.id}",
            number=f"{members[0].number}–{members[-1].number}",
            text=say(q, grid.text, lang),
            figures=_table(members, t["question"], _figures),
            answers=_table(members, t["question"], _answers),
            notes=[f"{m.number}: {m.note or m.excluded}" for m in members if m.note or m.excluded],
        )
        out.append(replace(members[0], grid=view))
        others = replace(view, figures=_EMPTY, answers=_EMPTY, notes=[], first=False)
        out.extend(replace(m, grid=others) for m in members[1:])
    return out


_EMPTY = GridTable([], [], False)


def _figures(view: GroupQuestionView) -> list[tuple[str, str]]:
    return view.figures


def _answers(view: GroupQuestionView) -> list[tuple[str, str]]:
    return [(label, f"{n} ({share})") for label, n, share in view.rows]


def _table(members: list[GroupQuestionView], first: str, cells_of: Cells) -> GridTable:
    """Rows by columns; a column for every label any row has, '–' where a row has none."""
    per_row = [dict(cells_of(m)) for m in members]
    labels = list(dict.fromkeys(label for cells in per_row for label in cells))
    rows = [
        GridRowCells(m.anchor, m.number, m.text, m.contested, [c.get(x, "–") for x in labels])
        for m, c in zip(members, per_row, strict=True)
    ]
    headers = [first, *labels]
    return GridTable(
        headers if labels else [], rows if labels else [], len(headers) > MAX_PRINT_COLUMNS
    )
