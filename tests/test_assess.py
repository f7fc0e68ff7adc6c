"""The self-assessment session, driven by typed lines as a person (or a script) would type them."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from coprod.assess.screens import ConsoleUI
from coprod.assess.session import Outcome, Result, assess, open_session
from coprod.assess.typed import parse_input
from coprod.cli import app
from coprod.errors import InvalidFileError, MismatchError, OutputError
from coprod.i18n.languages import language_note
from coprod.model import Answer, Respondent, Status
from coprod.questionnaire.load import load_questionnaire
from coprod.responses.files import load_response, save_response

Write = Callable[[str, str], Path]
runner = CliRunner()

MIXED = """\
format: 1
id: mixed
version: "1.0"
title: Mixed questionnaire
scales:
  three:
    levels:
      - {value: 1, label: Low, descriptor: Hardly ever.}
      - {value: 2, label: Middle, descriptor: Sometimes.}
      - {value: 3, label: High, descriptor: Nearly always.}
bands:
  - {min: 0, max: 50, label: Not yet}
  - {min: 50, max: 100, label: Well on the way}
principles:
  - id: listen
    title: Listening
    description: Hearing what people say and acting on it.
    questions:
      - id: l1
        type: scale
        scale: three
        text: Do you ask people what matters to them?
        help: Think of first meetings.
        guidance: Longer guidance about first meetings.
        required: true
        not_applicable: false
      - {id: l2, type: yes_no, text: "Do you have a forum?", dont_know: false}
      - id: l3
        type: scale
        scale: three
        text: How often does the forum change things?
        when: {question: l2, equals: "yes"}
  - id: share
    title: Sharing
    questions:
      - {id: s1, type: number, text: "How many members?", min: 0, unit: members}
      - id: s2
        type: single_choice
        text: Who chairs meetings?
        choices:
          - {id: staff, label: Staff, score: 0}
          - {id: members, label: Members, score: 100}
      - id: s3
        type: multiple_choice
        text: What do members help with?
        choices:
          - {id: hiring, label: Hiring, score: 50}
          - {id: budget, label: Budget, score: 50}
      - {id: s4, type: text, text: "Anything else?"}
"""

WHO = Respondent(
    organisation="Anytown Council", service="Housing", role="Manager", perspective="staff"
)


def script(lines: Iterable[str], width: int = 100) -> tuple[ConsoleUI, io.StringIO]:
    """A terminal that types ``lines`` one by one, then ends input; everything shown is captured."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, no_color=True, highlight=False)
    feed = iter([f"{line}\n" for line in lines])
    return ConsoleUI(console, console, lambda: next(feed, ""), interactive=False), buffer


@pytest.fixture
def mixed(write: Write) -> Path:
    """The mixed questionnaire as a file."""
    return write("mixed.yaml", MIXED)


def run(q: Path, out: Path, lines: list[str], **kwargs: object) -> tuple[Result, str]:
    """Run a session with typed lines; the result and the screen text."""
    ui, buffer = script(lines, int(kwargs.pop("width", 100)))  # type: ignore[call-overload]
    result = assess(str(q), ui, out=out, respondent=kwargs.pop("respondent", WHO), **kwargs)  # type: ignore[arg-type]
    return result, buffer.getvalue()


ALL_ANSWERS = ["2", "1", "3", "12", "2", "1 2", "More time", ""]


