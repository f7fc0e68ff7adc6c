"""A group's figures per question and per principle: pure functions, no files, no printing.

n, mean, median, standard deviation (sample, n - 1), quartiles and IQR (linear
interpolation between data points, as Excel's QUARTILE.INC), min, max, the
distribution over levels, and **consensus**: the share of answers within one
level of the group's median (for scale questions; one level of a five-level
scale is 25 points, which is the band used for principle and overall scores,
numbers and multiple choice; for yes/no and single choice, the share giving the
most common answer). Items with consensus below ``CONTESTED_BELOW`` percent are
*contested*. With groups (``--by``), a group of fewer than ``MIN_GROUP`` people is
counted with others (:mod:`coprod.batch.combine` says with whom and records why), and
any figure resting on fewer than ``MIN_GROUP`` answers is suppressed. Only when no
group reaches the minimum is one held back. docs/batch.md says the same for trainers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import compress, repeat
from operator import attrgetter, eq, itemgetter
from typing import Any

from coprod.batch.columns import BatchScores, Coded, QResult, code_column
from coprod.batch.combine import OTHER, GroupPlan, plan_groups
from coprod.gcpause import gc_paused
from coprod.model import (
    MultipleChoiceQuestion,
    NumberQuestion,
    Principle,
    Question,
    Questionnaire,
    ScaleQuestion,
    SingleChoiceQuestion,
    TextQuestion,
    YesNoQuestion,
    pick,
)
from coprod.scoring.score import (
    HIDDEN,
    NOT_ASKED,
    is_asked,
    is_scored,
    principle_is_scored,
    round1,
)
from coprod.scoring.spread import (
    CONSENSUS_POINTS,
    CONTESTED_BELOW,
    MIN_GROUP,
    NOT_GIVEN,
    ItemStats,
    ScoreSpread,
    agreement_shares,
    score_stats,
    summarise,
    within,
)

GAP_POINTS = 15.0
#: Up to this many distinct values, everyone's counts are the groups' counts added up.
_FEW = 64
#: Past this many entries in a results table, equal values are coded as one before counting.
_MANY = 4096
#: Up to this many groups, each group's rows are found in a pass of their own.
_FEW_GROUPS = 16
GAP_PAIR = ("staff", "lived_experience")
Tallies = dict[str | None, Counter[Any]]


@dataclass(frozen=True)
class GroupStats:
    """Every item's figures for one group (or for everyone, when ``name`` is None)."""

    name: str | None
    people: int
    suppressed: bool
    overall: ItemStats | None
    principles: list[ItemStats]
    questions: list[ItemStats]

    @property
    def contested(self) -> list[ItemStats]:
        """Scored questions with consensus below CONTESTED_BELOW, least agreed first."""
        items = [
            q
            for q in self.questions
            if q.consensus is not None and q.consensus < CONTESTED_BELOW and not q.suppressed
        ]
        return sorted(items, key=lambda q: (q.consensus, -(q.summary.sd or 0.0)))


@dataclass(frozen=True)
class Gap:
    """Where two perspectives' mean scores differ by GAP_POINTS or more."""

    id: str
    kind: str
    title: str
    first: str
    second: str
    first_mean: float
    second_mean: float
    exact: float | None = field(default=None, compare=False, repr=False)  # before rounding

    @property
    def gap(self) -> float:
        """Second minus first, in points (positive: the second group scores it higher),
        from the unrounded means, rounded once."""
        if self.exact is not None:
            return round1(self.exact)
        return round1(self.second_mean - self.first_mean)


@dataclass(frozen=True)
class BatchStats:
    """The whole room's figures, each group's, and the perspective gaps."""

    everyone: GroupStats
    by: str | None = None
    groups: list[GroupStats] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    #: Which groups were counted together or held back, and why (None without --by).
    plan: GroupPlan | None = None


