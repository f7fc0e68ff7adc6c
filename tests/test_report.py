"""`coprod report`: what the HTML and PDF say, that hostile text stays text, and clear errors."""

from __future__ import annotations

import html
import http.server
import json
import re
import threading
from collections.abc import Callable, Iterator
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from coprod.api import score_file
from coprod.cli import app
from coprod.files.resources import templates_dir
from coprod.report.files import write_report
from coprod.report.render import allowed_url, render_pdf
from coprod.report.single import build_report
from coprod.responses.checkline import add_check
from tests.axecheck import assert_accessible
from tests.conftest import SMALL

ROOT = Path(__file__).parent.parent
EXAMPLES = ["starter", "coproduction", "feedback", "audit", "ladder"]
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d4944415478da63f8cfc0f01f0005000201a5e1d4f00000000049454e44ae426082"
)
runner = CliRunner()
Write = Callable[[str, str], Path]


def response_text(questionnaire: Path, note: str = "We ask at reviews; Dŵr and ŷd.") -> str:
    """A response to the small questionnaire, with a note, with a check line as coprod writes."""
    return add_check(f"""\
format: 1
questionnaire: {{id: small, version: "1.0", path: {json.dumps(str(questionnaire))}}}
respondent: {{organisation: Anytown Council, service: Housing, role: Manager,
  perspective: staff, name: Secret Person}}
language: en
completed: "2026-11-02T10:00:00+00:00"
answers:
  a1: {{value: 2, note: {json.dumps(note)}}}
  a2: {{status: dont_know}}
  p1: {{value: "no"}}
  p3: {{value: More time.}}
""")


@pytest.fixture
def small_response(small: Path, write: Write) -> Path:
    """A response file answering the small questionnaire."""
    return write("resp.yaml", response_text(small))


def pdf_reader(data: bytes) -> object:
    """A pypdf reader over PDF bytes."""
    pypdf = pytest.importorskip("pypdf")
    return pypdf.PdfReader(BytesIO(data))


def pdf_text(data: bytes) -> str:
    """All text of a PDF, whitespace collapsed."""
    reader = pdf_reader(data)
    text = " ".join(page.extract_text() for page in reader.pages)  # type: ignore[attr-defined]
    return " ".join(text.split())


# ---- HTML ------------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLES)
def test_html_has_every_section_and_one_h1(example: str, tmp_path: Path) -> None:
    """The report has its language, one h1, landmarks, and every section in order."""
    out = tmp_path / "r.html"
    write_report(ROOT / "examples" / f"{example}-response.yaml", fmt="html", out=out)
    page = out.read_text(encoding="utf-8")
    assert '<html lang="en">' in page
    assert len(re.findall(r"<h1[ >]", page)) == 1
    for landmark in ("<header", "<nav", '<main id="main"', "<footer"):
        assert landmark in page
    ids = ["summary", "recommendations", "method", "sources", "appendix"]
    positions = [page.index(f'id="{i}"') for i in ids]
    assert positions == sorted(positions)
    assert page.count('class="principle"') >= 2
    # Agreement statements (feedback) have no next level of practice to point at.
    assert ("What getting better looks like" in page) == (example != "feedback")


@pytest.mark.parametrize("example", EXAMPLES)
def test_html_figures_match_score_json(example: str, tmp_path: Path) -> None:
    """Overall and principle scores and recommendations match `coprod score --json`."""
    path = ROOT / "examples" / f"{example}-response.yaml"
    data = json.loads(runner.invoke(app, ["score", str(path), "--json"]).stdout)
    out = tmp_path / "r.html"
    write_report(path, fmt="html", out=out)
    # Each cell names its column for phones (data-label); the figures are what is compared.
    page = re.sub(r' data-label="[^"]*"', "", html.unescape(out.read_text(encoding="utf-8")))

    def shown(figures: dict[str, Any]) -> str:
        # A questionnaire showing marks ("6 of 15") or levels ("4 – Asking") says how.
        return str(figures["shown"]) if "shown" in figures else f"{figures['score']:.1f}"

    if data["overall"]["score"] is not None:
        assert f"<strong>{shown(data['overall'])}</strong>" in page
    assert data["overall"]["band"] is None or data["overall"]["band"] in page
    for p in data["principles"]:
        if not p["scored"]:
            continue
        row = f'<tr><th scope="row">{p["title"]}</th><td>{shown(p)}</td>'
        assert row in page, p["id"]
    for rec in data["recommendations"]:
        assert rec["title"] in page
        for action in rec["actions"]:
            assert action in page


