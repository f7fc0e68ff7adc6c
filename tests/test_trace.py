"""Every question and recommendation says where its idea comes from, and every source is used."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coprod.cli import app
from coprod.questionnaire.checks import validate_file
from coprod.questionnaire.load import builtin_paths, load_questionnaire
from coprod.questionnaire.trace import source_uses, untraced_items, unused_sources
from coprod.report.files import write_report
from tests.conftest import SMALL

Write = Callable[[str, str], Path]
ROOT = Path(__file__).parent.parent
CURRENT = builtin_paths()
TRACED = SMALL.replace(
    "principles:\n", "sources:\n  - {id: tw, title: Starter questions}\nprinciples:\n", 1
).replace(
    '{id: a1, type: scale, scale: five, text: "Do you ask what people can offer?"}',
    '{id: a1, type: scale, scale: five, sources: [tw], text: "Do you ask what people can offer?"}',
)


@pytest.mark.parametrize("path", CURRENT, ids=lambda p: p.stem)
def test_every_builtin_item_names_its_source(path: Path) -> None:
    """Each question and recommendation of a current built-in names at least one source."""
    assert untraced_items(load_questionnaire(path).questionnaire) == []


@pytest.mark.parametrize("path", CURRENT, ids=lambda p: p.stem)
def test_every_credited_source_is_used(path: Path) -> None:
    """A source credited by a built-in is named by at least one question or recommendation."""
    assert unused_sources(load_questionnaire(path).questionnaire) == []


def test_an_unused_source_is_found(write: Write) -> None:
    """A credited source that nothing names is reported by unused_sources, so the test can fail."""
    text = TRACED.replace("sources:\n", "sources:\n  - {id: idle, title: Nobody uses me}\n", 1)
    q = load_questionnaire(write("q.yaml", text)).questionnaire
    assert unused_sources(q) == ["idle"]
    assert source_uses(q)["tw"] == ["a1"]


def test_a_question_naming_an_unknown_source_is_located(write: Write) -> None:
    """`coprod validate` names the file, line and column of a question's unknown source id."""
    path = write("q.yaml", TRACED.replace("sources: [tw]", "sources: [tw, nowhere]"))
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert "q.yaml:24:58: principles[0].questions[0].sources[1]" in result.output
    assert "there is no source 'nowhere'" in result.output
    assert "add it under 'sources:' or fix the id" in result.output


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ("same: [a9]", "'a9' is not a question in this version"),
        (
            "same: [a1]\n    changed: {a1: reworded}",
            "'a1' is listed both as the same and as changed",
        ),
        ('same: [a1]\n  - version: "1.0"', "version 1.0 is this questionnaire's own version"),
    ],
)
def test_earlier_versions_are_checked(write: Write, block: str, message: str) -> None:
    """Ids under an earlier version's 'same' must be questions here, once, of another version."""
    text = TRACED.replace(
        "principles:\n", f'earlier_versions:\n  - version: "0.9"\n    {block}\nprinciples:\n', 1
    )
    result = validate_file(write("q.yaml", text))
    assert any(message in str(p) for p in result.problems), [str(p) for p in result.problems]


def test_show_prints_each_questions_sources_and_what_uses_each_source() -> None:
    """`coprod show starter` lists sources under a question and, at the end, what draws on each."""
    result = CliRunner().invoke(app, ["show", "starter"])
    assert result.exit_code == 0, result.output
    assert "sources: timebanking_wales, copro_network_wales_audit" in result.output
    assert "Sources, and the questions and recommendations that draw on each" in result.output
    assert "strengths_used, assets-early" in " ".join(result.output.split())


def test_report_sources_section_names_what_draws_on_each(tmp_path: Path) -> None:
    """The report's sources section lists the questions and advice drawn from each source."""
    out = tmp_path / "r.html"
    write_report(ROOT / "examples" / "coproduction-response.yaml", fmt="html", out=out)
    html = out.read_text(encoding="utf-8")
    section = html.split('id="sources"')[1]
    assert "Questions drawn from it:</span> incl_own_language." in section
    assert "Advice drawn from it:</span> inclusion-own-language." in section


def test_a_report_on_a_1_0_response_has_no_half_trace(tmp_path: Path) -> None:
    """1.0 names no question sources, so its report's sources section reads as it always did."""
    out = tmp_path / "r.html"
    write_report(ROOT / "examples" / "coproduction-1.0-response.yaml", fmt="html", out=out)
    section = out.read_text(encoding="utf-8").split('id="sources"')[1]
    assert "drawn from it" not in section