def test_whole_questionnaire_saves_every_type_and_shows_scores(mixed: Path, tmp_path: Path) -> None:
    """Answering every question completes the file and ends with scores and the report command."""
    out = tmp_path / "a.yaml"
    result, screen = run(mixed, out, ALL_ANSWERS)
    assert result.outcome == Outcome.completed
    saved = load_response(out)
    assert saved.completed is not None
    values = {qid: a.value for qid, a in saved.answers.items()}
    assert values == {
        "l1": 2,
        "l2": "yes",
        "l3": 3,
        "s1": 12,
        "s2": "members",
        "s3": ["hiring", "budget"],
        "s4": "More time",
    }
    assert saved.respondent.organisation == "Anytown Council"
    assert "Question 1.1 · Listening (1 of 6)" in screen  # l3 counts once l2 is 'yes'
    assert "Question 1.3 · Listening (3 of 7)" in screen
    assert "There are up to 7 questions in 2 parts" in " ".join(screen.split())
    first = screen.split("Question 1.2")[0]  # l1 is required and has no 'not applicable'
    assert "this question needs an answer" in first and "s skip" not in first.split("Keys:")[1]
    second = screen.split("Question 1.2")[1].split("Question 1.3")[0]
    assert "this question needs an answer" not in second and "s skip" in second
    assert "Because of that answer, 1 more question applies: 7 in all." in screen
    assert "All 7 questions that apply have an answer." in screen
    assert "Overall" in screen
    assert "Strengths" in screen and "Priorities" in screen
    assert f"coprod report {out}" in screen


def test_condition_hides_question_and_going_back_re_evaluates(mixed: Path, tmp_path: Path) -> None:
    """Answering 'no' hides the follow-up; going back to 'yes' brings it in."""
    out = tmp_path / "a.yaml"
    result, screen = run(mixed, out, ["2", "2", "b", "1", "3", "q"])
    assert result.outcome == Outcome.quit
    assert "Question 2.1 · Sharing (3 of 6)" in screen  # l3 hidden after 'no'
    assert (
        "How often does the forum change things?"
        in screen.split("Question 1.3 · Listening (3 of 7)")[-1]
    )
    assert load_response(out).answers["l3"].value == 3


def test_skip_na_dont_know_and_refusals(mixed: Path, tmp_path: Path) -> None:
    """s, x and d store a status; keys a question does not allow are refused with a reason."""
    out = tmp_path / "a.yaml"
    lines = ["x", "s", "d", "d", "2", "s", "x", "q"]
    result, screen = run(mixed, out, lines)
    assert "cannot be answered 'not applicable'" in screen
    assert "cannot be skipped" in screen
    assert "cannot be answered 'don't know'" in screen
    answers = load_response(out).answers
    assert answers["l1"].status == Status.dont_know
    assert answers["l2"].value == "no"
    assert answers["s1"].status == Status.skipped
    assert answers["s2"].status == Status.not_applicable
    assert result.outcome == Outcome.quit


@pytest.mark.parametrize(
    ("qid", "typed", "kind", "value"),
    [
        ("l1", "3", "answer", 3),
        ("l1", "4", "invalid", None),
        ("l1", "", "invalid", None),
        ("l1", "Q", "quit", None),
        ("l1", "?", "help", None),
        ("l2", "yes", "answer", "yes"),
        ("l2", "2", "answer", "no"),
        ("l2", "n", "note", None),
        ("s1", "1,200", "answer", 1200),
        ("s1", "-1", "invalid", None),
        ("s1", "2.5", "invalid", None),
        ("s1", "n/a", "not_applicable", None),
        ("s1", "don't know", "dont_know", None),
        ("s2", "1", "answer", "staff"),
        ("s2", "3", "invalid", None),
        ("s3", "2, 1", "answer", ["hiring", "budget"]),
        ("s3", "0", "answer", []),
        ("s3", "1 5", "invalid", None),
        ("s4", "Anything at all", "answer", "Anything at all"),
        ("s4", "b", "back", None),
    ],
)
def test_typed_lines(mixed: Path, qid: str, typed: str, kind: str, value: object) -> None:
    """Each typed line means what the keys on screen say it means."""
    q = load_questionnaire(mixed).questionnaire
    question = q.question(qid)
    assert question is not None
    action = parse_input(q, question, typed, has_answer=False)
    assert (action.kind, action.value) == (kind, value)
    if kind == "invalid":
        assert action.message


def test_note_is_saved_and_kept_when_answering(mixed: Path, tmp_path: Path) -> None:
    """n adds a note, the answer keeps it, and a later '-' removes it."""
    out = tmp_path / "a.yaml"
    run(mixed, out, ["n", "Minutes of March meeting", "3", "b", "n", "-", "", "q"])
    answer = load_response(out).answers["l1"]
    assert answer.value == 3
    assert answer.note is None
    run(mixed, tmp_path / "b.yaml", ["n", "Evidence: survey", "3", "q"])
    assert load_response(tmp_path / "b.yaml").answers["l1"].note == "Evidence: survey"