def test_html_shows_answers_notes_levels_and_method(small_response: Path, tmp_path: Path) -> None:
    """Answers in words, the note, the level reached and the next, weights, exclusions and bands."""
    out = tmp_path / "r.html"
    write_report(small_response, fmt="html", out=out)
    page = html.unescape(out.read_text(encoding="utf-8"))
    assert "2 – Starting" in page
    assert "We ask at reviews; Dŵr and ŷd." in page
    assert "Where you are: 2 – Starting" in page
    assert "What getting better looks like: 3 – Developing" in page
    assert "Do you value lived experience? – Don't know" in page
    assert "at least 50%" in page
    assert "carry these weights" in page  # a2 has weight 2
    assert "Open a board seat" in page
    assert "Anytown Council" in page
    assert "Secret Person" not in page  # names are never published


def test_report_in_welsh_uses_welsh_text_and_lang(small_response: Path, tmp_path: Path) -> None:
    """--lang cy sets the page language and uses the questionnaire's Welsh wording."""
    out = tmp_path / "r.html"
    written = write_report(small_response, fmt="html", out=out, lang="cy")
    page = out.read_text(encoding="utf-8")
    assert '<html lang="cy">' in page
    assert "Mae pobl yn asedau" in page
    assert written.warnings == []


def test_unknown_language_falls_back_with_a_warning(small_response: Path, tmp_path: Path) -> None:
    """A language the questionnaire lacks gives a warning and a report in its first language."""
    written = write_report(small_response, fmt="html", out=tmp_path / "r.html", lang="fr")
    assert "has no 'fr' wording" in written.warnings[0]
    assert '<html lang="en">' in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_title_and_logo_options(small_response: Path, tmp_path: Path, write: Write) -> None:
    """--title sets the h1 and <title>; --logo is embedded in the file, not linked."""
    logo = tmp_path / "logo.png"
    logo.write_bytes(PNG)
    out = tmp_path / "r.html"
    write_report(small_response, fmt="html", out=out, title="Housing & us", logo=logo)
    page = out.read_text(encoding="utf-8")
    assert "<title>Housing &amp; us</title>" in page
    assert 'src="data:image/png;base64,' in page
    assert 'alt="Anytown Council logo"' in page


# ---- hostile text --------------------------------------------------------------


class Hits(http.server.BaseHTTPRequestHandler):
    """Counts requests, so a test can prove nothing was fetched."""

    count = 0

    def do_GET(self) -> None:
        """Record the hit and answer with a tiny stylesheet."""
        Hits.count += 1
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"body{background:red}")

    def log_message(self, *args: object) -> None:
        """Stay quiet."""


@pytest.fixture
def server() -> Iterator[str]:
    """A local web server; yields its address."""
    Hits.count = 0
    httpd = http.server.HTTPServer(("127.0.0.1", 0), Hits)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def hostile_files(write: Write, url: str) -> Path:
    """A questionnaire and response full of markup, local file and remote URLs, and CSS."""
    evil = {
        "Small test questionnaire": "<script>alert('q')</script> Evil",
        "Do you ask what people can offer?": f"<img src='{url}/q.png'> offer",
        "Sharing power": "</style><style>@import url(file:///etc/passwd);</style>",
        "Open a board seat": f"<link rel=stylesheet href='{url}/x.css'>Open a seat",
    }
    text = SMALL
    for old, new in evil.items():
        text = text.replace(old, new)
    questionnaire = write("evil.yaml", text)
    note = f'<iframe src="file:///etc/passwd"></iframe> <a href="javascript:alert(1)">x</a> {url}/n'
    return write("evil-resp.yaml", response_text(questionnaire, note))


