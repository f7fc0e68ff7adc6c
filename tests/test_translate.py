"""`coprod translate`: PO and XLIFF out, checked by the translators' own tools, and back in."""

from __future__ import annotations

import difflib
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree
from translate.storage import pypo, xliff
from typer.testing import CliRunner

from coprod.cli import app
from coprod.files.yamlio import load_yaml_file
from coprod.questionnaire.load import builtin_paths
from coprod.questionnaire.texts import review_count

ROOT = Path(__file__).resolve().parent.parent
XSD = ROOT / "tests" / "fixtures" / "xliff" / "xliff-core-1.2-strict.xsd"
BUILTINS = builtin_paths()
runner = CliRunner()

#: pofilter checks that flag right Welsh as suspect: every text is still a draft (fuzzy);
#: apostrophes inside words (sy'n, i'w) read as quotes; a gloss in brackets; an English
#: apostrophe (members' clubs) with none in Welsh; and Welsh quoting the answer it echoes
#: (Atebwch "Oes" for "Answer yes"), so its quotes and capitals differ from the English.
# Style checks that misread Welsh; "acronyms" because Welsh writes some in its own way
# (the UK is "y DU").
STYLISTIC = {
    "isfuzzy",
    "singlequoting",
    "brackets",
    "puncspacing",
    "doublequoting",
    "simplecaps",
    "acronyms",
}


def gettext(tool: str) -> str:
    """The path of a GNU gettext tool; the dev set-up installs them (scripts/setup.sh --dev)."""
    found = shutil.which(tool)
    assert found, f"{tool} is missing: install Debian's gettext (scripts/setup.sh --dev)"
    return found


def invoke(*args: str) -> tuple[int, str]:
    """Run coprod; its exit code and everything it printed."""
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """The starter questionnaire copied into a scratch folder, the working folder there."""
    target = tmp_path / "starter.yaml"
    shutil.copy(ROOT / "tests" / "fixtures" / "translate" / "starter.yaml", target)
    return target


def export(path: Path, fmt: str, out: Path) -> Path:
    """Export ``path`` for Welsh in ``fmt``; the file written."""
    code, output = invoke("translate", "export", str(path), "--to", "cy", "-f", fmt, "-o", str(out))
    assert code == 0, output
    return out


