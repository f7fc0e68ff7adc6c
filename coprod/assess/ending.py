"""How a session ends: the offer to make the report, and how to carry on after stopping."""

from __future__ import annotations

import shlex
from pathlib import Path

from coprod.assess.screens import UI, Command
from coprod.console import coprod_command
from coprod.errors import PdfUnavailableError
from coprod.i18n.messages import is_yes, ui_text


def offer_report(path: Path, lang: str, ui: UI) -> None:
    """Ask whether to make the HTML and PDF report of ``path`` now, and make it if so.

    The report is in the session's language, which the response file stores. Without
    the PDF libraries the HTML is still made, and the message says so.
    """
    try:
        reply = ui.ask(ui_text("offer_report", lang))
    except EOFError:
        return
    if not is_yes(reply):
        return
    from coprod.report.files import write_report

    ui.tell(ui_text("making_report", lang))
    try:
        written = write_report(path, fmt="both", out=path.parent)
    except PdfUnavailableError as exc:
        ui.tell(str(exc), "yellow")  # the HTML report was written; the message names it
        return
    for warning in written.warnings:
        ui.tell(warning)
    for made in written.paths:
        ui.tell(ui_text("written", lang, path=made))


def tell_how_to_resume(path: Path, lang: str, ui: UI, ended: str, done: int, total: int) -> None:
    """Say how the session stopped (``ended``: a message key), what is saved, and the command."""
    first = ui_text(ended, lang)
    ui.tell(ui_text("resume_summary", lang, first=first, done=done, total=total, path=path))
    ui.tell(ui_text("to_carry_on", lang))
    ui.tell(Command(f"  {coprod_command()} assess --resume {shlex.quote(str(path))}"))
