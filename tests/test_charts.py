"""The report's SVG charts: stable, accessible, drawable by WeasyPrint, and safe."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from coprod.report.charts.single import Point, bars, radar

SVG = "{http://www.w3.org/2000/svg}"
ALLOWED = {"svg", "title", "desc", "g", "rect", "path", "line", "text", "circle"}
SNAPSHOTS = Path(__file__).parent / "snapshots"
POINTS = [
    Point("People are assets", 33.3),
    Point("Reciprocity - a two-way street", 25.0),
    Point("Peer support and networks", 58.3),
    Point("Sharing power and roles", None),
    Point("Measuring what matters", 100.0),
]


def tags(svg: str) -> set[str]:
    """Every element name in an SVG string, without the namespace."""
    return {el.tag.removeprefix(SVG) for el in ET.fromstring(svg).iter()}


def texts(svg: str) -> list[str]:
    """The visible text of every <text> element."""
    return [el.text or "" for el in ET.fromstring(svg).iter(f"{SVG}text")]


@pytest.mark.parametrize(
    ("name", "draw"),
    [
        ("bars", lambda: bars("c1", POINTS, "Scores by principle")),
        ("radar", lambda: radar("c1", POINTS, "Scores by principle")),
    ],
)
def test_chart_matches_snapshot(name: str, draw: object) -> None:
    """A chart is byte-for-byte what it was (set UPDATE_SNAPSHOTS=1 to accept a change)."""
    svg = draw()  # type: ignore[operator]
    snapshot = SNAPSHOTS / f"{name}.svg"
    if os.environ.get("UPDATE_SNAPSHOTS") or not snapshot.exists():
        snapshot.write_text(svg, encoding="utf-8")
    assert svg == snapshot.read_text(encoding="utf-8")
    assert svg == draw()  # type: ignore[operator]


@pytest.mark.parametrize("draw", [bars, radar])
def test_chart_uses_only_shapes_weasyprint_draws(draw: object) -> None:
    """Charts use only rect/path/line/text/circle/g (no filters, markers, foreignObject)."""
    svg = draw("c", POINTS, "Title")  # type: ignore[operator]
    assert tags(svg) <= ALLOWED


@pytest.mark.parametrize("draw", [bars, radar])
def test_chart_is_an_image_with_title_and_figures_in_desc(draw: object) -> None:
    """role=img, a <title> naming it and a <desc> with every figure, linked by aria-labelledby."""
    svg = draw("sum", POINTS, "Scores by principle")  # type: ignore[operator]
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "sum-title sum-desc"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and title.text == "Scores by principle"
    assert desc is not None and desc.text is not None
    assert "People are assets: 33.3" in desc.text
    assert "Sharing power and roles: not enough answers" in desc.text


@pytest.mark.parametrize("draw", [bars, radar])
def test_every_value_is_written_as_text(draw: object) -> None:
    """No meaning rests on colour: each value, and 'not enough answers', is printed on the chart."""
    shown = " ".join(texts(draw("c", POINTS, "T")))  # type: ignore[operator]
    for value in ("33.3", "25.0", "58.3", "100.0", "not enough answers"):
        assert value in shown


def test_bars_leave_out_a_bar_without_a_score() -> None:
    """A missing score draws no bar (never a zero-length bar that looks like a score of 0)."""
    svg = bars("c", [Point("A", 50.0), Point("B", None)], "T")
    assert len(ET.fromstring(svg).findall(f".//{SVG}rect")) == 1


def test_bar_length_is_proportional_and_clamped() -> None:
    """A bar of 100 is twice a bar of 50, and values outside 0-100 stay on the axis."""
    svg = bars("c", [Point("A", 50.0), Point("B", 100.0), Point("C", 140.0)], "T")
    widths = [float(r.get("width", 0)) for r in ET.fromstring(svg).iter(f"{SVG}rect")]
    assert widths[1] == pytest.approx(2 * widths[0])
    assert widths[2] == widths[1]


@pytest.mark.parametrize("draw", [bars, radar])
def test_hostile_labels_are_text(draw: object) -> None:
    """Markup in a label stays text: still well-formed XML, with no extra elements."""
    hostile = [
        Point('<script>alert("x")</script>', 10.0),
        Point("</text><image href='file:///etc/passwd'/>", 20.0),
        Point("a & b", 30.0),
    ]
    svg = draw("c", hostile, "<b>T</b>")  # type: ignore[operator]
    assert tags(svg) <= ALLOWED
    assert "<script" not in svg and "<image" not in svg
    shown = " ".join(texts(svg))
    assert "<script>" in shown and "a & b" in shown


def test_radar_needs_three_points() -> None:
    """A radar of two principles would be a line, so it refuses (the report uses bars then)."""
    with pytest.raises(ValueError, match="three"):
        radar("c", POINTS[:2], "T")


def test_long_labels_are_shortened_with_an_ellipsis() -> None:
    """A very long label wraps onto two lines and ends with an ellipsis, never running off."""
    label = "A very long principle title that goes on and on and on about many things"
    lines = [t for t in texts(bars("c", [Point(label, 10.0)], "T")) if t not in ("10.0",)]
    label_lines = [t for t in lines if not t.isdigit()]
    assert len(label_lines) == 2
    assert label_lines[-1].endswith("…")
