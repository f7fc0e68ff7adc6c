"""The command line: parse options, call one library function, print. Nothing else lives here."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, Optional, cast

import typer
from typer.models import CommandFunctionType

from coprod import __version__
from coprod.errors import EXIT_CODES, INPUT_ENDED, CoprodError, InputFileError, InvalidFileError
from coprod.report.formats import (
    BATCH_FORMATS,
    COMPARE_FORMATS,
    PLAN_PAGE_FORMATS,
    REPORT_FORMATS,
    TEMPLATE_FORMATS,
    CompareFormat,
    ReportFormat,
)

#: The commands in the order a user meets them, for ``coprod`` and ``coprod --help``.
COMMAND_ORDER = (
    "assess",
    "report",
    "score",
    "list",
    "show",
    "template",
    "batch",
    "compare",
    "plan",
    "validate",
    "schema",
    "translate",
    "help",
)


class PlainCommand(typer.core.TyperCommand):
    """A command whose usage line and listing read plainly: FILE..., [QUESTIONNAIRE], TEXT.

    ``ctx`` and ``formatter`` are Typer's bundled click types, which it does not export.
    """

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        """'[OPTIONS] SHEET...' rather than Typer's '{sheets}...'."""
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, typer.core.TyperArgument):
                name = param.metavar or (param.name or "").upper()
                name += "..." if param.nargs != 1 and not name.endswith("...") else ""
                pieces.append(name if param.required else f"[{name}]")
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        """Arguments and options without Python types ('<list[Path]>' becomes 'FILE...')."""
        sections: dict[str, list[tuple[str, str]]] = {"Arguments": [], "Options": []}
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            name, text = record
            if isinstance(param, typer.core.TyperArgument):
                name = param.metavar or (param.name or "").upper()
                name += "..." if param.nargs != 1 and not name.endswith("...") else ""
                sections["Arguments"].append((name, text))
            else:
                sections["Options"].append((_PYTHON_TYPE.sub(_plain_type, name), text))
        for title, rows in sections.items():
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)

    def get_short_help_str(self, limit: int = 45) -> str:
        """The docstring's first line, whole: the command list never cuts a description."""
        return (self.help or "").strip().split("\n")[0]


_PYTHON_TYPE = re.compile(r" <([^>]+)>")


def _plain_type(match: re.Match[str]) -> str:
    kind = match.group(1)
    return " " + {"str": "TEXT", "path": "PATH", "int": "NUMBER", "float": "NUMBER"}.get(
        kind, kind.upper()
    )


class Commands(typer.core.TyperGroup):
    """The command list in the order a user meets the commands (COMMAND_ORDER)."""

    def list_commands(self, ctx: Any) -> list[str]:
        """Commands in COMMAND_ORDER; any other after them."""
        names = super().list_commands(ctx)
        rank = {name: i for i, name in enumerate(COMMAND_ORDER)}
        return sorted(names, key=lambda name: rank.get(name, len(rank)))


class App(typer.Typer):
    """coprod's Typer app: every command reads plainly (PlainCommand)."""

    def command(
        self, name: str | None = None, **kwargs: Any
    ) -> Callable[[CommandFunctionType], CommandFunctionType]:
        """Register a command, as a PlainCommand unless told otherwise."""
        kwargs.setdefault("cls", PlainCommand)
        return super().command(name, **kwargs)


app = App(
    name="coprod",
    cls=Commands,
    help="coprod assesses how well a service practises co-production, scores it, and makes "
    "a report with recommendations.\n\nStart here: coprod assess",
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"coprod {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def main(
    ctx: typer.Context,
    version: Annotated[
        Optional[bool],  # noqa: UP045 - typer reads the annotation at run time
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = None,
) -> None:
    """Assess how well a service practises co-production, score it, and report.

    ``coprod`` alone prints the help on stdout and succeeds: it is how people start.
    """
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())