def test_hostile_text_is_harmless_in_html(write: Write, server: str, tmp_path: Path) -> None:
    """<script>, <img>, <iframe>, <link>, javascript: and CSS from the files render as text."""
    out = tmp_path / "r.html"
    write_report(hostile_files(write, server), fmt="html", out=out)
    page = out.read_text(encoding="utf-8")
    for tag in ("<script", "<img", "<iframe", "<link", '<a href="javascript'):
        assert tag not in page
    assert page.count("<style>") == 1
    assert "&lt;script&gt;alert(&#39;q&#39;)&lt;/script&gt; Evil" in page
    assert "&lt;iframe src=&#34;file:///etc/passwd&#34;&gt;" in page


def test_hostile_text_is_harmless_in_pdf(write: Write, server: str, tmp_path: Path) -> None:
    """The PDF shows the hostile text as text, holds no local file content, fetches nothing."""
    out = tmp_path / "r.pdf"
    write_report(hostile_files(write, server), fmt="pdf", out=out)
    text = pdf_text(out.read_bytes())
    assert "<script>alert('q')</script> Evil" in text
    assert "root:" not in text
    assert Hits.count == 0


def test_pdf_fetcher_refuses_files_and_network(server: str, tmp_path: Path) -> None:
    """Even HTML that asks for local files or web addresses gets nothing into the PDF."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    page = (
        f'<html lang="en"><head><title>T</title>'
        f'<link rel="stylesheet" href="{server}/a.css">'
        f"<style>@import url({secret.as_uri()}); body {{ background: url({server}/b.png) }}</style>"
        f'</head><body><p>Visible</p><img src="{secret.as_uri()}" alt="x">'
        f'<object data="{secret.as_uri()}"></object>'
        f'<img src="{server}/c.png" alt="y"></body></html>'
    )
    data = render_pdf(page)
    assert "Visible" in pdf_text(data)
    assert b"TOP-SECRET" not in data
    assert Hits.count == 0


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("file:///etc/passwd", False),
        ("http://example.org/x.png", False),
        ("https://example.org/x.css", False),
        ("ftp://example.org/x", False),
        ("data:image/png;base64,AAAA", True),
        ((templates_dir() / "report.css").as_uri(), True),
        ((templates_dir() / ".." / ".." / "etc" / "passwd").as_uri(), False),
    ],
)
def test_allowed_url(url: str, allowed: bool) -> None:
    """Only data: URIs and coprod's own asset files pass the PDF's URL check."""
    assert allowed_url(url, [templates_dir()], []) is allowed


# ---- PDF -------------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLES)
def test_pdf_is_tagged_with_title_and_language(example: str, tmp_path: Path) -> None:
    """The PDF has a structure tree, /Lang, a /Title, and text with scores and recommendations."""
    path = ROOT / "examples" / f"{example}-response.yaml"
    out = tmp_path / "r.pdf"
    write_report(path, fmt="pdf", out=out)
    data = out.read_bytes()
    reader = pdf_reader(data)
    root = reader.trailer["/Root"]  # type: ignore[attr-defined]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en"
    report = build_report(score_file(path))
    assert reader.metadata.title == report.title  # type: ignore[attr-defined]
    text = pdf_text(data)
    assert report.summary.score in text
    for rec in report.recommendations:
        assert " ".join(rec.title.split()) in text
    assert re.search(r"Page 2 of \d+", text)


def test_pdf_keeps_welsh_letters(small_response: Path, tmp_path: Path) -> None:
    """ŵ and ŷ come out in the PDF's text (the fonts cover Welsh)."""
    out = tmp_path / "r.pdf"
    write_report(small_response, fmt="pdf", out=out)
    assert "Dŵr and ŷd" in pdf_text(out.read_bytes())


# ---- the command and its errors --------------------------------------------


