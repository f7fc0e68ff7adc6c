"""`coprod compare` as a library: hand-checked figures, fair refusals, suppression and anonymity."""

from __future__ import annotations

import json
import re
import zipfile
import zlib
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import pytest

from coprod.api import score_file
from coprod.compare.core import compare, spreadsheet_label, verdict
from coprod.compare.gather import gather, run_compare
from coprod.compare.results import (
    DECLINED,
    IMPROVED,
    NOISE,
    NOT_COMPARABLE,
    UNKNOWN_SPREAD,
    Comparison,
    Options,
    UnitFigures,
)
from coprod.compare.write import write_comparison
from coprod.errors import CompareError
from coprod.responses.checkline import add_check
from coprod.scoring.spread import ItemStats, ScoreSpread

TINY = """\
format: 1
id: tiny
version: "{version}"
title: Tiny comparison questionnaire
scales:
  five:
    levels:
      - {{value: 1, label: Never}}
      - {{value: 2, label: Rarely}}
      - {{value: 3, label: Sometimes}}
      - {{value: 4, label: Often}}
      - {{value: 5, label: Always}}
bands:
  - {{min: 0, max: 50, label: Early days}}
  - {{min: 50, max: 100, label: Further on}}
principles:
  - id: listen
    title: Listening
    questions:
      - {{id: l1, type: scale, scale: five, text: "Do you listen?"}}
  - id: share
    title: Sharing power
    questions:
      - {{id: s1, type: scale, scale: five, text: "Do you share power?"}}
"""

ORGANISATION = "Anytown Council"
ROUNDS = {"Baseline": "2026-01-10T10:00:00+00:00", "Follow-up": "2026-07-10T10:00:00+00:00"}
#: (service, round) -> each person's (l1, s1) answers. Parks has only two people at baseline.
ANSWERS: dict[tuple[str, str], list[tuple[int, int]]] = {
    ("Housing", "Baseline"): [(2, 1), (2, 2), (3, 1)],
    ("Housing", "Follow-up"): [(4, 2), (4, 3), (5, 2)],
    ("Libraries", "Baseline"): [(3, 3), (3, 3), (3, 3)],
    ("Libraries", "Follow-up"): [(1, 3), (5, 3), (4, 3)],
    ("Parks", "Baseline"): [(4, 4), (4, 4)],
    ("Parks", "Follow-up"): [(4, 4), (4, 5), (5, 5)],
}
PEOPLE = ["Alice Ashdown", "Bilal Brook", "Ceri Cwm"]
NAMES = [ORGANISATION, "Housing", "Libraries", "Parks", *PEOPLE]


def response_text(
    questionnaire: Path,
    service: str,
    round_label: str,
    values: tuple[int, int],
    person: str,
    version: str = "1.0",
) -> str:
    """A response to the tiny questionnaire, with a check line as coprod writes."""
    stamp = ROUNDS[round_label]
    return add_check(f"""\
format: 1
questionnaire: {{id: tiny, version: "{version}", path: {json.dumps(str(questionnaire))}}}
respondent:
  {{organisation: {ORGANISATION}, service: {service}, name: {person}, group: {round_label}}}
completed: "{stamp}"
answers:
  l1: {{value: {values[0]}}}
  s1: {{value: {values[1]}}}
""")


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """The tiny questionnaire, version 1.0."""
    path = tmp_path / "tiny.yaml"
    path.write_text(TINY.format(version="1.0"), encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path, tiny: Path) -> Path:
    """A folder of 17 responses: 3 services x 2 rounds, named after the people who answered."""
    out = tmp_path / "responses"
    out.mkdir()
    for (service, round_label), people in ANSWERS.items():
        for k, values in enumerate(people):
            name = f"{service.lower()}-{round_label.lower()}-{PEOPLE[k].split()[0].lower()}.yaml"
            text = response_text(tiny, service, round_label, values, PEOPLE[k])
            (out / name).write_text(text, encoding="utf-8")
    return out


def figures(c: Comparison, unit: str, round_label: str) -> dict[str, tuple[object, ...]]:
    """item -> (n, mean, median, sd) for one unit and round, or 'held back'."""
    u = next(x for x in c.units if x.label == unit)
    r = u.rounds[round_label]
    out: dict[str, tuple[object, ...]] = {}
    for cell in [r.overall, *r.principles]:
        if cell.suppressed:
            out[cell.id] = ("held back",)
        else:
            s = cell.stats.summary if cell.stats else ScoreSpread(0)
            out[cell.id] = (s.n, s.mean, s.median, s.sd)
    return out


