"""\"You said, we did\": one or two pages for the people who took part, made from a plan.

What the room said (its lowest-scoring principles, the questions people saw
differently), what has been done, what is under way, what comes next and what
was dropped, in plain words. It names no one: owners and notes are never shown,
because they are people's names and free text. A section lists at most
``SHOWN`` items and says how many more the full plan holds.

HTML (one page, Welsh first when bilingual) or tagged PDF (one per language, as
for every bilingual report), through the report's one locked-down renderer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from coprod import __version__
from coprod.errors import CoprodError
from coprod.i18n.phrases import report_languages, say
from coprod.model import Questionnaire, pick
from coprod.plan.actions import (
    ACTION,
    DISCUSSION,
    DONE,
    DROPPED,
    NOT_STARTED,
    OVERALL,
    UNDER_WAY,
    Action,
    Plan,
)
from coprod.plan.build import text_in
from coprod.report.formats import PLAN_PAGE_FORMATS
from coprod.report.labels import draft_note, labels
from coprod.report.single import fmt_date
from coprod.report.views import FactsCover

if TYPE_CHECKING:
    from coprod.report.files import Written

TEMPLATE = "plan/yousaid.html.j2"
#: At most this many items per section, so the page stays one or two pages long.
SHOWN = 6
#: How many of the lowest-scoring principles "what you said" names.
PRIORITIES = 3


@dataclass(frozen=True)
class Item:
    """One line of a section: what, and (for what is still to come) by when."""

    text: str
    when: str = ""


@dataclass(frozen=True)
class Section:
    """A heading, its items (at most SHOWN), a line for the rest, and a note or empty text."""

    id: str
    heading: str
    items: list[Item]
    more: str = ""
    note: str = ""
    empty: str = ""


@dataclass(frozen=True)
class Headline:
    """What the base template reads from a report's summary."""

    score: str


@dataclass(frozen=True)
class Feedback:
    """The page in one language, already in words."""

    lang: str
    ids: str
    title: str
    subtitle: str
    intro: str
    said_heading: str
    priorities_intro: str
    priorities: list[tuple[str, str]]  # principle, its average in words
    differed_intro: str
    differed: list[str]
    sections: list[Section]
    again: str
    footnote: str
    draft_note: str
    generator: str
    cover: FactsCover
    summary: Headline
    t: dict[str, str]
    logo: str | None = None
    logo_alt: str = ""


def _month(day: date, t: dict[str, str]) -> str:
    return f"{t.get(f'month_{day.month}') or f'{day:%B}'} {day.year}"


def _items(
    actions: list[Action],
    t: dict[str, str],
    dated: bool,
    plan_lang: str,
    lang: str,
    q: Questionnaire,
) -> tuple[list[Item], str]:
    shown = actions[:SHOWN]
    items = [
        Item(
            text_in(a.text, plan_lang, lang, q),
            t["ysw_by"].format(date=_month(a.due, t)) if dated and a.due else "",
        )
        for a in shown
    ]
    rest = len(actions) - len(shown)
    return items, t["ysw_more"].format(count=rest) if rest else ""


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None


def _question_text(q: Questionnaire, qid: str, lang: str) -> str:
    question = q.question(qid)
    return say(q, question.text, lang) if question else ""


def _quoted(text: str) -> str:
    found = re.search(r"“([^”]+)”", text)
    return found[1] if found else ""