@pytest.mark.parametrize("path", BUILTINS, ids=lambda p: p.stem)
def test_po_export_passes_msgfmt_check(path: Path, tmp_path: Path) -> None:
    """GNU gettext's own check (header, formats, domain) accepts the PO of every built-in."""
    po = export(path, "po", tmp_path / "q.po")
    run = subprocess.run(
        [gettext("msgfmt"), "--check", "-o", str(tmp_path / "q.mo"), str(po)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    texts = [u for u in pypo.pofile.parsefile(str(po)).units if not u.isheader()]
    assert len(texts) == review_count(load_yaml_file(path).data, "cy").translated
    assert all(u.getcontext() and u.getnotes("developer") for u in texts)


@pytest.mark.parametrize("path", BUILTINS, ids=lambda p: p.stem)
def test_po_export_passes_pofilter(path: Path, tmp_path: Path) -> None:
    """translate-toolkit's pofilter finds no broken placeholder, tag, escape or empty text."""
    po = export(path, "po", tmp_path / "q.po")
    report = tmp_path / "pofilter.po"
    pofilter = Path(shutil.which("pofilter") or ROOT / ".venv" / "bin" / "pofilter")
    run = subprocess.run(
        [str(pofilter), "--progress=none", str(po), str(report)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    failed = {
        line.split(")", 1)[1].split(":", 1)[0].strip()
        for line in report.read_text(encoding="utf-8").splitlines()
        if line.startswith("# (pofilter)")
    }
    assert failed <= STYLISTIC, failed - STYLISTIC


@pytest.mark.parametrize("path", BUILTINS, ids=lambda p: p.stem)
def test_xliff_export_is_valid_xliff_1_2(path: Path, tmp_path: Path) -> None:
    """The XLIFF validates against the OASIS XLIFF 1.2 strict schema; drafts need review."""
    xlf = export(path, "xliff", tmp_path / "q.xlf")
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    assert schema.validate(etree.parse(str(xlf))), schema.error_log
    store = xliff.xlifffile.parsefile(str(xlf))
    assert store.units and all(not u.isapproved() for u in store.units)
    targets = etree.parse(str(xlf)).iter("{urn:oasis:names:tc:xliff:document:1.2}target")
    assert {t.get("state") for t in targets} == {"needs-review-translation"}


@pytest.mark.parametrize("fmt", ["po", "xliff"])
@pytest.mark.parametrize("path", BUILTINS, ids=lambda p: p.stem)
def test_import_of_an_untouched_export_leaves_the_file_byte_identical(
    path: Path, fmt: str, tmp_path: Path
) -> None:
    """Export, import straight back: the YAML is the same to the byte, comments and all."""
    target = tmp_path / path.name
    shutil.copy(path, target)
    exported = export(target, fmt, tmp_path / f"q.{fmt}")
    code, output = invoke("translate", "import", str(exported), "--into", str(target))
    assert code == 0, output
    assert "wrote 0 texts" in output
    assert target.read_bytes() == path.read_bytes()


def _edit_po(po: Path, edits: dict[str, str], reviewed: set[str]) -> None:
    store = pypo.pofile.parsefile(str(po))
    for unit in store.units:
        if unit.getcontext() in edits:
            unit.target = edits[unit.getcontext()]
        if unit.getcontext() in reviewed:
            unit.markfuzzy(False)
    store.savefile(str(po))


HELP = "principles.assets.questions.strengths.help"
NEW_HELP = (
    "Meddyliwch am y sgwrs gyntaf, asesiadau ac adolygiadau. Ydyn nhw'n holi beth y gall pobl "
    "ei wneud, neu ddim ond beth na allan nhw ei wneud?"
)


def test_import_changes_only_the_translated_texts_comments_kept(copy: Path) -> None:
    """Only the changed Welsh and the new review marks differ; every comment line is kept."""
    before = copy.read_text(encoding="utf-8")
    po = export(copy, "po", copy.parent / "starter-cy.po")
    _edit_po(po, {HELP: NEW_HELP}, {"title"})
    code, output = invoke("translate", "import", str(po))
    assert code == 0, output
    assert "wrote 1 text in 'cy' (1 review mark changed" in output
    assert "85 of 86 still a draft" in output
    after = copy.read_text(encoding="utf-8")
    changed = [
        line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:1] in "+-"
    ]
    assert sorted(changed) == sorted(
        [
            "+   reviewed: cy",
            "+             Meddyliwch am y sgwrs gyntaf, asesiadau ac adolygiadau. Ydyn nhw'n",
            "+             holi beth y gall pobl ei wneud, neu ddim ond beth na allan nhw ei",
            "-             Meddyliwch am sgyrsiau cyntaf, asesiadau ac adolygiadau. Ydyn nhw'n",
            "-             gofyn beth all pobl ei wneud, neu dim ond beth na allan nhw ei",
        ]
    )
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert comments and all(c in after.splitlines() for c in comments)
    code, output = invoke("validate", "--languages", "en,cy", str(copy))
    assert code == 0, output
    assert "85 of 86 texts in 'cy' not yet reviewed" in output


def test_msgmerge_round_trip_keeps_every_translation(copy: Path) -> None:
    """A PO merged by GNU msgmerge with a fresh template imports exactly like the original."""
    po = export(copy, "po", copy.parent / "starter-cy.po")
    _edit_po(po, {HELP: NEW_HELP}, {"title"})
    pot = export(copy, "pot", copy.parent / "starter.pot")
    merged = copy.parent / "merged.po"
    subprocess.run(
        [gettext("msgmerge"), "--quiet", "-o", str(merged), str(po), str(pot)], check=True
    )
    check = subprocess.run(
        [gettext("msgfmt"), "--check", "-o", "/dev/null", str(merged)], capture_output=True
    )
    assert check.returncode == 0, check.stderr
    direct = copy.parent / "direct.yaml"
    shutil.copy(copy, direct)
    assert invoke("translate", "import", str(po), "--into", str(direct))[0] == 0
    code, output = invoke("translate", "import", str(merged), "--into", str(copy))
    assert code == 0, output
    assert copy.read_bytes() == direct.read_bytes()
    assert NEW_HELP[:40] in copy.read_text(encoding="utf-8").replace("\n            ", " ")


def test_xliff_approved_units_are_marked_reviewed(copy: Path) -> None:
    """An XLIFF unit a reviewer approved (signed-off) gets 'reviewed: cy' in the YAML."""
    xlf = export(copy, "xliff", copy.parent / "starter-cy.xlf")
    store = xliff.xlifffile.parsefile(str(xlf))
    for unit in store.units:
        if unit.xmlelement.get("id") == "title":
            unit.set_state_n(unit.S_SIGNED_OFF)
    store.savefile(str(xlf))
    code, output = invoke("translate", "import", str(xlf))
    assert code == 0, output
    data = load_yaml_file(copy).data
    assert data["title"]["reviewed"] == "cy"
    assert review_count(data, "cy").reviewed == 1


def test_changed_english_and_blank_translations_are_reported_not_written(copy: Path) -> None:
    """English edited since the export is not overwritten; blanks are listed as untranslated."""
    po = export(copy, "po", copy.parent / "starter-cy.po")
    _edit_po(po, {"title": "", HELP: NEW_HELP}, set())
    text = copy.read_text(encoding="utf-8")
    copy.write_text(
        text.replace("Think about first conversations", "Think about the first conversations"),
        encoding="utf-8",
    )
    before = copy.read_bytes()
    code, output = invoke("translate", "import", str(po))
    assert code == 0, output
    assert f"not written: {HELP}: the English changed since the export" in output
    assert "untranslated: title" in output
    assert copy.read_bytes() == before


def test_a_plain_text_becomes_a_map_with_its_translation(tmp_path: Path) -> None:
    """A text written as a plain string gets {en: ..., cy: ...} when it is translated."""
    q = tmp_path / "mini.yaml"
    q.write_text(
        "format: 1\nid: mini\nversion: '1'\ntitle: Mini check  # our title\n"
        "languages: [en]\nbands:\n  - {min: 0, max: 100, label: All}\n"
        "principles:\n  - id: p\n    title: One\n    questions:\n"
        "      - {id: q1, type: yes_no, text: Is there a plan?}\n",
        encoding="utf-8",
    )
    po = export(q, "po", tmp_path / "mini.po")
    _edit_po(po, {"title": "Gwiriad bach", "principles.p.questions.q1.text": "Oes cynllun?"}, set())
    code, output = invoke("translate", "import", str(po))
    assert code == 0, output
    data = load_yaml_file(q).data
    # a translation typed into an empty entry is a person's own work: reviewed
    assert data["title"] == {"en": "Mini check", "cy": "Gwiriad bach", "reviewed": "cy"}
    assert data["languages"] == ["en", "cy"]
    assert "# our title" in q.read_text(encoding="utf-8")
    assert "untranslated: bands.0.label" in output


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["export", "starter", "--to", "cy", "-f", "docx"], 1, "unknown format 'docx'"),
        (["export", "starter", "--to", "en"], 1, "'en' is the questionnaire's own language"),
        (["export", "starter", "--to", "en+cy"], 1, "'en+cy' is not a language code"),
        (["export", "nosuch", "--to", "cy"], 3, "no built-in questionnaire has this id"),
        (["import", "missing.po"], 3, "missing.po: no such file"),
        (["import", "notes.txt"], 3, "not a translation file coprod reads"),
    ],
)
def test_translate_errors_say_what_to_do(
    args: list[str], code: int, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each wrong use gives one line saying what is wrong, and its exit code."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    got, output = invoke("translate", *args)
    assert got == code, output
    assert message in " ".join(output.split())
    assert "Traceback" not in output


def test_a_po_from_elsewhere_is_refused(tmp_path: Path) -> None:
    """A PO file coprod did not write is refused with how to start from an export."""
    po = tmp_path / "other.po"
    po.write_text('msgid ""\nmsgstr "Language: cy\\n"\n\nmsgid "Hi"\nmsgstr "Hai"\n', "utf-8")
    code, output = invoke("translate", "import", str(po))
    assert code == 3
    assert "was not written by `coprod translate export`" in " ".join(output.split())


def test_import_without_its_questionnaire_says_so(copy: Path) -> None:
    """When the questionnaire named in the file is gone, the error says how to name it."""
    po = export(copy, "po", copy.parent / "starter-cy.po")
    copy.unlink()
    code, output = invoke("translate", "import", str(po))
    assert code == 3
    assert "--into QUESTIONNAIRE.yaml" in " ".join(output.split())


@pytest.fixture
def own_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """coprod's messages and report labels copied aside, so an import writes there."""
    import coprod.translate.interface as interface

    messages = tmp_path / "messages.yaml"
    shutil.copy(ROOT / "coprod" / "i18n" / "messages.yaml", messages)
    templates = tmp_path / "report_templates"
    for labels in (ROOT / "report_templates").rglob("labels/*.yaml"):
        target = templates / labels.relative_to(ROOT / "report_templates")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(labels, target)
    monkeypatch.setattr(interface, "messages_file", lambda: messages)
    monkeypatch.setattr(interface, "templates_dir", lambda: templates)
    return messages, templates


def test_interface_export_is_the_gettext_layout_and_passes_msgfmt(
    own_words: tuple[Path, Path], tmp_path: Path
) -> None:
    """coprod.pot and cy/LC_MESSAGES/coprod.po; msgfmt checks every {placeholder} kept."""
    code, output = invoke("translate", "interface", "--to", "cy", "--out", str(tmp_path / "loc"))
    assert code == 0, output
    pot, po = tmp_path / "loc" / "coprod.pot", tmp_path / "loc" / "cy" / "LC_MESSAGES" / "coprod.po"
    assert output.split()[-2:] == [str(pot), str(po)]
    for path in (pot, po):
        run = subprocess.run(
            [gettext("msgfmt"), "--check", "-o", "/dev/null", str(path)], capture_output=True
        )
        assert run.returncode == 0, run.stderr
    units = {u.getcontext(): u for u in pypo.pofile.parsefile(str(po)).units if not u.isheader()}
    welcome = units["messages.welcome_size"]
    assert "python-brace-format" in welcome.typecomments[0]
    assert welcome.isfuzzy() and "cwestiwn" in str(welcome.target)
    assert "labels.group.title" in units and "labels.compare.title" in units


def test_interface_import_writes_messages_and_labels_back(
    own_words: tuple[Path, Path], tmp_path: Path
) -> None:
    """A message and a label changed in the PO reach messages.yaml and labels/cy.yaml only."""
    messages, templates = own_words
    labels = templates / "labels" / "cy.yaml"
    before_messages, before_labels = messages.read_text("utf-8"), labels.read_text("utf-8")
    invoke("translate", "interface", "--to", "cy", "--out", str(tmp_path / "loc"))
    po = tmp_path / "loc" / "cy" / "LC_MESSAGES" / "coprod.po"
    _edit_po(
        po,
        {
            "messages.detail_role": "Eich swydd",
            "labels.summary": "Crynodeb byr",
            "messages.welcome_size": "Mae {questions} cwestiwn a {nosuch} rhan.",
        },
        {"messages.detail_role"},
    )
    code, output = invoke("translate", "import", str(po))
    assert code == 0, output
    said = " ".join(output.split())
    assert "messages.welcome_size: a {placeholder} coprod does not fill here" in said
    message_diff = _changed(before_messages, messages.read_text("utf-8"))
    assert message_diff == sorted(["-   cy: Eich rôl", "+   cy: Eich swydd", "+   reviewed: cy"])
    assert _changed(before_labels, labels.read_text("utf-8")) == sorted(
        ["- summary: Crynodeb", "+ summary: Crynodeb byr"]
    )


def _changed(before: str, after: str) -> list[str]:
    return sorted(
        line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:1] in "+-"
    )