# Worked by hand: a level scores (value - 1) / 4 * 100; the overall is the mean of the
# two principles; sd is the sample standard deviation (n - 1).
HAND: list[tuple[str, str, dict[str, tuple[object, ...]]]] = [
    (
        "Housing",
        "Baseline",
        {
            "overall": (3, 20.8, 25.0, 7.2),
            "listen": (3, 33.3, 25.0, 14.4),
            "share": (3, 8.3, 0.0, 14.4),
        },
    ),
    (
        "Housing",
        "Follow-up",
        {
            "overall": (3, 58.3, 62.5, 7.2),
            "listen": (3, 83.3, 75.0, 14.4),
            "share": (3, 33.3, 25.0, 14.4),
        },
    ),
    (
        "Libraries",
        "Baseline",
        {
            "overall": (3, 50.0, 50.0, 0.0),
            "listen": (3, 50.0, 50.0, 0.0),
            "share": (3, 50.0, 50.0, 0.0),
        },
    ),
    (
        "Libraries",
        "Follow-up",
        {
            "overall": (3, 54.2, 62.5, 26.0),
            "listen": (3, 58.3, 75.0, 52.0),
            "share": (3, 50.0, 50.0, 0.0),
        },
    ),
    (
        "Parks",
        "Baseline",
        {"overall": ("held back",), "listen": ("held back",), "share": ("held back",)},
    ),
    (
        "Parks",
        "Follow-up",
        {
            "overall": (3, 87.5, 87.5, 12.5),
            "listen": (3, 83.3, 75.0, 14.4),
            "share": (3, 91.7, 100.0, 14.4),
        },
    ),
]


@pytest.mark.parametrize(("unit", "round_label", "expected"), HAND)
def test_figures_match_the_hand_worked_example(
    folder: Path, unit: str, round_label: str, expected: dict[str, tuple[object, ...]]
) -> None:
    """Each service's n, mean, median and sd per round are the ones worked out by hand."""
    c = run_compare([folder], Options(over_time=True))
    assert c.rounds == ["Baseline", "Follow-up"]
    assert c.min_group == 3
    assert figures(c, unit, round_label) == expected


# (unit, item, baseline, latest, change, spread, verdict)
CHANGES = [
    ("Housing", "overall", 20.8, 58.3, 37.5, 7.2, IMPROVED),
    ("Housing", "listen", 33.3, 83.3, 50.0, 14.4, IMPROVED),
    ("Housing", "share", 8.3, 33.3, 25.0, 14.4, IMPROVED),
    ("Libraries", "overall", 50.0, 54.2, 4.2, 26.0, NOISE),
    ("Libraries", "listen", 50.0, 58.3, 8.3, 52.0, NOISE),
    ("Libraries", "share", 50.0, 50.0, 0.0, 0.0, NOISE),
    ("Parks", "overall", None, 87.5, None, None, NOT_COMPARABLE),
]


@pytest.mark.parametrize(("unit", "item", "before", "after", "change", "spread", "word"), CHANGES)
def test_change_since_baseline_is_judged_against_the_spread(
    folder: Path,
    unit: str,
    item: str,
    before: float | None,
    after: float,
    change: float | None,
    spread: float | None,
    word: str,
) -> None:
    """A change within the spread is 'within the noise'; a held-back baseline is not compared."""
    c = run_compare([folder], Options(over_time=True))
    u = next(x for x in c.units if x.label == unit)
    ch = next(x for x in u.changes if x.id == item)
    assert (ch.baseline, ch.latest, ch.change, ch.spread, ch.verdict) == (
        before,
        after,
        change,
        spread,
        word,
    )


