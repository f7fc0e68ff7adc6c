"""One text for a translator, and what a translation file says about itself."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["questionnaire", "interface"]

#: '{name}' (coprod's messages and labels) and '%s' (a few labels) must survive translation.
BRACE = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
PERCENT = re.compile(r"%[sd]")


@dataclass(frozen=True)
class Unit:
    """One text: its id, the source wording, the translation so far and whether it is reviewed.

    ``reviewed`` means a person has approved the translation: in PO, an entry
    without the ``fuzzy`` flag; in XLIFF, ``approved="yes"`` or a signed-off state.
    """

    id: str
    source: str
    target: str = ""
    context: str = ""
    reviewed: bool = False
    reference: str = ""
    line: int | None = None

    @property
    def brace_format(self) -> bool:
        """True when the text has ``{name}`` placeholders a translation must keep."""
        return bool(BRACE.search(self.source))

    @property
    def percent_format(self) -> bool:
        """True when the text has ``%s`` placeholders a translation must keep."""
        return bool(PERCENT.search(self.source))


@dataclass(frozen=True)
class Header:
    """What a translation file is of: a questionnaire (its id, version, file) or coprod itself."""

    kind: Kind
    name: str
    version: str
    source_lang: str
    target_lang: str
    original: str = ""


@dataclass
class TranslationFile:
    """A translation file as read: its header, its units, and where each unit was."""

    path: str
    header: Header
    units: list[Unit] = field(default_factory=list)