def build_feedback(plan: Plan, q: Questionnaire, lang: str, ids: str = "") -> Feedback:
    """The page's view-model in one language."""
    t = labels(lang, "plan")
    k = plan.link
    many = k.people > 1
    service = k.service or t["ysw_service"]
    made = _day(k.made)
    held = _day(k.held) or made
    when = _month(held, t) if held else k.round
    intro = t["ysw_intro_many" if many else "ysw_intro_one"].format(
        when=when, people=k.people, service=service
    )
    titles = {p.id: say(q, p.title, lang) for p in q.principles}
    scored = [b for b in plan.baseline if b.principle != OVERALL and b.mean is not None]
    lowest = sorted(scored, key=lambda b: b.mean or 0.0)[:PRIORITIES]
    priorities = [
        (titles.get(b.principle, b.principle), t["ysw_priority_item"].format(mean=f"{b.mean:.0f}"))
        for b in lowest
    ]
    discussion = [a for a in plan.actions if a.kind == DISCUSSION]
    differed = []
    for a in discussion:
        qid = plan.differed.get(a.ref, "")
        text = _question_text(q, qid, lang) if qid else _quoted(a.text)
        if text:
            differed.append(text)
    actions = [a for a in plan.actions if a.kind == ACTION]
    done = [a for a in actions if a.status == DONE]
    doing = [a for a in actions if a.status == UNDER_WAY]
    coming = sorted(
        (a for a in actions if a.status == NOT_STARTED),
        key=lambda a: (a.due is None, a.due or date.max),
    )
    dropped = [a for a in actions if a.status == DROPPED]
    sections = []
    items, more = _items(done, t, False, k.lang, lang, q)
    sections.append(Section(f"{ids}did", t["ysw_did"], items, more, empty=t["ysw_did_none"]))
    if doing:
        items, more = _items(doing, t, True, k.lang, lang, q)
        sections.append(Section(f"{ids}doing", t["ysw_doing"], items, more))
    items, more = _items(coming, t, True, k.lang, lang, q)
    sections.append(Section(f"{ids}next", t["ysw_next"], items, more, empty=t["ysw_next_none"]))
    if dropped:
        items, more = _items(dropped, t, False, k.lang, lang, q)
        sections.append(
            Section(f"{ids}dropped", t["ysw_dropped"], items, more, t["ysw_dropped_note"])
        )
    title = t["ysw_title"]
    subtitle = " · ".join(x for x in (k.service, k.organisation) if x)
    return Feedback(
        lang=lang,
        ids=ids,
        title=title,
        subtitle=subtitle,
        intro=intro,
        said_heading=t["ysw_said" if many else "ysw_said_one"],
        priorities_intro=t["ysw_priorities" if many else "ysw_priorities_one"],
        priorities=priorities,
        differed_intro=t["ysw_differed"] if differed else (t["ysw_no_differed"] if many else ""),
        differed=differed[:SHOWN],
        sections=sections,
        again=t["ysw_again"],
        footnote=t["ysw_footer"].format(made=fmt_date(k.made, t) if made else k.made),
        draft_note=draft_note(q, [lang], t, "plan"),
        generator=f"coprod {__version__}",
        cover=FactsCover(pick(q.title, lang), q.version, k.organisation, []),
        summary=Headline(title),
        t=t,
    )


def feedback_html(plan: Plan, q: Questionnaire, lang: str) -> str:
    """The page as HTML: one language, or several on one page (Welsh first)."""
    from dataclasses import replace

    from coprod.report.render import render_html

    codes = report_languages(lang) or ["en"]
    parts = [build_feedback(plan, q, code, f"{code}-" if len(codes) > 1 else "") for code in codes]
    page = replace(parts[0], title=" / ".join(p.title for p in parts))
    return render_html({"report": page, "t": page.t, "parts": parts}, name=TEMPLATE)


def write_feedback(
    plan_path: Path | str,
    out: Path | str | None = None,
    fmt: str = "html",
    lang: str | None = None,
    questionnaire: str | None = None,
) -> Written:
    """Write the "You said, we did" page of a plan (the entry point behind
    `coprod plan --you-said-we-did`): HTML, tagged PDF (one per language) or both.

    The plan's warnings (a deleted row, an unread column) come back with the paths.
    """
    from coprod.plan.read import usable_plan
    from coprod.report.files import Written, write_all
    from coprod.report.render import render_pdf

    if fmt not in PLAN_PAGE_FORMATS:
        raise CoprodError(f"--format {PLAN_PAGE_FORMATS.refusal(fmt)}", "For example --format pdf.")
    read = usable_plan(plan_path, questionnaire)
    plan, q = read.plan, read.loaded.questionnaire
    lang = lang or plan.link.lang
    source = Path(plan_path)
    base = Path(out) if out else Path(f"{source.stem}-you-said-we-did.html")
    if base.is_dir():
        base = base / f"{source.stem}-you-said-we-did.html"
    stem = base.with_suffix("") if base.suffix.lower() in (".html", ".htm", ".pdf") else base
    content: dict[Path, str | bytes] = {}
    if fmt in ("html", "both"):
        content[stem.with_name(stem.name + ".html")] = feedback_html(plan, q, lang)
    if fmt in ("pdf", "both"):
        codes = report_languages(lang) or ["en"]
        for code in codes:
            name = stem.name + (f"-{code}" if len(codes) > 1 else "") + ".pdf"
            content[stem.with_name(name)] = render_pdf(feedback_html(plan, q, code))
    return Written(write_all(content), [str(p) for p in read.problems])