def question_stats(
    q: Questionnaire,
    question: Question,
    results: Iterable[QResult] | Mapping[QResult, int],
    lang: str = "en",
) -> ItemStats:
    """One question's figures from its results, or a result -> count table (hidden ones skipped)."""
    tally = Counter(results)
    scored_here = is_scored(question, q.principle_of(question.id))
    scores: Counter[float] = Counter()
    values: Counter[Any] = Counter()
    na = dk = un = asked_not = 0
    for res, count in tally.items():
        if res.status == HIDDEN:
            continue
        if res.status == NOT_ASKED:
            asked_not += count
            continue
        if res.status == "not_applicable":
            na += count
        elif res.status == "dont_know":
            dk += count
        elif res.value is None:
            un += count
        else:
            values[res.value] += count
            if res.score is not None:
                scores[res.score] += count
    summary = summarise(scores)
    distribution: list[tuple[str, int]] = []
    consensus: float | None = None
    shares: tuple[float, float, float] | None = None
    if isinstance(question, ScaleQuestion):
        levels = q.scales[question.scale].levels
        position = {lv.value: i for i, lv in enumerate(sorted(levels, key=lambda x: x.value))}
        distribution = [(f"{lv.value} {pick(lv.label, lang)}", values[lv.value]) for lv in levels]
        by_position = Counter({float(position[v]): c for v, c in values.items() if v in position})
        if sum(by_position.values()) and scored_here:
            median = summarise(by_position).median or 0.0
            consensus = within(by_position, median, 1.0)
        shares = agreement_shares(q.scales[question.scale], values)
    elif isinstance(question, YesNoQuestion):
        distribution = [("Yes", values["yes"]), ("No", values["no"])]
        consensus = _modal(values) if scored_here else None
    elif isinstance(question, SingleChoiceQuestion):
        distribution = [(pick(c.label, lang), values[c.id]) for c in question.choices]
        consensus = _modal(values) if scored_here else None
    elif isinstance(question, MultipleChoiceQuestion):
        chosen: Counter[str] = Counter()
        for value, count in values.items():
            for cid in value:
                chosen[cid] += count
        distribution = [(pick(c.label, lang), chosen[c.id]) for c in question.choices]
    if consensus is None and summary.median is not None and scored_here:
        if isinstance(question, (NumberQuestion, MultipleChoiceQuestion)):
            consensus = within(scores, summary.median, CONSENSUS_POINTS)
    if isinstance(question, TextQuestion):
        summary = ScoreSpread(sum(values.values()))
    return ItemStats(
        question.id,
        "question",
        pick(question.text, lang),
        None,
        summary,
        consensus,
        distribution,
        na,
        dk,
        un,
        answered=sum(values.values()),
        shares=shares,
        not_asked=asked_not,
    )


def _modal(values: Counter[Any]) -> float | None:
    n = sum(values.values())
    return round(max(values.values()) / n * 100, 1) if n else None


def group_stats(
    scores: BatchScores,
    rows: Sequence[int] | None = None,
    name: str | None = None,
    lang: str = "en",
) -> GroupStats:
    """Figures for the people at ``rows`` (everyone when None); small groups are suppressed."""
    q = scores.questionnaire
    pick_rows = _picker(rows)
    people = scores.people if rows is None else len(rows)
    if name is not None and people < MIN_GROUP:
        return GroupStats(name, people, True, None, [], [])
    principles = [
        _suppress(
            score_stats(
                p.id,
                "principle",
                pick(p.title, lang),
                (r.raw for r in pick_rows(scores.principles[p.id])),
            ),
            name,
            p,
        )
        for p in q.principles
    ]
    questions = []
    for p in q.principles:
        for question in p.questions:
            item = question_stats(q, question, pick_rows(scores.questions[question.id]), lang)
            questions.append(_suppress(_with_principle(item, p.id), name))
    overall = _suppress(
        score_stats("overall", "overall", "Overall", (o.raw for o in pick_rows(scores.overall))),
        name,
    )
    return GroupStats(
        name, people, False, overall if q.scoring.overall else None, principles, questions
    )


def _picker(rows: Sequence[int] | None) -> Any:
    if rows is None:
        return lambda column: column
    if not rows:
        return lambda column: []
    getter = itemgetter(*rows)
    if len(rows) == 1:
        return lambda column: [getter(column)]
    return getter


