"""Which survey tool wrote a sheet, and what its header rows and its own columns mean.

Each tool lays its export out in its own way (docs/batch.md has the table, and
tests/fixtures/tools/README.md names the source of each layout): SurveyMonkey
and SmartSurvey put option labels in a second header row under blank
continuation headers, Qualtrics adds two rows (question text and ``{"ImportId": ...}``)
under its ids, KoboToolbox joins group names with ``/``, LimeSurvey writes
``Q5[SQ001]`` codes. :func:`detect_layout` looks at the first rows only and says
how many of them are headers, what each column's header is, which columns are
the tool's own bookkeeping or personal data (never kept), and which are option
or "Other" columns belonging to a question. Nothing here knows the questionnaire.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from coprod.i18n.words import normalise

#: Why a column is not kept: personal data is never copied into any output.
PERSONAL = "personal data, not kept"
TOOL = "the form tool's own bookkeeping, not needed"

#: Headers that hold personal data in any tool's export (compared after normalise).
PERSONAL_HEADERS = frozenset(
    normalise(h)
    for h in (
        "ip address",
        "ipaddress",
        "ipaddr",
        "ip",
        "first name",
        "last name",
        "recipientfirstname",
        "recipientlastname",
        "recipientemail",
        "recipient email",
        "recipient first name",
        "recipient last name",
        "locationlatitude",
        "locationlongitude",
        "location latitude",
        "location longitude",
        "latitude",
        "longitude",
        "phone",
        "phone number",
        "telephone",
        "deviceid",
        "device id",
        "_submitted_by",
        "submitterid",
        "submittername",
        "username",
        "network id",
        "refurl",
        "referrer url",
        "referer",
        "tracking link",
        "custom data 1",
        "custom value",
        "externalreference",
        "external reference",
    )
)

#: Columns tools add that carry nothing coprod needs (compared after normalise).
TOOL_HEADERS = frozenset(
    normalise(h)
    for h in (
        "collector id",
        "status",
        "progress",
        "duration (in seconds)",
        "finished",
        "recordeddate",
        "recorded date",
        "distributionchannel",
        "distribution channel",
        "userlanguage",
        "user language",
        "response type",
        "lastpage",
        "last page",
        "startlanguage",
        "start language",
        "seed",
        "datestamp",
        "date last action",
        "_uuid",
        "_validation_status",
        "_notes",
        "_status",
        "__version__",
        "_tags",
        "_index",
        "_version_",
        "meta/instanceid",
        "meta-instanceid",
        "meta/rootuuid",
        "instanceid",
        "key",
        "attachmentspresent",
        "attachmentsexpected",
        "reviewstate",
        "edits",
        "formversion",
        "today",
        "tags",
        "unique id",
        "ended",
        "time taken",
        "completed (yes/no)",
    )
)

#: Tool columns that are metadata coprod uses: header -> field (compared after normalise).
TOOL_METADATA = {
    normalise(h): f
    for h, f in (
        ("respondent id", "response_id"),
        ("responseid", "response_id"),
        ("response id", "response_id"),
        ("userno", "response_id"),
        ("_id", "response_id"),
        ("#", "response_id"),
        ("submission id", "response_id"),
        ("startdate", "started"),
        ("start date", "started"),
        ("start date (utc)", "started"),
        ("date started", "started"),
        ("startdate", "started"),
        ("start", "started"),
        ("started", "started"),
        ("enddate", "completed"),
        ("end date", "completed"),
        ("submit date (utc)", "completed"),
        ("submission date", "completed"),
        ("submitdate", "completed"),
        ("date submitted", "completed"),
        ("_submission_time", "completed"),
        ("submissiondate", "completed"),
        ("end", "completed"),
        ("response submitted", "completed"),
        ("email address", "email"),
        ("email", "email"),
        ("name", "participant"),
    )
}
TOOL_METADATA["#"] = "response_id"  # Typeform's response token (no letters to normalise)

#: Second-row words that say "this column is the question's answer", not an option label.
ANSWER_WORDS = frozenset(normalise(w) for w in ("response", "open-ended response", "answer"))
#: Labels of an option whose column holds the typed "Other" text.
OTHER_WORDS = re.compile(
    r"^(other|arall|other \(please specify\)|other - text|other text|please specify|"
    r"specify other\.?)$",
    re.I,
)
_BRACKET = re.compile(r"^(.*?)\s*\[([^\]]+)\]\s*$")
_QUALTRICS_TAIL = re.compile(r"\s+-\s+(selected choice|other\s*-\s*text|.+?\s*-\s*text)$", re.I)


@dataclass(frozen=True)
class Layout:
    """How a sheet is laid out: its tool, header rows, and what each column's header says."""

    tool: str  # e.g. "SurveyMonkey (expanded)"; "" when no tool's layout was recognised
    header_rows: int
    headers: list[list[str]]  # per column: the header texts to match, most telling first
    labels: list[str]  # per column: the header as shown to people
    roles: dict[int, tuple[str, str]] = field(default_factory=dict)  # ("meta", field)/("drop", why)
    parents: dict[int, int] = field(default_factory=dict)  # option column -> its question's column
    options: dict[int, str] = field(default_factory=dict)  # option column -> option label
    others: set[int] = field(default_factory=set)  # columns of typed "Other" text
    date_order: str = ""  # the tool's own day/month order, "" when it depends on the file