@contextmanager
def errors() -> Iterator[None]:
    """Turn a CoprodError into a red one-line message (one per problem) and its exit code."""
    from rich.text import Text

    from coprod.console import labelled, problem_line, stderr

    try:
        yield
    except InvalidFileError as exc:
        console = stderr()
        for problem in exc.problems:
            console.print(problem_line(problem))
        console.print(Text(exc.message, style="red"))
        raise typer.Exit(exc.exit_code) from None
    except CoprodError as exc:
        stderr().print(labelled("error", "red", str(exc)))
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        stderr().print("Interrupted.")
        raise typer.Exit(130) from None


def refuse(message: str, param_hint: str) -> typer.BadParameter:
    """A usage error whose message, which may quote what was typed, is printed cleaned."""
    from coprod.console import clean

    return typer.BadParameter(clean(message), param_hint=param_hint)


LANG_ENV = "COPROD_LANG"
LangOpt = Annotated[
    str,
    typer.Option(
        "--lang", envvar=LANG_ENV, help="Language code for texts, e.g. en or cy (cy: Welsh)."
    ),
]


@app.command()
def validate(
    files: Annotated[list[Path], typer.Argument(help="Questionnaire YAML files.")],
    languages: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(help="Comma-separated languages every text must have, e.g. en,cy."),
    ] = None,
) -> None:
    """Check questionnaire files; list every problem with its line.

    Example: coprod validate questionnaires/*.yaml
    """
    from rich.text import Text

    from coprod.api import validate_file
    from coprod.console import labelled, problem_line, stderr

    console = stderr()
    langs = [x.strip() for x in languages.split(",") if x.strip()] if languages else None
    failed = unreadable = 0
    for file in files:
        result = validate_file(file, langs)
        unreadable += result.unreadable
        for problem in result.problems:
            console.print(problem_line(problem))
        if result.ok:
            console.print(labelled("ok", "green", str(file), colon=False))
        else:
            failed += 1
            count = sum(p.severity == "error" for p in result.problems)
            console.print(Text(f"{file}: {count} problem{'s' if count != 1 else ''}", style="red"))
        for review in result.review:
            if review.draft:
                console.print(
                    labelled(
                        "draft",
                        "yellow",
                        f"{file}: {review.draft} of {review.translated} texts in '{review.lang}' "
                        f"not yet reviewed (mark each with 'reviewed: {review.lang}').",
                    )
                )
    if unreadable:
        raise typer.Exit(InputFileError.exit_code)
    if failed:
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of questionnaire files, for editors.

    Example: coprod schema > questionnaire.schema.json, then start a questionnaire with
    '# yaml-language-server: $schema=questionnaire.schema.json'.
    """
    from coprod.api import json_schema

    typer.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))


@app.command("list")
def list_(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the built-in questionnaires.

    Example: coprod list
    """
    from coprod.api import list_builtin
    from coprod.console import builtin_table, echo_json, stdout

    with errors():
        items = list_builtin()
    if as_json:
        data = [
            {
                "id": i.id,
                "version": i.version,
                "title": i.title,
                "principles": i.principles,
                "questions": i.questions,
                "languages": i.languages,
                "older_versions": list(i.older_versions),
            }
            for i in items
        ]
        echo_json(data)
        return
    stdout().print(builtin_table(items))


@app.command()
def show(
    questionnaire: Annotated[str, typer.Argument(help="A built-in id or a questionnaire file.")],
    lang: LangOpt = "en",
) -> None:
    """Show a questionnaire's parts and questions, numbered as on screen.

    Example: coprod show starter
    """
    from coprod.console import questionnaire_view, stdout
    from coprod.questionnaire.load import load_questionnaire

    with errors():
        loaded = load_questionnaire(questionnaire)
    stdout().print(questionnaire_view(loaded.questionnaire, lang))


