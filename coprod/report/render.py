"""Render a report context to HTML with Jinja2, and HTML to a tagged PDF with WeasyPrint.

One Jinja environment serves coprod's own templates: autoescape on, so every
text from a questionnaire or response is text, never markup; ``StrictUndefined``
so a template typo is an error, not a blank. Templates from a user's
``--template-dir`` run in Jinja's sandbox. WeasyPrint is imported only when a
PDF is asked for, and its URL fetcher serves nothing but coprod's own report
assets, the folder named with ``--template-dir`` and the ``--logo`` file (as
``data:`` URIs or ``file:`` paths inside those): no network, no other file.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from coprod.errors import PdfUnavailableError, TemplateError
from coprod.files.resources import templates_dir

REPORT_TEMPLATE = "report.html.j2"


_OPTIONS: dict[str, Any] = {
    "undefined": jinja2.StrictUndefined,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "keep_trailing_newline": True,
}


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The one environment for coprod's own templates."""
    loader = jinja2.FileSystemLoader(templates_dir())
    return jinja2.Environment(loader=loader, autoescape=True, **_OPTIONS)


def sandboxed_environment(template_dir: Path) -> SandboxedEnvironment:
    """A sandboxed environment for a user's templates; coprod's own fill any gaps."""
    if not template_dir.is_dir():
        raise TemplateError(
            f"{template_dir}: no such template folder.", "Check the --template-dir path."
        )
    loader = jinja2.FileSystemLoader([template_dir, templates_dir()])
    return SandboxedEnvironment(loader=loader, autoescape=True, **_OPTIONS)


def render_html(
    context: Mapping[str, Any], template_dir: Path | None = None, name: str = REPORT_TEMPLATE
) -> str:
    """Render a template to an HTML string; a broken template raises TemplateError (file:line)."""
    env = sandboxed_environment(template_dir) if template_dir else environment()
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        where = f"{exc.filename or exc.name or name}:{exc.lineno}"
        raise TemplateError(f"{where}: {exc.message}", "Fix the template and run again.") from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(
            f"template '{exc.name}' not found.",
            f"Put it in the --template-dir folder or copy it from {templates_dir()}.",
        ) from None
    except RecursionError:
        raise TemplateError(
            f"{name}: a template includes or extends itself, directly or through others.",
            "Fix the include/extends chain in your --template-dir.",
        ) from None
    except UnicodeDecodeError as exc:
        raise TemplateError(
            f"a template is not UTF-8 text ({exc.reason}).", "Save your templates as UTF-8."
        ) from None
    except jinja2.TemplateError as exc:  # undefined names, sandbox refusals, {% raise %}
        raise TemplateError(
            f"{_template_line(exc, env)}: {exc.message or type(exc).__name__}",
            "Fix the template and run again.",
        ) from None


def _template_line(exc: BaseException, env: jinja2.Environment) -> str:
    """file:line of the innermost template frame in a rendering error's traceback."""
    folders = getattr(env.loader, "searchpath", [])
    roots = [str(Path(f).resolve()) for f in folders]
    where = "template"
    for frame in traceback.extract_tb(exc.__traceback__):
        filename = str(Path(frame.filename).resolve()) if frame.filename else ""
        if any(filename.startswith(root) for root in roots):
            where = f"{frame.filename}:{frame.lineno}"
    return where


def allowed_url(url: str, roots: Iterable[Path], files: Iterable[Path]) -> bool:
    """True for data: URIs and file: URLs of files inside ``roots`` or named in ``files``."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "data":
        return True
    if scheme != "file" or parts.netloc not in ("", "localhost"):
        return False
    path = Path(unquote(parts.path)).resolve()
    if any(path == Path(f).resolve() for f in files):
        return True
    return any(path.is_relative_to(Path(r).resolve()) and path.is_file() for r in roots)


#: Told what the PDF renderer is doing: a stage's words, how many stages are done, of how many.
PdfProgress = Callable[[str, int, int], None]


def render_pdf(
    html: str,
    *,
    template_dir: Path | None = None,
    allow: Iterable[Path] = (),
    progress: PdfProgress | None = None,
) -> bytes:
    """Render HTML to a tagged PDF/UA-1 document; title and language come from the HTML.

    ``progress`` hears of each stage (laying out the pages, writing them), so a long
    report can show a bar while WeasyPrint works.
    """
    try:
        import weasyprint  # heavy: only when a PDF is asked for
        from weasyprint.urls import URLFetcher
    except (ImportError, OSError):
        # OSError: WeasyPrint is installed but Pango, its system library, is not
        raise PdfUnavailableError() from None

    roots = [templates_dir(), *([template_dir] if template_dir else [])]
    files = list(allow)

    class LockedFetcher(URLFetcher):  # type: ignore[misc]
        """WeasyPrint's fetcher, refusing everything but coprod's assets and the logo."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            if not allowed_url(url, roots, files):
                raise ValueError(f"coprod reports do not load {url!r}")
            return super().fetch(url, headers)

    source = weasyprint.HTML(
        string=html, base_url=templates_dir().as_uri() + "/", url_fetcher=LockedFetcher()
    )
    if progress:
        progress("Laying out the pages", 0, 2)
    document = source.render(pdf_variant="pdf/ua-1")
    if progress:
        progress(f"Writing {len(document.pages)} pages", 1, 2)
    pdf: bytes = document.write_pdf(pdf_variant="pdf/ua-1")
    if progress:
        progress(f"Wrote {len(document.pages)} pages", 2, 2)
    return pdf
