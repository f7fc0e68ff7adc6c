"""Benchmark `coprod report` on the coproduction example against a bare WeasyPrint render.

Prints the median of each and their ratio. Targets: coprod's PDF at most 1.3x a bare
WeasyPrint render of the same HTML; the HTML alone (load, score, build, render) at
most 0.3 s. Exits 1 when a target is missed.

Usage: python benchmarks/report.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coprod.api import score_file  # noqa: E402
from coprod.report.render import render_html, render_pdf  # noqa: E402
from coprod.report.single import build_report  # noqa: E402

RESPONSE = ROOT / "examples" / "coproduction-response.yaml"
PDF_RATIO = 1.3
HTML_SECONDS = 0.3


def median_seconds(work: Callable[[], object], runs: int) -> float:
    """Median wall time of ``runs`` calls, after one warm-up call."""
    work()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def html_report() -> str:
    """Everything `coprod report --format html` does but writing the file."""
    report = build_report(score_file(RESPONSE))
    return render_html({"report": report, "t": report.t})


def main() -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs

    import weasyprint

    page = html_report()
    html_time = median_seconds(html_report, runs)
    coprod_time = median_seconds(lambda: render_pdf(html_report()), runs)
    bare_time = median_seconds(lambda: weasyprint.HTML(string=page).write_pdf(), runs)
    ratio = coprod_time / bare_time
    print(f"runs per figure:           {runs} (median, after one warm-up)")
    print(f"HTML report:               {html_time:.3f} s (target <= {HTML_SECONDS} s)")
    print(f"coprod PDF report:         {coprod_time:.3f} s (score, build, HTML, tagged PDF/UA-1)")
    print(f"bare WeasyPrint, same HTML: {bare_time:.3f} s")
    print(f"ratio coprod / bare:       {ratio:.2f}x (target <= {PDF_RATIO}x)")
    ok = ratio <= PDF_RATIO and html_time <= HTML_SECONDS
    print("within target" if ok else "OUTSIDE TARGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
