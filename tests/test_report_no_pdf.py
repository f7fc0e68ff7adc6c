"""Without the PDF libraries (a laptop with only Python): everything but PDF works, and says so."""

from __future__ import annotations

import importlib.abc
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coprod.cli import app

runner = CliRunner()
ROOT = Path(__file__).parent.parent
RESPONSE = ROOT / "examples" / "starter-response.yaml"


class NoPango(importlib.abc.MetaPathFinder):
    """Importing weasyprint fails as it does when Pango, its system library, is missing."""

    def find_spec(self, name: str, path: object, target: object = None) -> None:
        """Refuse weasyprint with the OSError cffi raises for a missing library."""
        if name.split(".")[0] == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0': not found")


@pytest.fixture(params=["not installed", "no Pango"])
def no_pdf(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make `import weasyprint` fail: the package missing, or installed without Pango."""
    for name in [n for n in sys.modules if n.split(".")[0] == "weasyprint"]:
        monkeypatch.delitem(sys.modules, name)
    if request.param == "not installed":
        monkeypatch.setitem(sys.modules, "weasyprint", None)  # import raises ImportError
    else:
        monkeypatch.setattr(sys, "meta_path", [NoPango(), *sys.meta_path])


COMMANDS = {
    "report -f pdf": (["report", str(RESPONSE), "-f", "pdf", "--out", "r.pdf"], "r.html"),
    "report -f both": (["report", str(RESPONSE), "-f", "both", "--out", "r"], "r.html"),
    "template -f pdf": (["template", "starter", "-f", "pdf", "--out", "form.pdf"], "form.html"),
    "compare -f pdf": (["compare", str(RESPONSE), "-f", "pdf", "--out", "c.pdf"], "c.html"),
    "batch -f pdf": (
        ["batch", "room.csv", "-q", "starter", "-f", "pdf", "--out", "out"],
        "out/group-report.html",
    ),
}


@pytest.mark.parametrize("command", list(COMMANDS))
def test_pdf_without_libraries_writes_html_and_says_how(
    command: str, no_pdf: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--format pdf/both: one line saying the libraries are missing, the HTML written, and how."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "room.csv").write_text(
        "participant,strengths_asked\nAnn,3\nBob,2\nCai,4\n", encoding="utf-8"
    )
    args, html = COMMANDS[command]
    result = runner.invoke(app, args)
    assert result.exit_code == 5, result.output
    message = " ".join(result.stderr.split())
    assert "PDF not made: the PDF libraries (WeasyPrint and Pango) are missing" in message
    assert f"The HTML was written instead: {html}." in message
    assert "print it to PDF" in message and "Traceback" not in result.output
    assert (tmp_path / html).read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert not list(tmp_path.rglob("*.pdf"))


def test_everything_but_pdf_works_without_the_libraries(
    no_pdf: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """HTML reports, scores, sheets and the help all work with weasyprint unimportable."""
    monkeypatch.chdir(tmp_path)
    for args in (
        ["--help"],
        ["score", str(RESPONSE)],
        ["report", str(RESPONSE), "-f", "html"],
        ["template", "starter", "-f", "xlsx"],
        ["show", "starter"],
        ["validate", "starter"],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.output)


def test_assess_offers_the_report_and_keeps_the_html(
    no_pdf: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At the end of assess, 'y' to the report writes the HTML and says why there is no PDF."""
    monkeypatch.chdir(tmp_path)
    args = ["assess", "starter", "--out", "a.yaml", "--answers", str(RESPONSE)]
    result = runner.invoke(app, args, input="\ny\n")
    assert result.exit_code == 0, result.output
    assert "PDF not made" in result.stderr
    assert (tmp_path / "a-report.html").is_file()
