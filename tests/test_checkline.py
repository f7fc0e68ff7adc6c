"""Response files prove they are whole: cut short or changed is refused, hand-written is read."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from coprod.cli import app
from coprod.errors import CoprodError, DamagedFileError
from coprod.model import Answer, Respondent, Response, Status
from coprod.questionnaire.load import load_questionnaire
from coprod.responses.checkline import HEADER, OLDER_HEADER, State, add_check, read_check
from coprod.responses.files import dump_response, new_response, read_response, save_response

runner = CliRunner()
EXAMPLE = Path(__file__).parent.parent / "examples" / "starter-response.yaml"


@pytest.fixture
def written(small: Path, tmp_path: Path) -> Path:
    """A response file as coprod writes it: answers of each kind, a note, Welsh letters."""
    response = new_response(load_questionnaire(small)).model_copy(
        update={
            "respondent": Respondent(organisation="Cyngor Sir Ynys Môn", perspective="staff"),
            "answers": {
                "a1": Answer(value=3, note="We ask at reviews;\nDŵr and ŷd. " * 3),
                "a2": Answer(status=Status.dont_know),
                "p1": Answer(value="yes"),
                "p2": Answer(value=5),
                "p3": Answer(value="More time, and a budget we agree with members."),
            },
        }
    )
    path = tmp_path / "written.yaml"
    save_response(response, path)
    return path


def test_written_file_starts_with_the_header_and_ends_with_the_check_line(written: Path) -> None:
    """The two header lines come first, the check line last; the file is still plain YAML."""
    lines = written.read_text(encoding="utf-8").splitlines()
    assert tuple(lines[:2]) == HEADER
    assert lines[-1].startswith(f"# coprod check: {len(lines) - 1} lines, sha256:")
    data = yaml.safe_load(written.read_text(encoding="utf-8"))
    assert data["answers"]["p1"] == {"value": "yes"}
    assert read_response(written).check.state == State.whole


def cuts(text: str) -> list[int]:
    """Every line boundary in the text (after each newline but the last), and the start."""
    return [0] + [i + 1 for i, c in enumerate(text) if c == "\n" and i + 1 < len(text)]


def refused_or_same(path: Path, original: Response, cut: bytes) -> None:
    """A cut-short copy is refused, or (only when nothing was lost) read exactly as written."""
    path.write_bytes(cut)
    try:
        read = read_response(path)
    except CoprodError as exc:
        assert not isinstance(exc, DamagedFileError) or "nothing was scored" in str(exc)
        return
    assert read.response == original
    assert read.check.state == State.whole


def test_cut_at_every_line_boundary_is_refused_as_damaged(written: Path, tmp_path: Path) -> None:
    """Cut after any line, the file is refused as damaged, never read as a shorter response."""
    raw = written.read_bytes()
    text = raw.decode("utf-8")
    for at in cuts(text):
        cut = text[:at].encode("utf-8")
        path = tmp_path / "cut.yaml"
        path.write_bytes(cut)
        with pytest.raises(CoprodError) as caught:
            read_response(path)
        if at:
            assert isinstance(caught.value, DamagedFileError), at
            assert "cut short" in str(caught.value)
            assert "nothing was scored from it" in str(caught.value)
        else:
            assert "empty" in str(caught.value)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(fraction=st.floats(min_value=0, max_value=1))
def test_cut_at_any_byte_is_refused_or_read_unchanged(
    written: Path, tmp_path: Path, fraction: float
) -> None:
    """Cut at any byte (even inside a Welsh letter): refused, or untouched and read as written."""
    raw = written.read_bytes()
    original = read_response(written).response
    at = round(fraction * len(raw))
    refused_or_same(tmp_path / "cut.yaml", original, raw[:at])


def test_only_the_whole_file_or_its_last_newline_dropped_is_accepted(
    written: Path, tmp_path: Path
) -> None:
    """Of all the byte prefixes, only the whole file and the one missing its final newline read."""
    raw = written.read_bytes()
    original = read_response(written).response
    accepted = []
    for at in range(len(raw) + 1):
        path = tmp_path / "cut.yaml"
        path.write_bytes(raw[:at])
        try:
            assert read_response(path).response == original
        except CoprodError:
            continue
        accepted.append(at)
    assert accepted == [len(raw) - 1, len(raw)]


@pytest.mark.parametrize(
    "change",
    [
        lambda t: t.replace("\n", "\r\n"),  # copied through Windows
        lambda t: "\ufeff" + t,  # saved with a byte-order mark
        lambda t: t + "\n\n",  # blank lines added at the end
        lambda t: t.replace("\n", "  \n"),  # spaces at line ends (trimmed by many editors)
    ],
    ids=["crlf", "bom", "blank-lines", "trailing-spaces"],
)
def test_harmless_copies_still_check(written: Path, change: object) -> None:
    """Line endings, a byte-order mark and trailing spaces do not count as damage."""
    text = written.read_text(encoding="utf-8")
    written.write_bytes(change(text).encode("utf-8"))  # type: ignore[operator]
    assert read_response(written).check.state == State.whole


def test_a_hand_edit_is_changed_and_says_how_to_mark_it(written: Path) -> None:
    """Editing a value breaks the check: the message says so and how to mark the edit."""
    text = written.read_text(encoding="utf-8")
    written.write_text(text.replace("value: 5", "value: 4"), encoding="utf-8")
    with pytest.raises(DamagedFileError) as caught:
        read_response(written)
    message = str(caught.value)
    last = len(text.splitlines())
    assert message.startswith(f"{written}:{last}: changed since coprod wrote it:")
    assert "its content no longer matches its check line; nothing was scored from it." in message
    assert "If you edited it by hand, delete its first line" in message
    assert f"coprod assess --resume {written}" in message
    assert not caught.value.cut_short


@pytest.mark.parametrize("drop", [0, 1], ids=["english-line", "welsh-line"])
def test_deleting_a_header_line_marks_a_hand_edit(written: Path, drop: int) -> None:
    """With a header line deleted the edited file is read, with one notice saying why."""
    lines = written.read_text(encoding="utf-8").replace("value: 5", "value: 4").splitlines()
    del lines[drop]
    written.write_text("\n".join(lines) + "\n", encoding="utf-8")
    read = read_response(written)
    assert read.response.answers["p2"].value == 4
    assert read.check.state == State.hand_edited
    assert read.notices == [
        f"{written}: is marked as edited by hand (a header line was deleted), so coprod cannot "
        "tell whether it is complete; scored as it stands."
    ]


@pytest.mark.parametrize(
    ("change", "detail"),
    [
        (
            lambda t: t.rsplit("\n", 2)[0] + "\n",
            "its check line, the last line coprod writes, is missing",
        ),
        (lambda t: t + "extra: 1\n", "lines were added after its check line"),
        (lambda t: t.replace("  p1:\n    value: 'yes'\n", ""), "but there are"),
    ],
    ids=["check-line-deleted", "line-added-after", "answer-removed"],
)
def test_each_damage_is_named(written: Path, change: object, detail: str) -> None:
    """Each kind of damage says what is wrong in its own words."""
    text = written.read_text(encoding="utf-8")
    written.write_text(change(text), encoding="utf-8")  # type: ignore[operator]
    with pytest.raises(DamagedFileError, match=detail):
        read_response(written)


@pytest.mark.parametrize(
    ("first_line", "state"),
    [("", State.hand_written), (OLDER_HEADER + "\n", State.older)],
    ids=["hand-written", "older-coprod"],
)
def test_files_without_a_check_line_are_read_with_one_notice(
    written: Path, first_line: str, state: State
) -> None:
    """A hand-written file or one from an older coprod is read, and says it was not checked."""
    body = written.read_text(encoding="utf-8").splitlines()[2:-1]
    written.write_text(first_line + "\n".join(body) + "\n", encoding="utf-8")
    read = read_response(written)
    assert read.check.state == state
    assert len(read.notices) == 1
    assert read.notices[0].endswith(
        "so coprod cannot tell whether it is complete; scored as it stands."
    )


def test_examples_are_hand_written_and_have_no_check_line() -> None:
    """The examples are written by hand to be copied: no check line, read with a notice."""
    read = read_response(EXAMPLE)
    assert read.check.state == State.hand_written
    assert "has no check line (it was written by hand)" in read.notices[0]


def test_add_check_and_read_check_agree_on_any_text() -> None:
    """Whatever the body, a file made by add_check reads as whole."""
    for body in ["a: 1\n", "a: 1", "", "x:\r\n  - y\r\n", "note: '# coprod check: 3 lines'\n"]:
        assert read_check(add_check(body)).state == State.whole


def test_dump_is_whole(small: Path) -> None:
    """dump_response's text is whole by its own check line."""
    text = dump_response(new_response(load_questionnaire(small)))
    assert read_check(text).state == State.whole