@app.command()
def score(
    responses: Annotated[list[Path], typer.Argument(help="Response YAML files.")],
    questionnaire: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--questionnaire", "-q", help="Score against this questionnaire instead."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON on stdout.")] = False,
    lang: LangOpt = "en",
) -> None:
    """Show an assessment's scores and recommendations in the terminal.

    A table per principle with its band and coverage.

    Example: coprod score examples/starter-response.yaml --json
    """
    from coprod.api import score_file, scores_to_data
    from coprod.console import echo_json, labelled, score_table, stderr, stdout

    results = []
    with errors():
        for path in responses:
            results.append(score_file(path, questionnaire))
    for result in results:
        for warning in result.warnings:
            stderr().print(labelled("warning", "yellow", warning))
    if as_json:
        data = [scores_to_data(r, lang) for r in results]
        echo_json(data[0] if len(data) == 1 else data)
        return
    for result in results:
        stdout().print(score_table(result, lang))


@app.command()
def assess(
    questionnaire: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(help="A built-in id or a questionnaire file. Default: starter."),
    ] = None,
    out: Annotated[
        Optional[str],  # noqa: UP045 - a str, so that a trailing slash ("answers/") survives
        typer.Option(
            "--out",
            "-o",
            help="Answers file, or folder ending in /. "
            "Default: <questionnaire-id>-<date>.yaml here.",
        ),
    ] = None,
    resume: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--resume", help="Carry on with this answers file where it stopped."),
    ] = None,
    lang: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--lang",
            envvar=LANG_ENV,
            help="en or cy (Welsh): the session's language, stored in the answers file. "
            "Default: English, or the file's language with --resume.",
        ),
    ] = None,
    organisation: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(help="Your organisation, e.g. a council."),
    ] = None,
    service: Annotated[Optional[str], typer.Option(help="The service assessed.")] = None,  # noqa: UP045
    role: Annotated[Optional[str], typer.Option(help="Your role.")] = None,  # noqa: UP045
    perspective: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(help="staff, lived_experience, carer, partner or other."),
    ] = None,
    name: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(help="Your name (optional; stored only if given)."),
    ] = None,
    answers: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--answers", help="Fill answers from YAML lines 'question_id: answer'."),
    ] = None,
    no_input: Annotated[
        bool, typer.Option("--no-input", help="Ask nothing: fill from --answers, then score.")
    ] = False,
) -> None:
    """Answer the questions one at a time; each answer is saved at once.

    Keys on screen: a number answers, ? more help, n note, b back, s skip, x not
    applicable, d don't know, q save and quit. Piped input works: one answer per line.

    Example: coprod assess coproduction --organisation "Anytown Council" --service Housing
    """
    from coprod.assess.screens import ConsoleUI
    from coprod.assess.session import Outcome
    from coprod.assess.session import assess as run_assessment
    from coprod.assess.typed import perspective_id
    from coprod.model import PERSPECTIVES, Respondent

    if out is not None and resume is not None:
        raise refuse("give --out or --resume, not both.", param_hint="--out")
    if no_input and answers is None and resume is None:
        raise refuse("needs --answers FILE or --resume FILE.", param_hint="--no-input")
    if lang is not None and "+" in lang:
        raise refuse(
            f"'{lang}': a session runs in one language; give en or cy.", param_hint="--lang"
        )
    pid = perspective_id(perspective) if perspective is not None else None
    if perspective is not None and pid is None:
        raise refuse(
            f"'{perspective}' is not one of {', '.join(PERSPECTIVES)}.", param_hint="--perspective"
        )
    respondent = Respondent(
        organisation=organisation, service=service, role=role, perspective=pid, name=name
    )
    with errors():
        result = run_assessment(
            questionnaire,
            ConsoleUI(),
            out=out,
            resume=resume,
            lang=lang,
            respondent=respondent,
            answers=answers,
            no_input=no_input,
        )
    if result.outcome == Outcome.interrupted:
        raise typer.Exit(130)
    if result.outcome == Outcome.input_ended:
        raise typer.Exit(INPUT_ENDED)


