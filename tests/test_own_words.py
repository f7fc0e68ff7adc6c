"""The built-in questionnaires are in our own words: no run of six words shared with a source."""

from __future__ import annotations

from pathlib import Path

import pytest

from coprod.files.yamlio import load_yaml_file
from coprod.questionnaire.load import builtin_paths, older_builtin_paths
from tests.ownwords import RUN, fingerprint, known_fingerprints, runs, shared_runs

KNOWN = known_fingerprints(Path(__file__).parent / "data" / "seed_shingles.txt")
FILES = [*builtin_paths(), *older_builtin_paths()]


def test_the_fingerprints_are_there() -> None:
    """The list of source fingerprints is not empty, so the check below can fail."""
    assert len(KNOWN) > 3000


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_no_run_of_six_words_is_shared_with_a_source(path: Path) -> None:
    """Every English text except source titles: no six-word run a source also has."""
    data = load_yaml_file(path, "questionnaire").data
    assert shared_runs(data, KNOWN) == []


def test_a_copied_run_is_caught() -> None:
    """A text that repeats six words of a source, whatever the case and punctuation, is found."""
    copied = {"sources": [{"note": "x"}], "help": "ALL-TOO aware of the multiple pressures facing"}
    # A run from the RSA seed, as a probe: its fingerprint is in the list.
    probe = "all too aware of the multiple"
    assert fingerprint(probe) in KNOWN
    assert ("help", probe) in shared_runs(copied, KNOWN)


def test_titles_of_sources_are_not_checked() -> None:
    """A source's published title may be quoted whole."""
    data = {"sources": [{"id": "x", "title": "all too aware of the multiple pressures"}]}
    assert shared_runs(data, KNOWN) == []


@pytest.mark.parametrize(("text", "count"), [("one two three four five", 0), ("a b c d e f g", 2)])
def test_runs_are_six_words_long(text: str, count: int) -> None:
    """Five words make no run; seven make two."""
    assert RUN == 6
    assert len(list(runs(text))) == count
