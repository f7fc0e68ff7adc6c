"""How many pages `coprod compare --over-time --format pdf` writes for 400 units x 5 rounds.

Generates the input with :func:`benchmarks.compare.make_responses` (one coproduction
self-assessment per service per round, each service drifting a little each round)
into ``--folder`` (kept, so another checkout of coprod can compare the same input),
then writes the default report and the one with ``--each-unit`` and prints their
page counts. Exits 1 when the default report is over ``--most`` pages (the issue's
"under about 40").

Usage: python benchmarks/compare_pages.py [--units 400] [--rounds 5] [--folder DIR] [--most 40]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.compare import make_responses  # noqa: E402
from coprod.compare.gather import run_compare  # noqa: E402
from coprod.compare.results import Options  # noqa: E402
from coprod.compare.write import write_comparison  # noqa: E402


def pages(path: Path) -> int:
    """How many pages a PDF has."""
    import pypdf

    return len(pypdf.PdfReader(path).pages)


def main() -> int:
    """Generate, compare, count pages; 1 when the default report is too long."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--folder", type=Path, default=None)
    parser.add_argument("--most", type=int, default=40)
    args = parser.parse_args()
    folder = args.folder or Path(tempfile.mkdtemp(prefix="coprod-compare-"))
    folder.mkdir(parents=True, exist_ok=True)
    if not any(folder.glob("*.yaml")):
        made = make_responses(folder, args.units, args.rounds)
        print(f"{made} responses written to {folder}")
    result = run_compare([folder], Options(over_time=True))
    counts = {}
    for each_unit in (False, True):
        out = folder.parent / f"comparison{'-each-unit' if each_unit else ''}.pdf"
        started = time.perf_counter()
        write_comparison(result, "pdf", out, each_unit=each_unit)
        seconds = time.perf_counter() - started
        counts[each_unit] = pages(out)
        print(f"{out.name}: {counts[each_unit]} pages ({seconds:.0f} s)")
    return 0 if counts[False] <= args.most else 1


if __name__ == "__main__":
    sys.exit(main())
