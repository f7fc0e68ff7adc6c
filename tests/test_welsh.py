"""Working in Welsh: a Welsh session end to end, the language kept, Welsh and bilingual reports."""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coprod.cli import app
from coprod.questionnaire.load import load_questionnaire
from coprod.report.files import write_report
from coprod.responses.files import load_response
from tests.axecheck import run_axe
from tests.conftest import SMALL
from tests.test_report import pdf_reader, pdf_text, response_text

ROOT = Path(__file__).parent.parent
WHO = ["--organisation", "Cyngor Tŷ Croeso", "--service", "Gofalwyr"]
WHO += ["--role", "Rheolwr", "--perspective", "staff"]
# starter 2.0: strengths_asked 3 (after a refused 7), strengths_used 2, helping_others 4,
# wider_circle n/a, role_planning 2, role_running 3, peer_groups don't know,
# contribution_measured 5, has_membership "oes" (yes), members 40, active 12,
# Enter to finish at the review, then "na" to the offer of a report.
WELSH_ANSWERS = ["7", "3", "2", "4", "x", "2", "3", "d", "5", "oes", "40", "12", "", "na"]
runner = CliRunner()


def assess_starter(tmp_path: Path, lines: list[str], *args: str, **kw: object) -> tuple[str, Path]:
    """Run `coprod assess starter` with piped lines; the screen text and the answers file."""
    out = tmp_path / "atebion.yaml"
    result = runner.invoke(
        app,
        ["assess", "starter", "--out", str(out), *WHO, *args],
        input="\n".join(lines) + "\n",
        **kw,  # type: ignore[arg-type]
    )
    assert result.exit_code == 0, result.output
    return result.output, out


@pytest.fixture
def welsh_response(tmp_path: Path) -> Path:
    """A completed starter assessment, answered in Welsh."""
    _, out = assess_starter(tmp_path, WELSH_ANSWERS, "--lang", "cy")
    return out


# ---- the session -------------------------------------------------------------


def test_welsh_assessment_piped_end_to_end(tmp_path: Path) -> None:
    """--lang cy: every prompt, key and message is Welsh; Welsh yes counts; language is stored."""
    screen, out = assess_starter(tmp_path, WELSH_ANSWERS, "--lang", "cy")
    for welsh in (
        "Mae cydgynhyrchu'n golygu",  # welcome
        "Cwestiwn 1.1 · ",
        "(1 o 9)",
        "(10 o 11)",  # 'oes' to the membership question brings in two more
        "Oherwydd yr ateb hwnnw, mae 2 cwestiwn arall yn berthnasol: 11 i gyd.",
        "Eich ateb:",
        "Bysellau:",
        "? rhagor o help",
        "x amherthnasol",
        "'7': nid yw'n lefel ar y raddfa hon (1 i 5).",  # '7' refused in Welsh
        "Mae gan bob un o'r 11 cwestiwn sy'n berthnasol ateb.",
        "Egwyddor",  # the score table
        "Cyffredinol",
        "Cryfderau",
        "Ydych chi am wneud yr adroddiad nawr",
    ):
        assert welsh in screen, welsh
    for english in ("Question 1", "Your answer", "Keys:", "Overall", "Strengths"):
        assert english not in screen, english
    assert "coprod's own messages are in English" not in screen
    saved = load_response(out)
    assert saved.language == "cy"
    assert saved.completed is not None
    assert saved.answers["has_membership"].value == "yes"
    assert saved.answers["members"].value == 40
    assert saved.answers["wider_circle"].status.value == "not_applicable"


def test_welsh_no_words_answer_yes_no_questions(tmp_path: Path) -> None:
    """'nac oes' answers no in a Welsh session, and hides the questions that follow a yes."""
    lines = ["3", "2", "4", "x", "2", "3", "d", "5", "nac oes", "", "na"]
    screen, out = assess_starter(tmp_path, lines, "--lang", "cy")
    assert load_response(out).answers["has_membership"].value == "no"
    assert "Mae gan bob un o'r 9 cwestiwn sy'n berthnasol ateb." in screen


def test_coprod_lang_environment_variable_is_respected(tmp_path: Path) -> None:
    """COPROD_LANG=cy makes the session Welsh; --lang en wins over it."""
    screen, out = assess_starter(tmp_path, ["q"], env={"COPROD_LANG": "cy"})
    assert "Cwestiwn 1.1 · " in screen and "(1 o 9)" in screen and "Wedi stopio." in screen
    assert load_response(out).language == "cy"
    out.unlink()
    screen, out = assess_starter(tmp_path, ["q"], "--lang", "en", env={"COPROD_LANG": "cy"})
    assert "Question 1.1 · " in screen and "(1 of 9)" in screen and "Cwestiwn" not in screen
    assert load_response(out).language == "en"