@app.command()
def report(
    response: Annotated[Path, typer.Argument(help="A response YAML file.")],
    fmt: Annotated[
        str, typer.Option("--format", "-f", help=f"{REPORT_FORMATS.listed()}.")
    ] = REPORT_FORMATS.default[0],
    out: Annotated[
        Optional[str],  # noqa: UP045 - a str, so that a trailing slash ("reports/") survives
        typer.Option(
            "--out",
            "-o",
            help="File, or folder ending in / (created if need be). "
            "Default: <response>-report.html/.pdf here.",
        ),
    ] = None,
    lang: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--lang",
            help="en, cy (Welsh) or en+cy (bilingual, Welsh first). "
            "Default: the language stored in the response.",
        ),
    ] = None,
    template_dir: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--template-dir", help="Your own templates (run in a sandbox)."),
    ] = None,
    title: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--title", help="The report's title. Default: from the service and organisation."
        ),
    ] = None,
    logo: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--logo", help="A PNG, JPEG or GIF logo for the cover."),
    ] = None,
    plan: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--plan", help="An action plan (coprod plan): show its progress beside these scores."
        ),
    ] = None,
    summary: Annotated[
        bool, typer.Option("--summary", help="Only the summary: level, chart, where to start.")
    ] = False,
    no_notes: Annotated[
        bool,
        typer.Option(
            "--no-notes", help="For publication: leave out notes, written answers and names."
        ),
    ] = False,
) -> None:
    """Make the HTML and PDF report of an assessment, to share.

    The HTML is accessible (WCAG 2.2 AA), the PDF tagged; both carry recommendations.

    With --lang en+cy the HTML holds the Welsh report first, then the English one;
    the PDF is written as one file per language (its tags cannot mark a passage's
    language).

    Example: coprod report examples/coproduction-response.yaml --format pdf --out report.pdf
    """
    from coprod.console import echo, labelled, stderr
    from coprod.report.files import write_report
    from coprod.report.progress import ProgressBuilder

    if fmt not in REPORT_FORMATS:
        raise refuse(REPORT_FORMATS.refusal(fmt), param_hint="--format")
    progress: ProgressBuilder | None = None
    plan_warnings: list[str] = []
    with errors():
        if plan is not None:
            from coprod.plan.progress import follow_up_progress

            progress, plan_warnings = follow_up_progress(plan, response)
        written = write_report(
            response,
            fmt=cast(ReportFormat, fmt),
            out=out,
            lang=lang,
            template_dir=template_dir,
            title=title,
            logo=logo,
            progress=progress,
            summary_only=summary,
            no_notes=no_notes,
        )
    for warning in plan_warnings + written.warnings:
        stderr().print(labelled("warning", "yellow", warning))
    for path in written.paths:
        echo(str(path))


@app.command()
def template(
    questionnaire: Annotated[str, typer.Argument(help="A built-in id or a questionnaire file.")],
    fmt: Annotated[
        str, typer.Option("--format", "-f", help=f"{TEMPLATE_FORMATS.listed()}.")
    ] = TEMPLATE_FORMATS.default[0],
    lang: LangOpt = "en",
    out: Annotated[
        Optional[str],  # noqa: UP045 - a str, so that a trailing slash ("forms/") survives
        typer.Option(
            "--out",
            "-o",
            help="File, or folder ending in / (created if need be). "
            "Default: <id>-answers.<format> here.",
        ),
    ] = None,
) -> None:
    """Write a blank answer sheet or paper form for a workshop.

    One row per person, one column per question.

    The XLSX has drop-downs on the answer cells and a Questions sheet with each
    question's allowed answers; the PDF is a printable paper form with tick boxes.
    Fill it in, then score the room with coprod batch.

    Example: coprod template coproduction --format xlsx --out workshop.xlsx
    """
    from coprod.console import echo
    from coprod.forms.sheet import write_template

    if fmt not in TEMPLATE_FORMATS:
        raise refuse(TEMPLATE_FORMATS.refusal(fmt), param_hint="--format")
    with errors():
        path = write_template(questionnaire, fmt, lang, out)
    echo(str(path))