def test_command_writes_both_files_and_prints_their_paths(
    small_response: Path, tmp_path: Path
) -> None:
    """`coprod report R --out DIR` writes R-report.html and R-report.pdf there and names them."""
    result = runner.invoke(app, ["report", str(small_response), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "resp-report.html").is_file()
    assert (tmp_path / "resp-report.pdf").read_bytes().startswith(b"%PDF")
    assert str(tmp_path / "resp-report.pdf") in result.stdout


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["missing.yaml"], 3, "no such response file"),
        (["{r}", "--format", "docx"], 2, "not one of html, pdf, both"),
        (["{r}", "--out", "/no/such/folder/r.html"], 5, "does not exist"),
        (["{r}", "--logo", "/no/such/logo.png"], 3, "no such logo file"),
        (["{r}", "--logo", "{r}"], 3, "not a PNG, JPEG or GIF"),
        (["{r}", "--template-dir", "/no/such/dir"], 6, "no such template folder"),
    ],
)
def test_errors_are_one_clear_line(
    small_response: Path, tmp_path: Path, args: list[str], code: int, message: str
) -> None:
    """Each error says what is wrong, exits with its documented code, and writes nothing."""
    argv = [a.replace("{r}", str(small_response)) for a in args]
    if "--out" not in argv:
        argv += ["--out", str(tmp_path / "out.html")]
    result = runner.invoke(app, ["report", *argv])
    assert result.exit_code == code
    assert message in " ".join(result.output.split())
    assert not list(tmp_path.glob("out*"))


@pytest.mark.parametrize(
    ("template", "message"),
    [
        (
            "{% extends 'base.html.j2' %}\n{% block content %}\n{{ report.nope }}\n{% endblock %}",
            ":3: ",
        ),
        ("<p>\n{% if %}</p>", "report.html.j2:2: "),
        ("{{ report.__class__.__mro__ }}", "report.html.j2:1: "),
        ("{% include 'missing.j2' %}", "template 'missing.j2' not found"),
    ],
)
def test_broken_custom_template_names_file_and_line(
    small_response: Path, tmp_path: Path, write: Write, template: str, message: str
) -> None:
    """Typo, syntax error, sandbox escape, missing include: file:line, exit 6, no files."""
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "report.html.j2").write_text(template, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["report", str(small_response), "--template-dir", str(folder), "--out", str(out)]
    )
    assert result.exit_code == 6, result.output
    assert message in result.output
    assert not list(tmp_path.glob("out*"))


def test_custom_template_overrides_one_partial(small_response: Path, tmp_path: Path) -> None:
    """A --template-dir with one partial replaces just that part; the rest is coprod's."""
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "_cover.html.j2").write_text(
        "<h1>{{ report.cover.organisation }} – our own cover</h1>", encoding="utf-8"
    )
    out = tmp_path / "r.html"
    write_report(small_response, fmt="html", out=out, template_dir=folder)
    page = out.read_text(encoding="utf-8")
    assert "<h1>Anytown Council – our own cover</h1>" in page
    assert 'id="method"' in page


def test_unwritable_pdf_removes_the_new_html(small_response: Path, tmp_path: Path) -> None:
    """With --format both, a PDF that cannot be written takes its new HTML away too."""
    out = tmp_path / "r"
    (tmp_path / "r.pdf").mkdir()  # a folder where the PDF should go
    result = runner.invoke(app, ["report", str(small_response), "--out", str(out)])
    assert result.exit_code == 5
    assert not (tmp_path / "r.html").exists()


# ---- accessibility ------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLES)
def test_axe_finds_no_wcag_violations(example: str, tmp_path: Path) -> None:
    """axe-core in headless Chromium: no WCAG 2.2 A/AA violations, no sideways scroll at 320px."""
    out = tmp_path / "r.html"
    write_report(ROOT / "examples" / f"{example}-response.yaml", fmt="html", out=out)
    assert_accessible(out)


def test_report_never_overwrites_the_answers(tmp_path: Path) -> None:
    """--out naming the response itself (or any .yaml) is refused, and the answers survive."""
    from typer.testing import CliRunner

    from coprod.cli import app

    keep = tmp_path / "keep.yaml"
    keep.write_bytes((ROOT / "examples" / "starter-response.yaml").read_bytes())
    before = keep.read_bytes()
    result = CliRunner().invoke(app, ["report", str(keep), "-f", "html", "-o", str(keep)])
    assert result.exit_code == 5
    assert "would overwrite answers" in result.output
    assert keep.read_bytes() == before