def test_an_instruments_own_words_reach_the_translator(tmp_path: Path) -> None:
    """The introduction, 'answer for' sentence, report title and own descriptors are in the PO."""
    source = tmp_path / "event.yaml"
    source.write_text(
        "format: 1\nid: event\nversion: '1.0'\ntitle: {en: Event, cy: Digwyddiad}\n"
        "introduction: {en: Thank you for coming., cy: Diolch am ddod.}\n"
        "answer_for: {en: Answer for the event., cy: Atebwch ar gyfer y digwyddiad.}\n"
        "report_title: {en: Event report, cy: Adroddiad y digwyddiad}\n"
        "languages: [en, cy]\n"
        "scales:\n  three:\n    levels:\n"
        "      - {value: 1, label: {en: Low, cy: Isel}}\n"
        "      - {value: 2, label: {en: Middle, cy: Canol}}\n"
        "      - {value: 3, label: {en: High, cy: Uchel}}\n"
        "principles:\n  - id: p\n    title: {en: Part, cy: Rhan}\n    questions:\n"
        "      - id: q1\n        type: scale\n        scale: three\n"
        "        text: {en: How was it?, cy: Sut oedd e?}\n"
        "        descriptors: {3: {en: Very good, cy: Da iawn}}\n",
        encoding="utf-8",
    )
    po = export(source, "po", tmp_path / "event.po")
    units = {u.source: u.getcontext() for u in pypo.pofile.parsefile(str(po)).units}
    for english in ("Thank you for coming.", "Answer for the event.", "Event report", "Very good"):
        assert english in units, english
    assert units["Very good"].endswith("descriptors.3")
    _edit_po(po, {units["Very good"]: "Ardderchog", units["Event report"]: "Adroddiad"}, set())
    code, output = invoke("translate", "import", str(po), "--into", str(source))
    assert code == 0, output
    text = source.read_text(encoding="utf-8")
    assert "cy: Ardderchog" in text and "cy: Adroddiad}" in text
