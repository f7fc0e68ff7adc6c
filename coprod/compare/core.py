"""Compare many scored responses fairly: units side by side, and the same unit over time.

Pure functions: no files, no printing (gathering inputs is :mod:`coprod.compare.gather`;
what a comparison is made of is :mod:`coprod.compare.results`).
The rules, which docs/compare.md explains for council officers:

* Only responses scored with the same questionnaire (same id, same content) and
  answering a compatible version (the same major version, e.g. 1.0 and 1.2) are
  compared; every other input is left out with its reason.
* Responses are grouped into units by a respondent field (``--by``); within a unit
  the figures are those of :mod:`coprod.scoring.spread` (n, mean, median, sd, IQR,
  consensus), so n and spread are always there to show.
* A unit with fewer than ``min_group`` responses in a round is suppressed, and so
  is any figure resting on fewer than ``min_group`` answers. The default is 3
  when the inputs are people's answers (a ``coprod batch`` folder, or several
  responses for one unit), else 1 (each unit is one self-assessment).
* Over time, a response's round is its ``respondent.group`` label, or else the
  day it was completed; rounds are ordered by their earliest completion date.
  A change no bigger than the spread (the larger standard deviation of the two
  rounds) is "within the noise".
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime

from coprod.compare.results import (
    ALL_ROUNDS,
    BY_FIELDS,
    DECLINED,
    IMPROVED,
    NOISE,
    NOT_COMPARABLE,
    UNKNOWN_SPREAD,
    Change,
    Comparison,
    Input,
    NothingToCompareError,
    Options,
    Skipped,
    Unit,
    UnitFigures,
    UnitRound,
)
from coprod.compare.versions import bridge_versions
from coprod.errors import CompareError
from coprod.model import Principle, Questionnaire, Response, ScaleQuestion, pick
from coprod.scoring.score import Scores, principle_is_scored
from coprod.scoring.spread import MIN_GROUP, NOT_GIVEN, score_stats


def major(version: str) -> str:
    """The major part of a version: '1.2' -> '1'."""
    return version.strip().split(".")[0]


def compare(
    inputs: Sequence[Input], skipped: Sequence[Skipped] = (), options: Options | None = None
) -> Comparison:
    """Compare scored responses by ``options.by`` (see the module docstring for the rules)."""
    options = options or Options()
    if options.by not in BY_FIELDS:
        hint = "Use organisation, service, role, perspective or group."
        if options.by == "name":
            hint = "People's names are never compared. " + hint
        raise CompareError(f"--by {options.by}: responses have no such field to group by.", hint)
    if options.over_time and options.by == "group":
        raise CompareError(
            "--by group cannot be used with --over-time: the group label is the round.",
            "Group by organisation or service, or leave out --over-time.",
        )
    if options.baseline is not None and not options.over_time:
        raise CompareError("--baseline needs --over-time.", "Add --over-time.")
    if options.min_group is not None and options.min_group < 1:
        raise CompareError("--min-group must be 1 or more.", "For example --min-group 3.")
    bridge = None
    if options.over_time:
        inputs, bridge = bridge_versions(inputs)
    kept, left_out = _compatible(inputs, same_major=bridge is None)
    left_out = sorted([*skipped, *left_out], key=lambda s: s.number)
    if not kept:
        raise NothingToCompareError(left_out)
    reference = kept[0].scored.loaded
    q = reference.questionnaire
    warnings = [
        w.replace(i.source, f"input file {i.number}" if options.anonymise else i.where)
        for i in kept
        for w in i.scored.warnings
    ]
    rounds = _rounds(kept, options.over_time)
    order = _round_order(kept, rounds)
    baseline = _baseline(order, options) if options.over_time else None
    keys = {i.number: _unit_key(i.scored.response, options.by, kept) for i in kept}
    members: dict[str, dict[str, list[Input]]] = {}
    for item in kept:
        members.setdefault(keys[item.number], {}).setdefault(rounds[item.number], []).append(item)
    people_level = any(i.people_level for i in kept) or any(
        len(group) > 1 for by_round in members.values() for group in by_round.values()
    )
    min_group = options.min_group or (MIN_GROUP if people_level else 1)
    if not options.over_time:
        warnings += _pooled_warnings(members, options)
    labels = _labels(sorted(members), options)
    units = []
    for key in sorted(members, key=lambda k: _display_order(labels[k], options.anonymise)):
        unit_rounds = {
            r: _unit_round(q, r, members[key][r], min_group, options.lang)
            for r in order
            if r in members[key]
        }
        units.append(Unit(key, labels[key], unit_rounds))
    units = _ranked(units, order[-1])
    if baseline is not None:
        units = [_with_changes(u, baseline, order) for u in units]
    return Comparison(
        questionnaire=q,
        questionnaire_hash=reference.hash,
        by=options.by,
        over_time=options.over_time,
        rounds=order,
        baseline=baseline,
        min_group=min_group,
        people_level=people_level,
        anonymised=options.anonymise,
        units=units,
        responses=len(kept),
        skipped=left_out,
        warnings=warnings,
        lang=options.lang,
        organisation=_one_organisation(kept) if not options.anonymise else "",
        bridge=bridge,
    )


def _compatible(
    inputs: Sequence[Input], same_major: bool = True
) -> tuple[list[Input], list[Skipped]]:
    """Keep the inputs sharing the most common questionnaire id, major version and content.

    ``same_major`` false: the versions were bridged (rescored on their shared
    questions, :mod:`coprod.compare.versions`), so only the id and content count.
    """
    if not inputs:
        return [], []
    families = Counter(_family(i, same_major) for i in inputs)
    qid, ver = max(families, key=lambda f: (families[f], -_first(inputs, f, same_major)))
    hashes = Counter(i.scored.loaded.hash for i in inputs if _family(i, same_major) == (qid, ver))
    content = hashes.most_common(1)[0][0]
    kept: list[Input] = []
    left: list[Skipped] = []
    for item in inputs:
        ref = item.scored.response.questionnaire
        loaded = item.scored.loaded
        if loaded.questionnaire.id != qid:
            why = (
                f"answers questionnaire '{loaded.questionnaire.id}'; the comparison is of '{qid}'."
            )
            left.append(
                Skipped(item.number, item.source, "other questionnaire", why, item.described)
            )
        elif same_major and major(ref.version) != ver:
            why = (
                f"answers '{qid}' version {ref.version}; the comparison is of version {ver}.x, "
                "whose questions and scores may differ."
            )
            left.append(Skipped(item.number, item.source, "other version", why, item.described))
        elif loaded.hash != content:
            why = (
                f"was scored with a different copy of '{qid}' (its content differs), "
                "so its scores are not comparable."
            )
            left.append(Skipped(item.number, item.source, "other version", why, item.described))
        else:
            kept.append(item)
    return kept, left


def _family(item: Input, same_major: bool) -> tuple[str, str]:
    version = major(item.scored.response.questionnaire.version) if same_major else "shared"
    return (item.scored.loaded.questionnaire.id, version)


def _first(inputs: Sequence[Input], family: tuple[str, str], same_major: bool) -> int:
    return next(n for n, i in enumerate(inputs) if _family(i, same_major) == family)


def completed_at(response: Response) -> datetime | None:
    """When a response was completed (else last updated, else started), as UTC."""
    for stamp in (response.completed, response.updated, response.started):
        if not stamp:
            continue
        try:
            when = datetime.fromisoformat(stamp)
        except ValueError:
            continue
        return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    return None


def round_of(response: Response) -> str:
    """A response's round: its group label, else the day it was completed, else 'undated'."""
    group = (response.respondent.group or "").strip()
    if group:
        return group
    when = completed_at(response)
    return when.date().isoformat() if when else "undated"


