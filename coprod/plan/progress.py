"""The next round: a plan beside the follow-up's scores, principle by principle.

Each principle shows its target, its score at the baseline and now, the change
with the comparison's own judgement (:func:`coprod.compare.core.verdict`:
improved or declined only beyond the spread, else within the noise), and the
plan's actions with their status. The two are put side by side; nothing here
says that an action caused a change.

The follow-up is a response file (``coprod report --plan``: the baseline is the
figures the plan kept) or a comparison over time (``coprod compare --over-time
--plan``: the baseline is the comparison's own baseline round).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from coprod.compare.core import major, verdict
from coprod.compare.results import (
    DECLINED,
    IMPROVED,
    NOISE,
    NOT_COMPARABLE,
    UNKNOWN_SPREAD,
    Comparison,
    Unit,
    UnitFigures,
)
from coprod.errors import MismatchError
from coprod.i18n.phrases import say
from coprod.model import Questionnaire
from coprod.plan.actions import (
    DONE,
    DROPPED,
    NOT_STARTED,
    OVERALL,
    STATUSES,
    UNDER_WAY,
    Action,
    Plan,
)
from coprod.plan.build import text_in
from coprod.plan.read import ReadPlan
from coprod.report.labels import labels
from coprod.report.progress import ProgressAction, ProgressBuilder, ProgressRow, ProgressView
from coprod.report.single import fmt_date
from coprod.scoring.scored import Scored
from coprod.scoring.spread import ItemStats, ScoreSpread

VERDICT_KEYS = {
    IMPROVED: "verdict_improved",
    DECLINED: "verdict_declined",
    NOISE: "verdict_noise",
    UNKNOWN_SPREAD: "verdict_unknown",
    NOT_COMPARABLE: "verdict_not_comparable",
}


def check_link(plan: Plan, q: Questionnaire, questionnaire_hash: str) -> list[str]:
    """Refuse a plan made for another questionnaire; warn when its content has changed."""
    link = plan.link
    if link.questionnaire != q.id or major(link.version) != major(q.version):
        raise MismatchError(
            f"the plan is for '{link.questionnaire}' version {link.version}; "
            f"the follow-up answers '{q.id}' version {q.version}.",
            "Give the plan made from the same questionnaire.",
        )
    if link.hash and questionnaire_hash and link.hash != questionnaire_hash:
        return [
            f"the questionnaire '{q.id}' has changed since the plan was made "
            f"({link.hash} then, {questionnaire_hash} now); scores may not be comparable."
        ]
    return []


def figures(pid: str, n: int, mean: float | None, sd: float | None) -> UnitFigures:
    """A score with its n and spread, as the comparison judges change between two of them."""
    if mean is None or n == 0:
        return UnitFigures(pid, pid, None)
    stats = ItemStats(pid, "principle", pid, None, ScoreSpread(n, mean, sd=sd), None)
    return UnitFigures(pid, pid, stats)


def _f(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _counts(actions: Sequence[Action], t: dict[str, str]) -> str:
    tally = Counter(a.status for a in actions)
    return t["progress_counts"].format(
        done=tally[DONE],
        total=len(actions),
        under_way=tally[UNDER_WAY],
        not_started=tally[NOT_STARTED],
        dropped=tally[DROPPED],
    )


def _row(
    plan: Plan,
    pid: str,
    title: str,
    before: UnitFigures | None,
    after: UnitFigures | None,
    t: dict[str, str],
    lang: str,
    q: Questionnaire,
) -> ProgressRow:
    change, _spread, word = verdict(before, after)
    target = plan.target_for(pid)
    now = after.mean if after is not None else None
    against = ""
    if target is not None and now is not None:
        against = t["progress_reached"] if now >= target else t["progress_below"]
    rows = [a for a in plan.actions if a.principle == ("" if pid == OVERALL else pid)]
    return ProgressRow(
        anchor=f"progress-{pid}",
        principle=title,
        target=f"{target:g}" if target is not None else t["progress_no_target"],
        baseline=_f(before.mean if before else None),
        now=_f(now),
        change="–" if change is None else f"{change:+.1f}",
        verdict=t[VERDICT_KEYS[word]],
        against_target=against,
        counts=_counts(rows, t),
        actions=[
            ProgressAction(
                text_in(a.text, plan.link.lang, lang, q),
                t[f"kind_{a.kind}"],
                t[f"status_{a.status}"],
                a.status if a.status in STATUSES else NOT_STARTED,
                t["progress_due"].format(date=fmt_date(a.due.isoformat(), t)) if a.due else "",
            )
            for a in rows
        ],
    )


def _view(
    plan: Plan,
    q: Questionnaire,
    lang: str,
    ids: str,
    pairs: dict[str, tuple[UnitFigures | None, UnitFigures | None]],
    baseline_label: str,
    unit: str = "",
) -> ProgressView:
    t = labels(lang, "plan")
    rows = [
        _row(plan, p.id, say(q, p.title, lang), *pairs.get(p.id, (None, None)), t, lang, q)
        for p in q.principles
    ]
    whole = f"{t['overall_row']} · {t['whole_service']}"
    rows.append(_row(plan, OVERALL, whole, *pairs.get(OVERALL, (None, None)), t, lang, q))
    return ProgressView(
        ids=ids,
        lang=lang,
        heading=t["progress"],
        intro=t["progress_intro"].format(baseline=baseline_label),
        caution=t["progress_caution"],
        unit=t["progress_unit"].format(unit=unit) if unit else "",
        counts=_counts(plan.actions, t),
        rows=rows,
        method=t["progress_method"],
        t=t,
    )


def report_progress(read: ReadPlan, scored: Scored) -> tuple[ProgressBuilder, list[str]]:
    """The section for `coprod report --plan`: the plan's baseline beside this response.

    Returns the section builder and any warnings (a changed questionnaire, the same round).
    """
    plan = read.plan
    q = scored.loaded.questionnaire
    warnings = check_link(plan, q, scored.loaded.hash)
    from coprod.compare.core import round_of

    service = (scored.response.respondent.service or "").strip()
    if plan.link.service and service and service != plan.link.service:
        warnings.append(
            f"the plan was made for '{plan.link.service}'; this response is for '{service}'."
        )
    now_round = round_of(scored.response)
    if now_round == plan.link.round:
        warnings.append(
            f"this response is from the plan's own round ('{now_round}'), so the change shown is "
            "from the baseline to itself."
        )
    pairs: dict[str, tuple[UnitFigures | None, UnitFigures | None]] = {}
    for pid in [p.id for p in q.principles] + [OVERALL]:
        base = plan.baseline_for(pid)
        before = figures(pid, base.n, base.mean, base.sd) if base else None
        score = scored.scores.overall if pid == OVERALL else scored.scores.principle(pid).score
        pairs[pid] = (before, figures(pid, 1, score, None))
    label = plan.link.round

    def build(lang: str, ids: str) -> ProgressView:
        """The section in ``lang``, its ids prefixed with ``ids``."""
        return _view(plan, q, lang, ids, pairs, label)

    return build, warnings


def plan_unit(plan: Plan, c: Comparison) -> tuple[Unit, list[str]]:
    """The unit of a comparison the plan is for: the one named like its service, or the only
    one (with a warning when its name differs, e.g. a service renamed since the baseline)."""
    service, org = plan.link.service, plan.link.organisation
    names = {service, f"{service} ({org})", org} - {""}
    found = [u for u in c.units if u.key in names]
    if len(found) == 1:
        return found[0], []
    if len(c.units) == 1:
        unit = c.units[0]
        named = service or org
        warning = (
            f"the plan was made for '{named}'; it is shown beside the one group compared, "
            f"'{unit.label}'."
        )
        return unit, [warning] if named else []
    listed = ", ".join(u.label for u in c.units)
    raise MismatchError(
        f"the plan is for '{service or org or 'an unnamed service'}', which is not one of the "
        f"{len(c.units)} groups compared ({listed}).",
        "Compare only that service's responses, or group with --by service.",
    )


def comparison_progress(read: ReadPlan, c: Comparison) -> tuple[ProgressBuilder, list[str]]:
    """The section for `coprod compare --over-time --plan`: the plan's unit, baseline to latest."""
    plan = read.plan
    q = c.questionnaire
    warnings = check_link(plan, q, c.questionnaire_hash)
    if not c.over_time or c.baseline is None:
        raise MismatchError("--plan needs --over-time.", "Add --over-time.")
    unit, more = plan_unit(plan, c)
    warnings += more
    if plan.link.round and plan.link.round != c.baseline:
        warnings.append(
            f"the plan was made at round '{plan.link.round}'; the comparison's baseline is "
            f"'{c.baseline}'."
        )
    before = unit.rounds.get(c.baseline)
    after = unit.rounds.get(c.latest)
    pairs: dict[str, tuple[UnitFigures | None, UnitFigures | None]] = {}
    for k, p in enumerate([OVERALL, *[p.id for p in q.principles]]):
        pairs[p] = (
            (before.overall if k == 0 else before.principles[k - 1]) if before else None,
            (after.overall if k == 0 else after.principles[k - 1]) if after else None,
        )
    label = c.baseline

    def build(lang: str, ids: str) -> ProgressView:
        """The section in ``lang``, its ids prefixed with ``ids``."""
        return _view(plan, q, lang, ids, pairs, label, unit.label)

    return build, warnings


def follow_up_progress(
    plan_path: Path | str, response: Path | str
) -> tuple[ProgressBuilder, list[str]]:
    """Read a plan (every cell checked) and set it beside a follow-up response's scores."""
    from coprod.plan.read import usable_plan
    from coprod.scoring.scored import score_file

    read = usable_plan(plan_path)
    warnings = [str(p) for p in read.problems]
    build, more = report_progress(read, score_file(Path(response)))
    return build, warnings + more


def over_time_progress(plan_path: Path | str, c: Comparison) -> tuple[ProgressBuilder, list[str]]:
    """Read a plan (every cell checked) and set it beside a comparison's change over time."""
    from coprod.plan.read import usable_plan

    read = usable_plan(plan_path)
    warnings = [str(p) for p in read.problems]
    build, more = comparison_progress(read, c)
    return build, warnings + more