def test_input_ending_keeps_answers_and_says_how_to_resume(mixed: Path, tmp_path: Path) -> None:
    """At the end of piped input the file holds what was given and the message says how to go on."""
    out = tmp_path / "a.yaml"
    result, screen = run(mixed, out, ["2", "1"])
    assert result.outcome == Outcome.input_ended
    assert f"To carry on:\n  coprod assess --resume {out}\n" in screen
    saved = load_response(out)
    assert saved.completed is None
    assert {k: a.value for k, a in saved.answers.items()} == {"l1": 2, "l2": "yes"}


def test_resume_continues_at_first_unanswered(mixed: Path, tmp_path: Path) -> None:
    """Resuming starts at the first question with no answer and says how many are done."""
    out = tmp_path / "a.yaml"
    run(mixed, out, ["2", "1", "3", "q"])
    ui, buffer = script(["5", "q"])
    result = assess(None, ui, resume=out)
    screen = buffer.getvalue()
    assert "Carrying on with" in screen and "3 of 7 questions answered" in " ".join(screen.split())
    assert "Question 2.1 · Sharing (4 of 7)" in screen
    assert "Question 1.1" not in screen
    assert result.outcome == Outcome.quit
    assert load_response(out).answers["s1"].value == 5


def test_pointing_at_a_partial_file_resumes_it(mixed: Path, tmp_path: Path) -> None:
    """assess --out on a partial file carries on rather than starting again."""
    out = tmp_path / "a.yaml"
    run(mixed, out, ["2", "q"])
    _, screen = run(mixed, out, ["1", "q"])
    assert "Question 1.2 · Listening (2 of" in screen
    assert set(load_response(out).answers) == {"l1", "l2"}


def test_review_lists_skipped_and_goes_back_to_them(mixed: Path, tmp_path: Path) -> None:
    """The review lists skipped questions by number (2.1); typing one goes back to it."""
    out = tmp_path / "a.yaml"
    lines = ["2", "2", "s", "1", "1", "s", "2.1", "7", "2.4", "x", ""]
    result, screen = run(mixed, out, lines)
    review = screen.split("Review")[1]
    assert "2.1 Skipped: How many members?" in review
    assert "2.4 Skipped: Anything else?" in review
    assert result.outcome == Outcome.completed
    answers = load_response(out).answers
    assert answers["s1"].value == 7
    assert answers["s4"].status == Status.not_applicable
    assert screen.count("Review") == 3


def test_review_will_not_finish_without_required_answer(
    mixed: Path, tmp_path: Path, write: Write
) -> None:
    """A required question left skipped in a saved file blocks finishing at the review."""
    answers = write("ans.yaml", "l2: 'no'\ns1: 3\ns2: 1\ns3: 0\ns4: skip\n")
    out = tmp_path / "a.yaml"
    ui, _ = script(["q"])
    assess(str(mixed), ui, out=out, respondent=WHO, answers=answers)
    saved = load_response(out)
    skipped = {**saved.answers, "l1": Answer(status=Status.skipped)}
    save_response(saved.model_copy(update={"answers": skipped}), out)
    ui, buffer = script(["", "1.1", "1", ""])
    result = assess(None, ui, resume=out)
    screen = buffer.getvalue()
    assert "Question 1.1 needs an answer before you finish: type 1.1." in screen
    assert result.outcome == Outcome.completed
    assert load_response(out).answers["l1"].value == 1


