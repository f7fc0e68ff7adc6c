"""Check questionnaires: the schema, the cross-references it cannot express, translations.

The cross-checks run on the parsed YAML rather than the model so that an author
sees them even while the file still has structural mistakes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from coprod.errors import CoprodError, InvalidFileError, Problem
from coprod.files.kinds import Kind, kind_of_data, refuse_other_kind, wrong_kind
from coprod.files.resources import builtin_questionnaire
from coprod.files.yamlio import Located, Path_, load_yaml_file
from coprod.model import ANY_LANGUAGE, REVIEWED, Questionnaire, has_language
from coprod.questionnaire.grids import answer_ids, expand_grids, grid_problems
from coprod.questionnaire.ids import id_collisions
from coprod.questionnaire.instruments import (
    check_audience,
    check_marks,
    check_sides,
    level_values,
    unscored_parts,
)
from coprod.questionnaire.texts import ReviewCount, review_count, text_spots
from coprod.questionnaire.trace import check_sources_and_versions
from coprod.questionnaire.validation import format_path, validate_model


def check_questionnaire(located: Located) -> tuple[Questionnaire | None, list[Problem]]:
    """Validate parsed data: structure, then cross-references. Returns every problem found."""
    result, problems = validate_model(Questionnaire, located)
    problems.extend(_cross_checks(located))
    problems.extend(id_collisions(located))
    problems.extend(grid_problems(located))
    return (expand_grids(result) if result else None), _sorted(problems)


def missing_translations(located: Located, languages: list[str]) -> list[Problem]:
    """Every text in the file that lacks one of ``languages`` (plain strings lack all but one)."""
    problems: list[Problem] = []
    example = ", ".join(f"{code}: ..." for code in languages)
    for spot in text_spots(located.data):
        path, text = spot.path, spot.value
        if isinstance(text, str):
            missing = languages[1:] if len(languages) > 1 else []
        elif isinstance(text, dict):
            missing = [lang for lang in languages if not has_language(text, lang)]
        else:
            continue
        if missing:
            line, col = located.where(path)
            problems.append(
                Problem(
                    file=located.file,
                    line=line,
                    column=col,
                    path=format_path(path),
                    message=f"no text in {', '.join(missing)}.",
                    hint=f"write it as a map, e.g. {{{example}}}.",
                    severity="error",
                )
            )
    return problems


# --- cross-reference checks on the raw data ---------------------------------
# They run on the parsed YAML rather than the model so that an author sees them
# even while the file still has structural mistakes.


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0, p.message))


def _cross_checks(located: Located) -> list[Problem]:
    data = located.data
    if not isinstance(data, dict):
        return [Problem(located.file, "the file should be a map of 'key: value' lines.", 1, 1)]
    out: list[Problem] = []

    def add(path: Path_, message: str, hint: str = "") -> None:
        line, col = located.where(path)
        out.append(Problem(located.file, message, line, col, format_path(path), hint))

    languages = data.get("languages") or ["en"]
    if isinstance(languages, list):
        for spot in text_spots(data):
            path, text = spot.path, spot.value
            if isinstance(text, dict):
                for code in text:
                    if code not in (ANY_LANGUAGE, REVIEWED) and code not in languages:
                        add(
                            (*path, code),
                            f"language '{code}' is not in the questionnaire's languages "
                            f"({', '.join(map(str, languages))}).",
                            f"add '{code}' to 'languages:' or fix the code.",
                        )
                for code in str(text.get(REVIEWED, "")).replace(",", " ").split():
                    if code not in text:
                        add(
                            (*path, REVIEWED),
                            f"'reviewed: {code}' but this text has no '{code}' wording.",
                            f"write the '{code}' text, or take '{code}' out of 'reviewed:'.",
                        )

    scales = data.get("scales") if isinstance(data.get("scales"), dict) else {}
    assert isinstance(scales, dict)
    for sid, scale in scales.items():
        levels = scale.get("levels") if isinstance(scale, dict) else None
        if isinstance(levels, list):
            values = [lv.get("value") for lv in levels if isinstance(lv, dict)]
            numbers = sorted(v for v in values if isinstance(v, int) and not isinstance(v, bool))
            steps = {b - a for a, b in pairwise(numbers)}
            if len(numbers) == len(values) and len(steps) > 1:
                line, col = located.where(("scales", sid, "levels"))
                out.append(
                    Problem(
                        located.file,
                        "level values are unevenly spaced, so some steps are worth more "
                        f"than others ({numbers}).",
                        line,
                        col,
                        format_path(("scales", sid, "levels")),
                        "use evenly spaced values such as 1, 2, 3, 4, 5 unless that is intended.",
                        severity="warning",
                    )
                )
            for i, value in enumerate(values):
                if value in values[:i]:
                    add(
                        ("scales", sid, "levels", i, "value"),
                        f"level value {value} is used twice.",
                        "give each level its own value.",
                    )
            check_sides(scale, sid, values, add)

    _check_bands(data.get("bands"), add)

    principles = data.get("principles") if isinstance(data.get("principles"), list) else []
    assert isinstance(principles, list)
    seen_ids: dict[str, Path_] = {}
    kinds: dict[str, str] = {}
    scale_of: dict[str, Any] = {}
    order: list[str] = []
    principle_ids: set[str] = set()
    for pi, principle in enumerate(principles):
        if not isinstance(principle, dict):
            continue
        pid = principle.get("id")
        if isinstance(pid, str):
            if pid in seen_ids:
                add(("principles", pi, "id"), f"id '{pid}' is used twice.", "make ids unique.")
            seen_ids[pid] = ("principles", pi, "id")
            principle_ids.add(pid)
        check_audience(principle.get("for"), ("principles", pi, "for"), add)
        questions = principle.get("questions")
        for qi, question in enumerate(questions if isinstance(questions, list) else []):
            if not isinstance(question, dict):
                continue
            qpath: Path_ = ("principles", pi, "questions", qi)
            qid = question.get("id")
            qtype = question.get("type")
            if question.get("type") == "scale":
                sid = question.get("scale")
                if isinstance(sid, str) and sid not in scales:
                    add(
                        (*qpath, "scale"),
                        f"scale '{sid}' is not defined under 'scales:'.",
                        f"define it, or use one of: {', '.join(scales) or 'none defined'}.",
                    )
            check_audience(question.get("for"), (*qpath, "for"), add)
            own = question.get("descriptors")
            scale_values = level_values(scales.get(question.get("scale")))
            for value in own if isinstance(own, dict) and scale_values else []:
                if value not in scale_values:
                    add(
                        (*qpath, "descriptors", value),
                        f"{value!r} is not a level value of scale '{question.get('scale')}'.",
                        f"use level values: {', '.join(map(str, scale_values))}.",
                    )
            target_for = question.get("target_for")
            if isinstance(target_for, str) and kinds.get(target_for) != "scale":
                add(
                    (*qpath, "target_for"),
                    f"'{target_for}' is not an earlier scale question.",
                    "name the scale question this one gives the target for; it comes first.",
                )
            elif isinstance(target_for, str) and scale_of.get(target_for) != question.get("scale"):
                add(
                    (*qpath, "scale"),
                    f"a target uses the same scale as '{target_for}' "
                    f"('{scale_of.get(target_for)}').",
                    "use the same scale, so the gap can be counted in levels.",
                )
            when = question.get("when")
            if isinstance(when, dict):
                tests = [k for k in when if k != "question"]
                exclusive = [t for t in tests if t in ("equals", "not_equals", "in", "includes")]
                exclusive += [t for t in tests if t == "answered"]
                if not tests:
                    add(
                        (*qpath, "when"),
                        "the condition has no test.",
                        "add one of equals, not_equals, in, at_least, at_most, includes, answered.",
                    )
                elif exclusive and len(tests) > 1:
                    add(
                        (*qpath, "when"),
                        f"'{exclusive[0]}' cannot be combined with other tests in a condition.",
                        "keep one test (at_least and at_most may go together).",
                    )
            if isinstance(when, dict) and isinstance(when.get("question"), str):
                ref = when["question"]
                if ref not in order:
                    where = "later in the file" if _defined_later(principles, ref) else "nowhere"
                    add(
                        (*qpath, "when", "question"),
                        f"the condition refers to '{ref}', which is defined {where}.",
                        "a condition can only depend on an earlier question.",
                    )
            scoring = question.get("scoring")
            if isinstance(scoring, dict) and isinstance(scoring.get("divide_by"), str):
                ref = scoring["divide_by"]
                if kinds.get(ref) != "number":
                    add(
                        (*qpath, "scoring", "divide_by"),
                        f"'{ref}' is not an earlier number question.",
                        "divide by a number question that comes before this one.",
                    )
            if isinstance(scoring, dict) and isinstance(scoring.get("steps"), list):
                mins = [s.get("min") for s in scoring["steps"] if isinstance(s, dict)]
                step_mins = [float(m) for m in mins if isinstance(m, (int, float))]
                if len(step_mins) == len(mins) and step_mins != sorted(step_mins):
                    add(
                        (*qpath, "scoring", "steps"),
                        "steps must be in rising order of 'min'.",
                        "sort them from the lowest min to the highest.",
                    )
            choices = question.get("choices")
            if isinstance(choices, list):
                cids = [c.get("id") for c in choices if isinstance(c, dict)]
                for ci, cid in enumerate(cids):
                    if cid in cids[:ci]:
                        add((*qpath, "choices", ci, "id"), f"choice id '{cid}' is used twice.")
            if isinstance(qid, str):
                if qid in seen_ids:
                    add((*qpath, "id"), f"id '{qid}' is used twice.", "make ids unique.")
                seen_ids[qid] = (*qpath, "id")
                for answered in answer_ids(question):  # a grid is answered row by row
                    order.append(answered)
                    kinds[answered] = str(qtype)
                    scale_of[answered] = question.get("scale")

    scored_weight = 0.0
    for item in principles:
        listed = item.get("questions") if isinstance(item, dict) else None
        for question in listed if isinstance(listed, list) else []:
            if not isinstance(question, dict) or question.get("type") == "text":
                continue
            if question.get("scored") is False or (
                isinstance(item, dict) and item.get("scored") is False
            ):
                continue
            weight = question.get("weight", 1)
            if isinstance(weight, (int, float)):
                scored_weight += float(weight)
    if principles and scored_weight == 0:
        line, col = located.where(("principles",))
        out.append(
            Problem(
                located.file,
                "no question carries any weight, so nothing can ever be scored.",
                line,
                col,
                "principles",
                "give the questions that should count a weight above 0.",
                severity="warning",
            )
        )
    unscored = frozenset(unscored_parts(data, principles))
    check_marks(data, principles, add)
    source_ids = {
        s.get("id") for s in data.get("sources") or [] if isinstance(s, dict) and "id" in s
    }
    recs = data.get("recommendations")
    rec_ids: set[str] = set()
    for ri, rec in enumerate(recs if isinstance(recs, list) else []):
        if not isinstance(rec, dict):
            continue
        rpath: Path_ = ("recommendations", ri)
        rid = rec.get("id")
        if isinstance(rid, str):
            if rid in rec_ids:
                add((*rpath, "id"), f"recommendation id '{rid}' is used twice.")
            rec_ids.add(rid)
        if isinstance(rec.get("principle"), str) and rec["principle"] not in principle_ids:
            add((*rpath, "principle"), f"there is no principle '{rec['principle']}'.")
        for si, sid in enumerate(rec.get("sources") or []):
            if sid not in source_ids:
                add(
                    (*rpath, "sources", si),
                    f"there is no source '{sid}'.",
                    "add it under 'sources:' or fix the id.",
                )
        if "when" in rec:
            _check_rule(rec["when"], (*rpath, "when"), principle_ids, kinds, add, unscored)
    check_sources_and_versions(data, add)
    return out


def _defined_later(principles: list[Any], ref: str) -> bool:
    return any(
        ref in answer_ids(q)
        for p in principles
        if isinstance(p, dict)
        for q in (p.get("questions") or [])
    )


def _check_bands(bands: Any, add: Any) -> None:
    if not isinstance(bands, list) or not bands:
        return
    ranges: list[tuple[int, float, float]] = [
        (i, float(b["min"]), float(b["max"]))
        for i, b in enumerate(bands)
        if isinstance(b, dict)
        and isinstance(b.get("min"), (int, float))
        and isinstance(b.get("max"), (int, float))
    ]
    if len(ranges) != len(bands):
        return
    hint = "bands go from 0 to 100 in rising order, each 'min' equal to the previous 'max'."
    for i, low, high in ranges:
        if low >= high:
            add(("bands", i), f"band min {low:g} is not below its max {high:g}.", hint)
    if ranges[0][1] != 0:
        add(("bands", 0, "min"), f"the first band starts at {ranges[0][1]:g}, not 0.", hint)
    if ranges[-1][2] != 100:
        add(("bands", len(ranges) - 1, "max"), f"the last band ends at {ranges[-1][2]:g}, not 100.")
    for (_, _, prev_high), (i, low, _) in pairwise(ranges):
        where = ("bands", i, "min")
        if low > prev_high:
            add(where, f"gap between {prev_high:g} and {low:g}: no band covers it.", hint)
        elif low < prev_high:
            add(where, f"overlaps the band before (from {low:g} to {prev_high:g}).", hint)


def _check_rule(
    rule: Any,
    path: Path_,
    principles: set[str],
    kinds: dict[str, str],
    add: Any,
    unscored: frozenset[str] = frozenset(),
) -> None:
    """Check one rule; ``unscored`` holds the unscored principles and "overall" when it is off."""
    if not isinstance(rule, dict):
        return
    subjects = [k for k in ("principle", "question", "overall", "all", "any") if k in rule]
    if len(subjects) != 1:
        add(
            path,
            "a rule needs exactly one of principle, question, overall, all, any"
            + (f" (found {', '.join(subjects)})." if subjects else "."),
            "split it with 'all:' or 'any:'.",
        )
        return
    subject = subjects[0]
    tests = [k for k in rule if k != subject]
    if subject in ("all", "any"):
        items = rule[subject]
        if tests:
            add(path, f"'{subject}' cannot be combined with {', '.join(tests)}.")
        for i, item in enumerate(items if isinstance(items, list) else []):
            _check_rule(item, (*path, subject, i), principles, kinds, add, unscored)
        return
    if subject in ("principle", "overall"):
        allowed = {"below", "at_least"}
        for test in allowed & set(tests):
            value = rule[test]
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                if not 0 <= value <= 100:
                    add(
                        (*path, test),
                        f"should be from 0 to 100, not {value:g}: a score runs from 0 to 100.",
                        "give a number from 0 to 100.",
                    )
        if subject == "principle" and rule["principle"] not in principles:
            add((*path, "principle"), f"there is no principle '{rule['principle']}'.")
        elif subject == "principle" and rule["principle"] in unscored:
            add(
                (*path, "principle"),
                f"principle '{rule['principle']}' is not scored, so this rule can never hold.",
                "test one of its questions instead, or score the principle.",
            )
        elif subject == "overall" and "overall" in unscored:
            add(
                (*path, "overall"),
                "this questionnaire has no overall score (scoring: overall: false), "
                "so this rule can never hold.",
                "test a principle instead, or turn the overall score back on.",
            )
    else:
        allowed = {"below", "at_least", "at_most", "equals", "in", "includes", "status"}
        allowed |= {"score_below", "score_at_least", "gap_at_least"}
        if rule["question"] not in kinds:
            add((*path, "question"), f"there is no question '{rule['question']}'.")
        exclusive = [t for t in tests if t in ("equals", "in", "includes", "status")]
        if len(exclusive) > 1 or (exclusive and len(tests) > 1):
            add(
                path,
                f"'{exclusive[0]}' cannot be combined with other tests in one rule.",
                "split the tests with 'all:'.",
            )
            return
    bad = [t for t in tests if t not in allowed]
    if bad:
        add(path, f"'{bad[0]}' does not apply to a {subject} rule.", f"use {sorted(allowed)}.")
    elif not tests:
        add(path, f"the {subject} rule has no test.", f"add one of {sorted(allowed)}.")


@dataclass(frozen=True)
class Validation:
    """The outcome of validating one questionnaire file."""

    file: str
    problems: list[Problem]
    questionnaire: Questionnaire | None = None
    unreadable: bool = False
    #: With ``languages``: per translated language, how many texts are still drafts.
    review: tuple[ReviewCount, ...] = ()

    @property
    def ok(self) -> bool:
        """True when there are no errors."""
        return not any(p.severity == "error" for p in self.problems)


def validate_file(path: str | Path, languages: list[str] | None = None) -> Validation:
    """Validate one questionnaire file; every problem is returned, none raised.

    Unreadable files (missing, binary, not YAML) come back as a single problem.
    With ``languages``, every text lacking one of them is a problem too, and the
    result counts the texts in each of them that no one has reviewed yet.
    """
    path = builtin_questionnaire(str(path)) or Path(path)
    try:
        refuse_other_kind(path, Kind.questionnaire)
        located = load_yaml_file(path, "questionnaire")
        if kind_of_data(located.data) == Kind.response:
            raise wrong_kind(path, Kind.response, Kind.questionnaire.value)
    except CoprodError as exc:
        return Validation(str(path), [_located_problem(str(path), str(exc))], unreadable=True)
    questionnaire, problems = check_questionnaire(located)
    review: tuple[ReviewCount, ...] = ()
    if languages:
        problems = problems + missing_translations(located, languages)
        first = questionnaire.default_language if questionnaire else languages[0]
        review = tuple(review_count(located.data, code) for code in languages if code != first)
    return Validation(str(path), problems, questionnaire, review=review)


def _located_problem(file: str, message: str) -> Problem:
    """A problem from an error message that starts 'file:line:column: ...' (line optional)."""
    rest = message.removeprefix(f"{file}:").lstrip() if message.startswith(f"{file}:") else message
    found = re.match(r"^(\d+)(?::(\d+))?: (.*)$", rest, re.DOTALL)
    if found:
        column = int(found[2]) if found[2] else None
        return Problem(file, found[3], int(found[1]), column)
    return Problem(file, rest)


def raise_if_invalid(validation: Validation) -> Questionnaire:
    """The questionnaire, or InvalidFileError with every problem."""
    if not validation.ok or validation.questionnaire is None:
        raise InvalidFileError(validation.file, validation.problems)
    return validation.questionnaire
