"""The layout holds: imports without cycles, no private names shared, stages say what they own."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).parent.parent
PACKAGE = ROOT / "coprod"
MODULES = sorted(PACKAGE.rglob("*.py"))
TOP_LEVEL = {"__init__", "__main__", "api", "cli", "console", "errors", "gcpause"}


def _name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_no_import_cycles_counting_imports_inside_functions() -> None:
    """No coprod module imports one that imports it back, directly or round a loop."""
    graph = grimp.build_graph("coprod", cache_dir=None)
    cycles = [
        (module, *back)
        for module in sorted(graph.modules)
        for imported in graph.find_modules_directly_imported_by(module)
        if (back := graph.find_shortest_chain(importer=imported, imported=module))
    ]
    assert not cycles, cycles


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_private_name_imported_from_another_module(path: Path) -> None:
    """A module imports only public names of another: `_name` stays where it is defined."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    private = [
        f"{node.module}.{alias.name} (line {node.lineno})"
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("coprod")
        for alias in node.names
        if alias.name.startswith("_") and alias.name != "__version__"
    ]
    assert not private


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_every_module_says_what_it_is(path: Path) -> None:
    """Every module opens with a docstring; every stage's __init__ says what it owns."""
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    assert doc, _name(path)
    doc = " ".join(doc.split())
    if path.name == "__init__.py" and path.parent != PACKAGE:
        assert "Owns:" in doc and "May import" in doc, _name(path)


def test_the_top_of_the_package_holds_only_entry_points_and_vocabulary() -> None:
    """Every other module lives in its stage's subpackage."""
    assert {p.stem for p in PACKAGE.glob("*.py")} == TOP_LEVEL


@pytest.mark.parametrize(
    ("module", "absent"),
    [
        ("coprod.assess.answers_file", "rich"),
        ("coprod.batch.write", "jinja2"),
        ("coprod.compare.write", "jinja2"),
        ("coprod.report.formats", "coprod.model"),
    ],
)
def test_light_modules_stay_light(module: str, absent: str) -> None:
    """Answers files load without Rich; `coprod batch` and compare start without Jinja."""
    code = f"import sys, {module}; print({absent!r} in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


def test_resources_are_found() -> None:
    """The built-in questionnaires, report templates and messages are where coprod looks."""
    from coprod.files.resources import builtin_dir, messages_file, templates_dir

    assert list(builtin_dir().glob("*.yaml"))
    assert (templates_dir() / "report.html.j2").is_file()
    assert messages_file().is_file()


def test_perspective_help_lists_the_perspectives() -> None:
    """`coprod assess --help` names exactly model.PERSPECTIVES (the help is built before the
    model loads, so it is written out; this keeps the two in step)."""
    from coprod.model import PERSPECTIVES

    source = (PACKAGE / "cli.py").read_text(encoding="utf-8")
    assert f'help="{", ".join(PERSPECTIVES[:-1])} or {PERSPECTIVES[-1]}."' in source
