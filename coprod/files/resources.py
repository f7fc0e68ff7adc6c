"""Where coprod's own data files are: built-in questionnaires, report templates, messages.

Every ``Path(__file__)`` lookup lives here, so that moving a module never breaks
one. In an installed wheel the questionnaires and templates sit inside the
package (pyproject's ``force-include``); in a source checkout they sit beside it.
"""

from __future__ import annotations

from pathlib import Path

#: The ``coprod`` package folder.
PACKAGE_DIR = Path(__file__).resolve().parent.parent


def _data_dir(name: str) -> Path:
    """``name`` inside the package (a wheel), else beside it (a source checkout)."""
    for candidate in (PACKAGE_DIR / name, PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    return PACKAGE_DIR.parent / name


def builtin_dir() -> Path:
    """The folder of built-in questionnaires (inside the wheel, or the source checkout)."""
    return _data_dir("questionnaires")


def builtin_questionnaire(ref: str) -> Path | None:
    """The built-in questionnaire file with this id, or None when ``ref`` is a path or unknown.

    A ref ending in .yaml/.yml, holding a slash, or naming an existing file is a path.
    """
    path = Path(ref)
    if path.suffix.lower() in (".yaml", ".yml") or path.exists() or "/" in ref or "\\" in ref:
        return None
    candidate = builtin_dir() / f"{ref}.yaml"
    return candidate if candidate.is_file() else None


def templates_dir() -> Path:
    """coprod's own report templates (inside the wheel, or the source checkout)."""
    return _data_dir("report_templates")


def messages_file() -> Path:
    """The catalogue of coprod's own messages, in every language it speaks."""
    return PACKAGE_DIR / "i18n" / "messages.yaml"
