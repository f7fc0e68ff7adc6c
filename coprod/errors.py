"""The errors coprod raises on purpose. Each says where the problem is and how to fix it.

The CLI turns each class into a one-line message and an exit code
(``CoprodError.exit_code``); anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One located problem in a file: where, what, and how to fix it."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    path: str = ""
    hint: str = ""
    severity: str = "error"

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: "
        if self.path:
            text += f"{self.path}: "
        text += self.message
        if self.hint:
            text += f" Fix: {self.hint}"
        return text


class CoprodError(Exception):
    """Raised when coprod cannot do what was asked because of the user's input."""

    exit_code = 1

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}".strip() if self.hint else self.message


class InputFileError(CoprodError):
    """Raised when a file cannot be read at all: missing, a folder, binary, too big, not YAML."""

    exit_code = 3


class InvalidFileError(CoprodError):
    """Raised when a questionnaire or response file is readable but wrong; carries every problem."""

    exit_code = 1

    def __init__(self, file: str, problems: list[Problem]) -> None:
        count = len(problems)
        super().__init__(f"{file}: {count} problem{'s' if count != 1 else ''} found.")
        self.file = file
        self.problems = problems


class DamagedFileError(CoprodError):
    """Raised when a response file coprod wrote was cut short or changed since: nothing is scored.

    ``cut_short`` tells a file that lost its end (a sync tool, an interrupted copy)
    from one whose content changed (most often an edit by hand).
    """

    exit_code = 1

    def __init__(self, file: str, line: int, what: str, hint: str, *, cut_short: bool) -> None:
        super().__init__(f"{file}:{line}: {what}", hint)
        self.file = file
        self.line = line
        self.what = what
        self.cut_short = cut_short


class MismatchError(CoprodError):
    """Raised when a response does not belong to the questionnaire it is scored against."""

    exit_code = 4


class OutputError(CoprodError):
    """Raised when an output file cannot be written; nothing is left half-written."""

    exit_code = 5


class PdfUnavailableError(OutputError):
    """Raised when the PDF libraries (WeasyPrint and Pango) cannot be loaded on this computer.

    Every other output still works; a writer saves the HTML instead and names it
    (``written``), so the message says what is safe and how to get the PDF.
    """

    def __init__(self, written: str = "") -> None:
        instead = f" The HTML was written instead: {written}." if written else ""
        super().__init__(
            "PDF not made: the PDF libraries (WeasyPrint and Pango) are missing on this "
            f"computer.{instead}",
            "To get a PDF, install them as the README's 'On Windows or macOS' says, "
            "or open the HTML in a web browser and print it to PDF.",
        )
        self.written = written


class TemplateError(CoprodError):
    """Raised when a report template is broken; names the template file and line."""

    exit_code = 6


#: coprod assess: input ran out before the end (scripts can tell this from finishing).
INPUT_ENDED = 9
#: coprod plan --check (and --plan): the action plan has cells to fix.
PLAN_PROBLEMS = 10

#: Exit codes, documented in the README and `coprod --help`.
EXIT_CODES = {
    0: "success",
    1: "invalid questionnaire or response, or a damaged response file (every problem is listed)",
    2: "wrong command-line usage",
    3: "a file could not be read (missing, a folder, binary, too big, not YAML)",
    4: "a response does not match the questionnaire",
    5: "an output file could not be written",
    6: "a report template is broken",
    7: "answer sheets were scored, but some rows or cells need a look (every problem is listed)",
    8: "compared, but some inputs were left out (every one is listed with its reason)",
    9: "piped input ended before the assessment was finished; answers given so far are saved",
    10: "an action plan has cells to fix or has lost its link (every problem is listed)",
    130: "interrupted (Ctrl-C); answers given so far are saved",
}


class SheetError(CoprodError):
    """Raised when answer sheets give nothing to score: no question column, or no answers at all."""

    exit_code = 1


class CompareError(CoprodError):
    """Raised when a comparison cannot be made: nothing comparable, or options that contradict."""

    exit_code = 1


class TranslateError(CoprodError):
    """Raised when texts cannot be exported, or a translation file cannot be imported as asked."""

    exit_code = 1
