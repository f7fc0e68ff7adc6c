"""Write a report to files: the library entry point behind ``coprod report``.

Every format asked for is written, or none: a file that cannot be written takes
the new others with it, so no half-finished report is left behind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from coprod.errors import OutputError, PdfUnavailableError
from coprod.files.atomic import names_folder, output_path
from coprod.i18n.phrases import report_languages
from coprod.report.formats import ReportFormat
from coprod.report.labels import draft_note
from coprod.report.progress import ProgressBuilder
from coprod.report.single import BILINGUAL_TEMPLATE, build_report
from coprod.report.views import Report
from coprod.scoring.scored import Scored, score_file


@dataclass(frozen=True)
class Written:
    """The files a report was written to, and anything the user should know."""

    paths: list[Path]
    warnings: list[str]


def output_paths(response: Path, fmt: ReportFormat, out: str | Path | None) -> dict[str, Path]:
    """Where each format goes: ``--out`` as a file or folder ("reports/"), else here."""
    kinds = ["html", "pdf"] if fmt == "both" else [fmt]
    stem = f"{response.stem}-report"
    if out is None or names_folder(out):
        return {k: output_path(out, f"{stem}.{k}") for k in kinds}
    out = Path(out)
    if fmt == "both":
        base = out.with_suffix("") if out.suffix.lower() in (".html", ".htm", ".pdf") else out
        return {k: base.with_name(f"{base.name}.{k}") for k in kinds}
    return {fmt: out}


def write_report(
    response: str | Path,
    *,
    fmt: ReportFormat = "both",
    out: str | Path | None = None,
    lang: str | None = None,
    template_dir: str | Path | None = None,
    title: str | None = None,
    logo: str | Path | None = None,
    questionnaire: str | None = None,
    progress: ProgressBuilder | None = None,
    summary_only: bool = False,
    no_notes: bool = False,
) -> Written:
    """Score a response file and write its report: every format asked for, or nothing.

    ``summary_only``: the cover and the summary alone. ``no_notes``: for publication,
    every note and written answer left out, and the cover says so.

    ``lang`` None means the language stored in the response. Two languages
    (``en+cy``) make a bilingual report: one HTML page, Welsh first, and one PDF
    per language, because a PDF's tags cannot say which passage is in which
    language (WeasyPrint sets one language for the whole document). ``progress``
    adds the "Progress on the action plan" section (see :mod:`coprod.plan.progress`).
    """
    from coprod.report.render import render_html, render_pdf

    path = Path(response)
    scored = score_file(path, questionnaire)
    logo_path = Path(logo) if logo else None
    tdir = Path(template_dir) if template_dir else None
    targets = output_paths(path, fmt, out or None)
    for target in targets.values():
        if target.exists() and target.is_dir():
            raise OutputError(f"{target}: is a folder.", "Give a file name with --out.")
        if target.resolve() == path.resolve() or target.suffix.lower() in (".yaml", ".yml"):
            raise OutputError(
                f"{target}: a report would overwrite answers (a .yaml file).",
                "Give --out a .html or .pdf name, or a folder.",
            )
    reports = [
        replace(r, summary_only=summary_only) if summary_only else r
        for r in _reports(scored, lang, title, logo_path, no_notes)
    ]
    if progress is not None:
        reports = [replace(r, progress=progress(r.lang, r.ids)) for r in reports]
    warnings = list(dict.fromkeys(w for r in reports for w in r.warnings))
    content: dict[Path, str | bytes] = {}
    extra = [logo_path] if logo_path else []
    if len(reports) == 1:
        html = render_html({"report": reports[0], "t": reports[0].t}, tdir)
        if "html" in targets:
            content[targets["html"]] = html
        if "pdf" in targets:
            try:
                content[targets["pdf"]] = render_pdf(html, template_dir=tdir, allow=extra)
            except PdfUnavailableError:
                raise _html_instead(targets, content, html) from None
        return Written(write_all(content), warnings)
    # The page's <title> names the report in every language, first language first.
    page = replace(reports[0], title=" / ".join(r.title for r in reports))
    context = {"report": page, "t": page.t, "parts": reports}
    bilingual = render_html(context, tdir, BILINGUAL_TEMPLATE)
    if "html" in targets:
        content[targets["html"]] = bilingual
    if "pdf" in targets:
        pdf = targets["pdf"]
        for report in reports:
            alone = replace(
                report,
                ids="",
                progress=progress(report.lang, "") if progress is not None else None,
                draft_note=draft_note(scored.loaded.questionnaire, [report.lang], report.t),
            )
            html = render_html({"report": alone, "t": alone.t}, tdir)
            target = pdf.with_name(f"{pdf.stem}-{report.lang}{pdf.suffix}")
            try:
                content[target] = render_pdf(html, template_dir=tdir, allow=extra)
            except PdfUnavailableError:
                raise _html_instead(targets, content, bilingual) from None
        names = ", ".join(p.name for p in content if p.suffix == pdf.suffix)
        warnings.append(
            "a PDF's tags cannot mark which passages are in which language, so the "
            f"bilingual report's PDF is one file per language: {names}."
        )
    return Written(write_all(content), warnings)


def _html_instead(
    targets: dict[str, Path], content: dict[Path, str | bytes], html: str
) -> PdfUnavailableError:
    """Without the PDF libraries: write the HTML (where --out put it, or beside the PDF)."""
    instead = targets.get("html") or targets["pdf"].with_suffix(".html")
    content = {path: data for path, data in content.items() if path.suffix != ".pdf"}
    content[instead] = html
    write_all(content)
    return PdfUnavailableError(str(instead))


def write_pdf(
    target: Path,
    html: str,
    *,
    template_dir: Path | None = None,
    allow: Iterable[Path] = (),
    progress: Callable[[str, int, int], None] | None = None,
) -> Path:
    """Write ``html`` as a tagged PDF at ``target``.

    Without the PDF libraries, the HTML is written beside it (``target`` with .html)
    and PdfUnavailableError names that file: every command's PDF goes through here.
    ``progress`` hears how the renderer is getting on (see ``render_pdf``).
    """
    from coprod.files.atomic import atomic_write
    from coprod.report.render import render_pdf

    try:
        data = render_pdf(html, template_dir=template_dir, allow=allow, progress=progress)
    except PdfUnavailableError:
        instead = target.with_suffix(".html")
        atomic_write(instead, html)
        raise PdfUnavailableError(str(instead)) from None
    atomic_write(target, data)
    return target


def _reports(
    scored: Scored, lang: str | None, title: str | None, logo: Path | None, no_notes: bool
) -> list[Report]:
    """One report per language asked for (Welsh first); one when the questionnaire has only one."""
    codes = report_languages(lang) if lang else []
    if len(codes) <= 1:
        code = codes[0] if codes else None
        return [build_report(scored, lang=code, title=title, logo=logo, no_notes=no_notes)]
    reports: list[Report] = []
    for code in codes:
        report = build_report(
            scored, lang=code, title=title, logo=logo, ids=f"{code}-", no_notes=no_notes
        )
        if all(r.lang != report.lang for r in reports):
            reports.append(report)
    if len(reports) == 1:
        return [replace(reports[0], ids="")]
    langs = [r.lang for r in reports]
    q = scored.loaded.questionnaire
    return [replace(r, draft_note=draft_note(q, langs, r.t)) for r in reports]


def write_all(content: dict[Path, str | bytes]) -> list[Path]:
    """Write every file or none: one that cannot be written takes the new others with it."""
    from coprod.files.atomic import atomic_write

    created: list[Path] = []
    try:
        for target, data in content.items():
            existed = target.exists()
            atomic_write(target, data)
            if not existed:
                created.append(target)
    except OutputError:
        for done in created:
            done.unlink(missing_ok=True)
        raise
    return list(content)
