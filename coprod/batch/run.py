"""`coprod batch` as a library: answer sheets -> everyone's scores and group figures.

Pure: nothing is written here (see :mod:`coprod.batch.write`).

>>> from coprod.batch.run import run_batch
>>> from coprod.batch.write import write_batch
>>> result = run_batch(["workshop.csv"], "coproduction", by="perspective")  # doctest: +SKIP
>>> write_batch(result, Path("out"))  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from coprod.batch.columns import BatchScores, score_columns
from coprod.batch.stats import (
    BatchStats,
    batch_stats,
)
from coprod.errors import SheetError
from coprod.gcpause import gc_paused
from coprod.i18n.words import METADATA_FIELDS
from coprod.model import Questionnaire
from coprod.questionnaire.load import Loaded, load_questionnaire
from coprod.scoring.score import NOT_ASKED, UNANSWERED, is_asked
from coprod.sheets.cells import Cell, Parsed
from coprod.sheets.read import AnswerSheets, Progress, SheetProblem, load_mapping, read_sheets

NOT_ENOUGH = "not enough answers"


@dataclass(frozen=True)
class BatchResult:
    """Everything `coprod batch` found: the sheets, who was scored, scores and group figures."""

    loaded: Loaded
    sheets: AnswerSheets
    rows: list[int]  # the sheet rows that were scored, in order
    scores: BatchScores
    stats: BatchStats
    by: str | None  # perspective, organisation, service or 'group' (any other field or column)
    strict: bool
    requested_by: str | None = None  # --by as given

    @property
    def problems(self) -> list[SheetProblem]:
        """Every problem found, in sheet and row order."""
        return self.sheets.problems

    @property
    def exit_code(self) -> int:
        """0 when every row and cell was read cleanly, 7 when something needs a look."""
        return 7 if self.problems else 0

    def label(self, index: int) -> str:
        """How a scored person is named: their name, or where their row is."""
        row = self.rows[index]
        name = self.sheets.meta["participant"][row].strip()
        return name or self.sheets.where(row)


def run_batch(
    paths: Sequence[Path | str],
    questionnaire: str | Path,
    map_file: Path | str | None = None,
    by: str | None = None,
    strict: bool = False,
    lang: str = "en",
    progress: Progress | None = None,
    date_order: str | None = None,
    combine: Mapping[str, str] | None = None,
) -> BatchResult:
    """Read answer sheets, score every usable row, and work out the group's figures.

    ``date_order`` ('dmy' or 'mdy') settles dates that could be day or month first.
    ``combine`` (group -> group, as ``--combine carer=lived_experience``) counts a
    group's people in another. Raises SheetError when nothing can be scored, or when
    ``combine`` names a group that is not there; every other problem is in
    ``result.problems``.
    """
    with gc_paused():
        return _run_batch(
            paths, questionnaire, map_file, by, strict, lang, progress, date_order, combine
        )


def understand_sheets(
    paths: Sequence[Path | str],
    questionnaire: str | Path,
    map_file: Path | str | None = None,
    by: str | None = None,
    date_order: str | None = None,
) -> AnswerSheets:
    """Read answer sheets without scoring them (``coprod batch --dry-run``): what each
    sheet's layout, columns and cells were understood to be, and every problem."""
    loaded = load_questionnaire(questionnaire)
    q = loaded.questionnaire
    mapping = load_mapping(Path(map_file), q) if map_file else None
    return read_sheets([Path(p) for p in paths], q, mapping, by, date_order=date_order)