def _with_principle(item: ItemStats, principle: str) -> ItemStats:
    return replace(item, principle=principle)


def _suppress(item: ItemStats, group: str | None, part: Principle | None = None) -> ItemStats:
    if part is not None and not principle_is_scored(part):
        return replace(item, scored=False)
    if group is None or item.summary.n >= MIN_GROUP or item.summary.n == 0:
        return item
    return ItemStats(
        item.id, item.kind, item.title, item.principle, ScoreSpread(0), None, [], suppressed=True
    )


def batch_stats(
    scores: BatchScores,
    groups: Sequence[str | None] | None = None,
    by: str | None = None,
    lang: str = "en",
    combine: Mapping[str, str] | None = None,
) -> BatchStats:
    """Everyone's figures; given a group label per person, each group's and the perspective gaps.

    ``combine`` (group -> group) counts a group's people in another, as ``--combine``.
    """
    with gc_paused():
        return _batch_stats(scores, groups, by, lang, combine)


def _batch_stats(
    scores: BatchScores,
    groups: Sequence[str | None] | None,
    by: str | None,
    lang: str,
    combine: Mapping[str, str] | None,
) -> BatchStats:
    q = scores.questionnaire
    plan = None
    labels = None if groups is None else [g or NOT_GIVEN for g in groups]
    if labels is not None:
        plan = plan_groups(Counter(labels), combine)
        labels = [plan.assign[g] for g in labels]
    pickers = None if labels is None else _pickers(labels)

    # One count per item and group, on small int codes, in C; everyone's is the groups' sum.
    def split(column: Coded, field: Callable[[Any], Any] | None = None) -> Tallies:
        values = column.table if field is None else list(map(field, column.table))
        keys = list(dict.fromkeys(values))
        codes = column.codes
        merge = len(keys) < len(values)  # equal results (or scores) under several codes
        if merge and len(values) > _MANY:
            # Many entries (the overall score): one code per value, in a pass over the rows.
            distinct = dict(zip(keys, range(len(keys)), strict=True))
            codes = list(map(list(map(distinct.__getitem__, values)).__getitem__, codes))
            values, merge = keys, False
        counts: dict[str | None, Counter[int]]
        if pickers is None:
            counts = {None: Counter(codes)}
        else:
            counts = {name: Counter(take(codes)) for name, take in pickers.items()}
            if len(keys) > _FEW:
                everyone = Counter(codes)  # one pass in C beats adding up many entries
            else:
                everyone = Counter()
                for counted in counts.values():
                    everyone.update(counted)
            counts[None] = everyone
        out: Tallies = {}
        for name, counted in counts.items():
            if merge:  # a few entries: equal values added up here
                tally: Counter[Any] = Counter()
                for code, number in counted.items():
                    tally[values[code]] += number
                out[name] = tally
            else:
                pairs = zip(map(values.__getitem__, counted), counted.values(), strict=True)
                out[name] = Counter(dict(pairs))
        return out

    def coded(given: Mapping[str, Coded], columns: Mapping[str, Sequence[Any]], key: str) -> Coded:
        return given[key] if key in given else code_column(columns[key])

    # Group figures come from the unrounded person scores and are rounded once, at the end.
    score = attrgetter("raw")
    principle_tallies = {
        p.id: split(coded(scores.coded_principles, scores.principles, p.id), score)
        for p in q.principles
    }
    question_tallies = {
        qn.id: split(coded(scores.coded_questions, scores.questions, qn.id)) for qn in q.questions
    }
    overall = scores.coded_overall or code_column(scores.overall)
    overall_tallies = split(overall, score)
    people = Counter(labels or [])
    # Small groups counted together come after the named ones, and 'not given' last.
    names = sorted(people, key=lambda g: (g == NOT_GIVEN, g == OTHER, g))
    hidden = {h.name for h in plan.held_back} if plan else set()

    def build(name: str | None) -> GroupStats:
        size = scores.people if name is None else people[name]
        if name is not None and name in hidden:
            return GroupStats(name, size, True, None, [], [])
        empty: Counter[Any] = Counter()
        principles = [
            _suppress(
                score_stats(
                    p.id,
                    "principle",
                    pick(p.title, lang),
                    principle_tallies[p.id].get(name, empty),
                ),
                name,
                p,
            )
            for p in q.principles
        ]
        questions = [
            _suppress(
                _with_principle(
                    question_stats(q, qn, question_tallies[qn.id].get(name, empty), lang), p.id
                ),
                name,
            )
            for p in q.principles
            for qn in p.questions
        ]
        overall = _suppress(
            score_stats("overall", "overall", "Overall", overall_tallies.get(name, empty)),
            name,
        )
        shown = overall if q.scoring.overall else None
        return GroupStats(name, size, False, shown, principles, questions)

    everyone = build(None)
    if groups is None:
        return BatchStats(everyone)
    stats = [build(g) for g in names]
    gaps = perspective_gaps(stats, GAP_PAIR, q) if by == "perspective" else []
    return BatchStats(everyone, by, stats, gaps, plan)