def test_resume_carries_on_in_the_stored_language(tmp_path: Path) -> None:
    """A session stopped in Welsh carries on in Welsh with --resume and no --lang."""
    _, out = assess_starter(tmp_path, ["3", "q"], "--lang", "cy")
    result = runner.invoke(app, ["assess", "--resume", str(out)], input="4\nq\n")
    assert result.exit_code == 0, result.output
    assert "Yn parhau gyda" in result.output and "Cwestiwn 1.2 · " in result.output
    assert f"coprod assess --resume {out}" in result.output  # the command itself stays the same
    assert load_response(out).language == "cy"


def test_a_session_has_one_language() -> None:
    """--lang en+cy is for reports; assess says so and exits 2."""
    result = runner.invoke(app, ["assess", "starter", "--lang", "en+cy"])
    assert result.exit_code == 2
    assert "one language" in result.output


def test_welsh_score_table() -> None:
    """`coprod score --lang cy` heads the table in Welsh and names levels in Welsh."""
    path = ROOT / "examples" / "starter-response.yaml"
    result = runner.invoke(app, ["score", str(path), "--lang", "cy"])
    assert result.exit_code == 0, result.output
    for welsh in ("Egwyddor", "Sgôr", "Cwmpas", "Cyffredinol", "Argymhellion", "blaenoriaeth"):
        assert welsh in result.stdout, welsh


# ---- the report --------------------------------------------------------------


