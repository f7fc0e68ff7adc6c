"""Every word coprod reads, kept in one place: answer-sheet spellings and typed answers.

In a sheet, headers, not-applicable and don't-know answers, yes/no and
perspectives are compared after :func:`normalise`, so case, spaces, punctuation
and curly apostrophes never matter. The words typed in ``coprod assess`` sit at
the end, beside them: in a sheet "NA" means not applicable, while in a Welsh
session "na" means no. Add a spelling here, never in a reader.
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
        "cyfranogwr",
        "enw neu rif cyfranogwr",
        "rhif cyfranogwr",
        "cyfranogwr / participant",
    ),
    "email": ("email", "email address", "e mail", "your email", "e bost", "cyfeiriad e-bost"),
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
        "eich sefydliad",
        "cyngor",
        "sefydliad / organisation",
    ),
    "service": (
        "service",
        "your service",
        "service name",
        "team",
        "gwasanaeth",
        "eich gwasanaeth",
        "tîm",
        "gwasanaeth / service",
    ),
    "role": ("role", "job title", "job role", "your role", "rol", "rôl", "swydd", "eich rôl"),
    "perspective": (
        "perspective",
        "i am answering as",
        "answering as",
        "i am a",
        "which best describes you",
        "you are",
        "safbwynt",
        "rwy'n ateb fel",
        "safbwynt / perspective",
    ),
    "group": ("group", "workshop", "table", "round", "grwp", "grŵp", "gweithdy", "bwrdd", "rownd"),
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

NOT_APPLICABLE_SPELLINGS = frozenset(
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
        "amh",
        "ddim yn berthnasol",
        "dim yn berthnasol",
        "amherthnasol / n/a",
    )
)
DONT_KNOW_SPELLINGS = frozenset(
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
        "wn i ddim",
        "dwi ddim yn gwybod",
        "ddim yn siŵr",
        "ansicr",
        "ddim yn gwybod / don't know",
    )
)
#: Cells that mean "no answer": blank, or a dash someone typed to show they skipped it.
BLANK = frozenset(("", "-", "–", "—", ".", "--"))

#: Welsh 'na' (no) is not here: in a sheet 'NA' means not applicable, as English sheets write it.
YES_SPELLINGS = frozenset(
    normalise(s)
    for s in (
        *("yes", "y", "true"),
        *("ie", "ydy", "ydi", "ydw", "ydyn", "oes", "do", "gwir", "ie / yes"),
    )
)
NO_SPELLINGS = frozenset(
    normalise(s)
    for s in (
        *("no", "n", "false"),
        *("nac oes", "nac ydy", "nac ydi", "nac ydw", "nac ydyn", "nage", "naddo", "gau"),
        "nage / no",
    )
)

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
        "aelod o staff": "staff",
        "staff y cyngor": "staff",
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
        "person â phrofiad bywyd": "lived_experience",
        "rhywun â phrofiad bywyd": "lived_experience",
        "defnyddiwr gwasanaeth": "lived_experience",
        "profiad bywyd / lived experience": "lived_experience",
        "carer": "carer",
        "family carer": "carer",
        "parent carer": "carer",
        "unpaid carer": "carer",
        "gofalwr": "carer",
        "gofalwraig": "carer",
        "gofalydd": "carer",
        "gofalwr di-dâl": "carer",
        "gofalwr / carer": "carer",
        "partner": "partner",
        "partner organisation": "partner",
        "partner organization": "partner",
        "voluntary sector": "partner",
        "community group": "partner",
        "sefydliad partner": "partner",
        "sector gwirfoddol": "partner",
        "grŵp cymunedol": "partner",
        "other": "other",
        "arall": "other",
        "arall / other": "other",
    }.items()
}

#: Multiple-choice cells may list choices separated by these (Microsoft Forms uses ';').
CHOICE_SEPARATORS = re.compile(r"\s*[;\n|]\s*")


# --- written in blank answer sheets ------------------------------------------

#: The blank answer sheet's own words (``coprod template``), English and Welsh side by
#: side. Every header, perspective and answer word here must be one `coprod batch` reads
#: back (the spellings above), alone and as 'Welsh / English' for a bilingual sheet;
#: tests/test_welsh_outputs.py checks. The Welsh is a draft translation, to be reviewed
#: by a Welsh speaker (docs/welsh.md).
SHEET_WORDS: dict[str, dict[str, str]] = {
    "participant": {"en": "participant", "cy": "cyfranogwr"},
    "organisation": {"en": "organisation", "cy": "sefydliad"},
    "service": {"en": "service", "cy": "gwasanaeth"},
    "perspective": {"en": "perspective", "cy": "safbwynt"},
    "staff": {"en": "staff", "cy": "staff"},
    "lived_experience": {"en": "lived experience", "cy": "profiad bywyd"},
    "carer": {"en": "carer", "cy": "gofalwr"},
    "partner": {"en": "partner", "cy": "partner"},
    "other": {"en": "other", "cy": "arall"},
    "not_applicable": {"en": "N/A", "cy": "Amherthnasol"},
    "dont_know": {"en": "Don't know", "cy": "Ddim yn gwybod"},
    # 'Na' is not used: coprod batch reads 'NA' as not applicable (English sheets write it so).
    "yes": {"en": "Yes", "cy": "Ie"},
    "no": {"en": "No", "cy": "Nage"},
    "question_id": {"en": "Question id", "cy": "Cod y cwestiwn"},
    "principle": {"en": "Principle", "cy": "Egwyddor"},
    "question": {"en": "Question", "cy": "Cwestiwn"},
    "answer_with": {"en": "Answer with", "cy": "Sut i ateb"},
    "allowed": {"en": "Allowed answers", "cy": "Atebion a ganiateir"},
    "help": {"en": "Help", "cy": "Cymorth"},
    "type_scale": {"en": "a level of the scale", "cy": "lefel ar y raddfa"},
    "type_yes_no": {"en": "yes or no", "cy": "ie neu nage"},
    "type_number": {"en": "a number", "cy": "rhif"},
    "type_single_choice": {"en": "one choice", "cy": "un dewis"},
    "type_multiple_choice": {"en": "any of the choices", "cy": "unrhyw rai o'r dewisiadau"},
    "type_text": {"en": "your own words", "cy": "eich geiriau eich hun"},
    "prompt": {"en": "Pick an answer, or type one", "cy": "Dewiswch ateb, neu teipiwch un"},
    "list_title": {"en": "Answers for {name}", "cy": "Atebion ar gyfer {name}"},
    # What the Questions sheet says a question takes (Welsh; English is cells.allowed_answers).
    "whole_number": {"en": "a whole number", "cy": "rhif cyfan"},
    "at_least": {"en": "at least {value}", "cy": "o leiaf {value}"},
    "at_most": {"en": "at most {value}", "cy": "{value} ar y mwyaf"},
    "and": {"en": "and", "cy": "a"},
    "any_of": {
        "en": "any of: {labels} (separate them with ';')",
        "cy": "unrhyw rai o: {labels} (rhowch ';' rhyngddyn nhw)",
    },
    "any_text": {"en": "any text", "cy": "unrhyw destun"},
}

# --- typed in coprod assess (answers files and the prompt) -------------------

#: Typed words that mean yes or no, in English and Welsh (answers to a yes/no
#: question, and to 'make the report now?'). Welsh answers echo the verb of the
#: question (Oes? Oes / Nac oes), so every usual form is accepted.
TYPED_YES = frozenset({"y", "yes", "ie", "oes", "ydy", "ydi", "ydw", "ydyn", "do", "yndy"})
TYPED_NO = frozenset(
    {
        "no",
        "na",
        "nage",
        "nac oes",
        "nag oes",
        "nac ydy",
        "nag ydy",
        "nac ydi",
        "nac ydw",
        "nac ydyn",
        "naddo",
    }
)

#: Words typed instead of the x and d keys. "na" is Welsh for "no", so in a Welsh
#: session it answers a yes/no question and never means "not applicable".
TYPED_NOT_APPLICABLE = frozenset(
    {"n/a", "na", "not applicable", "amherthnasol", "ddim yn berthnasol", "d/b", "dd/b"}
)
TYPED_DONT_KNOW = frozenset(
    {"don't know", "dont know", "dk", "ddim yn gwybod", "dim yn gwybod", "wn i ddim"}
)


# --- action plans (coprod plan) ---------------------------------------------

#: Spellings an edited action plan may use for its headings and words, beside the
#: labels coprod writes (report_templates/plan/labels/*.yaml, read in English and
#: Welsh). Keys are those labels' names.
PLAN_SPELLINGS: dict[str, tuple[str, ...]] = {
    "col_ref": ("reference", "ref no", "cyfeirnod"),
    "col_kind": ("kind", "row type"),
    "col_principle": ("area", "theme", "thema"),
    "col_recommendation": ("recommendations", "argymhellion"),
    "col_action": ("actions", "action to take", "what we will do", "gweithred", "camau"),
    "col_owner": ("who", "lead", "responsible", "owned by", "pwy", "arweinydd", "cyfrifol"),
    "col_due": ("due", "by when", "deadline", "date", "target date", "erbyn", "dyddiad"),
    "col_notes": ("note", "comments", "comment", "nodyn", "sylwadau"),
    "col_principle_id": ("id", "principle code"),
    "col_baseline": ("baseline", "score at baseline", "llinell sylfaen"),
    "col_people": ("n", "people n", "nifer"),
    "col_spread": ("sd", "spread", "gwasgariad"),
    "col_target": ("target", "targed", "target score for next round"),
    "status_not_started": ("not yet started", "to do", "todo", "not begun", "heb gychwyn"),
    "status_under_way": (
        "underway",
        "in progress",
        "started",
        "ongoing",
        "doing",
        "ar waith",
        "wedi dechrau",
        "yn mynd rhagddo",
    ),
    "status_done": (
        "complete",
        "completed",
        "finished",
        "wedi ei wneud",
        "wedi gorffen",
        "wedi'i gwblhau",
        "cwblhawyd",
    ),
    "status_dropped": (
        "cancelled",
        "canceled",
        "not doing",
        "stopped",
        "abandoned",
        "wedi ei ollwng",
        "wedi'i ganslo",
    ),
    "kind_action": ("gweithred",),
    "kind_discussion": ("discuss", "for discussion", "i'w drafod"),
    "level_high": ("high priority", "blaenoriaeth uchel"),
    "level_medium": ("medium priority", "med", "blaenoriaeth ganolig", "ganolig"),
    "level_low": ("low priority", "blaenoriaeth isel"),
}

#: Month names (and their short forms) in typed dates, English and Welsh, normalised.
MONTH_NAMES: dict[str, int] = {
    normalise(name): number
    for number, names in enumerate(
        (
            ("january", "jan", "ionawr", "ion"),
            ("february", "feb", "chwefror", "chwe"),
            ("march", "mar", "mawrth", "maw"),
            ("april", "apr", "ebrill", "ebr"),
            ("may", "mai"),
            ("june", "jun", "mehefin", "meh"),
            ("july", "jul", "gorffennaf", "gorff"),
            ("august", "aug", "awst"),
            ("september", "sep", "sept", "medi"),
            ("october", "oct", "hydref", "hyd"),
            ("november", "nov", "tachwedd", "tach"),
            ("december", "dec", "rhagfyr", "rhag"),
        ),
        1,
    )
    for name in names
}
