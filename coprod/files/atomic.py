"""Atomic writes: a temp file in the same folder, fsync, rename.

A crash, Ctrl-C or ``kill -9`` at any moment leaves either the old file or the new one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from coprod.errors import OutputError


def atomic_write(path: Path, content: str | bytes) -> None:
    """Write a file so that it is either wholly old or wholly new, never half-written.

    A symlink is followed (the file it points to is replaced, the link stays), and an
    existing file keeps its permissions; a new one gets the usual ones for the umask.
    """
    shown = Path(path)
    path = Path(os.path.realpath(shown)) if shown.is_symlink() else shown
    folder = path.parent if str(path.parent) else Path(".")
    try:
        mode = path.stat().st_mode & 0o7777 if path.exists() else _default_mode()
    except OSError:
        mode = _default_mode()
    if not folder.is_dir():
        raise OutputError(
            f"{path}: the folder {folder} does not exist.", "Create it or pick another --out."
        )
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(
            f"{path}: cannot write here ({exc.strerror}).", "Pick a folder you can write to."
        ) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            # mkstemp makes the file private (0600): give it the file's own permissions,
            # or a new file's usual ones, so a shared report stays readable by colleagues.
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(f"{path}: cannot write ({exc.strerror}).") from None
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _default_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def names_folder(out: str | Path) -> bool:
    """True when ``--out`` names a folder: one that exists, or a name ending in a slash."""
    return Path(out).is_dir() or str(out).endswith(("/", os.sep))


def output_path(out: str | Path | None, default_name: str) -> Path:
    """Where a command writes: ``--out`` as a file, or ``default_name`` in a folder.

    ``--out reports/`` (a trailing slash) is a folder whether or not it exists yet,
    for every command that writes; it is created (with its parents) when missing.
    """
    if out is None:
        return Path(default_name)
    if not names_folder(out):
        return Path(out)
    folder = Path(out)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            f"{out}: cannot create this folder ({exc.strerror}).", "Pick another --out."
        ) from None
    return folder / default_name