@app.command()
def batch(
    sheets: Annotated[list[Path], typer.Argument(help="Answer sheets: CSV or XLSX files.")],
    questionnaire: Annotated[
        str, typer.Option("--questionnaire", "-q", help="A built-in id or a questionnaire file.")
    ],
    map_file: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--map", help="YAML file saying which column is which question."),
    ] = None,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder for scores, statistics and problems.")
    ] = Path("batch-out"),
    formats: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--format",
            "-f",
            help=f"{BATCH_FORMATS.listed()} (the group report); repeat for several. "
            f"Default: {', '.join(BATCH_FORMATS.default)}.",
        ),
    ] = None,
    by: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--by", help="Group by perspective, organisation, service or a column header."
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Leave out every row that has a problem.")
    ] = False,
    responses: Annotated[
        bool,
        typer.Option("--responses/--no-responses", help="Write one response file per person."),
    ] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print group figures as JSON.")] = False,
    lang: LangOpt = "en",
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", help="Only say what was understood of each sheet; score and write nothing."
        ),
    ] = False,
    date_order: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--date-order", help="dmy or mdy: how to read dates like 03/04/2026 when unsure."
        ),
    ] = None,
    combine: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--combine",
            help="Count a small group with another, e.g. carer=lived_experience; repeat for more.",
        ),
    ] = None,
    show_text: Annotated[
        bool,
        typer.Option(
            "--show-text", help="Show written answers in the group report (names taken out)."
        ),
    ] = False,
) -> None:
    """Score a workshop's answer sheets: where people agree and differ.

    Exit code 0 when every cell was read, 7 when some rows or cells need a look
    (listed here and in problems.csv), 1 when nothing could be scored.

    Example: coprod batch answers.csv --questionnaire coproduction --by perspective --out workshop
    """
    from rich.text import Text

    from coprod.batch.run import run_batch, understand_sheets
    from coprod.batch.view import (
        batch_view,
        combined_lines,
        counts_line,
        problem_lines,
        slow_spinner,
        understood_lines,
    )
    from coprod.batch.write import stats_to_data, write_batch
    from coprod.console import echo_json, labelled, stderr, stdout
    from coprod.gcpause import gc_paused

    given = formats or BATCH_FORMATS.default
    chosen = [f.strip() for item in given for f in item.split(",") if f.strip()]
    for fmt in chosen:
        if fmt not in BATCH_FORMATS:
            raise refuse(BATCH_FORMATS.refusal(fmt), param_hint="--format")
    if date_order is not None and date_order not in ("dmy", "mdy"):
        raise refuse("use dmy (day first) or mdy (month first).", param_hint="--date-order")
    pairs: dict[str, str] = {}
    for pair in combine or []:
        source, sep, target = (part.strip() for part in pair.partition("="))
        if not sep or not source or not target or source == target:
            raise refuse(
                f"'{pair}' should be GROUP=INTO, e.g. carer=lived_experience.",
                param_hint="--combine",
            )
        pairs[source] = target
    console = stderr()
    if dry_run:
        with errors():
            understood = understand_sheets(sheets, questionnaire, map_file, by, date_order)
        for line in understood_lines(understood):
            stdout().print(line)
        return
    with errors():
        with slow_spinner(console) as progress, gc_paused():
            result = run_batch(
                sheets,
                questionnaire,
                map_file,
                by,
                strict,
                lang,
                progress,
                date_order,
                combine=pairs,
            )
            write_batch(result, out, chosen, responses, lang, show_text=show_text)
    for line in understood_lines(result.sheets):
        console.print(line)
    for warning in result.sheets.warnings:
        console.print(labelled("warning", "yellow", warning))
    for line in problem_lines(result, str(out / "problems.csv")):
        console.print(line)
    console.print(counts_line(result, lang))
    for line in combined_lines(result):
        console.print(line)
    if as_json:
        echo_json(stats_to_data(result.stats))
    else:
        stdout().print(batch_view(result, lang))
    console.print(Text(f"Written to {out}/"))
    if result.exit_code:
        raise typer.Exit(result.exit_code)


