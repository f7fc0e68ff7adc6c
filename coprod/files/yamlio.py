"""Read YAML safely into plain data plus the line and column of every key and value.

Only YAML's plain data is understood (maps, lists, strings, numbers, true/false,
null). Unlike PyYAML's YAML 1.1 defaults, ``Yes``/``No``/``On``/``Off`` stay
text and ``012`` stays the text "012": a questionnaire's labels must mean what
they say. Alias bombs and self-referencing anchors are refused.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from coprod.errors import InputFileError

MAX_BYTES = 5 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 60

Path_ = tuple[str | int, ...]


class PureStrictLoader(yaml.SafeLoader):
    """A SafeLoader that resolves only YAML 1.2 core booleans, decimal ints and floats."""


# libyaml's parser (PyYAML's C extension) composes a questionnaire about ten times
# faster than the pure-Python one, with the same marks (line, column) on nodes and
# errors; an install without libyaml falls back to the pure one.
LIBYAML = bool(getattr(yaml, "__with_libyaml__", False))
if LIBYAML:

    class StrictLoader(yaml.CSafeLoader):
        """PureStrictLoader's resolvers on libyaml's parser."""

else:  # pragma: no cover - PyYAML built without libyaml
    StrictLoader = PureStrictLoader  # type: ignore[misc,assignment]

for _loader in (StrictLoader, PureStrictLoader):
    _loader.yaml_implicit_resolvers = {}
    _loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool",
        re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
        list("tTfF"),
    )
    _loader.add_implicit_resolver(
        "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
    )
    _loader.add_implicit_resolver(
        "tag:yaml.org,2002:float",
        re.compile(r"^[-+]?(?:(?:0|[1-9][0-9]*)\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
        list("-+0123456789."),
    )
    _loader.add_implicit_resolver(
        "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
    )


@dataclass
class Located:
    """Parsed YAML data and where each part of it came from (1-based line and column)."""

    data: Any
    file: str
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path_, *, key: bool = False) -> tuple[int | None, int | None]:
        """Line and column of the value (or key) at ``path``, or of its nearest parent."""
        table = self.keys if key and path in self.keys else self.values
        probe = path
        while True:
            if probe in table:
                return table[probe]
            if probe in self.values:
                return self.values[probe]
            if not probe:
                return (None, None)
            probe = probe[:-1]


class _TooDeep(Exception):
    """The walk went past MAX_DEPTH at ``line``: deep nesting, or an anchor loop."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


class _Walker:
    def __init__(self, located: Located) -> None:
        self.located = located
        self.count = 0

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise InputFileError(
                f"{self.located.file}: too many values (over {MAX_NODES:,}); "
                "it may repeat an anchor (&name) many times over.",
                "Write the content out instead of nesting aliases (*name).",
            )
        if depth > MAX_DEPTH:
            raise _TooDeep(node.start_mark.line + 1)
        self.located.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.build(key_node, (*path, "<key>"), depth + 1)
                if isinstance(key, (dict, list)):
                    raise InputFileError(
                        f"{self.located.file}:{key_node.start_mark.line + 1}: "
                        "a key must be a plain name, not a list or map.",
                        "Give the key a simple name.",
                    )
                if isinstance(key, bool) or key is None:
                    key = str(key_node.value)
                self.located.keys[(*path, key)] = (
                    key_node.start_mark.line + 1,
                    key_node.start_mark.column + 1,
                )
                if key in result:
                    raise InputFileError(
                        f"{self.located.file}:{key_node.start_mark.line + 1}: "
                        f"the key {key!r} appears twice in the same map.",
                        "Keep one of them.",
                    )
                result[key] = self.build(value_node, (*path, key), depth + 1)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        try:
            return _scalar(node)
        except ValueError:  # Python refuses to read integers over 4,300 digits long
            raise InputFileError(
                f"{self.located.file}:{node.start_mark.line + 1}: a number "
                f"{len(str(node.value)):,} digits long is far beyond any number a questionnaire "
                "or an answer can use.",
                "Check the number on that line.",
            ) from None


def _scalar(node: yaml.Node) -> Any:
    value = str(node.value)
    tag = node.tag
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() == "true"
    if tag == "tag:yaml.org,2002:int":
        return int(value)
    if tag == "tag:yaml.org,2002:float":
        return float(value)
    return value