def _rounds(kept: Sequence[Input], over_time: bool) -> dict[int, str]:
    if not over_time:
        return {i.number: ALL_ROUNDS for i in kept}
    return {i.number: round_of(i.scored.response) for i in kept}


def _round_order(kept: Sequence[Input], rounds: dict[int, str]) -> list[str]:
    """Rounds by their earliest completion date; undated rounds last, by label."""
    earliest: dict[str, datetime | None] = {}
    for item in kept:
        label = rounds[item.number]
        when = completed_at(item.scored.response)
        seen = earliest.get(label)
        if label not in earliest or (when is not None and (seen is None or when < seen)):
            earliest[label] = when
    far = datetime.max.replace(tzinfo=UTC)
    return sorted(earliest, key=lambda r: (earliest[r] is None, earliest[r] or far, r))


def _baseline(order: list[str], options: Options) -> str:
    if options.baseline is None:
        if len(order) < 2:
            raise CompareError(
                f"--over-time needs at least two rounds; every response is in '{order[0]}'.",
                "Give the responses a group label per round (e.g. Baseline, Follow-up) "
                "or compare responses completed on different days.",
            )
        return order[0]
    if options.baseline not in order:
        raise CompareError(
            f"--baseline {options.baseline}: no round has that label.",
            "Use one of: " + ", ".join(order) + ".",
        )
    return options.baseline