def is_other(label: str) -> bool:
    """Whether an option label is the "Other (please specify)" choice."""
    return bool(OTHER_WORDS.match(label.strip()))


def split_option(header: str) -> tuple[str, str] | None:
    """(question, option) from ``Question [Option]`` (LimeSurvey full text, Google grids)."""
    match = _BRACKET.match(header.strip())
    if match is None or not match.group(1).strip():
        return None
    return match.group(1).strip(), match.group(2).strip()


def strip_groups(header: str) -> list[str]:
    """KoboToolbox/ODK group prefixes taken off, shortest last: ``grp/q/opt`` -> [``q/opt``,
    ``opt``]; label headers (``Group label/Question text``) likewise."""
    for sep in ("/", "-") if "/" not in header else ("/",):
        parts = [p for p in header.split(sep) if p]
        if len(parts) > 1 and all(re.fullmatch(r"[A-Za-z_][\w.]*", p) for p in parts):
            return [sep.join(parts[i:]) for i in range(1, len(parts))]
    if "/" in header:
        parts = [p.strip() for p in header.split("/") if p.strip()]
        return ["/".join(parts[i:]) for i in range(1, len(parts))]
    return []


def qualtrics_base(text: str) -> tuple[str, str]:
    """Qualtrics question text without ' - Selected Choice' / ' - Other - Text': (text, tail)."""
    match = _QUALTRICS_TAIL.search(text)
    if match is None:
        return text, ""
    return text[: match.start()].strip(), match.group(1).strip().casefold()


def detect_layout(rows: Sequence[list[str]]) -> Layout:
    """The layout of a sheet from its first rows (the first non-blank row first)."""
    first = [c.strip() for c in rows[0]]
    keys = {normalise(c) for c in first if c}
    second = [c.strip() for c in rows[1]] if len(rows) > 1 else []
    third = [c.strip() for c in rows[2]] if len(rows) > 2 else []
    if {"responseid", "startdate", "enddate"} & keys and (
        any(c.startswith('{"ImportId"') for c in third)
        or any(c.startswith('{"ImportId"') for c in second)
        or [normalise(c) for c in second[:2]] == ["start date", "end date"]
    ):
        return _qualtrics(first, second, third)
    if {"respondent id", "collector id"} <= keys:
        return _two_rows("SurveyMonkey", first, second, "mdy")
    if {"userno"} <= keys or ({"started", "ended"} <= keys and "unique id" in keys):
        return _two_rows("SmartSurvey", first, second, "dmy")
    if {"id", "submitdate"} <= keys or {"response id", "date submitted", "last page"} <= keys:
        return _plain("LimeSurvey", first, "")
    if "_uuid" in keys or "_submission_time" in keys or {"start", "end"} <= keys:
        return _plain("KoboToolbox/ODK", first, "")
    if {"submissiondate", "key"} <= keys or "meta instanceid" in keys:
        return _plain("KoboToolbox/ODK", first, "")
    if first and first[0] == "#" and ("submit date utc" in keys or "network id" in keys):
        return _plain("Typeform", first, "")
    if "submission date" in keys and ("submission id" in keys or "ip" in keys):
        return _plain("Jotform", first, "")
    if {"id", "start time", "completion time"} <= keys:
        return _microsoft_forms(first)
    if "response id" in keys and ("response submitted" in keys or "consultation" in keys):
        return _plain("Citizen Space", first, "dmy")
    if first and normalise(first[0]) == "timestamp":
        return _plain("Google Forms", first, "")
    if sum(normalise(c) in ANSWER_WORDS for c in second) >= 2:
        # A second header row of "Response" / "Open-Ended Response" under the questions:
        # a SurveyMonkey-style export whose own columns were deleted.
        return _two_rows("", first, second, "")
    personal = {
        j: ("drop", PERSONAL) for j, c in enumerate(first) if normalise(c) in PERSONAL_HEADERS
    }
    return Layout("", 1, [[c] for c in first], first, personal)


