"""Score many people at once, column by column, with the method of :mod:`coprod.scoring.score`.

``score_response`` scores one response; a workshop of 100,000 rows needs the same
figures faster. Each question's result depends only on its own cell and the cells
its condition or ``divide_by`` refer to, and each principle's only on its
questions' results, so every distinct combination is worked out once and then
looked up. Columns are held as small int codes into tables of distinct values
(:class:`Coded`), so the per-row work is C-level ``map``/``zip`` over ints and the
Python-level work grows with the distinct combinations, not the rows.
``tests/test_groupstats.py`` checks the figures equal ``score_response``'s.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from operator import add, mul, truediv
from typing import Any, NamedTuple, cast

from coprod.batch.principles import NOTHING, PResult, PrincipleScorer
from coprod.gcpause import gc_paused
from coprod.model import Answer, NumberQuestion, Question, Questionnaire, Status
from coprod.responses.answers import numeric
from coprod.scoring.score import (
    HIDDEN,
    UNANSWERED,
    answer_score,
    condition_holds,
    is_scored,
    lowest_score,
    round1,
)
from coprod.scoring.spread import round1_all
from coprod.sheets.cells import ANSWERED, Cell, Column, Parsed

NOT_APPLICABLE = Status.not_applicable.value
DONT_KNOW = Status.dont_know.value


class QResult(NamedTuple):
    """One person's result on one question: status, 0-100 score (None if not scored) and value."""

    status: str
    score: float | None
    value: Any


class Overall(NamedTuple):
    """One person's overall score and coverage, and the score unrounded (for group figures)."""

    score: float | None
    coverage: float
    raw: float | None = None


class Coded(NamedTuple):
    """A column as small ints: ``codes[i]`` indexes ``table``, which holds each distinct value."""

    codes: list[int]
    table: list[Any]

    def values(self) -> list[Any]:
        """The column itself, one value per row."""
        return list(map(self.table.__getitem__, self.codes))


class _Columns(Mapping[str, list[Any]]):
    # Coded columns, each turned into a list of results the first time it is asked for.
    def __init__(self, coded: dict[str, Coded]) -> None:
        self.coded = coded
        self.lists: dict[str, list[Any]] = {}

    def __getitem__(self, key: str) -> list[Any]:
        if key not in self.lists:
            self.lists[key] = self.coded[key].values()
        return self.lists[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.coded)

    def __len__(self) -> int:
        return len(self.coded)


@dataclass(frozen=True)
class BatchScores:
    """Everyone's results, one list per question and per principle, in row order."""

    questionnaire: Questionnaire
    questions: Mapping[str, list[QResult]]
    principles: Mapping[str, list[PResult]]
    overall: list[Overall]
    #: The same results as codes into tables of distinct results, for counting fast.
    coded_questions: dict[str, Coded] = field(default_factory=dict)
    coded_principles: dict[str, Coded] = field(default_factory=dict)
    coded_overall: Coded | None = None

    @property
    def people(self) -> int:
        """How many people were scored."""
        return len(self.overall)


class _A(NamedTuple):
    # What condition_holds and answer_score read from an Answer: status and value.
    status: str
    value: Any


def _condition_chain(q: Questionnaire, question: Question) -> list[str]:
    """The ids whose answers decide whether this question is shown, nearest first."""
    out: list[str] = []
    current: Question | None = question
    while current is not None and current.when is not None and current.when.question not in out:
        out.append(current.when.question)
        current = q.question(current.when.question)
    return out


def _answer(cell: Parsed) -> _A | None:
    if not isinstance(cell, Cell):
        return None
    return _A(cell.status, list(cell.value) if isinstance(cell.value, tuple) else cell.value)


