"""Benchmark `coprod compare` to PDF on 400 units x 5 rounds against a bare WeasyPrint render.

Generates coproduction responses (one self-assessment per service per round, or
``--people`` per service per round) into a temp folder, then in one run times:
`coprod compare --over-time --format pdf` (gather, score, compare, HTML, tagged
PDF) and a bare ``weasyprint.HTML(string=...).write_pdf()`` of the same HTML.
Prints the median of each and their ratio (target <= 1.3x), and checks the PDF
is readable: the heatmap splits across pages with its header row repeated.
Exits 1 when a target is missed.

Usage: python benchmarks/compare.py [--units 400] [--rounds 5] [--people 1] [--runs 3]
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coprod.compare.gather import run_compare  # noqa: E402
from coprod.compare.report import comparison_html  # noqa: E402
from coprod.compare.results import Options  # noqa: E402
from coprod.compare.write import write_comparison  # noqa: E402

EXAMPLE = ROOT / "examples" / "coproduction-response.yaml"
PDF_RATIO = 1.3
SCALED = None  # question ids of scale questions, filled on first use


def _scale_questions() -> list[str]:
    from coprod.model import ScaleQuestion
    from coprod.questionnaire.load import load_questionnaire

    q = load_questionnaire("coproduction").questionnaire
    return [x.id for x in q.questions if isinstance(x, ScaleQuestion)]


def make_responses(
    folder: Path,
    units: int,
    rounds: int,
    people: int = 1,
    seed: int = 1,
    organisation: str = "Afon Valley County Borough Council",
) -> int:
    """Write coproduction responses: each service drifts up (or down) a little each round."""
    rng = random.Random(seed)
    base = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    scaled = _scale_questions()
    written = 0
    for u in range(units):
        level = rng.uniform(1.5, 4.0)
        trend = rng.uniform(-0.3, 0.6)
        for r in range(rounds):
            label = "Baseline" if r == 0 else f"Follow-up {r}"
            for p in range(people):
                data = dict(base)
                answers = {
                    k: dict(v) if isinstance(v, dict) else v for k, v in base["answers"].items()
                }
                for qid in scaled:
                    value = round(level + trend * r + rng.gauss(0, 0.8))
                    answers[qid] = {"value": min(5, max(1, value))}
                data["answers"] = answers
                data["respondent"] = {
                    "organisation": organisation,
                    "service": f"Service {u + 1:03d}",
                    "role": "Team member",
                    "perspective": "staff",
                    "name": f"Person {u}-{r}-{p}",
                    "group": label,
                }
                stamp = f"202{5 + r // 4}-{(r % 4) * 3 + 1:02d}-1{p % 10}T10:00:00+00:00"
                data["started"] = data["updated"] = data["completed"] = stamp
                path = folder / f"u{u:03d}-r{r}-p{p}.yaml"
                path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
                written += 1
    return written


def median_seconds(work: Callable[[], object], runs: int) -> float:
    """Median wall time of ``runs`` calls (no warm-up: each call is long)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def heatmap_pages(pdf: bytes) -> tuple[int, int]:
    """How many pages carry heatmap rows, and on how many of those the header row is repeated."""
    import pypdf

    reader = pypdf.PdfReader(BytesIO(pdf))
    with_rows = with_header = 0
    for page in reader.pages:
        text = " ".join((page.extract_text() or "").replace("\u2010\n", "").split())
        if re.search(r"Service \d+ [\d.]+ n \d+ · sd", text):
            with_rows += 1
            if text.startswith("Name Overall score 1. People are assets") or re.search(
                r"Name Overall score 1\. People are assets .* 9\. Measur", text
            ):
                with_header += 1
    return with_rows, with_header


def main() -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--people", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    import weasyprint

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "responses"
        folder.mkdir()
        count = make_responses(folder, args.units, args.rounds, args.people)
        out = Path(tmp) / "comparison.pdf"
        options = Options(over_time=True)

        def coprod_pdf() -> None:
            write_comparison(run_compare([folder], options), "pdf", out)

        start = time.perf_counter()
        result = run_compare([folder], options)
        gather_time = time.perf_counter() - start
        page = comparison_html(result)
        coprod_time = median_seconds(coprod_pdf, args.runs)
        bare_time = median_seconds(lambda: weasyprint.HTML(string=page).write_pdf(), args.runs)
        pdf = out.read_bytes()
        rows, headed = heatmap_pages(pdf)
        ratio = coprod_time / bare_time
        import pypdf

        pages = len(pypdf.PdfReader(BytesIO(pdf)).pages)
    shape = f"{args.units} units x {args.rounds} rounds"
    print(f"inputs:                     {count} response files, {shape}")
    print(f"runs per figure:            {args.runs} (median)")
    print(f"gather + score + compare:   {gather_time:.2f} s")
    print(f"coprod compare to PDF:      {coprod_time:.2f} s ({pages} pages)")
    print(f"bare WeasyPrint, same HTML: {bare_time:.2f} s")
    print(f"ratio coprod / bare:        {ratio:.2f}x (target <= {PDF_RATIO}x)")
    print(f"heatmap pages:              {rows}, header row repeated on {headed}")
    ok = ratio <= PDF_RATIO and rows > 1 and headed == rows
    print("within target" if ok else "OUTSIDE TARGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