def _tool_roles(labels: list[str], meta: bool = True) -> dict[int, tuple[str, str]]:
    """The tool's own columns: metadata it records, personal data and bookkeeping."""
    roles: dict[int, tuple[str, str]] = {}
    for j, text in enumerate(labels):
        key = normalise(text) if text not in ("#", "_id") else text
        if key in PERSONAL_HEADERS:
            roles[j] = ("drop", PERSONAL)
        elif key in TOOL_HEADERS:
            roles[j] = ("drop", TOOL)
        elif meta and (key in TOOL_METADATA or text.strip() in TOOL_METADATA):
            key = key if key in TOOL_METADATA else text.strip()
            roles[j] = ("meta", TOOL_METADATA[key])
    return roles


def _plain(tool: str, first: list[str], order: str) -> Layout:
    return Layout(tool, 1, [[c] for c in first], first, _tool_roles(first), date_order=order)


def _microsoft_forms(first: list[str]) -> Layout:
    roles = _tool_roles(first)
    for j, text in enumerate(first):
        key = normalise(text)
        if key == "id":
            roles[j] = ("meta", "response_id")
        elif key == "start time":
            roles[j] = ("meta", "started")
        elif key == "completion time":
            roles[j] = ("meta", "completed")
        elif key == "email" and j < 6:
            roles[j] = ("meta", "email")
        elif key == "name" and j < 6:
            # The sign-in name Forms records itself (usually blank): the participant only
            # when the form has no name question of its own (see plan_columns).
            roles[j] = ("meta", "participant")
        elif key == "last modified time" or key.startswith(("points ", "feedback ")):
            roles[j] = ("drop", TOOL)
    return Layout("Microsoft Forms", 1, [[c] for c in first], first, roles)


def _two_rows(tool: str, first: list[str], second: list[str], order: str) -> Layout:
    """SurveyMonkey and SmartSurvey: questions in row 1, answer or option labels in row 2."""
    width = max(len(first), len(second))
    first = first + [""] * (width - len(first))
    second = second + [""] * (width - len(second))
    has_options = any(not a and b for a, b in zip(first, second, strict=True))
    headers: list[list[str]] = []
    labels: list[str] = []
    parents: dict[int, int] = {}
    options: dict[int, str] = {}
    others: set[int] = set()
    parent = -1
    for j, (top, sub) in enumerate(zip(first, second, strict=True)):
        if top:
            parent = j
        head = top or (first[parent] if parent >= 0 else "")
        sub_key = normalise(sub)
        if not sub or sub_key in ANSWER_WORDS:
            headers.append([head])
            labels.append(head)
            continue
        labels.append(f"{head} / {sub}" if head else sub)
        # A matrix row's label is often a question of its own: try it first.
        headers.append([sub, f"{head} {sub}", head])
        if parent >= 0:
            parents[j] = parent
            if is_other(sub):
                others.add(j)
            else:
                options[j] = sub
    roles = _tool_roles(first)
    kind = (" (expanded)" if has_options else " (condensed)") if tool == "SurveyMonkey" else ""
    return Layout(tool + kind, 2, headers, labels, roles, parents, options, others, order)


def _qualtrics(first: list[str], second: list[str], third: list[str]) -> Layout:
    """Qualtrics: ids, question text, then ``{"ImportId": ...}`` (older exports lack row 3)."""
    rows = 3 if any(c.startswith('{"ImportId"') for c in third) else 2
    headers: list[list[str]] = []
    labels: list[str] = []
    parents: dict[int, int] = {}
    others: set[int] = set()
    by_base: dict[str, int] = {}
    width = max(len(first), len(second))
    first = first + [""] * (width - len(first))
    second = second + [""] * (width - len(second))
    for j, (code, text) in enumerate(zip(first, second, strict=True)):
        base, tail = qualtrics_base(text)
        labels.append(text or code)
        headers.append([base, code] if base else [code])
        if tail.endswith("text") and (code.endswith("_TEXT") or "other" in tail):
            others.add(j)
            if base in by_base:
                parents[j] = by_base[base]
        else:
            by_base.setdefault(base, j)
    roles = _tool_roles(first)
    for j, code in enumerate(first):
        if code == "StartDate":
            roles[j] = ("meta", "started")
        elif code == "EndDate":
            roles[j] = ("meta", "completed")
        elif code == "ResponseId":
            roles[j] = ("meta", "response_id")
    return Layout("Qualtrics", rows, headers, labels, roles, parents, {}, others)
