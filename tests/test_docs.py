"""The documentation tells the truth: docs/scoring.md's worked example is what coprod computes."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from coprod.cli import app

ROOT = Path(__file__).parent.parent


def worked_example_rows() -> list[list[str]]:
    """The rows of the table after the worked-example marker in docs/scoring.md."""
    text = (ROOT / "docs" / "scoring.md").read_text(encoding="utf-8")
    table = text.split("<!-- worked-example")[1].split("\n\n")[0]
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in table.splitlines()[1:]
        if line.startswith("|")
    ]
    return [r for r in rows[2:] if r]


def test_scoring_doc_matches_coprod_score_json() -> None:
    """Every figure in the worked example equals `coprod score --json` on the example response."""
    result = CliRunner().invoke(
        app, ["score", "--json", str(ROOT / "examples" / "starter-response.yaml")]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    figures = {p["id"]: (p["score"], p["coverage"], p["band"]) for p in data["principles"]}
    figures["overall"] = (
        data["overall"]["score"],
        data["overall"]["coverage"],
        data["overall"]["band"],
    )
    rows = worked_example_rows()
    assert len(rows) == 3
    for name, score, coverage, band in rows:
        assert figures[name] == (float(score), float(coverage), band), name


def test_every_example_response_scores() -> None:
    """Each built-in questionnaire has an example response in examples/ that scores cleanly."""
    from coprod.questionnaire.load import builtin_paths

    for q in sorted(p.stem for p in builtin_paths()):
        path = ROOT / "examples" / f"{q}-response.yaml"
        result = CliRunner().invoke(app, ["score", "--json", str(path)])
        assert result.exit_code == 0, result.output
        assert any(p["score"] is not None for p in json.loads(result.stdout)["principles"]), q


def test_format_doc_covers_every_field() -> None:
    """docs/questionnaire-format.md mentions every field a questionnaire can have."""
    from coprod.questionnaire.validation import FIELD_NAMES

    doc = (ROOT / "docs" / "questionnaire-format.md").read_text(encoding="utf-8")
    response_only = {"answered_at", "organisation", "service", "role", "perspective", "name"}
    response_only |= {"group", "started", "updated", "completed", "answers", "respondent"}
    response_only |= {"language", "status", "value", "hash", "path", "questionnaire"}
    missing = [f for f in FIELD_NAMES - response_only if f"`{f}`" not in doc]
    assert not missing, missing


def test_shipped_schema_is_current() -> None:
    """docs/questionnaire.schema.json, which the built-ins name for editors, is `coprod schema`."""
    result = CliRunner().invoke(app, ["schema"])
    shipped = (ROOT / "docs" / "questionnaire.schema.json").read_text(encoding="utf-8")
    assert json.loads(shipped) == json.loads(result.stdout)


def test_readme_minimal_questionnaire_is_valid(tmp_path: Path) -> None:
    """The annotated questionnaire in the README passes coprod validate."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## A minimal questionnaire, annotated")[1].split("```yaml\n")[1]
    path = tmp_path / "listening.yaml"
    path.write_text(block.split("```")[0], encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.output


def test_readme_python_example_figures() -> None:
    """The numbers the README's Python example shows are the ones it prints."""
    from coprod.api import score_file
    from coprod.model import pick

    result = score_file(ROOT / "examples" / "starter-response.yaml")
    assert result.scores.band is not None
    shown = f"# {result.scores.overall} {pick(result.scores.band.label, 'cy')}"
    assert shown in (ROOT / "README.md").read_text(encoding="utf-8")


def test_architecture_doc_names_every_stage_and_module() -> None:
    """docs/architecture.md lists each subpackage of coprod and each module in it."""
    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    package = ROOT / "coprod"
    missing = []
    for init in sorted(package.glob("*/__init__.py")):
        stage = init.parent.name
        if f"`{stage}`" not in doc:
            missing.append(stage)
        for module in init.parent.glob("*.py"):
            if module.stem != "__init__" and module.stem not in doc:
                missing.append(f"{stage}.{module.stem}")
    assert not missing, missing


def test_example_answers_file_reads_as_its_comments_say() -> None:
    """examples/starter-answers.yaml: every kind of answer it shows is read as its comment says."""
    from coprod.assess.answers_file import read_answers_file
    from coprod.model import Status
    from coprod.questionnaire.load import load_questionnaire

    q = load_questionnaire("starter").questionnaire
    given = read_answers_file(q, ROOT / "examples" / "starter-answers.yaml")
    read = {qid: (a.status, a.value) for qid, a in given.answers.items()}
    assert read == {
        "strengths_asked": (Status.answered, 2),
        "strengths_used": (Status.answered, 3),
        "helping_others": (Status.skipped, None),
        "wider_circle": (Status.answered, 3),
        "role_planning": (Status.answered, 2),
        "role_running": (Status.not_applicable, None),
        "peer_groups": (Status.answered, 4),
        "contribution_measured": (Status.answered, 2),
        "has_membership": (Status.answered, "yes"),
        "members": (Status.answered, 240),
        "active_members": (Status.dont_know, None),
    }
    note = given.answers["wider_circle"].note
    assert note == "Carers sit on the panel that reviews our leaflets."
    assert given.respondent.perspective == "staff"


def format_doc_examples() -> dict[str, str]:
    """The YAML blocks marked '<!-- example: name -->' in docs/questionnaire-format.md."""
    doc = (ROOT / "docs" / "questionnaire-format.md").read_text(encoding="utf-8")
    out = {}
    for part in doc.split("<!-- example: ")[1:]:
        name, rest = part.split(" -->", 1)
        out[name] = rest.split("```yaml\n", 1)[1].split("```", 1)[0]
    return out


def test_format_doc_instrument_examples_are_valid(tmp_path: Path) -> None:
    """Every instrument example in docs/questionnaire-format.md passes coprod validate."""
    examples = format_doc_examples()
    assert {"unscored-parts", "agreement-scale", "marks", "ladder", "audience"} <= set(examples)
    for name, text in examples.items():
        path = tmp_path / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        result = CliRunner().invoke(app, ["validate", str(path)])
        assert result.exit_code == 0, (name, result.output)
        assert "warning" not in result.output, (name, result.output)
