"""The self-assessment behind ``coprod assess``: one question at a time, saved after each.

The session talks to the person only through a :class:`UI` (``show``, ``tell``,
``ask``), so tests drive it with a list of typed lines and the terminal version
lives in :mod:`coprod.assess.screens`. Every change to the response is written to disk
at once (atomically), so Ctrl-C, a closed terminal or ``kill -9`` loses nothing
but the answer being typed. The session speaks the language chosen with
``--lang`` (or ``COPROD_LANG``), stores it in the response, and a resumed
session carries on in the stored language unless another is chosen.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

from coprod.assess.answers_file import AnswersFile, read_answers_file
from coprod.assess.damaged import recover
from coprod.assess.ending import offer_report, tell_how_to_resume
from coprod.assess.screens import (
    UI,
    details_not_asked,
    details_screen,
    end_screen,
    help_screen,
    not_saved,
    numbered,
    perspective_screen,
    progress_change,
    question_by_number,
    question_screen,
    review_screen,
    welcome_screen,
)
from coprod.assess.typed import is_given, parse_input, perspective_id
from coprod.console import coprod_command
from coprod.errors import CoprodError, DamagedFileError, OutputError
from coprod.files.atomic import output_path
from coprod.i18n.languages import language_note
from coprod.i18n.messages import language_from, ui_text
from coprod.model import (
    PERSPECTIVES,
    Answer,
    Question,
    Questionnaire,
    Respondent,
    Response,
    Status,
)
from coprod.questionnaire.load import Loaded, load_questionnaire
from coprod.responses.files import load_response, match_response, new_response, now, save_response
from coprod.scoring.score import score_response, visible_questions
from coprod.scoring.scored import Scored, questionnaire_for

DEFAULT_QUESTIONNAIRE = "starter"


class Outcome(StrEnum):
    """How a session ended."""

    completed = "completed"
    quit = "quit"
    input_ended = "input_ended"
    interrupted = "interrupted"


#: The message that starts "how to carry on", for each way a session can stop short.
ENDED = {
    Outcome.quit: "stopped",
    Outcome.input_ended: "input_ended",
    Outcome.interrupted: "interrupted",
}


@dataclass
class Session:
    """One assessment in progress: the questionnaire, the response so far and its file."""

    loaded: Loaded
    response: Response
    path: Path
    lang: str = "en"
    resumed: bool = False
    warnings: list[str] = field(default_factory=list)

    @property
    def questionnaire(self) -> Questionnaire:
        """The questionnaire being answered."""
        return self.loaded.questionnaire

    def visible(self) -> list[Question]:
        """The questions that apply given the answers so far."""
        perspective = self.response.respondent.perspective
        return visible_questions(self.questionnaire, self.response.answers, perspective)

    def answer(self, qid: str) -> Answer | None:
        """The stored answer to a question, if any."""
        return self.response.answers.get(qid)

    def save(self, **update: Any) -> None:
        """Change the response and write it to its file at once.

        When the write fails (a full disk), the file still holds every earlier answer,
        and the error says so and how to carry on.
        """
        update["updated"] = now()
        changed = self.response.model_copy(update=update)
        try:
            save_response(changed, self.path)
        except OutputError as exc:
            raise not_saved(exc, self.path, self.done_count()[0]) from None
        self.response = changed

    def set_answer(self, qid: str, answer: Answer) -> None:
        """Store one answer (keeping the answers' order) and save."""
        self.save(answers={**self.response.answers, qid: answer}, completed=None)

    def open_questions(self) -> list[tuple[str, Question, str]]:
        """Visible questions with no answer: (number such as '5.1', question, state).

        The state is 'skipped' or 'not_answered'.
        """
        out = []
        numbers = self.questionnaire.numbers()
        for question in self.visible():
            number = numbers[question.id]
            answer = self.answer(question.id)
            if answer is not None and answer.status == Status.skipped:
                out.append((number, question, "skipped"))
            elif not is_given(answer):
                out.append((number, question, "not_answered"))
        return out

    def resume_point(self) -> str | None:
        """The first visible question with no answer at all; None when every one has one."""
        for question in self.visible():
            if not is_given(self.answer(question.id)):
                return question.id
        return None

    def done_count(self) -> tuple[int, int]:
        """How many visible questions have an answer (skips not counted), and how many apply."""
        visible = self.visible()
        answers = [self.answer(q.id) for q in visible]
        done = sum(is_given(a) and a is not None and a.status != Status.skipped for a in answers)
        return done, len(visible)


# --- starting: which file, which questionnaire --------------------------------


def default_path(questionnaire_id: str, today: date, folder: Path = Path()) -> Path:
    """``<questionnaire-id>-<date>.yaml`` in ``folder``."""
    return folder / f"{questionnaire_id}-{today.isoformat()}.yaml"


def next_free_path(path: Path) -> Path:
    """``path``, or ``name-2.yaml``, ``name-3.yaml`` ... whichever does not exist yet."""
    if not path.exists():
        return path
    number = 2
    while True:
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        if not candidate.exists():
            return candidate
        number += 1


def open_session(
    questionnaire: str | None,
    *,
    out: str | Path | None = None,
    resume: Path | None = None,
    lang: str | None = None,
    respondent: Respondent | None = None,
    ui: UI | None = None,
    today: date | None = None,
) -> Session | None:
    """Load the questionnaire and find or create the response file; None if the person left.

    ``resume`` (or an ``out`` file that holds a partial assessment) carries on
    where it stopped, in ``lang`` or else the language stored in the file. A
    completed file is never replaced without asking ``ui``; with no ``ui`` (no
    input allowed) it is refused.
    """
    given = respondent or Respondent()
    if resume is not None:
        return _resume(resume, questionnaire, lang, given, ui)
    loaded = load_questionnaire(questionnaire or DEFAULT_QUESTIONNAIRE)
    path = output_path(out, default_path(loaded.questionnaire.id, today or date.today()).name)
    if path.is_dir():
        raise OutputError(f"{path}: is a folder.", "Give a file name ending in .yaml.")
    if path.exists():
        existing = load_response(path)
        match_response(loaded, existing, str(path))
        if existing.completed is None:
            return _resume(path, str(loaded.path), lang, given)
        choice = _completed_file(path, existing, ui, language_from(lang, existing.language))
        if choice is None:
            return None
        path, start_again = choice
        if not start_again:
            return _resume(path, str(loaded.path), lang, given)
    chosen = language_from(lang)
    response = new_response(loaded, chosen).model_copy(update={"respondent": given})
    session = Session(loaded, response, path, chosen)
    session.save()
    return session


def _resume(
    path: Path, questionnaire: str | None, lang: str | None, given: Respondent, ui: UI | None = None
) -> Session | None:
    try:
        response = load_response(path)
    except DamagedFileError as exc:
        if ui is None:
            raise  # no one to ask whether to keep the intact answers
        recovered = recover(path, exc, questionnaire, ui, lang)
        if recovered is None:
            return None
        loaded, response = recovered
        chosen = language_from(lang, response.language)
        session = Session(loaded, response, path, chosen, resumed=True)
        updates = given.model_dump(exclude_none=True)
        session.save(respondent=response.respondent.model_copy(update=updates), language=chosen)
        return session
    loaded = questionnaire_for(response, questionnaire)
    match = match_response(loaded, response, str(path))
    chosen = language_from(lang, response.language)
    session = Session(loaded, response, path, chosen, resumed=True, warnings=match.warnings)
    updates = given.model_dump(exclude_none=True)
    if updates or response.language != chosen:
        respondent = response.respondent.model_copy(update=updates)
        session.save(respondent=respondent, language=chosen)
    return session


def _completed_file(
    path: Path, existing: Response, ui: UI | None, lang: str
) -> tuple[Path, bool] | None:
    """Ask what to do with a completed file: (file to use, start a new assessment), or None."""
    fresh = next_free_path(path)
    if ui is None:
        raise OutputError(
            f"{path}: already holds a completed assessment (finished {existing.completed}).",
            f"Give another file with --out, e.g. --out {fresh.name}.",
        )
    finished = (existing.completed or "")[:16].replace("T", " ")
    ui.tell(ui_text("completed_file", lang, path=path, finished=finished))
    ui.show(
        numbered(
            [
                ("r", ui_text("completed_review", lang)),
                ("n", ui_text("completed_new", lang, path=fresh)),
                ("o", ui_text("completed_replace", lang)),
                ("q", ui_text("completed_quit", lang)),
            ]
        )
    )
    while True:
        choice = ui.ask(ui_text("completed_prompt", lang)).strip().lower()
        if choice == "r":
            return path, False
        if choice == "n":
            return fresh, True
        if choice == "o":
            # the new response replaces it atomically on its first save
            return path, True
        if choice == "q":
            return None
        ui.tell(ui_text("completed_type", lang), "red")


# --- --lang: which texts fall back to English ---------------------------------


def fill(session: Session, answers: dict[str, Answer]) -> None:
    """Store answers from a file, over any already given, and save."""
    session.save(answers={**session.response.answers, **answers})


# --- the session ----------------------------------------------------------------


def fill_from_file(session: Session, given: AnswersFile, options: Respondent | None) -> None:
    """Store an answers file's answers and its respondent details (options given win)."""
    fill(session, given.answers)
    details = given.details_for(options)
    if details:
        session.save(respondent=session.response.respondent.model_copy(update=details))


def ask_details(session: Session, ui: UI) -> None:
    """Ask for the respondent details not given yet, saving after each one."""
    r, lang = session.response.respondent, session.lang
    if all((r.organisation, r.service, r.role, r.perspective)):
        return
    ui.show(details_screen(lang))
    for name in ("organisation", "service", "role"):
        if getattr(r, name) is None:
            label = ui_text(f"detail_{name}", lang)
            typed = ui.ask(ui_text("detail_prompt", lang, label=label)).strip()
            r = r.model_copy(update={name: typed or None})
            session.save(respondent=r)
    if r.perspective is None:
        ui.show(perspective_screen(lang))
        count = len(PERSPECTIVES)
        while (
            pid := perspective_id(ui.ask(ui_text("perspective_prompt", lang, count=count)))
        ) is None:
            ui.tell(ui_text("type_choice", lang, count=count), "red")
        r = r.model_copy(update={"perspective": pid})
        session.save(respondent=r)
    if r.name is None:
        typed = ui.ask(ui_text("name_prompt", lang)).strip()
        if typed:
            session.save(respondent=r.model_copy(update={"name": typed}))


def run_session(session: Session, ui: UI) -> Outcome:
    """Ask the questions from where the response stopped, then review; save after each answer."""
    q, lang = session.questionnaire, session.lang
    try:
        if session.resumed:
            done, total = session.done_count()
            ui.tell(ui_text("resumed", lang, path=session.path, done=done, total=total))
        else:
            ui.show(welcome_screen(q, lang, session.path))
        note = language_note(q, lang)
        if note:
            ui.tell(note, "yellow")
        for warning in session.warnings:
            ui.tell(ui_text("warning", lang, warning=warning), "yellow")
        if not session.resumed or session.response.respondent.perspective is None:
            # a session stopped during the details carries on with the ones still missing
            if ui.piped:
                missing = details_not_asked(session.response.respondent, lang)
                if missing:
                    ui.tell(missing, "yellow")
            else:
                ask_details(session, ui)
        return _questions(session, ui)
    except EOFError:
        return Outcome.input_ended
    except KeyboardInterrupt:
        return Outcome.interrupted


def _questions(session: Session, ui: UI) -> Outcome:
    current = session.resume_point()
    reviewing = current is None
    while True:
        ids = [question.id for question in session.visible()]
        if current is None or current not in ids:
            step = _review(session, ui)
            if isinstance(step, Outcome):
                return step
            current, reviewing = step, True
            continue
        index = ids.index(current)
        move = _ask_question(session, ui, current, index + 1, len(ids))
        if move == "quit":
            return Outcome.quit
        before, ids = len(ids), [question.id for question in session.visible()]
        change = progress_change(before, len(ids), session.lang)
        if change:
            ui.tell(change, "yellow")
        if move == "back":
            current, reviewing = ids[index - 1], False
        elif reviewing or index + 1 >= len(ids):
            current = None
        else:
            current = ids[index + 1]


def _ask_question(session: Session, ui: UI, qid: str, number: int, total: int) -> str:
    """Show one question and act on typed lines until the person moves on: next, back or quit."""
    q, lang = session.questionnaire, session.lang
    question = q.question(qid)
    assert question is not None
    ui.show(question_screen(q, question, number, total, session.answer(qid), lang))
    while True:
        answer = session.answer(qid)
        typed = ui.ask(ui_text("answer_prompt", lang))
        action = parse_input(q, question, typed, is_given(answer), lang)
        note = answer.note if answer else None
        if action.kind == "invalid":
            ui.tell(action.message, "red")
        elif action.kind == "help":
            ui.show(help_screen(q.principle_of(qid), question, lang))
        elif action.kind == "note":
            _edit_note(session, ui, qid, answer, lang)
        elif action.kind == "back":
            if number > 1:
                return "back"
            ui.tell(ui_text("first_question", lang), "red")
        elif action.kind in ("quit", "keep"):
            return "quit" if action.kind == "quit" else "next"
        else:
            status = Status.answered if action.kind == "answer" else _STATUS[action.kind]
            session.set_answer(
                qid, Answer(value=action.value, status=status, note=note, answered_at=now())
            )
            return "next"


_STATUS = {
    "skip": Status.skipped,
    "not_applicable": Status.not_applicable,
    "dont_know": Status.dont_know,
}


def _edit_note(session: Session, ui: UI, qid: str, answer: Answer | None, lang: str) -> None:
    if answer is not None and answer.note:
        ui.tell(ui_text("note_now", lang, note=answer.note))
        typed = ui.ask(ui_text("note_edit_prompt", lang)).strip()
    else:
        typed = ui.ask(ui_text("note_new_prompt", lang)).strip()
    if not typed:
        return
    note = None if typed == "-" else typed
    base = answer or Answer()
    session.set_answer(qid, base.model_copy(update={"note": note}))
    ui.tell(ui_text("note_removed" if note is None else "note_saved", lang), "green")


def _review(session: Session, ui: UI) -> str | Outcome:
    """The review screen: a question id to go to, or how the session ends."""
    q, lang = session.questionnaire, session.lang
    visible = session.visible()
    items = session.open_questions()
    ui.show(review_screen(q, items, len(visible), lang))
    while True:
        typed = ui.ask(ui_text("review_prompt", lang)).strip().lower()
        if typed == "q":
            return Outcome.quit
        if typed == "b":
            return visible[-1].id
        chosen = question_by_number(q, visible, typed)
        if chosen is not None:
            return chosen
        if typed:
            example = items[0][0] if items else q.numbers()[visible[0].id]
            ui.tell(ui_text("review_type", lang, typed=typed, example=example), "red")
            continue
        required = [n for n, question, _ in items if question.required]
        if required:
            ui.tell(ui_text("review_needs_answer", lang, number=required[0]), "red")
            continue
        session.save(completed=now())
        return Outcome.completed


def score(session: Session) -> Scored:
    """The session's scores, as ``coprod score`` would show them."""
    scores = score_response(session.questionnaire, session.response)
    return Scored(session.loaded, session.response, scores, session.path, session.warnings)


@dataclass(frozen=True)
class Result:
    """How ``assess`` ended: the outcome, the response file and, when completed, the scores."""

    outcome: Outcome
    path: Path | None
    scored: Scored | None = None


def assess(
    questionnaire: str | None,
    ui: UI,
    *,
    out: str | Path | None = None,
    resume: Path | None = None,
    lang: str | None = None,
    respondent: Respondent | None = None,
    answers: Path | None = None,
    no_input: bool = False,
    today: date | None = None,
) -> Result:
    """Run a whole self-assessment: open or resume the file, ask, review, score, show the end.

    With ``answers`` the file's answers are filled in first; with ``no_input``
    nothing is asked and the response is completed and scored straight away.
    ``lang`` None means English for a new file and the stored language on resume.
    """
    if answers is not None and resume is None:
        # Read the answers file before anything is created, so a mistake in it
        # leaves no empty response file behind.
        read_answers_file(
            load_questionnaire(questionnaire or DEFAULT_QUESTIONNAIRE).questionnaire, answers
        )
    try:
        session = open_session(
            questionnaire,
            out=out,
            resume=resume,
            lang=lang,
            respondent=respondent,
            ui=None if no_input else ui,
            today=today,
        )
    except EOFError:
        session = None
    if session is None:
        return Result(Outcome.quit, None)
    if answers is not None:
        fill_from_file(session, read_answers_file(session.questionnaire, answers), respondent)
    if no_input:
        missing = [
            q.id
            for q in session.visible()
            if q.required and not is_given(session.response.answers.get(q.id))
        ]
        if missing:
            raise CoprodError(
                f"{session.path}: saved but not completed: required question(s) "
                f"{', '.join(missing)} have no answer.",
                "Add them to the --answers file, or answer them with "
                f"{coprod_command()} assess --resume {shlex.quote(str(session.path))}.",
            )
        session.save(completed=now())
    else:
        outcome = run_session(session, ui)
        if outcome != Outcome.completed:
            done, total = session.done_count()
            tell_how_to_resume(session.path, session.lang, ui, ENDED[outcome], done, total)
            return Result(outcome, session.path)
    scored = score(session)
    for part in end_screen(scored, session.lang):
        ui.show(part)
    if not no_input:
        offer_report(session.path, session.lang, ui)
    return Result(Outcome.completed, session.path, scored)