@app.command()
def compare(
    inputs: Annotated[
        list[Path],
        typer.Argument(help="Response files, folders of them, or coprod batch output folders."),
    ],
    by: Annotated[
        str, typer.Option("--by", help="organisation, service, role, perspective or group.")
    ] = "service",
    over_time: Annotated[
        bool, typer.Option("--over-time", help="Compare rounds: each unit's change since baseline.")
    ] = False,
    baseline: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--baseline", help="The round to measure change from. Default: the earliest."),
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help=f"{COMPARE_FORMATS.listed()}.")
    ] = COMPARE_FORMATS.default[0],
    out: Annotated[
        Optional[str],  # noqa: UP045 - a str, so that a trailing slash ("reports/") survives
        typer.Option(
            "--out",
            "-o",
            help="File, or folder ending in / (created if need be). Default: comparison.<format>.",
        ),
    ] = None,
    min_group: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--min-group",
            help="Hold back groups with fewer responses. Default: 3 for people's answers, else 1.",
        ),
    ] = None,
    anonymise: Annotated[
        bool,
        typer.Option("--anonymise", help="Letters for organisation and service names; no names."),
    ] = False,
    plan: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--plan",
            help="With --over-time and html/pdf: an action plan's targets and actions beside "
            "the change.",
        ),
    ] = None,
    each_unit: Annotated[
        bool,
        typer.Option(
            "--each-unit", help="Add a page for each unit over time (html, pdf; --over-time)."
        ),
    ] = False,
    lang: Annotated[
        str,
        typer.Option(
            "--lang",
            envvar=LANG_ENV,
            help="Report language: en, cy, or en+cy (one report in each, Welsh first).",
        ),
    ] = "en",
) -> None:
    """Compare services, organisations or rounds, fairly.

    Every score shows its n and spread; small groups are held back.

    Only responses to the same questionnaire and a compatible version are compared;
    anything else is listed with its reason. Exit code 8 when some inputs were left out.

    Example: coprod compare baseline/ follow-up/ --over-time --format pdf --out change.pdf
    """
    from coprod.compare.gather import run_compare
    from coprod.compare.results import NothingToCompareError, Options, Skipped
    from coprod.compare.write import compare_summary, write_comparisons
    from coprod.console import echo, labelled, stage_bar, stderr
    from coprod.i18n.messages import normalise_language
    from coprod.report.progress import ProgressBuilder

    if fmt not in COMPARE_FORMATS:
        raise refuse(COMPARE_FORMATS.refusal(fmt), param_hint="--format")
    if plan is not None and not over_time:
        raise refuse("goes with --over-time.", param_hint="--plan")
    if plan is not None and fmt not in ("html", "pdf"):
        raise refuse(
            f"goes with --format html or pdf; the {fmt} table has no place for actions.",
            param_hint="--plan",
        )
    options = Options(by, over_time, baseline, min_group, anonymise, normalise_language(lang))
    console = stderr()
    progress: ProgressBuilder | None = None
    plan_warnings: list[str] = []

    def left_out(skipped: list[Skipped]) -> None:
        for s in skipped:
            where = f"input {s.number} ({s.source})" if anonymise else s.source
            console.print(labelled("left out", "yellow", f"{where}: {s.reason}"))

    with errors():
        try:
            result = run_compare(inputs, options)
        except NothingToCompareError as exc:
            left_out(exc.skipped)  # every reason first, then the error
            raise
        if plan is not None:
            from coprod.plan.progress import over_time_progress

            progress, plan_warnings = over_time_progress(plan, result)
        with stage_bar(console, "PDF") as rendering:
            paths = write_comparisons(
                result,
                cast(CompareFormat, fmt),
                out,
                progress,
                each_unit=each_unit,
                rendering=rendering,
            )
    left_out(result.skipped)
    for warning in result.warnings + plan_warnings:
        console.print(labelled("warning", "yellow", warning))
    held = result.held_back()
    for unit, round_label, n in held:
        when = f" ({round_label})" if over_time else ""
        console.print(
            labelled(
                "held back",
                "yellow",
                f"{unit}{when}: {n} response{'s' if n != 1 else ''}, fewer than "
                f"{result.min_group}, so no figures are shown for it (--min-group sets this).",
            )
        )
    console.print(compare_summary(result))
    if result.bridge is not None:
        console.print(labelled("across versions", "cyan", result.bridge.summary()))
    for path in paths:
        echo(str(path))
    if result.exit_code:
        raise typer.Exit(result.exit_code)


