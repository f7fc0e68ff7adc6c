"""Ids compared as people read them: two ids must differ by more than case or lookalikes.

``q1`` and ``Q1``, ``yes`` and ``Yes``, ``q_1`` and ``q-1``, ``p0`` and ``pO``,
``l1`` and ``I1`` are different strings but read as one id on a form, in a
spreadsheet header or a list of choices; answer sheets match headers without
regard to case, so an answer could land on the wrong question. (Letters from
other alphabets that look like Latin ones are refused by the id pattern itself.)

The check is generic over kinds of id: every list of maps that have an ``id``
is a set of ids that must read differently (choices within their question,
recommendations, sources, and whatever lists later versions of the format add),
and so are the keys of ``scales``. Principles and questions share one set, since
answers and rules name them side by side.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from coprod.errors import Problem
from coprod.files.yamlio import Located, Path_
from coprod.questionnaire.validation import format_path

#: Lists whose ids share one set across the file, whatever their position.
SHARED = {("principles",): "ids", ("principles", "*", "questions"): "ids"}
#: Maps whose keys are ids.
KEYED = {("scales",)}
#: What to call an id found in a list of this name.
KIND_NAMES = {
    "principles": "principle",
    "questions": "question",
    "choices": "choice",
    "recommendations": "recommendation",
    "sources": "source",
    "scales": "scale",
}
_SEPARATORS = str.maketrans({"-": "_", ".": "_"})
# Lookalikes in many fonts: 1, l and capital I; 0 and O. Mapped before letters are made
# small, so that a small i (with its dot) stays apart from l.
_LOOKALIKES = str.maketrans({"1": "l", "I": "l", "0": "o"})


def readings(identifier: str) -> tuple[str, str]:
    """How an id reads: with case and '-', '_', '.' set aside; and with lookalikes too."""
    by_case = identifier.casefold().translate(_SEPARATORS)
    return by_case, identifier.translate(_LOOKALIKES).casefold().translate(_SEPARATORS)


def read_alike(a: str, b: str) -> bool:
    """True when two ids would be taken for one another (identical ids count too)."""
    return any(x == y for x, y in zip(readings(a), readings(b), strict=True))


def how_they_differ(a: str, b: str) -> str:
    """Say in words what alone tells two ids that read alike apart."""
    if a.casefold() == b.casefold():
        return "only in capital and small letters"
    if a.casefold().translate(_SEPARATORS) == b.casefold().translate(_SEPARATORS):
        return "only in '-', '_' or '.'"
    return "only in characters that look alike (0 and O; 1, l and I)"


def id_collisions(located: Located) -> list[Problem]:
    """Every pair of ids in one set that differ only in case, separators or lookalikes."""
    seen: dict[tuple[Any, int, str], tuple[str, Path_, str]] = {}
    problems: list[Problem] = []
    for group, kind, identifier, path in _ids(located.data, ()):
        keys = [(group, n, reading) for n, reading in enumerate(readings(identifier))]
        earlier = next((seen[key] for key in keys if key in seen), None)
        for key in keys:
            seen.setdefault(key, (identifier, path, kind))
        if earlier is None or earlier[0] == identifier:
            continue  # new, or the same id twice (the cross-checks report "used twice")
        first, first_path, first_kind = earlier
        line, column = located.where(path, key=path[:1] == ("scales",))
        first_line, _ = located.where(first_path, key=first_path[:1] == ("scales",))
        where = f"{located.file}:{first_line}" if first_line else located.file
        problems.append(
            Problem(
                located.file,
                f"{kind} id '{identifier}' reads the same as {first_kind} id '{first}' at "
                f"{where}: they differ {how_they_differ(first, identifier)}, so people, "
                "forms and spreadsheets take them for one id.",
                line,
                column,
                format_path(path),
                "rename one of them so that the two read differently.",
            )
        )
    return problems


def _pattern(path: Path_) -> tuple[str, ...]:
    return tuple("*" if isinstance(part, int) else str(part) for part in path)


def _ids(data: Any, path: Path_) -> Iterator[tuple[Any, str, str, Path_]]:
    """(set the id belongs to, kind, id, path to it) for every id in the data."""
    if isinstance(data, dict):
        if _pattern(path) in KEYED:
            kind = KIND_NAMES.get(str(path[-1]), str(path[-1]))
            for key in data:
                if isinstance(key, str):
                    yield path, kind, key, (*path, key)
        for key, value in data.items():
            yield from _ids(value, (*path, key))
    elif isinstance(data, list):
        name = str(path[-1]) if path else ""
        kind = KIND_NAMES.get(name, name.removesuffix("s") or "item")
        group: Any = SHARED.get(_pattern(path), path)
        for i, item in enumerate(data):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                yield group, kind, item["id"], (*path, i, "id")
            yield from _ids(item, (*path, i))