@pytest.mark.parametrize("command", [["score"], ["report", "--format", "html"]])
def test_damaged_file_is_not_scored_or_reported(
    written: Path, tmp_path: Path, command: list[str]
) -> None:
    """score and report refuse a damaged file with one message and exit code 1, writing nothing."""
    text = written.read_text(encoding="utf-8")
    written.write_text(text[: len(text) // 2], encoding="utf-8")
    out = tmp_path / "report.html"
    extra = ["--out", str(out)] if command[0] == "report" else []
    result = runner.invoke(app, [*command, str(written), *extra])
    assert result.exit_code == 1
    assert result.stderr.count("error:") == 1
    assert "damaged: cut short after line" in result.stderr
    assert "nothing was scored from it" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_score_of_a_hand_written_file_prints_one_notice(tmp_path: Path) -> None:
    """coprod score on the example prints its scores and one line saying it was not checked."""
    result = runner.invoke(app, ["score", str(EXAMPLE)])
    assert result.exit_code == 0
    assert result.stderr.count("has no check line") == 1
    assert "38.8" in result.stdout


notes = st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.just("\n"), max_size=120)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    levels=st.lists(st.integers(1, 5), min_size=2, max_size=2),
    texts=st.lists(notes, min_size=3, max_size=3),
    cut=st.floats(min_value=0, max_value=1),
)
def test_any_response_cut_anywhere_is_never_scored_as_something_else(
    small: Path, tmp_path: Path, levels: list[int], texts: list[str], cut: float
) -> None:
    """For any answers and notes, a written file reads back as written and any cut is refused."""
    response = new_response(load_questionnaire(small)).model_copy(
        update={
            "answers": {
                "a1": Answer(value=levels[0], note=texts[0] or None),
                "a2": Answer(value=levels[1], note=texts[1] or None),
                "p3": Answer(value=texts[2] or "-"),
            }
        }
    )
    path = tmp_path / "r.yaml"
    save_response(response, path)
    assert read_response(path).response == response
    raw = path.read_bytes()
    cut_path = tmp_path / "cut.yaml"
    cut_path.write_bytes(raw[: round(cut * (len(raw) - 2))])  # short of the check line's end
    with pytest.raises(CoprodError):
        read_response(cut_path)
