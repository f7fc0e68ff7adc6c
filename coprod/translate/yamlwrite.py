"""Write texts back into a YAML file with ruamel.yaml, keeping its comments and layout.

ruamel is used for writing only: every file it writes is read back through
coprod's strict loader and checked before it replaces the original. A file
read and written with nothing changed comes back byte for byte.
"""

from __future__ import annotations

import io
import itertools
import re
import textwrap
from typing import Any

from coprod.errors import InputFileError
from coprod.model import REVIEWED

#: Lines of a new folded text end by this column, like the rest of coprod's files.
WRAP_AT = 80


def round_trip(text: str, where: str) -> tuple[Any, Any]:
    """The YAML as an editable ruamel document, and the ruamel instance that writes it back."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a line we did not change
    mapping, sequence, offset = _indents(text)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    try:
        return yaml.load(text), yaml
    except YAMLError as exc:
        raise InputFileError(f"{where}: not readable YAML ({exc}).") from None


def dump(document: Any, yaml: Any) -> str:
    """The document as YAML text."""
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


def set_wording(text_map: Any, lang: str, wording: str, like: Any) -> None:
    """Put ``wording`` under ``lang`` in a text map, in the scalar style of ``like``."""
    text_map[lang] = styled(wording, like, _content_column(text_map))


def styled(wording: str, like: Any, column: int) -> Any:
    """``wording`` as a scalar of the same kind as ``like`` (folded, literal, quoted, plain)."""
    from ruamel.yaml.scalarstring import (
        DoubleQuotedScalarString,
        FoldedScalarString,
        LiteralScalarString,
        SingleQuotedScalarString,
    )

    if isinstance(like, FoldedScalarString):
        folded = FoldedScalarString(wording)
        folded.fold_pos = _fold_positions(wording, max(WRAP_AT - column, 30))
        return folded
    for kind in (LiteralScalarString, DoubleQuotedScalarString, SingleQuotedScalarString):
        if isinstance(like, kind):
            return kind(wording)
    return wording


def mark_reviewed(text_map: Any, lang: str, reviewed: bool) -> None:
    """Add ``lang`` to the text's ``reviewed:`` marker, or take it out (the key goes when empty)."""
    codes = str(text_map.get(REVIEWED, "")).replace(",", " ").split()
    if reviewed and lang not in codes:
        codes.append(lang)
    elif not reviewed and lang in codes:
        codes.remove(lang)
    if codes:
        text_map[REVIEWED] = " ".join(codes)
    elif REVIEWED in text_map:
        del text_map[REVIEWED]


def _fold_positions(wording: str, width: int) -> list[int]:
    """Where a folded scalar breaks its lines: the index of each space that becomes a newline."""
    positions: list[int] = []
    at = 0
    for line in textwrap.wrap(wording, width, break_long_words=False, break_on_hyphens=False)[:-1]:
        at = wording.index(line, at) + len(line)
        positions.append(at)
    return positions


def _content_column(text_map: Any) -> int:
    """The column a block scalar's lines start at under this map's keys."""
    col = getattr(getattr(text_map, "lc", None), "col", 0) or 0
    return int(col) + 2


def _indents(text: str) -> tuple[int, int, int]:
    """The file's own indentation: (mapping, sequence, dash offset), so ruamel keeps it."""
    lines = text.splitlines()
    mapping = sequence = offset = 0
    for above, line in itertools.pairwise(lines):
        if not re.match(r"^[A-Za-z_][\w-]*:\s*$", above):
            continue
        found = re.match(r"^( +)(- )?\S", line)
        if not found:
            continue
        if found.group(2) and not sequence:
            offset = len(found.group(1))
            sequence = offset + 2
        elif not found.group(2) and not mapping:
            mapping = len(found.group(1))
        if mapping and sequence:
            break
    mapping = mapping or 2
    return mapping, sequence or mapping + 2, offset if sequence else mapping