@app.command("plan")
def plan_(
    source: Annotated[
        Path,
        typer.Argument(
            help="A response file or coprod batch output folder; with --check or "
            "--you-said-we-did, a plan."
        ),
    ],
    out: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--out", "-o", help="File to write (.xlsx or .csv). Default: <source>-plan.xlsx here."
        ),
    ] = None,
    lang: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--lang",
            help="en, cy (Welsh) or en+cy (both, Welsh first). Default: the response's language.",
        ),
    ] = None,
    check: Annotated[
        bool, typer.Option("--check", help="Read an edited plan back and list every problem.")
    ] = False,
    you_said: Annotated[
        bool,
        typer.Option(
            "--you-said-we-did",
            help="Write the 'You said, we did' page of a plan for the people who took part.",
        ),
    ] = False,
    fmt: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--format", "-f", help=f"With --you-said-we-did: {PLAN_PAGE_FORMATS.listed()}."
        ),
    ] = None,
    questionnaire: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--questionnaire", "-q", help="The plan's questionnaire, if not built in."),
    ] = None,
) -> None:
    """Write an action plan; check an edited one; say what was done.

    One row per action with owner, due date and status (drop-downs in English and
    Welsh), a target per principle; for a workshop, the room's priorities and the
    questions people saw differently come first, to discuss. Exit code 10 when an
    edited plan has cells to fix (each listed with its row and column).

    Example: coprod plan examples/starter-response.yaml --out plan.xlsx
    """
    from coprod.console import echo, labelled, problem_line, stderr

    if check and you_said:
        raise refuse("give --check or --you-said-we-did, not both.", param_hint="--check")
    # Every option given is used, or refused here: none is quietly passed over.
    unused = {
        "--out": check and out is not None,
        "--lang": check and lang is not None,
        "--format": not you_said and fmt is not None,
        "--questionnaire": not (check or you_said) and questionnaire is not None,
    }
    for option, refused in unused.items():
        if refused:
            raise refuse(
                "does not apply here: --check only reads a plan; --format goes with "
                "--you-said-we-did (a plan is .xlsx or .csv by --out's name); --questionnaire "
                "with --check or --you-said-we-did.",
                param_hint=option,
            )
    if fmt is not None and fmt not in PLAN_PAGE_FORMATS:
        raise refuse(PLAN_PAGE_FORMATS.refusal(fmt), param_hint="--format")
    console = stderr()
    if check:
        from coprod.plan.read import check_plan, plan_summary

        with errors():
            read = check_plan(source, questionnaire)
        for problem in read.problems:
            console.print(problem_line(problem))  # type: ignore[arg-type]
        console.print(plan_summary(read))
        if read.exit_code:
            raise typer.Exit(read.exit_code)
        return
    if you_said:
        from coprod.plan.feedback import write_feedback

        with errors():
            written = write_feedback(source, out, fmt or "html", lang, questionnaire)
        for warning in written.warnings:
            console.print(labelled("warning", "yellow", warning))
        for path in written.paths:
            echo(str(path))
        return
    from coprod.plan.write import create_plan, made_summary

    with errors():
        path, made = create_plan(source, out, lang)
    for warning in made.warnings:
        console.print(labelled("warning", "yellow", warning))
    console.print(made_summary(made))
    echo(str(path))


@app.command("help")
def help_(
    ctx: typer.Context,
    topic: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(metavar="TOPIC", help="exit-codes: what each exit code means."),
    ] = None,
) -> None:
    """More help: coprod help exit-codes lists what each exit code means.

    Example: coprod help exit-codes
    """
    if topic is None:
        typer.echo(ctx.parent.get_help() if ctx.parent else "")
        return
    if topic != "exit-codes":
        raise refuse(f"'{topic}': the topic is exit-codes.", param_hint="TOPIC")
    typer.echo("Exit codes of every coprod command:")
    for code, meaning in EXIT_CODES.items():
        typer.echo(f"  {code:>3}  {meaning}")