class _QuestionScorer:
    """One question's result from whether it is shown, its own cell and its divide_by cell."""

    def __init__(self, q: Questionnaire, question: Question) -> None:
        self.q = q
        self.question = question
        self.order = {qn.id: i for i, qn in enumerate(q.questions)}
        self.by_id = {qn.id: qn for qn in q.questions}
        self.scored = is_scored(question, q.principle_of(question.id))
        self.chain = _condition_chain(q, question)
        scoring = getattr(question, "scoring", None)
        self.divide_by: str | None = scoring.divide_by if scoring is not None else None

    def shown(self, cells: Sequence[Parsed]) -> bool:
        """Whether the question is shown, given the cells of ``self.chain`` (in that order)."""
        answers = {}
        for qid, cell in zip(self.chain, cells, strict=True):
            answer = _answer(cell)
            if answer is not None:
                answers[qid] = answer
        return self._visible(self.question, cast("dict[str, Answer]", answers))

    def _visible(self, question: Question, answers: dict[str, Answer]) -> bool:
        cond = question.when
        if cond is None:
            return True
        parent = self.by_id.get(cond.question)
        if parent is None or self.order[parent.id] >= self.order[question.id]:
            return False
        return self._visible(parent, answers) and condition_holds(cond, answers)

    def result(
        self, shown: bool, cell: Parsed, divisor: Parsed = None, step: tuple[int, int] | None = None
    ) -> QResult:
        """The result for one combination of shown, own cell and divide_by cell.

        ``step`` (for a share of another answer, see :func:`_share_steps`): whether the
        divisor is a usable number, and bisect_right of the steps' minimums for the share.
        """
        question = self.question
        answer = _answer(cell)
        answers: dict[str, _A] = {}
        if answer is not None:
            answers[question.id] = answer
        if self.divide_by is not None:
            base = _answer(divisor)
            if base is not None:
                answers[self.divide_by] = base
        if not shown:
            status = HIDDEN
        elif answer is None:
            status = UNANSWERED
        else:
            status = str(answer.status)
        value: Any = answer.value if answer is not None and status == ANSWERED else None
        score = None
        if status == ANSWERED and value is not None and self.scored:
            if step is None:
                score = answer_score(self.q, question, value, cast("dict[str, Answer]", answers))
            elif step[0] and numeric(value) is not None:
                assert isinstance(question, NumberQuestion) and question.scoring is not None
                steps = question.scoring.steps
                score = steps[step[1] - 1].score if step[1] > 0 else steps[0].score
        if self.scored and status == ANSWERED and score is None:
            status = NOT_APPLICABLE  # e.g. a share of members when no member count was given
        if self.scored and status == DONT_KNOW and question.dont_know_as == "lowest":
            score = lowest_score(self.q, question)
        if isinstance(value, list):
            value = tuple(value)
        return QResult(status, score, value)


#: A table entry that no row's code points to.
_UNUSED = QResult(HIDDEN, None, None)


class _Interner(dict[Any, int]):
    # Gives each new key the next code, from C (map(interner.__getitem__, keys)).
    def __missing__(self, key: Any) -> int:
        code = self[key] = len(self)
        return code


def code_column(column: Sequence[Any]) -> Coded:
    """A column as codes: read from a :class:`~coprod.sheets.cells.Column`, else by object identity.

    Identity (not equality) keeps ``1`` and ``1.0`` apart; each distinct object is
    then worked on once.
    """
    if isinstance(column, Column) and len(column.codes) == len(column):
        return Coded(column.codes, column.table)
    ids = _Interner()
    codes = list(map(ids.__getitem__, map(id, column)))
    table: list[Any] = [None] * len(ids)
    for value, code in zip(column, codes, strict=True):
        table[code] = value
    return Coded(codes, table)


