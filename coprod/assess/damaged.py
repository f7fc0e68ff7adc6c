"""``coprod assess --resume`` on a damaged file: say what is wrong, offer to keep what is intact.

Nothing is changed until the person says so: on "k" the damaged file is first
copied beside itself (``NAME.damaged``, which no ``*.yaml`` search picks up), then
the session carries on from the intact answers and saves a whole file with a
new check line. On "q" the file is left exactly as it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from rich.console import RenderableType

from coprod.assess.screens import numbered
from coprod.errors import DamagedFileError
from coprod.files.atomic import atomic_write
from coprod.i18n.messages import language_from, ui_text
from coprod.model import Response
from coprod.questionnaire.load import Loaded
from coprod.responses.salvage import keep_fitting, salvage_response
from coprod.scoring.scored import questionnaire_for


class Talk(Protocol):
    """The part of a session's UI this dialogue uses (``show``, ``tell``, ``ask``)."""

    def show(self, renderable: RenderableType) -> None:
        """Show part of a screen."""

    def tell(self, text: str, style: str = "") -> None:
        """Show a short message."""

    def ask(self, prompt: str) -> str:
        """Read one line; raise EOFError when input has ended."""


def copy_path(path: Path) -> Path:
    """Where the damaged file is kept: ``NAME.damaged``, or ``NAME.damaged-2`` ... if taken."""
    candidate = path.with_name(f"{path.name}.damaged")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.damaged-{number}")
        number += 1
    return candidate


def recover(
    path: Path, error: DamagedFileError, questionnaire: str | None, ui: Talk, lang: str | None
) -> tuple[Loaded, Response] | None:
    """Offer to carry on from a damaged file's intact answers; None when the person quits.

    Raises ``error`` again, with a hint to start afresh, when nothing in the file
    can be kept (not even which questionnaire it answers).
    """
    salvage = salvage_response(path, error)
    if salvage is None:
        raise DamagedFileError(
            error.file,
            error.line,
            error.what,
            "Nothing in it can be kept, not even which questionnaire it answers: use the "
            "last good copy, or start a new assessment with coprod assess --out NEW.yaml.",
            cut_short=error.cut_short,
        )
    loaded = questionnaire_for(salvage.response, questionnaire, path.parent)
    salvage = keep_fitting(loaded.questionnaire, salvage, str(path))
    chosen = language_from(lang, salvage.response.language)
    what = "damaged_cut_short" if salvage.cut_short else "damaged_changed"
    ui.tell(ui_text(what, chosen, path=path), "red")
    kept = "damaged_intact" if salvage.cut_short else "damaged_unverified"
    ui.tell(ui_text(kept, chosen, kept=len(salvage.kept)))
    if salvage.dropped:
        ids = ", ".join(qid for qid, _ in salvage.dropped)
        ui.tell(ui_text("damaged_asked_again", chosen, ids=ids))
    copy = copy_path(path)
    ui.show(
        numbered(
            [
                ("k", ui_text("damaged_keep", chosen, copy=copy.name)),
                ("q", ui_text("completed_quit", chosen)),
            ]
        )
    )
    while True:
        choice = ui.ask(ui_text("damaged_prompt", chosen)).strip().lower()
        if choice == "q":
            return None
        if choice == "k":
            break
        ui.tell(ui_text("damaged_type", chosen), "red")
    atomic_write(copy, path.read_bytes())
    return loaded, salvage.response.model_copy(update={"completed": None})