def test_unscored_parts_are_reported_but_never_charted_or_ranked(
    parts_response: Path, tmp_path: Path
) -> None:
    """Unscored parts show their answers, and are in no chart, table of scores or highlight."""
    out = tmp_path / "r.html"
    write_report(parts_response, fmt="html", out=out)
    page = out.read_text(encoding="utf-8")
    summary = page[page.index('id="summary"') : page.index('id="p-event"')]
    assert "About you" not in summary and "Final thoughts" not in summary
    assert ">Not enough answers<" not in page
    about = page[page.index('id="p-about"') : page.index('id="p-final"')]
    assert "This part is asked for information and is not scored." in about
    assert "Under 25" in about
    assert "These parts are asked for information and never scored" in page


def test_report_without_bands_or_overall(parts_response: Path, tmp_path: Path) -> None:
    """No overall score and no 'Level' anywhere when the questionnaire has neither."""
    out = tmp_path / "r.html"
    write_report(parts_response, fmt="html", out=out)
    page = out.read_text(encoding="utf-8")
    assert ">Overall score<" not in page and ">Level<" not in page
    assert "This questionnaire has no overall score" in page


def test_reverse_question_gets_better_downwards(write: Write, tmp_path: Path) -> None:
    """For a reverse-scored question, 'what getting better looks like' is the level below."""
    text = SMALL.replace(
        '{id: a1, type: scale, scale: five, text: "Do you ask what people can offer?"}',
        '{id: a1, type: scale, scale: five, reverse: true, text: "Do we decide for people?"}',
    )
    q = write("small.yaml", text)
    resp = write(
        "r.yaml",
        f'format: 1\nquestionnaire: {{id: small, version: "1.0", path: {json.dumps(str(q))}}}\n'
        "answers:\n  a1: {value: 2}\n",
    )
    out = tmp_path / "r.html"
    write_report(resp, fmt="html", out=out)
    page = html.unescape(out.read_text(encoding="utf-8"))
    assert "What getting better looks like: 1 – Not yet" in page
    assert "Score</dt><dd>75.0</dd>" in page


def test_question_descriptors_override_the_scale(write: Write, tmp_path: Path) -> None:
    """A question's own 'descriptors' are what the report says that level looks like."""
    text = SMALL.replace(
        '{id: a1, type: scale, scale: five, text: "Do you ask what people can offer?"}',
        '{id: a1, type: scale, scale: five, text: "Do you ask?", '
        "descriptors: {2: Asked at first meetings only., 3: Asked at every review.}}",
    )
    q = write("small.yaml", text)
    resp = write(
        "r.yaml",
        f'format: 1\nquestionnaire: {{id: small, version: "1.0", path: {json.dumps(str(q))}}}\n'
        "answers:\n  a1: {value: 2}\n",
    )
    out = tmp_path / "r.html"
    write_report(resp, fmt="html", out=out)
    page = html.unescape(out.read_text(encoding="utf-8"))
    assert "Asked at first meetings only." in page and "Asked at every review." in page
    assert "A first step." not in page.split('id="p-assets"')[1].split('id="p-power"')[0]


@pytest.mark.parametrize(
    ("lang", "title"),
    [("en", "Feedback report: Day opportunities review"), ("cy", "Adroddiad adborth: ")],
)
def test_an_instrument_names_its_own_report(tmp_path: Path, lang: str, title: str) -> None:
    """Feedback on an event is not called a co-production self-assessment report."""
    out = tmp_path / "r.html"
    example = ROOT / "examples" / "feedback-response.yaml"
    result = runner.invoke(app, ["report", str(example), "--lang", lang, "--out", str(out)])
    assert result.exit_code == 0, result.output
    page = html.unescape(out.read_text(encoding="utf-8"))
    assert f"<title>{title}" in page
    assert "self-assessment report" not in page and "Adroddiad hunanasesu" not in page
