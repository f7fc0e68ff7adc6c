"""How long `coprod --help` takes to start, against importing Typer alone, measured in one run.

Run: .venv/bin/python benchmarks/startup.py
Target: coprod --help within 3x of `python -c "import typer"` (it must not load WeasyPrint
or spreadsheet readers).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

RUNS = 15


def median_seconds(args: list[str]) -> float:
    """Median wall time of running a command RUNS times."""
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Print both medians and their ratio."""
    floor = median_seconds([sys.executable, "-c", "import typer"])
    help_ = median_seconds([sys.executable, "-m", "coprod", "--help"])
    print(f"python -c 'import typer': {floor * 1000:7.1f} ms (median of {RUNS})")
    print(f"coprod --help:            {help_ * 1000:7.1f} ms (median of {RUNS})")
    print(f"ratio:                    {help_ / floor:7.2f}x (target <= 3x)")


if __name__ == "__main__":
    main()