def _unit_key(response: Response, by: str, kept: Sequence[Input]) -> str:
    r = response.respondent
    if by == "service":
        service = (r.service or "").strip() or NOT_GIVEN
        org = (r.organisation or "").strip()
        if _several_organisations(kept) and org:
            return f"{service} ({org})"
        return service
    value = getattr(r, by)
    return str(value).strip() if value and str(value).strip() else NOT_GIVEN


def _several_organisations(kept: Sequence[Input]) -> bool:
    orgs = {(i.scored.response.respondent.organisation or "").strip() for i in kept}
    return len(orgs - {""}) > 1


def _one_organisation(kept: Sequence[Input]) -> str:
    orgs = {(i.scored.response.respondent.organisation or "").strip() for i in kept}
    return orgs.pop() if len(orgs) == 1 else ""


def spreadsheet_label(n: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: labels that never run out."""
    text = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        text = chr(65 + rest) + text
    return text


def _labels(keys: list[str], options: Options) -> dict[str, str]:
    """Unit labels: as given, or under --anonymise letters (the same inputs, the same letters)."""
    if not options.anonymise or options.by not in ("organisation", "service"):
        return {k: k for k in keys}
    noun = "Service" if options.by == "service" else "Organisation"
    # Ordered by a hash of the name, not the name, so the letters do not reveal alphabetical order.
    names = [k for k in keys if k != NOT_GIVEN]
    ordered = sorted(names, key=lambda k: hashlib.sha256(k.encode("utf-8")).hexdigest())
    labels = {k: f"{noun} {spreadsheet_label(i)}" for i, k in enumerate(ordered)}
    return labels | ({NOT_GIVEN: NOT_GIVEN} if NOT_GIVEN in keys else {})


def _display_order(label: str, anonymised: bool) -> tuple[bool, int, str]:
    """Units as listed: by label ('Service B' before 'Service AA'), '(not given)' last."""
    letters = len(label.rsplit(" ", 1)[-1]) if anonymised else 0
    return (label == NOT_GIVEN, letters, label.casefold())


def _pooled_warnings(members: dict[str, dict[str, list[Input]]], options: Options) -> list[str]:
    if options.by == "group":
        return []
    pooled = 0
    for by_round in members.values():
        labels = {(i.scored.response.respondent.group or "").strip() for i in by_round[ALL_ROUNDS]}
        if len(labels - {""}) > 1:
            pooled += 1
    if not pooled:
        return []
    return [
        f"{pooled} unit(s) have responses with different group or round labels, pooled together; "
        "use --over-time to see each round separately."
    ]


def _unit_round(
    q: Questionnaire, label: str, items: Sequence[Input], min_group: int, lang: str
) -> UnitRound:
    n = len(items)
    suppressed = n < min_group
    scores = [i.scored.scores for i in items]

    def cell(item_id: str, title: str, values: list[float | None]) -> UnitFigures:
        if suppressed:
            return UnitFigures(item_id, title, None, suppressed=True)
        stats = score_stats(
            item_id, "principle" if item_id != "overall" else "overall", title, values
        )
        if 0 < stats.summary.n < min_group:
            return UnitFigures(item_id, title, None, suppressed=True)
        return UnitFigures(item_id, title, stats if stats.summary.n else None)

    principles = [
        _with_agree(
            cell(p.id, pick(p.title, lang), [s.principle(p.id).score for s in scores]),
            agreeing(q, p, scores),
        )
        for p in q.principles
        if principle_is_scored(p)
    ]
    overall = cell("overall", "Overall", [s.overall for s in scores])
    return UnitRound(label, n, suppressed, overall, principles)


def agreeing(q: Questionnaire, principle: Principle, scores: Sequence[Scores]) -> float | None:
    """Percent of the answers to a principle's agreement-scale questions that agree."""
    sides = [
        q.scales[question.scale].side(int(item.value))
        for s in scores
        for question, item in zip(
            principle.questions, s.principle(principle.id).questions, strict=True
        )
        if isinstance(question, ScaleQuestion)
        and item.status == "answered"
        and isinstance(item.value, (int, float))
    ]
    given = [side for side in sides if side is not None]
    return round(given.count("agree") / len(given) * 100, 1) if given else None


def _with_agree(cell: UnitFigures, agree: float | None) -> UnitFigures:
    if cell.suppressed or cell.stats is None or agree is None:
        return cell
    return replace(cell, agree=agree)


def _ranked(units: list[Unit], latest: str) -> list[Unit]:
    """Rank units by their overall mean in the latest round; equal means share a rank ('=2')."""
    means = {
        u.key: r.overall.mean
        for u in units
        if (r := u.rounds.get(latest)) is not None and r.overall.mean is not None
    }
    ordered = sorted(means.values(), reverse=True)
    counts = Counter(ordered)
    out = []
    for unit in units:
        rank = ""
        if unit.key in means:
            position = ordered.index(means[unit.key]) + 1
            rank = f"={position}" if counts[means[unit.key]] > 1 else str(position)
        strongest, weakest = _extremes(unit.rounds.get(latest))
        out.append(Unit(unit.key, unit.label, unit.rounds, rank, strongest, weakest))
    return out


def _extremes(figures: UnitRound | None) -> tuple[list[str], list[str]]:
    """The principles with the highest and lowest mean (all of them when tied)."""
    if figures is None:
        return [], []
    cells = [c for c in figures.principles if c.mean is not None]
    if len(cells) < 2:
        return [], []
    top = max(c.mean or 0.0 for c in cells)
    bottom = min(c.mean or 0.0 for c in cells)
    if top == bottom:
        return [], []
    return [c.id for c in cells if c.mean == top], [c.id for c in cells if c.mean == bottom]


def verdict(
    before: UnitFigures | None, after: UnitFigures | None
) -> tuple[float | None, float | None, str]:
    """The change between two cells, the spread it is judged against, and the verdict."""
    if before is None or after is None or before.mean is None or after.mean is None:
        return None, None, NOT_COMPARABLE
    change = round(after.mean - before.mean, 1)
    spreads = [c.sd for c in (before, after) if c.sd is not None and c.n >= 2]
    if not spreads:
        return change, None, UNKNOWN_SPREAD
    spread = max(spreads)
    if abs(change) <= spread:
        return change, spread, NOISE
    return change, spread, IMPROVED if change > 0 else DECLINED


def _with_changes(unit: Unit, baseline: str, order: list[str]) -> Unit:
    start = unit.rounds.get(baseline)
    changes = []
    for label in order[order.index(baseline) + 1 :]:
        end = unit.rounds.get(label)
        if end is None:
            continue
        pairs = [(start.overall if start else None, end.overall)]
        pairs += [
            (start.principles[k] if start else None, cell) for k, cell in enumerate(end.principles)
        ]
        for before, after in pairs:
            change, spread, word = verdict(before, after)
            changes.append(
                Change(
                    after.id,
                    after.title,
                    label,
                    before.mean if before else None,
                    after.mean,
                    change,
                    spread,
                    word,
                )
            )
    return Unit(unit.key, unit.label, unit.rounds, unit.rank, unit.strongest, unit.weakest, changes)
