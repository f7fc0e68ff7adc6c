"""Is our wording our own? Fingerprints of word runs, to compare with the sources'.

House rule: no run of more than five words may be shared with a source text,
apart from titles. A run is fingerprinted (a short one-way hash of its
lower-cased words) so that the sources' words need not be kept in the project:
``tests/data/seed_shingles.txt`` holds only fingerprints. To rebuild it from the
source texts (kept outside the project)::

    python -m tests.ownwords /path/to/seeds > tests/data/seed_shingles.txt
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

#: The shortest run of shared words that counts as copying: more than five.
RUN = 6

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def words(text: str) -> list[str]:
    """The words of ``text``, lower-cased, with curly apostrophes made straight."""
    return _WORD.findall(text.casefold().replace("\u2019", "'").replace("\u2018", "'"))


def runs(text: str) -> Iterator[str]:
    """Every run of :data:`RUN` consecutive words in ``text``, joined by spaces."""
    found = words(text)
    for i in range(len(found) - RUN + 1):
        yield " ".join(found[i : i + RUN])


def fingerprint(run: str) -> str:
    """A short one-way hash of a run of words."""
    return hashlib.sha256(run.encode("utf-8")).hexdigest()[:16]


def fingerprints(text: str) -> set[str]:
    """The fingerprints of every run of words in ``text``."""
    return {fingerprint(r) for r in runs(text)}


def english_texts(data: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every English text in parsed questionnaire data, with where; source titles left out."""
    if isinstance(data, dict):
        for key, value in data.items():
            here = f"{path}.{key}" if path else str(key)
            if key == "title" and ".sources" in f".{path}":
                continue  # the published title of a source is quoted as it is
            if isinstance(value, str) and key not in ("id", "cy", "version", "url"):
                yield here, value
            else:
                yield from english_texts(value, here)
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from english_texts(item, f"{path}[{i}]")


def shared_runs(data: Any, known: set[str]) -> list[tuple[str, str]]:
    """(where, run) for each run of words in the English texts whose fingerprint is known."""
    return [
        (where, r)
        for where, text in english_texts(data)
        for r in runs(text)
        if fingerprint(r) in known
    ]


def known_fingerprints(path: Path) -> set[str]:
    """The fingerprints listed in a file written by :func:`main` (comment lines skipped)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def main(folder: str) -> None:
    """Print the sorted fingerprints of every run of words in ``folder``/*.txt."""
    found: set[str] = set()
    for path in sorted(Path(folder).glob("*.txt")):
        found |= fingerprints(path.read_text(encoding="utf-8"))
    print(f"# {len(found)} fingerprints of {RUN}-word runs; see tests/ownwords.py")
    for item in sorted(found):
        print(item)


if __name__ == "__main__":
    main(sys.argv[1])