def test_report_reuses_the_response_language(welsh_response: Path, tmp_path: Path) -> None:
    """`coprod report` with no --lang writes a Welsh report for a Welsh response."""
    out = tmp_path / "adroddiad.html"
    result = runner.invoke(app, ["report", str(welsh_response), "-f", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert '<html lang="cy">' in page
    assert "Crynodeb" in page and "Argymhellion" in page
    assert "Summary" not in page


def test_welsh_report_marks_the_draft_and_english_texts(tmp_path: Path) -> None:
    """A Welsh report says its Welsh is a draft; English-only texts carry lang="en"."""
    out = tmp_path / "r.html"
    write_report(ROOT / "examples" / "starter-response.yaml", fmt="html", out=out, lang="cy")
    page = out.read_text(encoding="utf-8")
    assert "Cyfieithiad drafft yw&#39;r Gymraeg" in page
    sources = page.split('id="sources"')[1]
    assert '<cite><span lang="en">Why Systems Fail</span></cite>' in sources
    # our own notes on each source are in Welsh, so not marked English
    assert '<span class="source-note">Mae Timebanking Wales yn ei ddyfynnu' in sources
    out_en = tmp_path / "e.html"
    write_report(ROOT / "examples" / "starter-response.yaml", fmt="html", out=out_en, lang="en")
    assert 'class="draft-note"' not in out_en.read_text(encoding="utf-8")


def test_text_without_welsh_is_marked_english(small: Path, tmp_path: Path) -> None:
    """A question with no Welsh shows its English inside lang="en"; Welsh texts are unmarked."""
    response = tmp_path / "resp.yaml"
    response.write_text(response_text(small), encoding="utf-8")
    out = tmp_path / "r.html"
    write_report(response, fmt="html", out=out, lang="cy")
    page = out.read_text(encoding="utf-8")
    assert '<span lang="en">Do you ask what people can offer?</span>' in page
    assert '<span lang="en">Sharing power</span>' in page
    assert "Mae pobl yn asedau" in page
    assert '<span lang="en">Mae pobl yn asedau' not in page


def test_welsh_report_passes_axe(tmp_path: Path) -> None:
    """axe-core finds no WCAG 2.2 A/AA violations in a Welsh report, nor sideways scroll."""
    out = tmp_path / "r.html"
    write_report(ROOT / "examples" / "coproduction-response.yaml", fmt="html", out=out, lang="cy")
    result = run_axe(out)
    assert result["violations"] == []
    assert result["reflow"]["scrollWidth"] <= 320  # type: ignore[index]


def test_welsh_pdf_renders_w_and_y_circumflex(welsh_response: Path, tmp_path: Path) -> None:
    """The Welsh PDF's text has ŵ and ŷ as characters (fonts have them) and /Lang cy."""
    out = tmp_path / "r.pdf"
    write_report(welsh_response, fmt="pdf", out=out)
    data = out.read_bytes()
    text = pdf_text(data)
    assert "grŵp" in text  # from the questionnaire's Welsh
    assert "Cyngor Tŷ Croeso" in text
    assert "Tudalen 1 o" in text  # page footer
    assert str(pdf_reader(data).trailer["/Root"]["/Lang"]) == "cy"  # type: ignore[attr-defined]


# ---- the bilingual report ------------------------------------------------------


def test_bilingual_html_is_welsh_first_with_lang_on_the_english(tmp_path: Path) -> None:
    """--lang en+cy: one page in Welsh then English, lang="en" on the English, unique ids."""
    out = tmp_path / "r.html"
    written = write_report(
        ROOT / "examples" / "starter-response.yaml", fmt="html", out=out, lang="en+cy"
    )
    assert written.paths == [out]
    page = out.read_text(encoding="utf-8")
    assert '<html lang="cy">' in page
    welsh = page.index('<div class="language-part" id="cy-part">')
    english = page.index('<div class="language-part" id="en-part" lang="en">')
    assert welsh < english
    assert "Crynodeb" in page[welsh:english] and "Summary" not in page[welsh:english]
    assert "Summary" in page[english:] and "Crynodeb" not in page[english:]
    # the English half names the Welsh as a draft; its own texts need no marking
    assert "The Welsh in this report is a draft translation" in page[english:]
    assert '<span lang="en">' not in page[english:]
    # every English passage outside the English half says so
    assert '<p lang="en">This report is in Welsh and English.' in page
    ids = Counter(re.findall(r' id="([^"]+)"', page))
    assert [i for i, n in ids.items() if n > 1] == []
    for target in re.findall(r'href="#([^"]+)"', page):
        assert target in ids, target
    title = html.unescape(re.search(r"<title>(.*)</title>", page).group(1))  # type: ignore[union-attr]
    assert title.startswith("Adroddiad hunanasesu cydgynhyrchu") and " / Co-production" in title


def test_bilingual_html_passes_axe(tmp_path: Path) -> None:
    """axe-core finds no violations in the bilingual page."""
    out = tmp_path / "r.html"
    path = ROOT / "examples" / "coproduction-response.yaml"
    write_report(path, fmt="html", out=out, lang="en+cy")
    result = run_axe(out)
    assert result["violations"] == []
    assert result["reflow"]["scrollWidth"] <= 320  # type: ignore[index]


def test_bilingual_pdf_is_one_file_per_language(tmp_path: Path) -> None:
    """The PDF cannot tag a passage's language, so en+cy writes a Welsh and an English PDF."""
    result = runner.invoke(
        app,
        [
            "report",
            str(ROOT / "examples" / "starter-response.yaml"),
            "--lang",
            "en+cy",
            "--out",
            str(tmp_path / "r"),
        ],
    )
    assert result.exit_code == 0, result.output
    printed = result.stdout.split()
    assert printed == [str(tmp_path / n) for n in ("r.html", "r-cy.pdf", "r-en.pdf")]
    assert "one file per language: r-cy.pdf, r-en.pdf" in " ".join(result.output.split())
    for code, word in (("cy", "Crynodeb"), ("en", "Summary")):
        data = (tmp_path / f"r-{code}.pdf").read_bytes()
        assert str(pdf_reader(data).trailer["/Root"]["/Lang"]) == code  # type: ignore[attr-defined]
        assert word in pdf_text(data)


def test_bilingual_report_of_an_english_only_questionnaire(tmp_path: Path) -> None:
    """en+cy for a questionnaire with no Welsh gives one English report and says why."""
    english = SMALL.replace("languages: [en, cy]\n", "").replace(
        "{en: People are assets, cy: Mae pobl yn asedau}", "People are assets"
    )
    q = tmp_path / "q.yaml"
    q.write_text(english, encoding="utf-8")
    assert load_questionnaire(q).questionnaire.languages == ["en"]
    response = tmp_path / "resp.yaml"
    response.write_text(response_text(q), encoding="utf-8")
    out = tmp_path / "r.html"
    written = write_report(response, fmt="html", out=out, lang="en+cy")
    assert "has no 'cy' wording" in written.warnings[0]
    page = out.read_text(encoding="utf-8")
    assert '<html lang="en">' in page and 'class="language-part"' not in page


def test_yes_no_answers_echo_the_question_in_session_and_outputs(tmp_path: Path) -> None:
    """A Welsh 'Oes…?' question is answered Oes / Nac oes on screen, in the report and on paper."""
    from coprod.assess.typed import options, parse_input
    from coprod.forms.paper import paper_html

    q = load_questionnaire("starter").questionnaire
    question = q.question("has_membership")
    assert question is not None
    assert options(q, question, "cy") == [("1", "Oes"), ("2", "Nac oes")]
    assert options(q, question, "en") == [("1", "Yes"), ("2", "No")]
    assert parse_input(q, question, "Nac oes", False, "cy").value == "no"
    wrong = parse_input(q, question, "efallai", False, "cy")
    assert wrong.message == "'efallai': nid yw'n ateb ie neu na. Defnyddiwch Oes, Nac oes."
    screen, _ = assess_starter(tmp_path, WELSH_ANSWERS, "--lang", "cy")
    assert "1 Oes" in screen and "2 Nac oes" in screen
    form = paper_html(q, "cy")
    assert "Nac oes" in form and "“Oes”" in form  # the box, and 'Atebwch hwn dim ond os … “Oes”'
    out = tmp_path / "adroddiad.html"
    write_report(tmp_path / "atebion.yaml", fmt="html", out=out, lang="cy")
    appendix = out.read_text(encoding="utf-8").split('id="appendix"')[1]
    assert ">Oes<" in appendix and ">Ie<" not in appendix


@pytest.mark.parametrize(
    ("response_lang", "page", "marked"),
    [("en", "cy", "en"), ("cy", "en", "cy"), ("cy", "cy", "")],
)
def test_typed_text_is_marked_with_the_language_it_was_typed_in(
    tmp_path: Path, response_lang: str, page: str, marked: str
) -> None:
    """Notes and names keep the answers file's language: lang="en" on a Welsh page, and back."""
    source = (ROOT / "examples" / "starter-response.yaml").read_text(encoding="utf-8")
    answers = tmp_path / "answers.yaml"
    answers.write_text(source.replace("language: en", f"language: {response_lang}"), "utf-8")
    out = tmp_path / "r.html"
    write_report(answers, fmt="html", out=out, lang=page)
    html_text = out.read_text(encoding="utf-8")
    note = "Three carers&#39; groups meet monthly"
    service = "Carers&#39; Support Service"
    if marked:
        assert f'<span lang="{marked}">{note}' in html_text
        assert f'<dd lang="{marked}">{service}</dd>' in html_text
    else:
        assert "<span lang=" not in html_text.split(note)[0][-40:]
        assert f"<dd>{service}</dd>" in html_text


def test_report_says_welsh_not_reviewed_only_while_some_text_is_a_draft(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every Welsh text marked 'reviewed: cy' (and coprod's labels reviewed): no draft note."""
    from translate.storage import pypo

    import coprod.report.labels as report_labels

    q = tmp_path / "starter.yaml"
    q.write_text((ROOT / "tests/fixtures/translate/starter.yaml").read_text("utf-8"), "utf-8")
    po = tmp_path / "starter-cy.po"
    assert (
        runner.invoke(app, ["translate", "export", str(q), "--to", "cy", "-o", str(po)]).exit_code
        == 0
    )
    store = pypo.pofile.parsefile(str(po))
    for unit in store.units:
        unit.markfuzzy(False)  # a reviewer went through every text
    store.savefile(str(po))
    assert runner.invoke(app, ["translate", "import", str(po)]).exit_code == 0
    reviewed = {"translation_status": "reviewed by a Welsh speaker, May 2027"}
    real_labels, real_read = report_labels.labels, report_labels.read_labels
    monkeypatch.setattr(
        report_labels, "labels", lambda *a, **k: {**real_labels(*a, **k), **reviewed}
    )
    monkeypatch.setattr(report_labels, "read_labels", lambda *a: {**real_read(*a), **reviewed})
    answers = tmp_path / "answers.yaml"
    source = (ROOT / "examples" / "starter-1.0-response.yaml").read_text(encoding="utf-8")
    answers.write_text(
        source.replace(
            '{id: starter, version: "1.0"}', f'{{id: starter, version: "1.0", path: "{q}"}}'
        ),
        "utf-8",
    )
    out = tmp_path / "r.html"
    write_report(answers, fmt="html", out=out, lang="cy")
    assert 'class="draft-note"' not in out.read_text(encoding="utf-8")
    text = q.read_text("utf-8")
    q.write_text(text.replace("reviewed: cy", "", 1), "utf-8")  # one text back to draft
    write_report(answers, fmt="html", out=out, lang="cy")
    assert "Cyfieithiad drafft yw&#39;r Gymraeg" in out.read_text(encoding="utf-8")
