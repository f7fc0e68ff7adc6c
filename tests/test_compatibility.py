"""Old responses to coproduction 1.0 score, report and compare exactly as they did.

The figures in tests/pinned/coproduction-1.0/ were written by coprod at main 4858ae4,
without the instrument features of issue 14 (the README there says how and why that
commit; never regenerate them to make this test pass). New keys, columns and rows may
appear; every pinned figure must still be there, unchanged and in order.
The one deliberate change is the batch column "agreement", now called "consensus"
(the JSON key "agreement" stays one release as an alias).
"""

from __future__ import annotations

import csv
import html
import json
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from coprod.cli import app

PINNED = Path(__file__).parent / "pinned" / "coproduction-1.0"
RESPONSE = "coproduction-1.0-response.yaml"
RENAMED = {"agreement": "consensus"}
runner = CliRunner()
_NUMBERING = re.compile(r"^\d+(\.\d+)*\.?\s+")
_LINES = re.compile(
    r"([\d.]+ out of 100[^\n]*|Where you are: [^\n]+|What getting better looks like: [^\n]+)"
)


class _Rows(HTMLParser):
    """The text of every table row that has a data cell (charts and styles skipped)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._has_td = False
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("svg", "style", "script"):
            self._skip += 1
        elif tag == "tr":
            self._row, self._has_td = [], False
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
            self._has_td = self._has_td or tag == "td"

    def handle_endtag(self, tag: str) -> None:
        if tag in ("svg", "style", "script"):
            self._skip -= 1
        elif tag in ("td", "th") and self._row is not None and self._cell is not None:
            text = " ".join("".join(self._cell).split())
            self._row.append(_NUMBERING.sub("", text))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._has_td:
                self.rows.append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None and not self._skip:
            self._cell.append(data)


def table_rows(page: str) -> list[list[str]]:
    """Every table row with a data cell: each cell's text, leading numbering removed."""
    parser = _Rows()
    parser.feed(page)
    return parser.rows


def score_lines(page: str) -> list[str]:
    """The 'N out of 100', 'Where you are' and 'What getting better looks like' lines."""
    text = re.sub(r"<(svg|style|script)\b.*?</\1>", " ", page, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", "\n", text))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    joined = "\n".join(line for line in lines if line)
    return [m.group(1).strip() for m in _LINES.finditer(joined)]


def missing_from(pinned: Any, now: Any, where: str = "") -> list[str]:
    """Where ``now`` lacks or changes something ``pinned`` has (dict keys may be added)."""
    if isinstance(pinned, dict):
        if not isinstance(now, dict):
            return [f"{where}: was an object, now {now!r}"]
        out: list[str] = []
        for key, value in pinned.items():
            if key not in now:
                out.append(f"{where}.{key}: missing")
            else:
                out += missing_from(value, now[key], f"{where}.{key}")
        return out
    if isinstance(pinned, list):
        if not isinstance(now, list) or len(now) != len(pinned):
            return [f"{where}: was a list of {len(pinned)}, now {now!r:.80}"]
        pairs = enumerate(zip(pinned, now, strict=True))
        return [m for i, (a, b) in pairs for m in missing_from(a, b, f"{where}[{i}]")]
    return [] if pinned == now else [f"{where}: was {pinned!r}, now {now!r}"]


def not_in_order(pinned: list[Any], now: list[Any]) -> list[Any]:
    """The pinned items that do not appear in ``now`` in the same order (others may be added)."""
    rest = iter(now)
    return [item for item in pinned if not any(item == seen for seen in rest)]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every output of the old response and workshop, written by today's coprod."""
    work = tmp_path_factory.mktemp("pinned")
    for name in ("coproduction-1.0-response.yaml", "workshop.csv"):
        shutil.copy(PINNED / name, work / name)
    here = Path.cwd()
    commands = [
        ["report", "coproduction-1.0-response.yaml", "-f", "html", "--out", "report.html"],
        ["report", RESPONSE, "-f", "html", "--lang", "cy", "--out", "report-cy.html"],
        [
            "batch",
            "workshop.csv",
            "-q",
            "coproduction@1.0",
            "--by",
            "perspective",
            "--out",
            "out",
            "-f",
            "csv",
            "-f",
            "json",
            "-f",
            "html",
        ],
        ["compare", "out", "--by", "service", "-f", "json", "--out", "compare.json"],
        ["compare", "out", "--by", "service", "-f", "html", "--out", "compare.html"],
        [
            "compare",
            "coproduction-1.0-response.yaml",
            "out",
            "--by",
            "perspective",
            "--min-group",
            "1",
            "-f",
            "json",
            "--out",
            "compare-perspective.json",
        ],
    ]
    try:
        os.chdir(work)
        score = runner.invoke(app, ["score", "coproduction-1.0-response.yaml", "--json"])
        assert score.exit_code == 0, score.output
        (work / "score.json").write_text(score.stdout, encoding="utf-8")
        for args in commands:
            result = runner.invoke(app, args)
            assert result.exit_code == (7 if args[0] == "batch" else 0), result.output
    finally:
        os.chdir(here)
    return work


def read_json(path: Path) -> Any:
    """A JSON file's content."""
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "name", ["score.json", "out/batch.json", "compare.json", "compare-perspective.json"]
)
def test_json_figures_are_unchanged(outputs: Path, name: str) -> None:
    """Every figure of the pinned JSON is still printed, with the same value."""
    pinned = read_json(PINNED / Path(name).name)
    assert missing_from(pinned, read_json(outputs / name)) == []


def read_csv(path: Path) -> list[dict[str, str]]:
    """A CSV file's rows (coprod writes a byte-order mark for Excel)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize(
    "name", ["scores.csv", "group-stats.csv", "perspective-gaps.csv", "problems.csv"]
)
def test_batch_tables_are_unchanged(outputs: Path, name: str) -> None:
    """Every pinned CSV column is still written with the same cells; 'agreement' is 'consensus'."""
    pinned, now = read_csv(PINNED / name), read_csv(outputs / "out" / name)
    assert len(now) == len(pinned)
    for old, new in zip(pinned, now, strict=True):
        named = {RENAMED.get(k, k): v for k, v in old.items()}
        assert named == {k: new.get(k) for k in named}


@pytest.mark.parametrize(
    ("part", "page"),
    [
        ("report", "report.html"),
        ("report_cy", "report-cy.html"),
        ("group_report", "out/group-report.html"),
        ("compare_report", "compare.html"),
    ],
)
def test_report_tables_are_unchanged(outputs: Path, part: str, page: str) -> None:
    """Every pinned table row of each report is still there, in the same order."""
    pinned = read_json(PINNED / "figures.json")[part]["rows"]
    rows = table_rows((outputs / page).read_text(encoding="utf-8"))
    assert not_in_order(pinned, rows) == []


def test_report_score_lines_are_unchanged(outputs: Path) -> None:
    """The report's scores out of 100 and its 'where you are' / 'getting better' levels stand."""
    pinned = read_json(PINNED / "figures.json")["report"]["lines"]
    lines = score_lines((outputs / "report.html").read_text(encoding="utf-8"))
    assert not_in_order(pinned, lines) == []
