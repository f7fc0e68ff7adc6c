"""Compare over time across two editions of a questionnaire, on the questions they share.

A questionnaire's ``earlier_versions`` says which of an earlier version's questions
it asks, answers and scores in the same way. When the responses to compare answer
different major versions of one questionnaire, and the newest says how each older
version relates to it, every response is scored again on those shared questions
only, with one reduced questionnaire, so that a 1.0 baseline and a 2.0 follow-up
stand side by side fairly. What was left out, and why, goes with the comparison.
Pure: no files, no printing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from coprod.compare.results import Bridge, Input, LeftOutQuestion
from coprod.model import EarlierVersion, Question, Questionnaire
from coprod.questionnaire.load import Loaded, content_hash
from coprod.scoring.score import score_response
from coprod.scoring.scored import Scored


def major_number(version: str) -> tuple[int, str]:
    """A version's major part, for ordering: '2.0' -> (2, '2'); a word sorts before numbers."""
    head = version.strip().split(".")[0]
    return (int(head) if head.isdigit() else -1, head)


def bridge_versions(inputs: Sequence[Input]) -> tuple[list[Input], Bridge | None]:
    """Inputs rescored on the questions their versions share, or the inputs as they are.

    Nothing changes unless the most common questionnaire id is answered in more
    than one major version and the newest version's questionnaire describes every
    older version present under ``earlier_versions``.
    """
    if not inputs:
        return list(inputs), None
    ids = [i.scored.loaded.questionnaire.id for i in inputs]
    qid = max(ids, key=ids.count)
    family = [i for i in inputs if i.scored.loaded.questionnaire.id == qid]
    by_major: dict[tuple[int, str], list[Input]] = {}
    for item in family:
        by_major.setdefault(major_number(item.scored.response.questionnaire.version), []).append(
            item
        )
    if len(by_major) < 2:
        return list(inputs), None
    newest_major = max(by_major)
    newest = by_major[newest_major][0].scored.loaded.questionnaire
    older = {
        i.scored.response.questionnaire.version: i.scored.loaded.questionnaire
        for m, items in by_major.items()
        if m != newest_major
        for i in items
    }
    entries = {v: newest.earlier(v) for v in older}
    if any(e is None for e in entries.values()):
        return list(inputs), None
    described = {v: e for v, e in entries.items() if e is not None}
    shared_q = shared_questionnaire(newest, list(described.values()))
    if not shared_q.principles:
        return list(inputs), None
    digest = content_hash(shared_q.model_dump(mode="json", by_alias=True))
    kept = {id(i) for i in family}
    rescored = [
        replace(i, scored=_rescored(i.scored, shared_q, digest)) if id(i) in kept else i
        for i in inputs
    ]
    shared = [q.id for q in shared_q.questions]
    left_out = _left_out(newest, older, described, set(shared))
    versions = sorted({*older, newest.version}, key=major_number)
    return rescored, Bridge(versions, shared, left_out)


def shared_questionnaire(newest: Questionnaire, entries: list[EarlierVersion]) -> Questionnaire:
    """``newest`` reduced to the questions every entry calls the same, without advice.

    A question whose condition or ``divide_by`` needs a question that is left out
    is left out too. Principles left with no question go; recommendations go,
    since their rules may name what is gone.
    """
    keep = {q.id for q in newest.questions if all(q.id in e.same for e in entries)}
    changed = True
    while changed:
        changed = False
        for q in newest.questions:
            if q.id in keep and any(ref not in keep for ref in _needs(q)):
                keep.discard(q.id)
                changed = True
    principles = [
        p.model_copy(update={"questions": [q for q in p.questions if q.id in keep]})
        for p in newest.principles
        if any(q.id in keep for q in p.questions)
    ]
    earliest = min((e.version for e in entries), key=major_number)
    return newest.model_copy(
        update={
            "version": f"{earliest} and {newest.version}",
            "principles": principles,
            "recommendations": [],
            "earlier_versions": [],
        }
    )


def _needs(q: Question) -> list[str]:
    needs = [q.when.question] if q.when is not None else []
    scoring = getattr(q, "scoring", None)
    divide_by = getattr(scoring, "divide_by", None)
    return [*needs, *([divide_by] if isinstance(divide_by, str) else [])]


def _rescored(scored: Scored, shared_q: Questionnaire, digest: str) -> Scored:
    loaded = Loaded(shared_q, scored.loaded.path, digest, scored.loaded.builtin)
    return replace(scored, loaded=loaded, scores=score_response(shared_q, scored.response))


def _left_out(
    newest: Questionnaire,
    older: dict[str, Questionnaire],
    entries: dict[str, EarlierVersion],
    shared: set[str],
) -> list[LeftOutQuestion]:
    out: list[LeftOutQuestion] = []
    old_ids: set[str] = set()
    for version in sorted(older, key=major_number):
        entry = entries[version]
        for q in older[version].questions:
            old_ids.add(q.id)
            if q.id in shared:
                continue
            why = entry.changed.get(q.id) or (
                f"asked differently in version {newest.version}"
                if newest.question(q.id) is not None
                else f"not asked in version {newest.version}"
            )
            out.append(LeftOutQuestion(version, q.id, q.text, why))
    for q in newest.questions:
        if q.id not in shared and q.id not in old_ids:
            out.append(LeftOutQuestion(newest.version, q.id, q.text, "new in this version"))
    return out