def _refuse_deep(
    text: str, file: str, loader: type[yaml.SafeLoader] | type[yaml.CSafeLoader]
) -> bool:
    """Raise the located "nested too deep" error if ``loader``'s parser finds nesting past
    MAX_DEPTH; True if it read the whole text without, False if it could not read it."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    line = event.start_mark.line + 1 if event.start_mark else 0
                    raise InputFileError(
                        f"{file}:{line}: nested more than {MAX_DEPTH} levels deep.",
                        "Flatten the structure.",
                    )
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return False
    return True


def _check_depth(text: str, file: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH before composing, with the same located message
    whichever parser is installed.

    Composing recurses: the pure composer runs out of Python stack, and an older libyaml's
    composer recurses in C and would kill the process tens of thousands of brackets deep.
    Newer libyaml builds (PyYAML 6.0.4) refuse deep flow nesting themselves, but only as
    an unlocated scanner error, reached before any event is seen. The pure parser keeps its
    own stack and reports events as it goes, so it stops at MAX_DEPTH + 1 whatever libyaml
    did; it is slow on deep brackets (quadratic), so it only runs when libyaml could not.
    """
    if LIBYAML and _refuse_deep(text, file, StrictLoader):
        return
    _refuse_deep(text, file, PureStrictLoader)  # a real syntax error: composing reports it


def _compose(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=StrictLoader)
    except yaml.YAMLError:
        if not LIBYAML:
            raise
    # libyaml words some errors differently (and refuses a few documents the pure parser
    # reads), so the pure parser has the last word: messages do not depend on the install.
    return yaml.compose(text, Loader=PureStrictLoader)


def parse_yaml(text: str, file: str) -> Located:
    """Parse YAML text into data with positions; InputFileError names file:line on failure."""
    located = Located(data=None, file=file)
    if text.count("[") + text.count("{") > 1000:
        # deep block nesting needs indentation, so MAX_BYTES bounds it; brackets do not
        _check_depth(text, file)
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{file}:{mark.line + 1}:{mark.column + 1}" if mark else file
        what = exc.problem or exc.context or "the file is not valid YAML"
        raise InputFileError(
            f"{where}: not valid YAML: {what}.",
            "Check the indentation and quoting on that line (quote text containing ': ' or '#').",
        ) from None
    except yaml.YAMLError as exc:
        raise InputFileError(f"{file}: not valid YAML: {exc}.") from None
    except RecursionError:
        _check_depth(text, file)  # the located message, when nesting is what recursed
        raise InputFileError(
            f"{file}: nested too deeply to read.", "Flatten the structure."
        ) from None
    if node is None:
        raise InputFileError(
            f"{file}: the file is empty.", "Add the content, or pick another file."
        )
    try:
        located.data = _Walker(located).build(node, (), 0)
    except _TooDeep as deep:
        # plain nesting gets the parsers' own message; what is left is an anchor loop
        _check_depth(text, file)
        raise InputFileError(
            f"{file}:{deep.line}: an anchor (&name) refers to itself, so it never ends.",
            "Write the content out instead of referring back to it (*name).",
        ) from None
    return located


def read_text(path: Path, what: str = "file", *, partial_end: bool = False) -> str:
    """Read a UTF-8 text file, turning every way it can fail into one clear InputFileError.

    With ``partial_end`` a letter cut in half at the very end is dropped rather than
    refused, for a caller that checks itself whether the file is whole.
    """
    name = str(path)
    if not path.exists():
        if path.is_symlink():
            raise InputFileError(
                f"{name}: is a link to {os.readlink(path)}, which does not exist.",
                "Put the file back where the link points, or remove the link.",
            )
        raise InputFileError(f"{name}: no such {what}.", "Check the path and spelling.")
    if path.is_dir():
        raise InputFileError(f"{name}: is a folder, not a {what}.", "Name a .yaml file inside it.")
    if not path.is_file():
        # a device or a pipe: /dev/zero would never end, a FIFO would wait for ever
        raise InputFileError(f"{name}: is not a regular file.", f"Name the {what} itself.")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputFileError(
                f"{name}: too big ({size / 1024 / 1024:.1f} MB; the limit is "
                f"{MAX_BYTES // 1024 // 1024} MB).",
                f"Check this is the right {what}.",
            )
        raw = path.read_bytes()
    except PermissionError:
        raise InputFileError(
            f"{name}: permission denied.", "Check you are allowed to read it."
        ) from None
    except OSError as exc:
        raise InputFileError(f"{name}: cannot be read ({exc.strerror}).") from None
    if b"\x00" in raw[:8192]:
        raise InputFileError(
            f"{name}: looks like a binary file, not YAML text.", f"Pick the {what} itself."
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        if exc.end >= len(raw) - 1 and exc.reason == "unexpected end of data":
            if partial_end:
                return raw[: exc.start].decode("utf-8-sig")
            raise InputFileError(
                f"{name}:{line}: ends part-way through a letter, so it was cut short.",
                f"Use a whole copy of the {what}.",
            ) from None
        raise InputFileError(
            f"{name}:{line}: not UTF-8 text.", "Save the file as UTF-8 in your editor."
        ) from None


def load_yaml_file(path: Path, what: str = "file") -> Located:
    """Read and parse a YAML file with positions."""
    return parse_yaml(read_text(path, what), str(path))
