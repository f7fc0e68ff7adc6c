"""`coprod compare` on the command line: outputs, exit codes, messages, PDF layout and axe."""

from __future__ import annotations

import html
import json
import re
from io import BytesIO
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coprod.cli import app
from tests.axecheck import assert_accessible
from tests.test_compare import folder, response_text, tiny  # noqa: F401 - fixtures

runner = CliRunner()


def test_help_has_an_example() -> None:
    """`coprod compare --help` lists every option and ends with an example."""
    result = runner.invoke(app, ["compare", "--help"])
    assert result.exit_code == 0
    for option in ("--by", "--over-time", "--baseline", "--format", "--out", "--min-group"):
        assert option in result.output
    assert "--anonymise" in result.output
    assert "Example: coprod compare" in result.output


@pytest.mark.parametrize("fmt", ["html", "csv", "xlsx", "json"])
def test_writes_the_format_asked_for(folder: Path, tmp_path: Path, fmt: str) -> None:  # noqa: F811
    """Each format is written where --out says; the path is the only thing on stdout."""
    out = tmp_path / f"c.{fmt}"
    result = runner.invoke(
        app, ["compare", str(folder), "--over-time", "--format", fmt, "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out)
    said = " ".join(result.stderr.split())
    assert "Compared 17 responses in 3 groups, 2 rounds; 1 held back (too few responses)" in said
    assert "held back: Parks (Baseline): 2 responses, fewer than 3, so no figures" in said
    assert out.stat().st_size > 0


def test_default_output_is_comparison_html_here(
    folder: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without --out the report is comparison.html in the current folder."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["compare", str(folder)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "comparison.html").is_file()


def test_skipped_inputs_are_listed_and_exit_code_is_8(folder: Path, tmp_path: Path) -> None:  # noqa: F811
    """A broken file among the others is named with its reason on stderr, and the exit code is 8."""
    (folder / "broken.yaml").write_text("format: 1\nanswers: [\n", encoding="utf-8")
    out = tmp_path / "c.json"
    result = runner.invoke(app, ["compare", str(folder), "--format", "json", "--out", str(out)])
    assert result.exit_code == 8
    assert "left out:" in result.stderr and "broken.yaml: line 3:" in result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["responses"] == 17
    assert [Path(x["file"]).name for x in data["left_out"]] == ["broken.yaml"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--format", "docx"], 2, "not one of html, pdf, csv, xlsx, json"),
        (["--by", "name"], 1, "names are never compared"),
        (["--baseline", "Baseline"], 1, "--baseline needs --over-time"),
        (["--over-time", "--baseline", "Spring"], 1, "Use one of: Baseline, Follow-up"),
    ],
)
def test_usage_errors_say_how_to_fix(
    folder: Path,  # noqa: F811
    args: list[str],
    code: int,
    message: str,
) -> None:
    """Bad options get a one-line message that says what to do, and the documented exit code."""
    result = runner.invoke(app, ["compare", str(folder), *args])
    assert result.exit_code == code
    assert message in " ".join(result.stderr.split())


def test_nothing_to_compare_exits_1(tmp_path: Path) -> None:
    """When no input can be used, the message says so and the exit code is 1."""
    (tmp_path / "bad.yaml").write_text("nope: [", encoding="utf-8")
    result = runner.invoke(app, ["compare", str(tmp_path)])
    assert result.exit_code == 1
    assert "nothing to compare" in result.stderr


def test_nothing_to_compare_names_every_input_and_why(tmp_path: Path) -> None:
    """When nothing can be used, each input is listed with its reason before the error (exit 1)."""
    (tmp_path / "bad.yaml").write_text("nope: [", encoding="utf-8")
    missing = tmp_path / "nosuchdir"
    result = runner.invoke(app, ["compare", str(missing), str(tmp_path / "bad.yaml")])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == f"left out: {missing}: no such response file. Check the path and spelling."
    assert lines[1].startswith(f"left out: {tmp_path / 'bad.yaml'}: line 1:")
    assert "nothing to compare: none of the 2 inputs could be used" in lines[2]


@pytest.mark.parametrize("slash", ["/", ""])
def test_out_folder_is_created_and_the_default_name_used(
    folder: Path,  # noqa: F811
    tmp_path: Path,
    slash: str,
) -> None:
    """--out reports/ makes the folder and writes reports/comparison.json, not a file 'reports'."""
    target = tmp_path / "reports"
    if not slash:
        target.mkdir()
    result = runner.invoke(
        app, ["compare", str(folder), "--format", "json", "--out", f"{target}{slash}"]
    )
    assert result.exit_code == 0, result.output
    assert (target / "comparison.json").is_file()
    assert result.stdout.strip() == str(target / "comparison.json")


def test_batch_output_folder_is_read_as_peoples_answers(
    tmp_path: Path,
    tiny: Path,  # noqa: F811
) -> None:
    """A coprod batch folder's responses/ are read as people's answers: small groups held back."""
    batch = tmp_path / "workshop"
    (batch / "responses").mkdir(parents=True)
    (batch / "scores.csv").write_text("participant\n", encoding="utf-8")
    for k, service in enumerate(["Housing", "Housing", "Housing", "Parks"]):
        text = response_text(tiny, service, "Baseline", (3, 4), "P")
        (batch / "responses" / f"{k:04d}-p.yaml").write_text(text, encoding="utf-8")
    out = tmp_path / "c.json"
    result = runner.invoke(app, ["compare", str(batch), "--format", "json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["min_group"] == 3 and data["people_level"] is True
    assert {u["unit"]: u["rounds"][0]["suppressed"] for u in data["units"]} == {
        "Housing": False,
        "Parks": True,
    }


def test_csv_is_formula_safe(tmp_path: Path, tiny: Path) -> None:  # noqa: F811
    """A service called '=HYPERLINK(...)' is written as text, not a formula."""
    (tmp_path / "in").mkdir()
    for k in range(2):
        text = response_text(tiny, '"=HYPERLINK(1)"', "Baseline", (3, 4), "P")
        (tmp_path / "in" / f"r{k}.yaml").write_text(text, encoding="utf-8")
    out = tmp_path / "c.csv"
    result = runner.invoke(
        app, ["compare", str(tmp_path / "in"), "--format", "csv", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "'=HYPERLINK(1)" in out.read_text(encoding="utf-8-sig")


def many_services(where: Path, questionnaire: Path, count: int) -> None:
    """One self-assessment each for ``count`` services."""
    where.mkdir()
    for k in range(count):
        values = (1 + k % 5, 1 + (k * 3) % 5)
        text = response_text(questionnaire, f"Service {k:02d}", "Baseline", values, "P")
        (where / f"s{k:02d}.yaml").write_text(text, encoding="utf-8")


def test_pdf_is_tagged_and_the_heatmap_repeats_its_header(tmp_path: Path, tiny: Path) -> None:  # noqa: F811
    """A 60-service heatmap runs over several pages, each starting with the header row."""
    pypdf = pytest.importorskip("pypdf")
    many_services(tmp_path / "in", tiny, 60)
    out = tmp_path / "c.pdf"
    result = runner.invoke(
        app, ["compare", str(tmp_path / "in"), "--format", "pdf", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    reader = pypdf.PdfReader(BytesIO(out.read_bytes()))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en" and "/StructTreeRoot" in root
    heat = [text for p in reader.pages if "n 1 · sd" in (text := p.extract_text() or "")]
    assert len(heat) >= 2
    assert all("Listening" in page and "Sharing power" in page for page in heat)


@pytest.mark.parametrize("extra", [[], ["--each-unit"]])
def test_axe_finds_no_wcag_violations(folder: Path, tmp_path: Path, extra: list[str]) -> None:  # noqa: F811
    """axe in headless Chromium: no violations; at 320 and 390px nothing wider than the screen."""
    (folder / "broken.yaml").write_text("format: [\n", encoding="utf-8")
    out = tmp_path / "c.html"
    result = runner.invoke(
        app,
        ["compare", str(folder), "--over-time", "--format", "html", "--out", str(out), *extra],
    )
    assert result.exit_code == 8, result.output
    assert_accessible(out)


def test_each_unit_adds_a_page_per_unit(folder: Path, tmp_path: Path) -> None:  # noqa: F811
    """Per-unit pages only with --each-unit; without, the report says how to get them."""
    pages = {}
    for extra in ([], ["--each-unit"]):
        out = tmp_path / f"c{len(extra)}.html"
        args = ["compare", str(folder), "--over-time", "-f", "html", "-o", str(out), *extra]
        assert runner.invoke(app, args).exit_code == 0
        pages[bool(extra)] = out.read_text(encoding="utf-8")
    assert 'id="units-over-time"' in pages[True] and 'id="units-over-time"' not in pages[False]
    assert "written with --each-unit" in pages[False]


def test_at_a_glance_names_units_with_n_and_plurals_are_right(folder: Path, tmp_path: Path) -> None:  # noqa: F811
    """Highest, lowest and most changed units with n, the widest principle; no '1 responses'."""
    out = tmp_path / "c.html"
    args = ["compare", str(folder), "--over-time", "-f", "html", "-o", str(out), "--min-group", "1"]
    assert runner.invoke(app, args).exit_code == 0
    page = " ".join(out.read_text(encoding="utf-8").split())
    assert "Highest overall score: Parks" in page and "(n 3)" in page
    assert "Lowest overall score: Libraries" in page or "Lowest overall score: Housing" in page
    assert "Most changed since Baseline:" in page
    assert "The services differ most on" in page
    assert "fewer than 1 response." in page and "1 responses" not in page


def test_the_pdf_reports_its_progress_and_the_bar_draws_on_a_terminal(
    folder: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    """While the PDF renders, each stage is reported; on a terminal a bar shows them."""
    from io import StringIO

    from rich.console import Console

    from coprod.compare.gather import run_compare
    from coprod.compare.results import Options
    from coprod.compare.write import write_comparison
    from coprod.console import stage_bar

    stages: list[tuple[str, int, int]] = []
    result = run_compare([folder], Options(over_time=True))
    write_comparison(result, "pdf", tmp_path / "c.pdf", rendering=lambda *s: stages.append(s))
    assert [done for _, done, _ in stages] == [0, 1, 2]
    assert stages[-1][0].startswith("Wrote ") and stages[-1][0].endswith(" pages")
    screen = StringIO()
    console = Console(file=screen, force_terminal=True, width=60)
    with stage_bar(console, "PDF") as update:
        update("Laying out the pages", 0, 2)
    assert "PDF: Laying out the pages" in screen.getvalue()


@pytest.fixture
def welsh_rounds(tmp_path: Path) -> Path:
    """Welsh answers to the starter check: two services, two rounds, three people each."""
    out = tmp_path / "atebion"
    out.mkdir()
    rounds = {"Llinell sylfaen": "2026-03-10T10:00:00", "Dilyniant": "2026-11-10T10:00:00"}
    k = 0
    for service, level in (("Tai", 2), ("Gofalwyr", 3)):
        for r, (label, stamp) in enumerate(rounds.items()):
            for person in range(3):
                k += 1
                value = min(5, level + r + person % 2)
                answers = "\n".join(
                    f"  {q}: {{value: {value}}}"
                    for q in ("strengths", "helping_others", "user_role", "peer_groups")
                )
                (out / f"r{k}.yaml").write_text(
                    "format: 1\nquestionnaire: {id: starter, version: '1.0'}\n"
                    f"respondent: {{organisation: Cyngor Dyffryn, service: {service}, "
                    f"group: {label}}}\nlanguage: cy\ncompleted: '{stamp}+00:00'\n"
                    f"answers:\n{answers}\n",
                    encoding="utf-8",
                )
    return out


def test_welsh_comparison_report(welsh_rounds: Path, tmp_path: Path) -> None:
    """--lang cy: a Welsh page (lang, title, legend, verdicts, chart titles), marked as a draft."""
    out = tmp_path / "cymharu.html"
    args = ["--over-time", "--baseline", "Llinell sylfaen", "--lang", "cy", "--each-unit"]
    args += ["--out", str(out)]
    result = runner.invoke(app, ["compare", str(welsh_rounds), *args])
    assert result.exit_code == 0, result.output
    page = html.unescape(out.read_text(encoding="utf-8"))
    assert '<html lang="cy">' in page
    assert "Cydgynhyrchu dros amser: 2 gwasanaeth, Llinell sylfaen i Dilyniant" in page
    for words in ("Sgorau fesul egwyddor", "0 i lai na 25", "75 i 100", "wedi gwella"):
        assert words in page
    assert "Y ffigurau yn y siart: Tai" in page  # each chart's data table, in Welsh
    assert "Cyfieithiad drafft yw'r Gymraeg" in page
    assert "improved" not in page and " sd " not in page and "to under" not in page
    assert_accessible(out)


def test_bilingual_comparison_is_one_report_per_language(
    welsh_rounds: Path, tmp_path: Path
) -> None:
    """--lang en+cy writes NAME-cy and NAME-en, Welsh first, and prints both paths."""
    out = tmp_path / "c.html"
    result = runner.invoke(
        app, ["compare", str(welsh_rounds), "--lang", "en+cy", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    cy, en = tmp_path / "c-cy.html", tmp_path / "c-en.html"
    assert result.stdout.split() == [str(cy), str(en)]
    assert '<html lang="cy">' in cy.read_text(encoding="utf-8")
    assert "Co-production compared" in en.read_text(encoding="utf-8")


def test_compare_gives_percent_agree_on_agreement_scales(tmp_path: Path) -> None:
    """Comparing feedback from two groups gives each principle's % agree, in JSON and the report."""
    from tests.roomfixtures import batch_room

    _, out = batch_room(tmp_path, "feedback", "-f", "csv")
    target = tmp_path / "c.json"
    result = runner.invoke(
        app, ["compare", str(out), "--by", "perspective", "-f", "json", "--out", str(target)]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(target.read_text(encoding="utf-8"))["rows"]
    staff = {r["item"]: r["agree"] for r in rows if r["unit"] == "staff"}
    assert staff["overall"] is None and all(0 <= staff[p] <= 100 for p in ("voice", "difference"))
    page = tmp_path / "c.html"
    runner.invoke(app, ["compare", str(out), "--by", "perspective", "--out", str(page)])
    assert f"{staff['voice']:g}% agree" in page.read_text(encoding="utf-8")


def _room_compared(tmp_path: Path, qid: str) -> str:
    """A 20-person room answering ``qid``, through batch, compared by perspective (HTML text)."""
    from tests.roomfixtures import batch_room

    _, out = batch_room(tmp_path, qid, "-f", "csv")
    page = tmp_path / "c.html"
    result = runner.invoke(app, ["compare", str(out), "--by", "perspective", "--out", str(page)])
    assert result.exit_code == 0, result.output
    return " ".join(html.unescape(page.read_text(encoding="utf-8")).split())


def test_an_audit_is_compared_in_marks(tmp_path: Path) -> None:
    """The audit's units are compared as it is marked: '56.2 of 75' overall, 'of 15' a principle."""
    page = _room_compared(tmp_path, "audit")
    assert re.search(r"Highest overall score: \w+, [\d.]+ of 75 \(n \d+\)", page)
    assert re.search(r"differ most on \d\. [^:]+: from [\d.]+ of 15 \(\w+\) to [\d.]+ of 15", page)
    assert re.search(r"<strong>[\d.]+ of 15</strong>", page)  # a heatmap cell


def test_a_ladder_is_compared_by_median_rung_never_a_mean(tmp_path: Path) -> None:
    """Ladder units show their median rung; no overall column, no ranking, no mean of rungs."""
    page = _room_compared(tmp_path, "ladder")
    rungs = re.findall(r"<strong>(\d) – ([A-Z][a-z]+(?: [a-z]+)?)", page)
    assert len(rungs) >= 8
    assert 'id="ranking"' not in page and ">Overall</th>" not in page
    assert re.search(r"differ most on \d\. [^:]+: from \d – \w+", page)
    assert not re.search(r"<strong>\d+\.\d</strong>", page)  # no 0-100 figure in a cell