def _pickers(labels: list[str]) -> dict[str | None, Callable[[list[int]], Sequence[int]]]:
    """For each group, a function taking its people's entries from a column (C-level)."""
    names = list(dict.fromkeys(labels))  # in order of first row
    rows: dict[str, list[int]] = {}
    if len(names) <= _FEW_GROUPS:
        # A few groups (perspectives): one C-level pass over the labels for each.
        for label in names:
            rows[label] = list(compress(range(len(labels)), map(eq, labels, repeat(label))))
    else:
        for i, label in enumerate(labels):
            rows.setdefault(label, []).append(i)
    out: dict[str | None, Callable[[list[int]], Sequence[int]]] = {}
    for label, where in rows.items():
        out[label] = itemgetter(*where) if len(where) > 1 else _one(where[0])
    return out


def _one(row: int) -> Callable[[list[int]], Sequence[int]]:
    def take(column: list[int]) -> Sequence[int]:
        return (column[row],)

    return take


def perspective_gaps(
    groups: Sequence[GroupStats],
    pair: tuple[str, str] = GAP_PAIR,
    q: Questionnaire | None = None,
) -> list[Gap]:
    """Items where the two perspectives' means differ by GAP_POINTS or more, biggest first.

    Given ``q``, only what both perspectives were asked is compared: a question for one
    of them only (``for:``) is left out, and so is any principle (and the overall score)
    whose questions they were not all both asked.
    """
    found = {g.name: g for g in groups if not g.suppressed}
    if pair[0] not in found or pair[1] not in found:
        return []
    first, second = found[pair[0]], found[pair[1]]
    both = _asked_of_both(q, pair) if q is not None else None
    gaps = []
    pairs = [(first.overall, second.overall)] if first.overall and second.overall else []
    pairs += list(zip(first.principles, second.principles, strict=True))
    pairs += list(zip(first.questions, second.questions, strict=True))
    for a, b in pairs:
        if both is not None and a is not None and a.id not in both:
            continue
        if a is None or b is None or a.summary.mean is None or b.summary.mean is None:
            continue
        exact_a = a.summary.exact_mean if a.summary.exact_mean is not None else a.summary.mean
        exact_b = b.summary.exact_mean if b.summary.exact_mean is not None else b.summary.mean
        if round1(abs(exact_b - exact_a)) >= GAP_POINTS:
            gaps.append(
                Gap(
                    a.id,
                    a.kind,
                    a.title,
                    pair[0],
                    pair[1],
                    a.summary.mean,
                    b.summary.mean,
                    exact_b - exact_a,
                )
            )
    return sorted(gaps, key=lambda g: -abs(g.gap))


def _asked_of_both(q: Questionnaire, pair: tuple[str, str]) -> set[str]:
    """Ids of the questions, principles and overall that both perspectives are asked in full."""
    out: set[str] = set()
    whole = True
    for principle in q.principles:
        asked = [
            all(is_asked(question, principle, side) for side in pair)
            for question in principle.questions
        ]
        out |= {qn.id for qn, ok in zip(principle.questions, asked, strict=True) if ok}
        if all(asked):
            out.add(principle.id)
        else:
            whole = False
    if whole:
        out.add("overall")
    return out