def test_completed_file_is_never_overwritten_silently(mixed: Path, tmp_path: Path) -> None:
    """A completed file is refused without input, kept on q, and a new name is offered."""
    out = tmp_path / "a.yaml"
    run(mixed, out, ALL_ANSWERS)
    before = out.read_text(encoding="utf-8")
    q = str(mixed)
    with pytest.raises(OutputError, match="already holds a completed assessment"):
        open_session(q, out=out, respondent=WHO)
    ui, _ = script(["q"])
    assert open_session(q, out=out, ui=ui) is None
    assert out.read_text(encoding="utf-8") == before
    result, screen = run(mixed, out, ["n", "1", "q"])
    assert result.path == tmp_path / "a-2.yaml"
    assert "start a new assessment in" in screen
    assert out.read_text(encoding="utf-8") == before
    result, screen = run(mixed, out, ["r", "", "q"])
    assert result.path == out and "Review" in screen


def test_default_file_name_is_id_and_date(
    mixed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no --out the answers go to <questionnaire-id>-<date>.yaml in the current folder."""
    monkeypatch.chdir(tmp_path)
    ui, _ = script(["q"])
    result = assess(str(mixed), ui, respondent=WHO, today=date(2025, 3, 4))
    assert result.path == Path("mixed-2025-03-04.yaml")
    assert (tmp_path / "mixed-2025-03-04.yaml").is_file()


def test_details_are_asked_and_saved(mixed: Path, tmp_path: Path) -> None:
    """Respondent details not given as options are asked for, perspective by number."""
    out = tmp_path / "a.yaml"
    lines = ["Anytown", "Libraries", "Volunteer", "9", "2", "", "q"]
    _, screen = run(mixed, out, lines, respondent=Respondent())
    assert "person with lived experience" in screen
    assert "Type a number from 1 to 5." in screen
    r = load_response(out).respondent
    assert (r.organisation, r.service, r.role, r.perspective, r.name) == (
        "Anytown",
        "Libraries",
        "Volunteer",
        "lived_experience",
        None,
    )


def test_help_key_shows_guidance_and_principle(mixed: Path, tmp_path: Path) -> None:
    """? shows the longer guidance and what the principle means."""
    _, screen = run(mixed, tmp_path / "a.yaml", ["?", "q"])
    assert "Longer guidance about first meetings." in screen
    assert "Listening: Hearing what people say and acting on it." in screen


def test_welsh_falls_back_to_english_and_says_so(mixed: Path, small: Path, tmp_path: Path) -> None:
    """--lang cy shows English where there is no Welsh and says so, in Welsh."""
    _, screen = run(mixed, tmp_path / "a.yaml", ["q"], lang="cy")
    assert "destun Cymraeg (cy) eto, felly mae'r cyfan yn Saesneg" in screen
    loaded = load_questionnaire(small).questionnaire
    note = language_note(loaded, "cy")
    assert "egwyddor power" in note and "a1" in note and "egwyddor assets" not in note
    english = language_note(load_questionnaire(mixed).questionnaire, "fr")
    assert "no fr (fr) text yet, so all of it is in English" in english
    assert "coprod's own messages are in English" in english
    _, screen = run(small, tmp_path / "b.yaml", ["q"], lang="cy")
    assert "Mae pobl yn asedau" in screen


def test_sixty_columns_never_overflow(mixed: Path, tmp_path: Path) -> None:
    """At 60 columns every line fits, keys are never split from their meaning."""
    _, screen = run(mixed, tmp_path / "a.yaml", [*ALL_ANSWERS], width=60)
    lines = [line.rstrip() for line in screen.splitlines() if str(tmp_path) not in line]
    assert max(len(line) for line in lines) <= 60
    assert "x\nnot applicable" not in screen


def test_answers_file_fills_and_scores_without_prompting(
    mixed: Path, tmp_path: Path, write: Write
) -> None:
    """--no-input with an answers file completes and scores with nothing asked."""
    answers = write(
        "ans.yaml",
        "l1: 3\nl2: 'yes'\nl3: {value: 2, note: From the minutes}\ns1: n/a\n"
        "s2: members\ns3: [hiring]\ns4: don't know\n",
    )
    out = tmp_path / "a.yaml"
    ui, buffer = script([])
    result = assess(str(mixed), ui, out=out, respondent=WHO, answers=answers, no_input=True)
    assert result.scored is not None and result.scored.scores.overall is not None
    saved = load_response(out)
    assert saved.completed is not None
    assert saved.answers["l3"].note == "From the minutes"
    assert saved.answers["s1"].status == Status.not_applicable
    assert "Your answer" not in buffer.getvalue()


def test_answers_file_problems_name_the_line(mixed: Path, tmp_path: Path, write: Write) -> None:
    """Every wrong answer in an answers file is reported with its line; nothing is written."""
    answers = write("ans.yaml", "l1: 7\nnope: 1\ns2: 1\n")
    ui, _ = script([])
    out = tmp_path / "a.yaml"
    with pytest.raises(InvalidFileError) as info:
        assess(str(mixed), ui, out=out, respondent=WHO, answers=answers, no_input=True)
    text = "\n".join(str(p) for p in info.value.problems)
    assert "ans.yaml:1:" in text and "'7' is not a level of this scale" in text
    assert "ans.yaml:2:" in text and "'nope' is not a question" in text
    assert not out.exists()  # no empty response file is left behind


def test_resume_of_other_questionnaire_file_is_refused(
    mixed: Path, small: Path, tmp_path: Path
) -> None:
    """An --out file that answers another questionnaire is not touched."""
    out = tmp_path / "a.yaml"
    run(small, out, ["q"])
    before = out.read_text(encoding="utf-8")
    with pytest.raises(MismatchError, match="answers questionnaire 'small'"):
        run(mixed, out, ["q"])
    assert out.read_text(encoding="utf-8") == before


# --- the command line, with piped input -------------------------------------------


def test_cli_piped_whole_questionnaire(mixed: Path, tmp_path: Path) -> None:
    """Piping one answer per line completes the assessment and prints the scores."""
    out = tmp_path / "a.yaml"
    args = ["assess", str(mixed), "--out", str(out), "--organisation", "Anytown"]
    args += ["--service", "Housing", "--role", "Manager", "--perspective", "lived experience"]
    result = runner.invoke(app, args, input="\n".join(ALL_ANSWERS) + "\n")
    assert result.exit_code == 0, result.output
    assert "Overall" in result.output
    assert f"coprod report {out}" in result.output
    saved = load_response(out)
    assert saved.completed and saved.respondent.perspective == "lived_experience"


def test_cli_no_input_with_answers(mixed: Path, tmp_path: Path, write: Write) -> None:
    """--no-input --answers scores at once and exits 0."""
    answers = write("ans.yaml", "answers:\n  l1: 3\n  l2: 'no'\n  s2: 2\n")
    out = tmp_path / "a.yaml"
    args = ["assess", str(mixed), "--no-input", "--answers", str(answers), "-o", str(out)]
    result = runner.invoke(app, [*args, "--perspective", "staff"])
    assert result.exit_code == 0, result.output
    assert "Listening" in result.output
    assert load_response(out).completed


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        (["--no-input"], "needs --answers FILE"),
        (["--perspective", "boss"], "'boss' is not one of"),
        (["--out", "a.yaml", "--resume", "b.yaml"], "not both"),
    ],
)
def test_cli_usage_errors(mixed: Path, extra: list[str], words: str) -> None:
    """Wrong option combinations exit 2 and say what is wrong."""
    result = runner.invoke(app, ["assess", str(mixed), *extra])
    assert result.exit_code == 2
    assert words in result.output


def test_cli_broken_existing_file_is_left_alone(mixed: Path, write: Write) -> None:
    """An --out file that is not a valid response is reported (exit 1) and not replaced."""
    out = write("a.yaml", "answers: [1, 2]\n")
    result = runner.invoke(app, ["assess", str(mixed), "--out", str(out)], input="q\n")
    assert result.exit_code == 1
    assert "a.yaml" in result.output
    assert out.read_text(encoding="utf-8") == "answers: [1, 2]\n"


def test_cli_unknown_questionnaire(tmp_path: Path) -> None:
    """An unknown built-in id exits 3 and names the built-ins."""
    result = runner.invoke(app, ["assess", "nosuch", "--out", str(tmp_path / "a.yaml")])
    assert result.exit_code == 3
    assert "starter" in result.output


def test_starter_is_the_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With no questionnaire named, coprod assess runs the starter check."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(
        app,
        [
            "assess",
            "--perspective",
            "staff",
            "--organisation",
            "A",
            "--service",
            "B",
            "--role",
            "C",
        ],
        input="q\n",
    )
    assert result.exit_code == 0, result.output
    assert "Co-production starter check" in result.output
    assert list(tmp_path.glob("starter-*.yaml"))


def test_saved_file_round_trips(mixed: Path, tmp_path: Path) -> None:
    """What the session saves reads back identically (so resume sees exactly what was given)."""
    out = tmp_path / "a.yaml"
    run(mixed, out, ALL_ANSWERS)
    saved = load_response(out)
    save_response(saved, tmp_path / "b.yaml")
    assert load_response(tmp_path / "b.yaml") == saved


def test_strengths_and_priorities_never_repeat_a_principle(
    mixed: Path, tmp_path: Path, write: Write
) -> None:
    """With tied scores, a principle is listed as a strength or a priority, not both."""
    answers = write("ans.yaml", "l1: 2\nl2: n/a\ns2: n/a\ns3: [hiring]\n")
    ui, buffer = script([])
    assess(str(mixed), ui, out=tmp_path / "a.yaml", respondent=WHO, answers=answers, no_input=True)
    screen = buffer.getvalue()
    assert "Strengths\n1. Listening (50.0)" in screen
    assert "Priorities\n1. Sharing (50.0)" in screen


@pytest.mark.parametrize("typed", ["²", "٣", "nan", "inf"])
def test_odd_digits_and_non_numbers_are_refused_politely(typed: str, tmp_path: Path) -> None:
    """Superscript or Arabic-Indic digits and nan are refused with a message, not a crash."""
    out = tmp_path / "a.yaml"
    lines = f"Org\nSvc\nRole\n{typed}\n1\n\n{typed}\nq\n"
    result = CliRunner().invoke(app, ["assess", "starter", "--out", str(out)], input=lines)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert "Type" in result.output


def test_answers_file_cannot_skip_required_or_misuse_statuses(
    mixed: Path, tmp_path: Path, write: Write
) -> None:
    """An answers file that skips a required question is refused with its line."""
    answers = write("ans.yaml", "l1: skip\n")
    ui, _ = script([])
    with pytest.raises(InvalidFileError) as info:
        assess(str(mixed), ui, out=tmp_path / "a.yaml", respondent=WHO, answers=answers)
    assert "ans.yaml:1:" in str(info.value.problems[0])


def test_no_input_does_not_complete_without_required_answers(
    mixed: Path, tmp_path: Path, write: Write
) -> None:
    """--no-input saves what it has but refuses to mark the file completed."""
    answers = write("ans.yaml", "l2: 'no'\n")
    out = tmp_path / "a.yaml"
    result = CliRunner().invoke(
        app,
        ["assess", str(mixed), "--answers", str(answers), "--no-input", "--out", str(out)],
    )
    assert result.exit_code == 1
    assert "saved but not completed" in result.output
    assert load_response(out).completed is None


def test_resume_asks_details_left_unfinished(tmp_path: Path) -> None:
    """Stopping during the details and resuming asks for the details still missing."""
    out = tmp_path / "e.yaml"
    ui, _ = script(["Org"])
    assess("starter", ui, out=out)
    ui, _ = script(["Svc", "Role", "1", "", "q"])
    result = assess(None, ui, resume=out)
    assert result.outcome == Outcome.quit
    respondent = load_response(out).respondent
    assert (respondent.organisation, respondent.service, respondent.perspective) == (
        "Org",
        "Svc",
        "staff",
    )


def test_piped_input_is_answers_only_and_ending_early_exits_9(tmp_path: Path) -> None:
    """Piped lines are answers, never details; input running out mid-way gets exit 9."""
    out = tmp_path / "a.yaml"
    result = runner.invoke(app, ["assess", "starter", "--out", str(out)], input="3\n")
    assert result.exit_code == 9
    assert load_response(out).answers["strengths_asked"].value == 3
    assert load_response(out).respondent.organisation is None
    said = " ".join(result.stderr.split())
    assert "Input is piped, so it is read as answers only" in said
    assert "--organisation --service --role --perspective" in said


def test_answers_file_gives_details_and_options_win(
    mixed: Path, tmp_path: Path, write: Write
) -> None:
    """respondent: in an answers file gives details; an option on the command line wins."""
    text = "respondent:\n  organisation: File Council\n  perspective: carer\nanswers:\n  l1: 2\n"
    answers = write("ans.yaml", text)
    out = tmp_path / "a.yaml"
    args = ["assess", str(mixed), "--out", str(out), "--answers", str(answers)]
    result = runner.invoke(app, [*args, "--perspective", "staff"], input="q\n")
    assert result.exit_code == 0, result.output
    r = load_response(out).respondent
    assert (r.organisation, r.perspective) == ("File Council", "staff")
    assert load_response(out).answers["l1"].value == 2


def test_hints_name_the_command_that_works_from_the_users_shell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'coprod' when it is on PATH, the script's path when not, 'python -m coprod' for -m."""
    from coprod.console import coprod_command

    script = tmp_path / ".venv" / "bin" / "coprod"
    script.parent.mkdir(parents=True)
    script.write_text("#!/bin/sh\n", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    monkeypatch.setattr(sys, "argv", [".venv/bin/coprod", "assess"])
    assert coprod_command() == ".venv/bin/coprod"
    monkeypatch.setenv("PATH", f"{script.parent}:/usr/bin")
    assert coprod_command() == "coprod"
    monkeypatch.setattr(sys, "argv", ["/somewhere/coprod/__main__.py"])
    assert coprod_command().endswith(" -m coprod")
    monkeypatch.setattr(sys, "argv", ["coprod"])
    assert coprod_command() == "coprod"


def test_a_full_disk_says_what_is_safe_and_how_to_carry_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When a save fails, the message counts the answers kept and gives the command to resume."""
    import coprod.responses.files as files

    real = files.atomic_write
    saves = iter(range(100))

    def full_after_three(path: Path, content: str | bytes) -> None:
        if next(saves) >= 4:  # the new file, then three answers
            raise OutputError(f"{path}: cannot write (No space left on device).")
        real(path, content)

    monkeypatch.setattr(files, "atomic_write", full_after_three)
    out = tmp_path / "a.yaml"
    result = runner.invoke(
        app,
        [
            "assess",
            "starter",
            "--out",
            str(out),
            "--organisation",
            "O",
            "--service",
            "S",
            "--role",
            "R",
            "--perspective",
            "staff",
        ],
        input="2\n3\n2\n4\n",
    )
    assert result.exit_code == 5
    said = " ".join(result.stderr.split())
    assert "cannot write (No space left on device)." in said
    assert f"Your 3 earlier answers are saved in {out}; only the last one was not." in said
    assert f"coprod assess --resume {out}" in said
    assert len(load_response(out).answers) == 3


@pytest.mark.parametrize(
    ("qid", "lang", "said"),
    [
        ("feedback", "en", "Answer for the event or piece of engagement you have just taken"),
        ("feedback", "cy", "Atebwch ar gyfer y digwyddiad neu'r darn o waith ymgysylltu"),
        ("ladder", "en", "Answer for one piece of work, such as a review"),
        ("starter", "en", "Answer for the service as it is today."),
    ],
)
def test_welcome_says_what_to_answer_for(qid: str, lang: str, said: str) -> None:
    """assess opens with the questionnaire's own introduction and 'answer for' sentence."""
    from coprod.assess.screens import welcome_screen

    q = load_questionnaire(qid).questionnaire
    console = Console(file=io.StringIO(), width=200, color_system=None)
    console.print(welcome_screen(q, lang, Path("x.yaml")))
    shown = console.file.getvalue()  # type: ignore[attr-defined]
    assert said in shown
    generic = "Co-production means designing and delivering a service"
    assert (generic in shown) is (q.introduction is None)