def test_ranking_strongest_weakest_and_wide_spread(folder: Path) -> None:
    """The latest round ranks Parks, Housing, Libraries; Libraries' listening is flagged."""
    c = run_compare([folder], Options(over_time=True))
    got = {u.label: (u.rank, u.strongest, u.weakest) for u in c.units}
    assert got == {
        "Housing": ("2", ["listen"], ["share"]),
        "Libraries": ("3", ["listen"], ["share"]),
        "Parks": ("1", ["share"], ["listen"]),
    }
    libraries = next(u for u in c.units if u.label == "Libraries").rounds["Follow-up"]
    assert libraries.principles[0].wide_spread  # 2 of 3 within 25 points of the median
    assert libraries.principles[0].stats is not None
    assert libraries.principles[0].stats.consensus == 66.7
    assert not libraries.principles[1].wide_spread


def test_without_over_time_rounds_are_pooled_with_a_warning(folder: Path) -> None:
    """Without --over-time each service's responses are pooled, and the user is told so."""
    c = run_compare([folder])
    assert c.rounds == ["all responses"]
    assert [u.rounds["all responses"].responses for u in c.units] == [6, 6, 5]
    assert any("--over-time" in w for w in c.warnings)


@pytest.mark.parametrize(
    ("means", "ranks"),
    [
        ([60.0, 50.0, 50.0, 40.0], ["1", "=2", "=2", "4"]),
        ([50.0, 50.0, 50.0], ["=1", "=1", "=1"]),
        ([10.0, 90.0], ["2", "1"]),
    ],
)
def test_ties_share_a_rank(
    tmp_path: Path, tiny: Path, means: list[float], ranks: list[str]
) -> None:
    """Services with the same overall mean share a rank, shown as =2."""
    levels = {10.0: (1, 2), 40.0: (2, 3), 50.0: (3, 3), 60.0: (3, 4), 90.0: (5, 4)}
    for k, mean in enumerate(means):
        text = response_text(tiny, f"Unit{k}", "Baseline", levels[mean], "X")
        (tmp_path / f"u{k}.yaml").write_text(text, encoding="utf-8")
    c = run_compare(sorted(tmp_path.glob("u*.yaml")))
    assert c.min_group == 1  # one self-assessment per service
    assert [u.rank for u in c.units] == ranks


def test_other_version_and_other_questionnaire_are_refused(
    tmp_path: Path, folder: Path, small: Path
) -> None:
    """Responses to version 2.0, or to another questionnaire, are left out with the reason."""
    v2 = tmp_path / "tiny2.yaml"
    v2.write_text(TINY.format(version="2.0"), encoding="utf-8")
    text = response_text(v2, "Housing", "Baseline", (5, 5), "X", version="2.0")
    (folder / "zz-v2.yaml").write_text(text, encoding="utf-8")
    other = f"""\
format: 1
questionnaire: {{id: small, version: "1.0", path: {json.dumps(str(small))}}}
answers: {{a1: {{value: 2}}}}
"""
    (folder / "zz-other.yaml").write_text(other, encoding="utf-8")
    c = run_compare([folder])
    reasons = {Path(s.source).name: (s.kind, s.reason) for s in c.skipped}
    assert reasons["zz-v2.yaml"][0] == "other version"
    assert "version 2.0" in reasons["zz-v2.yaml"][1] and "1.x" in reasons["zz-v2.yaml"][1]
    assert reasons["zz-other.yaml"][0] == "other questionnaire"
    assert c.responses == 17
    assert c.exit_code == 8


def test_an_unreadable_file_does_not_stop_the_others(folder: Path) -> None:
    """A broken file among many is listed with file:line and why; everything else is compared."""
    (folder / "broken.yaml").write_text("format: 1\nanswers: [\n", encoding="utf-8")
    (folder / "empty.yaml").write_text("", encoding="utf-8")
    (folder / "notes.txt").write_text("not a response", encoding="utf-8")
    inputs, skipped = gather([folder, folder.parent / "missing.yaml"])
    assert len(inputs) == 17
    got = {Path(s.source).name: s.reason for s in skipped}
    assert set(got) == {"broken.yaml", "empty.yaml", "missing.yaml"}
    assert got["broken.yaml"].startswith("line 3:") and "not valid YAML" in got["broken.yaml"]
    assert "empty" in got["empty.yaml"]
    assert "no such" in got["missing.yaml"]


def test_nothing_comparable_is_an_error(tmp_path: Path) -> None:
    """When no input can be used, the error says so and what to give instead."""
    (tmp_path / "bad.yaml").write_text("nope: [", encoding="utf-8")
    with pytest.raises(CompareError, match="nothing to compare"):
        run_compare([tmp_path])


