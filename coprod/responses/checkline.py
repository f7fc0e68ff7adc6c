"""The check line: how a response file coprod wrote proves that it is whole.

coprod writes every response file as two header comment lines, the YAML, and
a last comment line, the check line::

    # coprod response file. Its last line checks that it is whole. Edited it by hand? ...
    # Ffeil ymateb coprod. ...
    format: 1
    ...
    # coprod check: 47 lines, sha256:3f2a9b7c0d1e4f56

The check line counts the lines above it and gives the first 16 hex digits of
the SHA-256 of those lines (line endings as ``\\n``, trailing spaces dropped, so a
copy through Windows or an editor that trims lines still checks). Both are
comments, so the file stays plain YAML that a person can read and edit.

Why two ends: a file cut short (a sync tool, an interrupted copy) always keeps
its beginning and loses its end. The header promises a check line, so a file
that starts with it but no longer ends with a right check line was cut short
or changed. A person who edits the file by hand deletes a header line, and the
file is read as hand-edited with one notice, never as damaged. Deleting the
check line alone cannot mark a hand edit: a file cut short looks just the same.
"""

from __future__ import annotations

import hashlib
import re
import shlex
from dataclasses import dataclass
from enum import StrEnum

from coprod.errors import DamagedFileError

#: The two header lines coprod writes (English, then a draft Welsh translation).
HEADER = (
    "# coprod response file. Its last line checks that it is whole. "
    "Edited it by hand? Delete this line.",
    "# Ffeil ymateb coprod. Mae ei llinell olaf yn gwirio ei bod yn gyfan. "
    "Wedi'i golygu â llaw? Dilëwch y llinell hon.",
)
#: The first line coprod wrote before response files had a check line.
OLDER_HEADER = "# coprod response file: answers to a co-production self-assessment."

CHECK_START = "# coprod check"
_CHECK = re.compile(r"^# coprod check: (\d+) lines?, sha256:([0-9a-f]{16})$")


class State(StrEnum):
    """What the check line says about a response file."""

    whole = "whole"  # coprod wrote it and it is exactly as written
    hand_written = "hand_written"  # no header, no check line
    older = "older"  # written by a coprod from before check lines
    hand_edited = "hand_edited"  # a header line deleted: the person says they edited it
    cut_short = "cut_short"  # starts as coprod writes it, but its check line is gone
    changed = "changed"  # its check line is there but does not match


@dataclass(frozen=True)
class Check:
    """The outcome of reading a file's check line."""

    state: State
    line: int  # the check line's line number, or the file's last line when it has none
    detail: str = ""

    @property
    def damaged(self) -> bool:
        """True when the file must not be scored: cut short, or changed since coprod wrote it."""
        return self.state in (State.cut_short, State.changed)

    def notice(self, file: str) -> str:
        """The one notice shown for a file that could not be checked ('' when none is needed)."""
        why = {
            State.hand_written: "has no check line (it was written by hand)",
            State.older: "was written by an older coprod, without a check line",
            State.hand_edited: "is marked as edited by hand (a header line was deleted)",
        }.get(self.state)
        if why is None:
            return ""
        return f"{file}: {why}, so coprod cannot tell whether it is complete; scored as it stands."


def normal_lines(text: str) -> list[str]:
    """The lines of a text as the check line counts them; blank lines at the end left out."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    # spaces and tabs only: str.rstrip() would also take a no-break space, which YAML keeps
    lines = [line.rstrip(" \t") for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def digest(lines: list[str]) -> str:
    """The check line's digest of these lines: 16 hex digits of their SHA-256."""
    joined = "".join(f"{line}\n" for line in lines)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


def check_line(lines: list[str]) -> str:
    """The check line for the lines above it."""
    count = len(lines)
    return f"{CHECK_START}: {count} line{'s' if count != 1 else ''}, sha256:{digest(lines)}"


def add_check(body: str) -> str:
    """A response file's text: the header lines, ``body`` (YAML), and the check line."""
    lines = [*HEADER, *normal_lines(body)]
    return "".join(f"{line}\n" for line in lines) + check_line(lines) + "\n"


MISSING = "its check line, the last line coprod writes, is missing"
INCOMPLETE = "its check line, the last line coprod writes, is incomplete"


def read_check(text: str) -> Check:
    """Read a response file's header and check line; say whether it is whole, unchecked or not."""
    lines = normal_lines(text)
    last = max(len(lines), 1)
    promised = tuple(lines[:2]) == HEADER
    if lines and not promised and "\n".join(HEADER).startswith("\n".join(lines)):
        return Check(State.cut_short, last, "it ends within its first two lines")
    at = next((i for i in range(len(lines) - 1, -1, -1) if lines[i].startswith(CHECK_START)), None)
    if at is None:
        if promised:
            return Check(State.cut_short, last, MISSING)
        if any(line in HEADER for line in lines[:2]):
            return Check(State.hand_edited, last)
        older = bool(lines) and lines[0] == OLDER_HEADER
        return Check(State.older if older else State.hand_written, last)
    found = _CHECK.match(lines[at])
    is_last = at == len(lines) - 1
    if found and is_last and int(found[1]) == at and found[2] == digest(lines[:at]):
        return Check(State.whole, at + 1)
    if not promised:
        return Check(State.hand_edited, at + 1)
    if found is None and is_last:
        return Check(State.cut_short, last, INCOMPLETE)
    return Check(State.changed, at + 1, _what_changed(lines, at, found))


def _what_changed(lines: list[str], at: int, found: re.Match[str] | None) -> str:
    if found is None:
        return f"the check line on line {at + 1} has been altered"
    if at != len(lines) - 1:
        return f"lines were added after its check line (line {at + 1})"
    counted = int(found[1])
    if counted != at:
        more = "added" if at > counted else "removed"
        return f"its check line counts {counted} lines above it, but there are {at}: lines {more}"
    return "its content no longer matches its check line"


def damaged_error(file: str, check: Check) -> DamagedFileError:
    """The error for a damaged file: what is wrong, that nothing was scored, how to recover."""
    resume = f"coprod assess --resume {shlex.quote(file)}"
    recover = (
        "use the last good copy (a backup, or your sync tool's earlier version), or run "
        f"{resume} to check it and keep the answers that are intact."
    )
    if check.state == State.cut_short:
        return DamagedFileError(
            file,
            check.line,
            f"damaged: cut short after line {check.line} ({check.detail}), by a sync tool or "
            "an interrupted copy, for example; nothing was scored from it.",
            f"{recover[0].upper()}{recover[1:]} If you deleted the check line yourself "
            "after editing the file by hand, delete its first line as well.",
            cut_short=True,
        )
    return DamagedFileError(
        file,
        check.line,
        f"changed since coprod wrote it: {check.detail}; nothing was scored from it.",
        "If you edited it by hand, delete its first line (it begins '# coprod response "
        f"file') to mark it as hand-edited, then run this again. If you did not, it is "
        f"damaged: {recover}",
        cut_short=False,
    )
