"""Every spelling coprod understands in an answer sheet, kept in one place.

Headers, not-applicable and don't-know answers, yes/no and perspectives are
compared after :func:`normalise`, so case, spaces, punctuation and curly
apostrophes never matter. Add a spelling here, never in the reader.
"""

from __future__ import annotations

import re
import unicodedata

_PUNCT = re.compile(r"[^\w]+")
_LEADING_NUMBER = re.compile(r"^\s*(?:q(?:uestion)?\s*)?\d+[a-z]?\s*(?:[.):\-–—]\s*|\s+)", re.I)


def normalise(text: str) -> str:
    """Lower case, accents kept, punctuation and runs of spaces turned into one space."""
    text = unicodedata.normalize("NFC", text).replace("’", "'").replace("‘", "'")
    text = text.replace("'", "")
    return _PUNCT.sub(" ", text.casefold()).replace("_", " ").strip()


def normalise_header(text: str) -> str:
    """A header without a leading question number ("3.", "Q3", "Question 3:") or a required '*'."""
    text = text.strip().rstrip("*").strip()
    stripped = _LEADING_NUMBER.sub("", text, count=1)
    return normalise(stripped or text)


#: Metadata fields a column can hold, and the headers that mean each one.
METADATA_HEADERS: dict[str, tuple[str, ...]] = {
    "participant": (
        "participant",
        "participant id",
        "participant name",
        "name",
        "your name",
        "full name",
        "respondent",
        "enw",
    ),
    "email": ("email", "email address", "e mail", "your email", "e bost"),
    "response_id": ("id", "response id", "response number", "submission id"),
    "started": ("start time", "started", "start date"),
    "completed": ("timestamp", "completion time", "completed", "submitted", "date", "end time"),
    "organisation": (
        "organisation",
        "organization",
        "your organisation",
        "organisation name",
        "council",
        "sefydliad",
    ),
    "service": ("service", "your service", "service name", "team", "gwasanaeth"),
    "role": ("role", "job title", "job role", "your role", "rol"),
    "perspective": (
        "perspective",
        "i am answering as",
        "answering as",
        "i am a",
        "which best describes you",
        "you are",
        "safbwynt",
    ),
    "group": ("group", "workshop", "table", "round", "grwp"),
}

#: Columns form tools add that carry nothing to score (recognised, so not listed as unmatched).
IGNORED_HEADERS = (
    "last modified time",
    "total points",
    "quiz feedback",
    "points",
    "feedback",
    "score",
)

#: Every metadata field name, for --map files.
METADATA_FIELDS = tuple(METADATA_HEADERS)

NOT_APPLICABLE = frozenset(
    normalise(s)
    for s in (
        "n/a",
        "na",
        "n.a.",
        "not applicable",
        "does not apply",
        "doesn't apply",
        "not relevant",
        "amherthnasol",
        "ddim yn berthnasol",
    )
)
DONT_KNOW = frozenset(
    normalise(s)
    for s in (
        "don't know",
        "dont know",
        "do not know",
        "dk",
        "d/k",
        "not sure",
        "unsure",
        "?",
        "ddim yn gwybod",
        "dim yn gwybod",
    )
)
#: Cells that mean "no answer": blank, or a dash someone typed to show they skipped it.
BLANK = frozenset(("", "-", "–", "—", ".", "--"))

YES = frozenset(normalise(s) for s in ("yes", "y", "true", "ie", "ydy", "oes", "do", "gwir"))
NO = frozenset(normalise(s) for s in ("no", "n", "false", "nac oes", "nac ydy", "nage", "naddo"))

#: Perspective spellings -> coprod's perspective ids (see model.PERSPECTIVES).
PERSPECTIVE_ALIASES: dict[str, str] = {
    normalise(k): v
    for k, v in {
        "staff": "staff",
        "member of staff": "staff",
        "staff member": "staff",
        "employee": "staff",
        "worker": "staff",
        "practitioner": "staff",
        "professional": "staff",
        "manager": "staff",
        "council staff": "staff",
        "staff/volunteer": "staff",
        "staff volunteer": "staff",
        "lived experience": "lived_experience",
        "lived_experience": "lived_experience",
        "person with lived experience": "lived_experience",
        "someone with lived experience": "lived_experience",
        "expert by experience": "lived_experience",
        "service user": "lived_experience",
        "someone who uses the service": "lived_experience",
        "person who uses the service": "lived_experience",
        "i use the service": "lived_experience",
        "user": "lived_experience",
        "resident": "lived_experience",
        "citizen": "lived_experience",
        "profiad bywyd": "lived_experience",
        "carer": "carer",
        "family carer": "carer",
        "parent carer": "carer",
        "unpaid carer": "carer",
        "gofalwr": "carer",
        "partner": "partner",
        "partner organisation": "partner",
        "partner organization": "partner",
        "voluntary sector": "partner",
        "community group": "partner",
        "other": "other",
        "arall": "other",
    }.items()
}

#: Multiple-choice cells may list choices separated by these (Microsoft Forms uses ';').
CHOICE_SEPARATORS = re.compile(r"\s*[;\n|]\s*")