def test_questionnaire_beside_the_responses_is_passed_over_quietly(
    folder: Path, tiny: Path
) -> None:
    """A questionnaire in an input folder is not 'left out'; named on its own it says what it is."""
    (folder / "tiny.yaml").write_text(tiny.read_text(encoding="utf-8"), encoding="utf-8")
    quiet = run_compare([folder])
    assert (quiet.responses, quiet.skipped, quiet.exit_code) == (17, [], 0)
    named = run_compare([folder, tiny])
    assert [(Path(s.source), s.reason.split(".")[0]) for s in named.skipped] == [
        (tiny, "this is a questionnaire, not a response file (one person's answers)")
    ]
    assert named.exit_code == 8


def test_a_folder_holding_only_a_questionnaire_is_listed(folder: Path, tmp_path: Path) -> None:
    """A folder with a questionnaire but no responses is listed, so a wrong folder is noticed."""
    only = tmp_path / "questionnaires"
    only.mkdir()
    (only / "q.yaml").write_text(TINY.format(version="1.0"), encoding="utf-8")
    c = run_compare([folder, only])
    assert [(s.source, s.reason) for s in c.skipped] == [
        (str(only), "only questionnaire files in this folder, no response files.")
    ]


STARTER = Path(__file__).parent.parent / "questionnaires" / "starter@1.0.yaml"
EXAMPLES = Path(__file__).parent.parent / "examples"


def starter_answering(path: str, version: str, edition: str = "1.0") -> str:
    """An example starter response (1.0 or 2.0), naming its questionnaire file and version.

    It gets a check line, as if coprod had written it (the example is written by hand).
    """
    name = "starter-1.0-response.yaml" if edition == "1.0" else "starter-response.yaml"
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    ref = f"questionnaire: {{id: starter, version: {json.dumps(version)}, path: {path}}}"
    return add_check(text.replace(f'questionnaire: {{id: starter, version: "{edition}"}}', ref))


@pytest.mark.parametrize("how", ["compare", "score"])
def test_relative_questionnaire_path_is_found_beside_the_response(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """Run from another folder, a response is scored with its own questionnaire copy (v2.0)."""
    project = tmp_path / "project"
    project.mkdir()
    starter2 = STARTER.read_text(encoding="utf-8").replace('version: "1.0"', 'version: "2.0"', 1)
    (project / "starter2.yaml").write_text(starter2, encoding="utf-8")
    (project / "answers").mkdir()
    response = starter_answering("../starter2.yaml", "2.0")
    (project / "answers" / "r.yaml").write_text(response, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    if how == "score":
        scored = score_file(project / "answers" / "r.yaml")
        assert (scored.loaded.questionnaire.version, scored.warnings) == ("2.0", [])
    else:
        c = run_compare([project / "answers"])
        assert (c.questionnaire.version, c.warnings) == ("2.0", [])


def test_a_missing_questionnaire_file_replaced_by_another_version_is_named(
    tmp_path: Path,
) -> None:
    """When the response's questionnaire file is gone, the built-in stand-in is named plainly."""
    response = starter_answering("gone.yaml", "3.0", edition="2.0")
    (tmp_path / "r.yaml").write_text(response, encoding="utf-8")
    c = run_compare([tmp_path])
    assert c.responses == 1
    warning = " ".join(c.warnings)
    assert "gone.yaml was not found" in warning
    assert "the built-in 'starter' was used instead: version 2.0, not the version 3.0" in warning


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (Options(by="name"), "never compared"),
        (Options(by="colour"), "no such field"),
        (Options(by="group", over_time=True), "the group label is the round"),
        (Options(baseline="Baseline"), "needs --over-time"),
        (Options(over_time=True, baseline="Spring"), "Use one of: Baseline, Follow-up"),
        (Options(min_group=0), "1 or more"),
    ],
)
def test_contradictory_options_are_refused(folder: Path, options: Options, message: str) -> None:
    """Options that cannot work are refused with a message that says how to fix them."""
    with pytest.raises(CompareError) as caught:
        run_compare([folder], options)
    assert message in str(caught.value)


