"""The survey-tool fixtures (tests/fixtures/tools) and small helpers to read and edit them."""
# The tool fixtures carry answers to the first edition (coproduction 1.0), so they are
# read with coproduction@1.0; the layouts, not the questions, are what they test.

from __future__ import annotations

import csv
import io
from pathlib import Path

from coprod.batch.run import BatchResult, run_batch

TOOLS = Path(__file__).parent / "fixtures" / "tools"

# file, map file, the layout coprod must recognise, header rows (docs/batch.md's table)
FIXTURES = [
    ("google-forms.csv", None, "Google Forms", 1),
    ("google-sheets-uk.csv", None, "Google Forms", 1),
    ("google-sheets-us.csv", None, "Google Forms", 1),
    ("microsoft-forms.xlsx", None, "Microsoft Forms", 1),
    ("microsoft-forms-excel.csv", None, "Microsoft Forms", 1),
    ("surveymonkey-expanded.csv", None, "SurveyMonkey (expanded)", 2),
    ("surveymonkey-condensed.csv", None, "SurveyMonkey (condensed)", 2),
    ("qualtrics-text.csv", None, "Qualtrics", 3),
    ("qualtrics-numeric.csv", "qualtrics-numeric.map.yaml", "Qualtrics", 3),
    ("smartsurvey.csv", None, "SmartSurvey", 2),
    ("citizen-space.csv", None, "Citizen Space", 1),
    ("typeform.csv", None, "Typeform", 1),
    ("jotform.csv", None, "Jotform", 1),
    ("kobo-codes.csv", None, "KoboToolbox/ODK", 1),
    ("kobo-labels.csv", None, "KoboToolbox/ODK", 1),
    ("limesurvey-codes.csv", "limesurvey-codes.map.yaml", "LimeSurvey", 1),
    ("limesurvey-text.csv", None, "LimeSurvey", 1),
]


def run(name: str, map_name: str | None = None) -> BatchResult:
    """coprod batch on one fixture, grouped by perspective."""
    map_file = TOOLS / map_name if map_name else None
    return run_batch([TOOLS / name], "coproduction@1.0", map_file, by="perspective")


def rows_of(name: str, delimiter: str = ",") -> list[list[str]]:
    """A fixture's rows of text, header rows included."""
    text = (TOOLS / name).read_text(encoding="utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def write_rows(path: Path, rows: list[list[str]], delimiter: str = ",") -> Path:
    """Rows written as a CSV file (UTF-8), as a tool would; returns the path."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path
