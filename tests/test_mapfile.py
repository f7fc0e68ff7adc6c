"""--map files: columns by header or letter, notes, choice columns, codes; mistakes by line."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from coprod.batch.run import run_batch
from coprod.batch.write import write_batch
from coprod.cli import app
from tests.toolsheets import TOOLS, write_rows


def test_map_columns_by_letter_notes_and_values(tmp_path: Path) -> None:
    """A map names a column by letter, makes 'Comments' a note and recodes A1-A5."""
    sheet = write_rows(
        tmp_path / "codes.csv",
        [["Q1", "Comments", "x"], ["A4", "We ask at the first visit", "3"]],
    )
    mapping = tmp_path / "map.yaml"
    mapping.write_text(
        'columns:\n  "Q1": assets_strengths\n  "Comments": "note:assets_strengths"\n'
        '  "C": assets_offer\nvalues:\n  practice: {A1: 1, A2: 2, A3: 3, A4: 4, A5: 5}\n',
        encoding="utf-8",
    )
    result = run_batch([sheet], "coproduction@1.0", mapping)
    assert result.sheets.cells["assets_strengths"][0].value == 4
    assert result.sheets.cells["assets_offer"][0].value == 3
    assert result.sheets.notes["assets_strengths"] == ["We ask at the first visit"]
    write_batch(result, tmp_path / "out", ["csv"])
    saved = (tmp_path / "out" / "responses" / "participant-0001.yaml").read_text(encoding="utf-8")
    assert "note: We ask at the first visit" in saved


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "columns:\n  Q1: incl_barriers/nonsense\n",
            "map.yaml:2:7: 'nonsense' is not a choice of 'incl_barriers' (its choices: "
            "times_places, costs, formats, languages, ways_to_take_part, go_to_people, other).",
        ),
        (
            "columns:\n  Q1: power_last_change/led\n",
            "map.yaml:2:7: 'power_last_change' is not a multiple-choice question, so it has no "
            "'led' column.",
        ),
        (
            "columns:\n  Q1: 'note:nobody'\n",
            "map.yaml:2:7: 'nobody' is not a question of 'coproduction'.",
        ),
        (
            "values:\n  practise: {A1: 1}\n",
            "map.yaml:2:13: 'practise' is not a question or scale of 'coproduction'. Fix: Use a "
            "question id or one of the scales: practice, frequency.",
        ),
        (
            "values:\n  practice: [1, 2]\n",
            "map.yaml:2:13: 'values: practice:' should be a map of 'code: value' lines.",
        ),
        (
            "values:\n  practice: {A6: 7}\n",
            "map.yaml:2:18: 'A6: 7': '7' is not a level of this scale (1 to 5) for "
            "assets_strengths.",
        ),
        (
            "values:\n  recip_policy: {'1': yes, '2': maybe}\n",
            "map.yaml:2:33: '2: maybe': 'maybe' is not yes or no for recip_policy.",
        ),
    ],
)
def test_map_file_mistakes_are_named_by_line(text: str, message: str, tmp_path: Path) -> None:
    """A wrong target, choice, scale or code in a map file: its line, what, how; exit 1."""
    (tmp_path / "map.yaml").write_text(text, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)  # so that the file is named as the trainer typed it
        result = CliRunner().invoke(
            app,
            ["batch", str(TOOLS / "template.csv"), "-q", "coproduction@1.0", "--map", "map.yaml"],
        )
    assert result.exit_code == 1
    assert message in " ".join(result.output.split())