def _run_batch(
    paths: Sequence[Path | str],
    questionnaire: str | Path,
    map_file: Path | str | None,
    by: str | None,
    strict: bool,
    lang: str,
    progress: Progress | None,
    date_order: str | None = None,
    combine: Mapping[str, str] | None = None,
) -> BatchResult:
    loaded = load_questionnaire(questionnaire)
    q = loaded.questionnaire
    mapping = load_mapping(Path(map_file), q) if map_file else None
    sheets = read_sheets([Path(p) for p in paths], q, mapping, by, strict, progress, date_order)
    skip = sheets.empty_rows | (sheets.problem_rows if strict else set())
    rows = [i for i in range(sheets.rows) if i not in skip]
    if not rows:
        why = "every row with answers has a problem (--strict)" if strict else "no row has answers"
        raise SheetError(
            f"{', '.join(sheets.sources)}: nothing to score: {why}.",
            "Check the sheet has one row per person under the header row"
            + (", or run without --strict." if strict else "."),
        )
    if len(rows) == sheets.rows:
        cells: dict[str, Sequence[Parsed]] = dict(sheets.cells)
    else:
        cells = {k: v.take(rows) for k, v in sheets.cells.items()}
    cells = not_asked(q, sheets, rows, cells)
    if progress:
        progress("Scoring")
    scores = score_columns(q, cells)
    groups = _groups(sheets, by, rows)
    if combine and by is None:
        raise SheetError(
            "--combine needs --by: it says which groups to count together.",
            "Add --by perspective (or the column you group by).",
        )
    stats = batch_stats(scores, groups, _by_key(by), lang, combine)
    return BatchResult(loaded, sheets, rows, scores, stats, _by_key(by), strict, by)


def _by_key(by: str | None) -> str | None:
    # Only these have their own name in outputs; any other field or column is a 'group'.
    return by if by in (None, "perspective", "organisation", "service") else "group"


def group_column(sheets: AnswerSheets, by: str) -> list[str] | None:
    """A metadata field (perspective, group ...) or the --by COLUMN, as text per row."""
    return sheets.meta[by] if by in METADATA_FIELDS else sheets.by_values


def _groups(sheets: AnswerSheets, by: str | None, rows: list[int]) -> list[str | None] | None:
    if by is None:
        return None
    column = group_column(sheets, by)
    if column is None or not any(column):
        what = f"no column holds '{by}'" if by in METADATA_FIELDS else f"no column is headed '{by}'"
        raise SheetError(
            f"--by {by}: {what} in {', '.join(sheets.sources)}; the columns besides questions "
            f"are: {_other_columns(sheets)}.",
            "Use perspective, organisation, service, group (workshop, table, round) or one of "
            "those headers.",
        )
    return [column[i].strip() or None for i in rows]


def _other_columns(sheets: AnswerSheets, most: int = 20) -> str:
    """The headers that are not questions, quoted and shortened, for a message."""
    questions = {c.header for c in sheets.columns if c.target in sheets.cells}
    others = [h for h in sheets.headers if h not in questions]
    quoted = [f"'{h if len(h) <= 40 else h[:39] + '…'}'" for h in others[:most]]
    more = f" and {len(others) - most} more" if len(others) > most else ""
    return (", ".join(quoted) + more) if quoted else "none"


#: The cell of a question a person's perspective is not asked (``for:``).
NOT_ASKED_CELL = Cell(NOT_ASKED, None)


def not_asked(
    q: Questionnaire, sheets: AnswerSheets, rows: list[int], cells: dict[str, Sequence[Parsed]]
) -> dict[str, Sequence[Parsed]]:
    """Mark the questions each person was not asked (``for:``) as 'not asked', not missing.

    An answer given anyway is left out of the scores, with a warning saying where; the
    response files written by batch keep it.
    """
    perspective = sheets.meta["perspective"]
    out = dict(cells)
    for question in q.questions:
        principle = q.principle_of(question.id)
        if not question.audience and not (principle and principle.audience):
            continue
        column = list(cells[question.id])
        for k, row in enumerate(rows):
            if is_asked(question, principle, perspective[row] or None):
                continue
            cell = column[k]
            if isinstance(cell, Cell) and cell.status != UNANSWERED:
                src, line = sheets.origin[row]
                sheets.problems.append(
                    SheetProblem(
                        sheets.sources[src],
                        line,
                        question.id,
                        str(cell.value if cell.value is not None else cell.status),
                        f"is an answer to a question not asked of {perspective[row]}, "
                        "so it is left out of the scores (the response file keeps it)",
                        "Leave it blank for this perspective, or check the perspective column.",
                        "warning",
                    )
                )
            column[k] = NOT_ASKED_CELL
        out[question.id] = column
    return out