def test_min_group_can_be_raised_and_lowered(folder: Path) -> None:
    """--min-group 4 holds back every service; --min-group 2 shows Parks' baseline."""
    high = run_compare([folder], Options(over_time=True, min_group=4))
    assert all(r.suppressed for u in high.units for r in u.rounds.values())
    low = run_compare([folder], Options(over_time=True, min_group=2))
    assert figures(low, "Parks", "Baseline")["overall"] == (2, 75.0, 75.0, 0.0)


def test_anonymised_labels_are_stable_letters(folder: Path, tmp_path: Path) -> None:
    """--anonymise names services Service A, B, C; the same whatever order the inputs come in."""
    files = sorted(folder.glob("*.yaml"))
    first = run_compare(files, Options(anonymise=True))
    second = run_compare(list(reversed(files)), Options(anonymise=True))
    assert [u.label for u in first.units] == ["Service A", "Service B", "Service C"]
    assert {u.key: u.label for u in first.units} == {u.key: u.label for u in second.units}


@pytest.mark.parametrize(("n", "label"), [(0, "A"), (25, "Z"), (26, "AA"), (27, "AB"), (701, "ZZ")])
def test_spreadsheet_labels_never_run_out(n: int, label: str) -> None:
    """Anonymous labels go A … Z, AA, AB …, so 400 services still get one each."""
    assert spreadsheet_label(n) == label


def _cell(mean: float | None, sd: float | None, n: int) -> UnitFigures:
    stats = ItemStats("p", "principle", "P", None, ScoreSpread(n, mean, mean, sd), 100.0)
    return UnitFigures("p", "P", stats if mean is not None else None)


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (_cell(40.0, 10.0, 5), _cell(55.0, 8.0, 5), (15.0, 10.0, IMPROVED)),
        (_cell(40.0, 10.0, 5), _cell(50.0, 8.0, 5), (10.0, 10.0, NOISE)),
        (_cell(40.0, 10.0, 5), _cell(25.0, 12.0, 5), (-15.0, 12.0, DECLINED)),
        (_cell(40.0, 0.0, 1), _cell(60.0, 0.0, 1), (20.0, None, UNKNOWN_SPREAD)),
        (_cell(None, None, 0), _cell(60.0, 3.0, 5), (None, None, NOT_COMPARABLE)),
    ],
)
def test_verdict_table(
    before: UnitFigures, after: UnitFigures, expected: tuple[object, ...]
) -> None:
    """Improved or declined only beyond the larger spread; one answer a round cannot tell."""
    assert verdict(before, after) == expected


def test_compare_of_nothing_is_refused() -> None:
    """An empty list of inputs is an error, not an empty report."""
    with pytest.raises(CompareError):
        compare([], [])


# ---- no name in any output ---------------------------------------------------------


def pdf_plain(data: bytes) -> bytes:
    """A PDF's text, metadata and every stream decompressed, so a search sees everything."""
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(BytesIO(data))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    chunks = [data, text.encode("utf-8"), str(reader.metadata).encode("utf-8")]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.DOTALL):
        try:
            chunks.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(chunks)


def xlsx_plain(data: bytes) -> bytes:
    """Every file inside an XLSX, unzipped."""
    with zipfile.ZipFile(BytesIO(data)) as book:
        return b"\n".join(book.read(name) for name in book.namelist())


PLAIN: dict[str, Callable[[bytes], bytes]] = {
    "html": lambda b: b,
    "csv": lambda b: b,
    "json": lambda b: b,
    "xlsx": xlsx_plain,
    "pdf": pdf_plain,
}


def leaked(data: bytes, names: list[str]) -> list[str]:
    """Which names appear in the bytes, in any case, as text or in UTF-16 (PDF strings)."""
    low = data.lower()
    found = []
    for name in names:
        for enc in ("utf-8", "utf-16-be"):
            if name.lower().encode(enc) in low:
                found.append(name)
                break
    return found


@pytest.mark.parametrize("fmt", ["html", "pdf", "csv", "xlsx", "json"])
def test_anonymise_leaves_no_name_in_any_output(folder: Path, tmp_path: Path, fmt: str) -> None:
    """With --anonymise no organisation, service, person or file name is in the output's bytes."""
    (folder / "broken-ceri.yaml").write_text("format: [\n", encoding="utf-8")
    c = run_compare([folder], Options(over_time=True, anonymise=True))
    assert c.skipped  # the left-out list is in the report too
    out = write_comparison(c, fmt, tmp_path / f"out.{fmt}")  # type: ignore[arg-type]
    plain = PLAIN[fmt](out.read_bytes())
    assert b"Service A" in plain or b"S\x00e\x00r\x00v\x00i\x00c\x00e" in plain or fmt == "pdf"
    assert leaked(plain, [*NAMES, "housing-", "ashdown", "broken-ceri", str(folder)]) == []