translate_app = App(
    cls=Commands,
    help="Send texts to translators (PO, XLIFF) and take their work back.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(translate_app, name="translate")


@translate_app.command("export")
def translate_export(
    questionnaire: Annotated[str, typer.Argument(help="Built-in id or questionnaire YAML file.")],
    to: Annotated[str, typer.Option("--to", help="Language to translate into, e.g. cy.")],
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="po, xliff, or pot (a gettext template).")
    ] = "po",
    out: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--out", "-o", help="File or folder. Default: ID-LANG.po (or .xlf) here."),
    ] = None,
) -> None:
    """Write every text of a questionnaire, with its id, context and English, for a translator.

    Texts already translated go in too, marked as needing review until a person
    has reviewed them (PO 'fuzzy'; XLIFF 'needs-review-translation').

    Example: coprod translate export coproduction --to cy --format xliff
    """
    from coprod.console import stderr
    from coprod.translate.run import export_translation

    with errors():
        done = export_translation(questionnaire, to, fmt, out)
    stderr().print(
        f"{done.texts} texts for '{done.lang}': {done.translated} already translated "
        f"({done.reviewed} reviewed), {done.texts - done.translated} to translate."
    )
    typer.echo(str(done.path))


@translate_app.command("interface")
def translate_interface(
    to: Annotated[str, typer.Option("--to", help="Language to translate into, e.g. cy.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the gettext files.")] = Path(
        "locale"
    ),
) -> None:
    """Write coprod's own messages and report labels for a translator, in the gettext layout.

    OUT/coprod.pot is the template; OUT/LANG/LC_MESSAGES/coprod.po the translation so far.
    `coprod translate import` writes it back into coprod's messages and labels.

    Example: coprod translate interface --to cy --out locale
    """
    from coprod.console import stderr
    from coprod.translate.interface import export_interface

    with errors():
        done = export_interface(to, out)
    stderr().print(f"{done.texts} texts for '{done.lang}': {done.translated} already translated.")
    typer.echo(str(done.template))
    typer.echo(str(done.translation))


@translate_app.command("import")
def translate_import(
    file: Annotated[Path, typer.Argument(help="The translated .po or .xlf file.")],
    into: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--into", help="The questionnaire to write into. Default: the one exported."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check and report; write nothing.")
    ] = False,
) -> None:
    """Write a translator's PO or XLIFF file back into the questionnaire (or coprod's own words).

    Comments and layout are kept. Lists what was left untranslated, what changed
    in English since the export (not written: export again), and how many texts
    are still waiting for review.

    Example: coprod translate import coproduction-cy.po
    """
    from coprod.console import labelled, stderr
    from coprod.translate.run import import_translation

    with errors():
        done = import_translation(file, into, dry_run)
    console = stderr()
    for tid in done.source_changed:
        console.print(
            labelled("not written", "yellow", f"{tid}: the English changed since the export")
        )
    for tid in done.unknown:
        console.print(labelled("not written", "yellow", f"{tid}: no text with this id"))
    for tid in done.placeholders:
        console.print(
            labelled("not written", "yellow", f"{tid}: a {{placeholder}} coprod does not fill here")
        )
    for tid in done.untranslated:
        console.print(labelled("untranslated", "yellow", tid))
    for tid in done.not_in_file:
        console.print(labelled("not in the file", "yellow", f"{tid}: added since the export?"))
    verb = "would write" if dry_run else "wrote"
    texts = len(done.written)
    marks = len(done.reviewed_changed)
    console.print(
        f"{done.file}: {verb} {texts} text{'s' if texts != 1 else ''} in '{done.lang}' "
        f"({marks} review mark{'s' if marks != 1 else ''} changed, {done.unchanged} unchanged); "
        f"{done.translated - done.reviewed} of {done.translated} still a draft (not reviewed)."
    )


def run() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run())  # type: ignore[func-returns-value]
