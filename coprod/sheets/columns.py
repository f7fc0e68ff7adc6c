"""What each column of a sheet feeds: a question, one option of a question, a note, a
metadata field, nothing (and why), or a problem. Built once per sheet from its
:class:`~coprod.sheets.layouts.Layout`, the questionnaire and a --map file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coprod.i18n.words import (
    IGNORED_HEADERS,
    METADATA_FIELDS,
    METADATA_HEADERS,
    normalise,
    normalise_header,
)
from coprod.model import MultipleChoiceQuestion, Questionnaire, wordings
from coprod.questionnaire.grids import row_headers
from coprod.sheets.checks import SheetProblem
from coprod.sheets.layouts import PERSONAL, TOOL, Layout, is_other, split_option, strip_groups
from coprod.sheets.mapfile import LETTER, Mapping

#: An option column's cell that means "ticked" / "not ticked" (besides the option's own label).
TICKED = frozenset(normalise(w) for w in ("1", "y", "yes", "true", "x", "ticked", "checked", "ie"))
UNTICKED = frozenset(normalise(w) for w in ("0", "n", "no", "false", "not ticked", "unchecked"))
_NOTE = re.compile(r"^(.*?)[\s:_.-]*\(?(?:note|notes|comment|comments|evidence)\)?$", re.I)


def column_letter(index: int) -> str:
    """Spreadsheet column letters for a 0-based index: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def short(text: str, width: int = 60) -> str:
    """A header cut to ``width`` characters for a message."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


@dataclass(frozen=True)
class ColumnMatch:
    """How one header was understood: the question or field it feeds, and how it was matched."""

    source: str
    column: str
    header: str
    target: str
    how: str


@dataclass(frozen=True)
class NotUsed:
    """A column that is read but not kept, and why (personal data, the tool's bookkeeping ...)."""

    column: str
    header: str
    reason: str


class HeaderMatcher:
    """Decides what each header means; built once per questionnaire."""

    def __init__(self, q: Questionnaire, mapping: Mapping, by: str | None) -> None:
        self.mapping = {normalise_header(k): v for k, v in mapping.columns.items()}
        self.letters = {k: v for k, v in mapping.columns.items() if LETTER.match(k)}
        self.ids = {qn.id.casefold(): qn.id for qn in q.questions}
        self.questions = set(self.ids.values())
        self.multi = {qn.id: qn for qn in q.questions if isinstance(qn, MultipleChoiceQuestion)}
        self.texts: dict[str, str] = {}
        for qn in q.questions:
            for text in wordings(qn.text).values():
                self.texts.setdefault(normalise(text), qn.id)
        # A grid's row headed 'Stem [Row]': the pair names the row even where two grids
        # share a row's text.
        self.rows = {normalise(h): qn.id for qn in q.questions for h in row_headers(qn)}
        self.meta = {normalise(a): f for f, aliases in METADATA_HEADERS.items() for a in aliases}
        # --by COLUMN names a header, read beside whatever else that column feeds.
        self.by = normalise_header(by) if by and by not in METADATA_FIELDS else None
        self.ignored = {normalise(h) for h in IGNORED_HEADERS}
        # Choice labels and ids of multiple-choice questions, for option columns.
        self.choices: dict[str, dict[str, str]] = {}
        owners: dict[str, set[tuple[str, str]]] = {}
        for qid, qn in self.multi.items():
            table: dict[str, str] = {normalise(c.id): c.id for c in qn.choices}
            for c in qn.choices:
                for label in c.label.values():
                    table[normalise(label)] = c.id
            self.choices[qid] = table
            for key, cid in table.items():
                owners.setdefault(key, set()).add((qid, cid))
        # A header that is the label of exactly one question's choice (Typeform's columns).
        self.owner = {k: next(iter(v)) for k, v in owners.items() if len(v) == 1}

    def is_by(self, header: str) -> bool:
        """Whether this header is the --by COLUMN."""
        return self.by is not None and normalise_header(header) == self.by

    def question_count(self, header: list[str]) -> int:
        """How many cells of a header row name a question (to choose a CSV's delimiter)."""
        return sum(self.match(text)[0] in self.questions for text in header if text.strip())

    def match(self, header: str) -> tuple[str, str]:
        """(target, how) for a header; target '' when nothing matched."""
        plain = header.strip()
        key = normalise_header(plain)
        if key in self.mapping:
            return self.mapping[key], "map file"
        head = re.split(r"\s*[:|]\s*|\s+[-–—]\s+", plain, maxsplit=1)[0].casefold()
        if plain.casefold() in self.ids or head in self.ids:
            return self.ids.get(plain.casefold()) or self.ids[head], "question id"
        if key in self.rows:
            return self.rows[key], "question text (grid stem and row)"
        if key in self.texts:
            return self.texts[key], "question text"
        if key in self.meta:
            return self.meta[key], "metadata"
        if key in self.ignored:
            return "ignore", "form tool column"
        if len(key) >= 25:
            near = {
                qid
                for text, qid in self.texts.items()
                if text.startswith(key) or key.startswith(text)
            }
            if len(near) == 1:
                return near.pop(), "question text (start)"
        return "", ""

    def question(self, header: str) -> str:
        """The question a header names by id or text (never a field), or ''."""
        target, how = self.match(header)
        return target if target in self.questions and how != "map file" else ""

    def choice(self, qid: str, label: str) -> str:
        """The choice id of ``label`` for a multiple-choice question, or ''."""
        return self.choices.get(qid, {}).get(normalise(label), "")


@dataclass
class ColumnPlan:
    """What every column of one sheet feeds."""

    questions: dict[str, int] = field(default_factory=dict)  # question id -> its column
    meta: dict[str, int] = field(default_factory=dict)  # field -> its column
    by: int | None = None
    # multiple-choice question -> its option columns (column, choice id, option label)
    groups: dict[str, list[tuple[int, str, str]]] = field(default_factory=dict)
    notes: dict[str, list[int]] = field(default_factory=dict)  # question id -> note columns
    roles: dict[int, str] = field(default_factory=dict)  # column -> answer/meta/drop/problem
    matches: list[ColumnMatch] = field(default_factory=list)
    not_used: list[NotUsed] = field(default_factory=list)
    problems: list[SheetProblem] = field(default_factory=list)


def plan_columns(
    source: str, row: int, layout: Layout, matcher: HeaderMatcher, blank_with_data: set[int]
) -> ColumnPlan:
    """Decide every column's target; unknown, second and headerless columns become problems.

    ``row`` is the sheet row of the (last) header row, for problems;
    ``blank_with_data`` the columns with no header that hold something in the first rows.
    """
    plan = ColumnPlan()
    headers_in_sheet = {normalise_header(h) for h in layout.labels if h.strip()}
    last_question = ""
    for j, label in enumerate(layout.labels):
        letter = column_letter(j)
        shown = short(label.strip())
        if not label.strip():
            if j in blank_with_data:
                plan.roles[j] = "problem"
                plan.problems.append(
                    SheetProblem(
                        source,
                        row,
                        letter,
                        "",
                        "has no header but holds answers, so this column is not read",
                        "Give it a header (a question id or text), or map it by its letter "
                        f"in a --map file ('{letter}: question_id').",
                        "warning",
                    )
                )
            continue
        kind, target, how = _understand(j, layout, matcher, headers_in_sheet, last_question)
        if kind in ("question", "option", "other", "note"):
            last_question = target.partition("/")[0]
        if kind == "by":
            plan.by = j
            plan.roles[j] = "meta"
            plan.matches.append(ColumnMatch(source, letter, label.strip(), "--by", "--by"))
            continue
        if kind == "drop":
            plan.roles[j] = "drop"
            plan.not_used.append(NotUsed(letter, label.strip(), target))
            continue
        if not kind:
            plan.roles[j] = "problem"
            plan.problems.append(
                SheetProblem(
                    source,
                    row,
                    letter,
                    shown,
                    "matches no question or known field, so this column is not read",
                    "Rename it to a question id, or map it in a --map file "
                    "(use 'ignore' for columns you do not need).",
                    "warning",
                )
            )
            continue
        first = _taken(plan, kind, target)
        if first is not None and kind == "meta" and how != "tool column":
            earlier = next(m for m in plan.matches if m.target == target)
            if earlier.how == "tool column":
                # The form's own name question beats the tool's sign-in name column.
                plan.matches.remove(earlier)
                plan.roles[first] = "drop"
                plan.not_used.append(
                    NotUsed(
                        earlier.column,
                        earlier.header,
                        f"{_own_record(target)}; column {letter} ({shown}) gives the "
                        f"{FIELD_WORDS.get(target, target)}",
                    )
                )
                first = None
        elif first is not None and kind == "meta" and how == "tool column":
            plan.roles[j] = "drop"
            plan.not_used.append(
                NotUsed(
                    letter,
                    label.strip(),
                    f"{_own_record(target)}; column {column_letter(first)} gives the "
                    f"{FIELD_WORDS.get(target, target)}",
                )
            )
            continue
        if first is not None:
            plan.roles[j] = "problem"
            plan.problems.append(
                SheetProblem(
                    source,
                    row,
                    letter,
                    shown,
                    f"is a second column for '{target}' (column {column_letter(first)}), "
                    "so it is not read",
                    "Delete or rename one of the two columns.",
                    "warning",
                )
            )
            continue
        plan.roles[j] = "meta" if kind == "meta" else "answer"
        if kind == "question":
            plan.questions[target] = j
        elif kind == "meta":
            plan.meta[target] = j
        elif kind == "option":
            qid, _, cid = target.partition("/")
            plan.groups.setdefault(qid, []).append((j, cid, layout.options.get(j, cid)))
        else:  # note or other: text kept as the answer's note
            target = target.partition("/")[0]
            plan.notes.setdefault(target, []).append(j)
            target = f"note:{target}"
        plan.matches.append(ColumnMatch(source, letter, label.strip(), target, how))
    # A question with its own column and one column per choice (KoboToolbox's "both"):
    # the choice columns say the same unambiguously, so they are read and the other not.
    for qid in [q for q in plan.groups if q in plan.questions]:
        j = plan.questions.pop(qid)
        members = plan.groups[qid]
        span = f"{column_letter(members[0][0])}-{column_letter(members[-1][0])}"
        plan.roles[j] = "drop"
        plan.not_used.append(
            NotUsed(
                column_letter(j),
                layout.labels[j].strip(),
                f"the same answers as columns {span} (one per choice), read from there",
            )
        )
        plan.matches = [m for m in plan.matches if m.column != column_letter(j)]
    plan.not_used.sort(key=lambda u: (len(u.column), u.column))
    return plan


#: Metadata fields in words, for the summary.
FIELD_WORDS = {
    "completed": "completion time",
    "started": "start time",
    "response_id": "response id",
    "participant": "participant's name",
}


def _own_record(target: str) -> str:
    who = target in ("participant", "email")
    return f"{PERSONAL}: the form tool's own record" if who else "the form tool's own record"


def _taken(plan: ColumnPlan, kind: str, target: str) -> int | None:
    if kind == "question":
        return plan.questions.get(target)
    if kind == "meta":
        return plan.meta.get(target)
    if kind == "option":
        qid, _, cid = target.partition("/")
        return next((j for j, c, _ in plan.groups.get(qid, []) if c == cid), None)
    return None


def _understand(
    j: int, layout: Layout, matcher: HeaderMatcher, in_sheet: set[str], last: str
) -> tuple[str, str, str]:
    """(kind, target, how): kind is question, option, other, note, meta, drop, by or ''."""
    label = layout.labels[j].strip()
    alternatives = [a for a in layout.headers[j] if a.strip()] or [label]
    letter = column_letter(j)
    for text in [label, *alternatives]:
        key = normalise_header(text)
        if key in matcher.mapping:
            return _mapped(matcher.mapping[key], "map file")
    if letter in matcher.letters and normalise_header(letter) not in in_sheet:
        return _mapped(matcher.letters[letter], f"map file (column {letter})")
    if j in layout.others:
        parent = layout.parents.get(j)
        qid = _first_question(matcher, layout.headers[parent]) if parent is not None else ""
        qid = qid or _first_question(matcher, alternatives) or last
        if qid:
            return "other", qid, f"'Other' text of {qid}"
    for text in alternatives:  # a grid's row under its stem (a matrix's two header rows)
        if normalise_header(text) in matcher.rows:
            return "question", matcher.rows[normalise_header(text)], "question text (grid row)"
    for text in alternatives:
        qid = matcher.question(text)
        if not qid or matcher.match(text)[1] == "question text (start)":
            continue
        label_row = layout.options.get(j)
        if label_row is not None and text == label_row:
            # Row 2 is itself a question's text: a matrix row (SurveyMonkey, SmartSurvey).
            return "question", qid, "question text (matrix row)"
        if label_row is not None and qid in matcher.multi:
            cid = matcher.choice(qid, label_row)
            if cid:
                return "option", f"{qid}/{cid}", f"option of {qid}"
            continue
        if label_row is not None:
            continue  # an option label under a question that has no such choice
        return "question", qid, matcher.match(text)[1]
    if matcher.is_by(label):
        return "by", "", ""
    if j in layout.roles:
        kind, value = layout.roles[j]
        return kind, value, "tool column" if kind == "meta" else ""
    for text in alternatives:
        target, how = matcher.match(text)
        if target == "ignore":
            return "drop", TOOL, ""
        if target in METADATA_FIELDS:
            return "meta", target, how
    found = _pieces(matcher, alternatives, last)
    if found:
        return found
    for text in alternatives:  # a long header that starts one question's text
        qid = matcher.question(text)
        if qid:
            return "question", qid, "question text (start)"
    return "", "", ""


def _mapped(target: str, how: str) -> tuple[str, str, str]:
    if target == "ignore":
        return "drop", "marked 'ignore' in the map file", ""
    if target.startswith("note:"):
        return "note", target[5:].strip(), how
    if "/" in target:
        qid, _, cid = target.partition("/")
        return ("other", qid, how) if cid == "other" else ("option", target, how)
    if target in METADATA_FIELDS:
        return "meta", target, how
    return "question", target, how


def _first_question(matcher: HeaderMatcher, texts: list[str]) -> str:
    for text in texts:
        qid = matcher.question(text)
        if qid:
            return qid
    return ""


def _pieces(matcher: HeaderMatcher, texts: list[str], last: str) -> tuple[str, str, str] | None:
    """Options, Other text and notes named inside a header: ``Q [Costs]``, ``grp/q/costs``,
    ``q_other``, ``q note``; a bare choice label (Typeform); a bare "Other" after a question."""
    for text in texts:
        bracket = split_option(text)
        if bracket is not None and matcher.question(bracket[1]):
            # A grid ("Title [statement]", Google Forms and LimeSurvey arrays): each row
            # is a question of its own.
            return "question", matcher.question(bracket[1]), "question text (grid row)"
        candidates = [text, *strip_groups(text)]
        if bracket is not None:
            candidates.insert(0, f"{bracket[0]}/{bracket[1]}")
        for cand in candidates:
            head, _, tail = cand.rpartition("/")
            if not head and cand != text and matcher.question(cand):
                return "question", matcher.question(cand), "question id (group prefix)"
            if head:
                qid = matcher.question(head) or _first_question(matcher, strip_groups(head))
                if qid and is_other(tail):
                    return "other", qid, f"'Other' text of {qid}"
                if qid and matcher.choice(qid, tail):
                    return "option", f"{qid}/{matcher.choice(qid, tail)}", f"option of {qid}"
                if qid and bracket is None:
                    return "question", qid, "question id (group prefix)"
            if cand.casefold().endswith("_other"):
                qid = matcher.question(cand[: -len("_other")])
                if qid:
                    return "other", qid, f"'Other' text of {qid}"
            note = _NOTE.match(cand)
            if note and note.group(1).strip():
                qid = matcher.question(note.group(1).strip())
                if qid:
                    return "note", qid, f"note for {qid}"
    for text in texts:
        key = normalise(text)
        if key in matcher.owner:
            qid, cid = matcher.owner[key]
            return "option", f"{qid}/{cid}", f"option of {qid} (by its label)"
        if is_other(text) and last:
            return "other", last, f"'Other' text of {last}"
    return None