def _question_results(
    q: Questionnaire,
    question: Question,
    coded: dict[str, Coded],
    blank: Coded,
    visibility: dict[tuple[str, str, bool], list[int]],
) -> Coded:
    """One question's results for everyone, worked out once per distinct combination.

    ``visibility`` keeps, for questions shown by one other answer, whether each row is
    shown, by (that question, the condition, whether it comes before): several
    questions often hang on the same answer in the same way.
    """
    scorer = _QuestionScorer(q, question)
    own = coded.get(question.id, blank)
    columns = [own.codes]
    if len(scorer.chain) == 1:
        # One question decides whether this one is shown: read it from that one's cells.
        first = scorer.chain[0]
        before = scorer.order.get(first, len(scorer.order)) < scorer.order[question.id]
        key = (first, repr(question.when), before)
        if key not in visibility:
            parent = coded.get(first, blank)
            present = set(parent.codes)
            shown_by = [
                int(scorer.shown([cell])) if k in present else 0
                for k, cell in enumerate(parent.table)
            ]
            visibility[key] = list(map(shown_by.__getitem__, parent.codes))
        columns.append(visibility[key])
    elif scorer.chain:
        chain = [coded.get(d, blank) for d in scorer.chain]
        combos = _Interner()
        codes = list(map(combos.__getitem__, zip(*(c.codes for c in chain), strict=True)))
        shown = [
            int(scorer.shown([c.table[k] for c, k in zip(chain, key, strict=True)]))
            for key in combos
        ]
        columns.append(list(map(shown.__getitem__, codes)))
    divisor = coded.get(scorer.divide_by, blank) if scorer.divide_by else blank
    mins = _share_steps(question)
    try:
        numbers = [_number(cell) for cell in own.table] if mins else []
        divisors = [_number(cell) for cell in divisor.table] if mins else []
    except OverflowError:  # a number too big for a float: let answer_score say so, as ever
        mins = None
    if scorer.divide_by is not None and mins is not None:
        # A share of another answer (e.g. active members of all members): one division
        # per row in C, and the step found by bisection, instead of a Python call per pair.
        usable = [int(bool(d)) for d in divisors]
        shares = map(
            mul,
            map(
                truediv,
                map([n or 0.0 for n in numbers].__getitem__, own.codes),
                map([d or 1.0 for d in divisors].__getitem__, divisor.codes),
            ),
            repeat(100.0),
        )
        columns.append(list(map(usable.__getitem__, divisor.codes)))
        columns.append(list(map(bisect_right, repeat(mins), shares)))
    elif scorer.divide_by is not None:
        columns.append(divisor.codes)
    if len(columns) == 1:
        return Coded(own.codes, [scorer.result(True, cell) for cell in own.table])
    if len(columns) == 2 and scorer.chain:
        # Own cell and whether shown: the code 2 x own + shown, made in C without tuples.
        codes = list(map(add, map(add, own.codes, own.codes), columns[1]))
        present = set(codes)
        return Coded(
            codes,
            [
                scorer.result(bool(k & 1), own.table[k >> 1]) if k in present else _UNUSED
                for k in range(2 * len(own.table))
            ],
        )
    combos = _Interner()
    codes = list(map(combos.__getitem__, zip(*columns, strict=True)))
    table = []
    for key in combos:
        visible = bool(key[1]) if scorer.chain else True
        if scorer.divide_by is not None and mins is not None:
            table.append(scorer.result(visible, own.table[key[0]], step=(key[-2], key[-1])))
        else:
            div = divisor.table[key[-1]] if scorer.divide_by is not None else None
            table.append(scorer.result(visible, own.table[key[0]], div))
    return Coded(codes, table)


def _share_steps(question: Question) -> list[float] | None:
    """The steps' minimums of a question scored as a share of another answer, if ascending.

    With ascending minimums, "the last step whose minimum the share reaches" (scoring's
    rule) is the step before bisect_right's position, or the first step when it is 0.
    """
    scoring = getattr(question, "scoring", None)
    if not isinstance(question, NumberQuestion) or scoring is None or not scoring.divide_by:
        return None
    mins = [step.min for step in scoring.steps]
    return mins if mins and mins == sorted(mins) else None


def _number(cell: Parsed) -> float | None:
    # What answer_score makes of an answered cell's value: numeric(), else None.
    answer = _answer(cell)
    if answer is None or answer.status != ANSWERED or answer.value is None:
        return None
    return numeric(answer.value)


def _key(qresult: QResult) -> tuple[str, float | None]:
    # What a principle's figures need from a question's result.
    return (qresult.status, qresult.score)


def score_columns(q: Questionnaire, cells: Mapping[str, Sequence[Parsed]]) -> BatchScores:
    """Score every row of parsed cells (one sequence per question id, all the same length)."""
    with gc_paused():
        return _score_columns(q, cells)


