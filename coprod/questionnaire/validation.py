"""Turn pydantic's validation errors into located problems a questionnaire author can act on."""

from __future__ import annotations

import difflib
import json
from typing import Any

from pydantic import BaseModel, ValidationError

from coprod import model
from coprod.errors import Problem
from coprod.files.yamlio import Located, Path_


def _all_field_names() -> set[str]:
    names: set[str] = set()
    for obj in vars(model).values():
        if isinstance(obj, type) and issubclass(obj, BaseModel):
            for name, info in obj.model_fields.items():
                names.add(info.alias or name)
    return names


FIELD_NAMES = _all_field_names()

_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "dict_type": "a map of 'key: value' lines",
    "list_type": "a list of '- item' lines",
    "model_type": "a map of 'key: value' lines",
    "model_attributes_type": "a map of 'key: value' lines",
}


_BOUNDS = {
    "less_than_equal": ("le", "at most"),
    "greater_than_equal": ("ge", "at least"),
    "less_than": ("lt", "below"),
    "greater_than": ("gt", "above"),
}


def _number(value: Any) -> str:
    """A bound as people write it: 1,000 and 1,000,000,000,000 with commas, 0.5 as it is."""
    if isinstance(value, (int, float)) and float(value).is_integer():
        return f"{int(value):,}"
    return str(value)


def _shown_number(given: Any, described: str) -> str:
    """A number as the message shows it: 1e+308, also when YAML read '1e308' as text."""
    try:
        return f"{float(given):g}" if isinstance(given, (float, str)) else described
    except ValueError:
        return described


def _bounds_hint(name: str, path: Path_) -> str:
    """How to bring this number within its bounds (docs/questionnaire-format.md)."""
    if name == "weight":
        return (
            f"give a weight from 0 (not scored) to {model.MAX_WEIGHT:,}: how much this counts "
            "beside the others."
        )
    if name == "value" and "levels" in path:
        return f"give a whole number from -{model.MAX_LEVEL:,} to {model.MAX_LEVEL:,}."
    scores = ("score", "score_below", "score_at_least", "yes_score", "no_score", "min_coverage")
    if name in scores or path[:1] == ("bands",):
        return "give a number from 0 to 100: scores and percentages run from 0 to 100."
    return f"give a number from -{model.MAX_NUMBER:,.0f} to {model.MAX_NUMBER:,.0f}."


def format_path(path: Path_) -> str:
    """Dotted path like ``principles[0].questions[2].weight``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _data_path(loc: tuple[Any, ...], data: Any) -> tuple[Path_, bool]:
    """Follow pydantic's ``loc`` through the raw data, dropping union-member tags.

    Returns the path and whether its last element is a key that is not in the data
    (a missing or an unknown field).
    """
    path: list[str | int] = []
    current = data
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(current, dict):
            tag = current.get("type") == part and not last  # a field may share the tag's name
            if tag and isinstance(path[-1:][0] if path else None, int):
                continue  # the discriminated union's tag, e.g. 'scale'
            key = "in" if part == "in_" else part
            if key in current:
                path.append(key)
                current = current[key]
                continue
            if last:
                path.append(key)
                return tuple(path), True
            continue  # a union member's tag, e.g. 'scale' or 'str'
        if isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            path.append(part)
            current = current[part]
            continue
    return tuple(path), False


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, dict):
        return "a map"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    text = repr(value)
    return text if len(text) < 40 else text[:37] + "...'"


def problems_from_validation(error: ValidationError, located: Located) -> list[Problem]:
    """One Problem per pydantic error, each with file:line:column and a dotted path."""
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for err in error.errors(include_url=False):
        kind = err["type"]
        path, absent = _data_path(tuple(err["loc"]), located.data)
        name = path[-1] if path else ""
        hint = ""
        if kind == "extra_forbidden":
            line, col = located.where(path, key=True)
            message = f"unknown field '{name}'."
            close = difflib.get_close_matches(str(name), FIELD_NAMES, n=1, cutoff=0.7)
            if name in FIELD_NAMES:
                message = f"'{name}' does not belong here."
                hint = "check its indentation: it may belong one level up or down."
            elif close:
                hint = f"did you mean '{close[0]}'?"
            else:
                hint = "remove it, or check docs/questionnaire-format.md for the allowed fields."
            path_text = format_path(path)
        elif kind == "missing" or absent:
            line, col = located.where(path[:-1])
            message = f"'{name}' is missing."
            hint = f"add '{name}:' here."
            path_text = format_path(path[:-1]) or "(top level)"
        else:
            line, col = located.where(path)
            got = _describe(err.get("input"))
            if kind in _TYPE_WORDS:
                message = f"should be {_TYPE_WORDS[kind]}, not {got}."
            elif kind == "union_tag_invalid":
                ctx = err.get("ctx", {})
                message = (
                    f"unknown question type {ctx.get('tag')!r}; use one of "
                    f"{ctx.get('expected_tags')}."
                )
                path = (*path, "type")
                line, col = located.where(path)
            elif kind == "union_tag_not_found":
                message = "the question has no 'type'."
                hint = (
                    "add 'type: scale' (or yes_no, number, single_choice, multiple_choice, text)."
                )
            elif kind in _BOUNDS:
                limit = err.get("ctx", {}).get(_BOUNDS[kind][0])
                shown = _shown_number(err.get("input"), got)
                message = f"should be {_BOUNDS[kind][1]} {_number(limit)}, not {shown}."
                hint = _bounds_hint(str(name), path)
            elif kind == "string_pattern_mismatch":
                message = f"{got} is not a valid id."
                hint = "use letters, digits, '_', '-' or '.', starting with a letter."
            else:
                message = f"{err['msg'][0].lower()}{err['msg'][1:]} (got {got})."
            path_text = format_path(path)
        key = (path_text, message)
        if key in seen:
            continue
        seen.add(key)
        problems.append(
            Problem(
                file=located.file, line=line, column=col, path=path_text, message=message, hint=hint
            )
        )
    return problems


def validate_model(cls: type[BaseModel], located: Located) -> tuple[Any, list[Problem]]:
    """Validate located data against a model class; return (instance or None, problems)."""
    try:
        return cls.model_validate(located.data), []
    except ValidationError as exc:
        return None, problems_from_validation(exc, located)


def json_schema() -> dict[str, Any]:
    """A JSON Schema (draft-07 compatible) for questionnaire files, for editors."""
    schema = model.Questionnaire.model_json_schema(by_alias=True)
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    schema["title"] = "coprod questionnaire"
    if "$defs" in schema:
        # draft-07 names the definitions 'definitions'
        text = json.dumps(schema).replace("#/$defs/", "#/definitions/")
        schema = json.loads(text)
        schema["definitions"] = schema.pop("$defs")
    return schema
