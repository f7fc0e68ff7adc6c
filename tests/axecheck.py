"""Run axe-core in headless Chromium over an HTML file, for the accessibility tests.

`make test` installs Chromium and axe (scripts/setup.sh --dev), so a missing tool is a
failure, never a skip: a skipped accessibility check would hide exactly what it guards.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

AXE = Path(__file__).parent / "axe"


def run_axe(page: Path) -> dict[str, Any]:
    """axe-core's findings for an HTML file, plus its width when shown 320px wide."""
    node = shutil.which("node")
    assert node, "node is not installed: run scripts/setup.sh --dev"
    assert (AXE / "node_modules" / "axe-core").is_dir(), "axe is not installed: run make test"
    assert Path("/usr/bin/chromium").exists(), "chromium is not installed: run make test"
    run = subprocess.run(
        [node, str(AXE / "run.js"), str(page)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    result: dict[str, Any] = json.loads(run.stdout)
    return result


def assert_accessible(page: Path) -> None:
    """No WCAG 2.2 A/AA violations, axe really ran, and no sideways scroll at 320px (400%).

    On phones (320 and 390 px) no element of the main content is wider than the screen,
    not even inside a box of its own that scrolls, and chart text renders at 12 px or more.
    """
    result = run_axe(page)
    assert result["violations"] == [], json.dumps(result["violations"], indent=1)[:3000]
    assert result["passes"] > 10
    assert result["reflow"]["scrollWidth"] <= 320
    for phone in result["phones"]:
        assert phone["wider"] == [], f"wider than {phone['width']}px: {phone['wider']}"
        smallest = phone["smallestChartText"]
        assert smallest is None or smallest >= 12, f"chart text {smallest:.1f}px at {phone}"