def _score_columns(q: Questionnaire, cells: Mapping[str, Sequence[Parsed]]) -> BatchScores:
    n = len(next(iter(cells.values()))) if cells else 0
    blank = Coded([0] * n, [None])
    coded = {qid: code_column(column) for qid, column in cells.items()}
    visibility: dict[tuple[str, str, bool], list[int]] = {}
    results = {qn.id: _question_results(q, qn, coded, blank, visibility) for qn in q.questions}
    min_cov = q.scoring.min_coverage
    principles: dict[str, Coded] = {}
    for principle in q.principles:
        scored = [qn for qn in principle.questions if is_scored(qn, principle)]
        ordinal = q.scoring.show == "level"
        pscorer = PrincipleScorer([qn.weight for qn in scored], min_cov, principle.weight, ordinal)
        if not scored:
            principles[principle.id] = Coded([0] * n, [pscorer.finish(NOTHING)])
            continue
        # A question's result enters a principle only through (status, score): code that.
        keys: list[Coded] = []
        for qn in scored:
            result = results[qn.id]
            kinds = _Interner()
            kind_of = [kinds[_key(r)] for r in result.table]
            if len(kinds) == len(kind_of):
                keys.append(result)
                continue
            keys.append(
                Coded(
                    list(map(kind_of.__getitem__, result.codes)),
                    [QResult(status, score, None) for status, score in kinds],
                )
            )
        principles[principle.id] = Coded(*pscorer.fold([(c.codes, c.table) for c in keys], n))
    overall = _overall(q, [principles[p.id] for p in q.principles], n)
    return BatchScores(
        q,
        _Columns(results),
        _Columns(principles),
        overall.values(),
        results,
        principles,
        overall,
    )


def _overall(q: Questionnaire, columns: list[Coded], n: int) -> Coded:
    """Everyone's overall score and coverage, from the principles' coded results."""
    if not n:
        return Coded([], [])
    min_cov = q.scoring.min_coverage
    # answered, applicable and which principles count are small ints: packed into one
    # int per principle and row, one sum per row adds all three without carries.
    shift = max(1, len(columns))
    width = 1 << 24
    packed = []
    for bit, column in enumerate(columns):
        packing = [
            ((r.answered * width + r.applicable) << shift) + (1 << bit if r.counted else 0)
            for r in column.table
        ]
        packed.append(map(packing.__getitem__, column.codes))
    counts = _Interner()
    count_codes = list(map(counts.__getitem__, map(sum, zip(*packed, strict=True))))
    weights = [p.weight for p in q.principles]
    rounded = _Rounder()
    coverage: list[float] = []
    divisor: list[float] = []
    for key in counts:
        mask = key & ((1 << shift) - 1)
        answered, applicable = divmod(key >> shift, width)
        # The same additions, in the same order, as score_response's sum of weights.
        weight = sum(w if mask >> b & 1 else 0.0 for b, w in enumerate(weights))
        coverage.append(rounded[answered / applicable * 100] if applicable else 0.0)
        divisor.append(weight if weight > 0 and coverage[-1] >= min_cov else 0.0)
    # Weighted totals are added in principle order, exactly as scoring.score_response does.
    weighted = [[r.weighted for r in c.table] for c in columns]
    totals = map(
        sum,
        zip(
            *(map(w.__getitem__, c.codes) for w, c in zip(weighted, columns, strict=True)),
            strict=True,
        ),
    )
    # A row whose overall has no score divides by 1 and is given None below.
    ones = [d or 1.0 for d in divisor]
    raws = map(truediv, totals, map(ones.__getitem__, count_codes))
    # Without an overall score (scoring: overall: false) coverage is still worked out.
    keep = q.scoring.overall
    has_score = [bool(d) and keep for d in divisor]
    raw_of = [
        raw if has else None
        for raw, has in zip(raws, map(has_score.__getitem__, count_codes), strict=True)
    ]
    # Each distinct score rounded once; the results built in C (an Overall is a tuple).
    # Nearly every person's overall differs, so each person has an entry of their own.
    fresh = [raw for raw in dict.fromkeys(raw_of) if raw is not None and raw not in rounded]
    rounded.update(zip(fresh, round1_all(fresh), strict=True))
    table = map(
        tuple.__new__,
        repeat(Overall),
        zip(
            map(rounded.get, cast("list[float]", raw_of)),  # None (no score) gives None
            map(coverage.__getitem__, count_codes),
            raw_of,
            strict=True,
        ),
    )
    return Coded(list(range(n)), list(table))


class _Rounder(dict[float, float]):
    # round1 once per distinct value, from C (map(rounder.__getitem__, values)).
    def __missing__(self, value: float) -> float:
        result = self[value] = round1(value)
        return result