@pytest.mark.parametrize("fmt", ["html", "pdf", "csv", "xlsx", "json"])
def test_people_are_never_named_and_held_back_figures_never_shown(
    folder: Path, tmp_path: Path, fmt: str
) -> None:
    """Services are named, people never; Parks' baseline of two people is held back."""
    c = run_compare([folder], Options(over_time=True))
    out = write_comparison(c, fmt, tmp_path / f"out.{fmt}")  # type: ignore[arg-type]
    plain = PLAIN[fmt](out.read_bytes())
    assert leaked(plain, PEOPLE) == []
    assert leaked(plain, ["Parks"]) == ["Parks"]
    if fmt == "json":
        rows = json.loads(plain)["rows"]
        parks = [r for r in rows if r["unit"] == "Parks" and r["round"] == "Baseline"]
        assert parks and all(r["mean"] is None and r["n"] is None for r in parks)
        assert all(r["responses"] is None for r in parks)


@pytest.mark.parametrize("fmt", ["html", "pdf", "csv", "xlsx", "json"])
def test_batch_file_names_never_reach_an_output(tmp_path: Path, tiny: Path, fmt: str) -> None:
    """A left-out batch response named after a person is 'batch folder …, response 4' in outputs."""
    batch = tmp_path / "workshop"
    (batch / "responses").mkdir(parents=True)
    (batch / "scores.csv").write_text("participant\n", encoding="utf-8")
    slugs = [p.lower().replace(" ", "-") for p in PEOPLE]
    for k, slug in enumerate(slugs):
        text = response_text(tiny, "Housing", "Baseline", (3, 4), PEOPLE[k])
        (batch / "responses" / f"{k + 1:04d}-{slug}.yaml").write_text(text, encoding="utf-8")
    (batch / "responses" / "0004-dewi-dee.yaml").write_text("format: [\n", encoding="utf-8")
    c = run_compare([batch])
    assert [s.where for s in c.skipped] == ["batch folder workshop, response 4"]
    out = write_comparison(c, fmt, tmp_path / f"out.{fmt}")  # type: ignore[arg-type]
    plain = PLAIN[fmt](out.read_bytes())
    assert leaked(plain, [*PEOPLE, *slugs, "dewi", str(batch / "responses")]) == []
    if fmt in ("html", "json", "xlsx"):
        assert b"batch folder workshop, response 4" in plain


# ---- charts ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "step", "ink"),
    [
        (None, -1, "#1a1a1a"),
        (0.0, 0, "#1a1a1a"),
        (59.9, 2, "#1a1a1a"),
        (60.0, 3, "#ffffff"),
        (100.0, 4, "#ffffff"),
    ],
)
def test_heatmap_shades_keep_text_readable(score: float | None, step: int, ink: str) -> None:
    """Each heatmap step has its own shade; dark shades get white text, and no score stays white."""
    from coprod.report.charts.compare import heat_style

    style = heat_style(score)
    assert (style.step, style.ink) == (step, ink)


def test_arrow_chart_says_everything_in_text() -> None:
    """The arrow chart names itself, lists every figure and verdict, and escapes labels."""
    from coprod.report.charts.compare import Arrow, arrows

    svg = arrows(
        "c1",
        [
            Arrow("<Listening>", 20.0, 60.0, "improved"),
            Arrow("Sharing", 50.0, None, "not comparable"),
        ],
        "Change",
    )
    assert svg == arrows(
        "c1",
        [
            Arrow("<Listening>", 20.0, 60.0, "improved"),
            Arrow("Sharing", 50.0, None, "not comparable"),
        ],
        "Change",
    )
    assert '<title id="c1-title">Change</title>' in svg
    assert "&lt;Listening&gt;: 20.0 to 60.0, improved; Sharing: 50.0 to –, not comparable." in svg
    assert "<Listening>" not in svg
