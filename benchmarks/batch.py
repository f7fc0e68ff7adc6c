"""Benchmark `coprod batch` on 100,000 participants x the coproduction questionnaire.

In one run it measures, each in its own fresh process and ``--runs`` times (median
wall-clock and CPU time, and the highest peak memory from the child's rusage):

1. ``coprod batch`` - scores and group statistics by perspective, CSV output, no PDF
   and no per-person response files;
2. the floor: a plain ``csv.reader`` pass over the same file;
3. a pure-Python lower bound: the least any one-process Python batch must do - load the
   same modules and questionnaire, read with ``csv.reader``, turn every cell into a code
   with one dict lookup, write one 16-column row of whole numbers per person - with no
   scoring, no statistics and no checks at all: the yardstick for the speed target;
4. what an analyst would write with pandas, run in a throwaway virtual environment
   under /tmp that this script creates (pandas is never a coprod dependency).

Targets (from the product owner; they replace issue 5's "3x the floor", which no
one-process Python batch can meet): coprod within 2x of the pure-Python bound, faster than
pandas, peak memory <= 500 MB.

    .venv/bin/python benchmarks/batch.py [--rows 100000] [--runs 3] [--no-pandas]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
PANDAS_VENV = Path(tempfile.gettempdir()) / "coprod-bench-pandas-venv"

FLOOR = """
import csv, sys
n = 0
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    for row in csv.reader(f):
        n += 1
print(n)
"""

# The least work a one-process Python batch can do: the modules and questionnaire coprod
# needs, csv.reader, one dict lookup per cell (row by row, the fastest order measured),
# and a CSV of whole numbers out. Nothing is scored, counted or checked.
LOWER_BOUND = """
import csv, gc, sys
import coprod.batch.run, coprod.batch.write, coprod.files.tables
from coprod.questionnaire.load import load_questionnaire

load_questionnaire("coproduction")
gc.disable()


class Codes(dict):
    def __missing__(self, text):
        code = self[text] = len(self)
        return code


with open(sys.argv[1], newline="", encoding="utf-8") as f:
    reader = csv.reader(f)
    tables = [Codes() for _ in next(reader)]
    rows = [list(map(dict.__getitem__, tables, row)) for row in reader]
with open(sys.argv[2], "w", newline="", encoding="utf-8") as out:
    csv.writer(out).writerows(row[:16] for row in rows)
print(len(rows))
"""

# What an analyst would write: map the answers to 0-100, weighted means per principle
# (N/A and don't know left out), overall, then per-perspective mean/median/sd/IQR.
PANDAS = r"""
import json, re, sys
import numpy as np
import pandas as pd

spec = json.loads(open(sys.argv[2], encoding="utf-8").read())
df = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False)
scores = {}
for q in spec["questions"]:
    table = q["table"]
    col = df[q["header"]].str.strip().str.lower()
    if q["type"] == "multiple_choice":
        parts = col.str.split(r"\s*;\s*")
        s = parts.map(lambda xs: min(100.0, sum(table.get(x, 0.0) for x in xs if x)))
        s[col == ""] = np.nan
    else:
        s = col.map(table).astype(float)
    scores[q["id"]] = s
for q in spec["questions"]:
    if q.get("when"):
        parent, value = q["when"]
        hidden = df[spec["header_of"][parent]].str.strip().str.lower() != value
        scores[q["id"]][hidden] = np.nan
if "net_active_members" in scores:
    share = scores["net_active_members"] / scores["net_members"].replace(0, np.nan) * 100
    scores["net_active_members"] = pd.cut(share, [-1, 10, 25, 50, 75, 1e12], right=False,
                                          labels=[0, 25, 50, 75, 100]).astype(float)
out = pd.DataFrame(index=df.index)
for p in spec["principles"]:
    ids = [q for q in p["questions"]]
    m = pd.DataFrame({q: scores[q] for q in ids})
    w = pd.Series({q: spec["weights"][q] for q in ids})
    answered = m.notna()
    total = (m.fillna(0) * w).sum(axis=1)
    weights = (answered * w).sum(axis=1)
    coverage = answered.sum(axis=1) / len(ids) * 100
    out[p["id"]] = (total / weights).round(1).where(coverage >= 50)
out["overall"] = out[[p["id"] for p in spec["principles"]]].mean(axis=1).round(1)
out["perspective"] = df[spec["perspective"]].str.strip().str.lower()
out.to_csv(sys.argv[3], index=False)
g = out.groupby("perspective")
stats = g.agg(["count", "mean", "median", "std"])
q1 = g.quantile(0.25, numeric_only=True)
q3 = g.quantile(0.75, numeric_only=True)
print(len(out), stats.shape, (q3 - q1).shape)
"""


def make_sheet(path: Path, rows: int, seed: int = 5) -> dict[str, object]:
    """Write a Google-Forms-style CSV of ``rows`` people; return the pandas script's spec."""
    sys.path.insert(0, str(ROOT))
    from coprod.model import (
        MultipleChoiceQuestion,
        NumberQuestion,
        ScaleQuestion,
        SingleChoiceQuestion,
        TextQuestion,
        YesNoQuestion,
        pick,
    )
    from coprod.questionnaire.load import load_questionnaire

    q = load_questionnaire("coproduction").questionnaire
    rng = random.Random(seed)
    header = ["Timestamp", "Your name", "I am answering as"] + [
        pick(x.text, "en") for x in q.questions
    ]
    perspectives = ["Staff", "Lived experience", "Carer", "Partner"]
    spec: dict[str, object] = {
        "questions": [],
        "principles": [],
        "weights": {},
        "header_of": {},
        "perspective": "I am answering as",
    }
    for p in q.principles:
        ids = [x.id for x in p.questions if not isinstance(x, TextQuestion)]
        if not (isinstance(x, YesNoQuestion) and not x.scored for x in p.questions):
            pass
        spec["principles"].append({"id": p.id, "questions": ids})  # type: ignore[attr-defined]
    for x in q.questions:
        spec["header_of"][x.id] = pick(x.text, "en")  # type: ignore[index]
        spec["weights"][x.id] = x.weight  # type: ignore[index]
        table: dict[str, float] = {}
        if isinstance(x, ScaleQuestion):
            for lv in q.scales[x.scale].levels:
                s = q.scales[x.scale].score(lv.value)
                label = pick(lv.label, "en").lower()
                table.update({str(lv.value): s, label: s, f"{lv.value} - {label}": s})
        elif isinstance(x, YesNoQuestion):
            table = {"yes": x.yes_score, "no": x.no_score}
        elif isinstance(x, (SingleChoiceQuestion, MultipleChoiceQuestion)):
            table = {pick(c.label, "en").lower(): c.score or 0.0 for c in x.choices}
        elif isinstance(x, NumberQuestion):
            table = {str(n): float(n) for n in range(0, 501)}
        when = [x.when.question, str(x.when.equals)] if x.when else None
        if not isinstance(x, TextQuestion):
            spec["questions"].append(  # type: ignore[attr-defined]
                {
                    "id": x.id,
                    "header": pick(x.text, "en"),
                    "type": x.type,
                    "table": table,
                    "when": when,
                }
            )
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for i in range(rows):
            tendency = rng.random() * 4
            line = [f"2026/03/04 10:{i % 60:02d}:00", f"Person {i}", rng.choice(perspectives)]
            members = rng.randint(5, 400)
            for x in q.questions:
                roll = rng.random()
                if isinstance(x, ScaleQuestion):
                    if roll < 0.04 and x.not_applicable:
                        line.append("N/A")
                    elif roll < 0.07 and x.dont_know:
                        line.append("Don't know")
                    elif roll < 0.09:
                        line.append("")
                    else:
                        level = max(1, min(5, round(tendency + rng.gauss(1, 0.9))))
                        label = pick(q.scales[x.scale].level(level).label, "en")  # type: ignore[union-attr]
                        line.append(rng.choice([str(level), f"{level} - {label}", label]))
                elif isinstance(x, YesNoQuestion):
                    line.append("Yes" if roll < 0.3 + tendency / 8 else "No")
                elif isinstance(x, NumberQuestion):
                    line.append(str(members if x.scoring is None else rng.randint(0, members)))
                elif isinstance(x, SingleChoiceQuestion):
                    line.append(pick(rng.choice(x.choices).label, "en"))
                elif isinstance(x, MultipleChoiceQuestion):
                    chosen = [pick(c.label, "en") for c in x.choices if rng.random() < 0.4]
                    line.append(";".join(chosen))
                else:
                    line.append(rng.choice(["", "More time to build relationships", "Money"]))
            writer.writerow(line)
    return spec


class Run(NamedTuple):
    """One contender's figures: wall-clock and CPU seconds (medians) and peak memory (max)."""

    seconds: float
    cpu: float
    peak_mb: float


def measure(command: list[str], runs: int = 3) -> Run:
    """Run a command ``runs`` times, each in a fresh process: median times, highest peak memory.

    CPU time (user + system of that child alone) is shown beside wall-clock time because
    it is steadier when other work shares the machine; the verdict uses wall-clock time.
    """
    walls, cpus, peaks = [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        err = child.stderr.read().decode() if child.stderr else ""
        _, status, usage = os.wait4(child.pid, 0)
        walls.append(time.perf_counter() - start)
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode not in (0, 7):
            raise SystemExit(f"{command[0]} failed ({child.returncode}):\n{err[-2000:]}")
        cpus.append(usage.ru_utime + usage.ru_stime)
        peaks.append(usage.ru_maxrss / 1024)  # ru_maxrss is in KiB on Linux
    return Run(statistics.median(walls), statistics.median(cpus), max(peaks))


def pandas_python() -> Path | None:
    """The throwaway venv's python with pandas, created on first use; None if it cannot be."""
    python = PANDAS_VENV / "bin" / "python"
    if python.exists():
        return python
    print(f"creating {PANDAS_VENV} with pandas (once) ...", file=sys.stderr)
    try:
        subprocess.run([sys.executable, "-m", "venv", str(PANDAS_VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "pandas"], check=True)
    except subprocess.CalledProcessError:
        return None
    return python


def main() -> None:
    """Generate the sheet, run the three contenders, print the figures and the verdict."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3, help="runs per contender (median)")
    parser.add_argument("--no-pandas", action="store_true")
    args = parser.parse_args()
    import json

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sheet = folder / "workshop.csv"
        spec = make_sheet(sheet, args.rows)
        (folder / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
        (folder / "floor.py").write_text(FLOOR, encoding="utf-8")
        (folder / "lower.py").write_text(LOWER_BOUND, encoding="utf-8")
        (folder / "analyst.py").write_text(PANDAS, encoding="utf-8")
        size = sheet.stat().st_size / 1e6
        print(f"{args.rows:,} participants x coproduction: {size:.1f} MB CSV")
        # Exactly what a trainer runs for scores and group figures without per-person files
        # or a PDF; every run is a fresh process that reads the sheet and writes every file.
        coprod = [str(Path(sys.executable).parent / "coprod"), "batch", str(sheet)]
        coprod += ["-q", "coproduction", "--by", "perspective", "--out", str(folder / "out")]
        coprod += ["--format", "csv", "--no-responses", "--json"]
        print("$ " + " ".join(["coprod", *coprod[1:]]).replace(str(folder), "$TMP"))
        results = {
            "csv.reader floor": measure(
                [sys.executable, str(folder / "floor.py"), str(sheet)], args.runs
            ),
            "coprod batch": measure(coprod, args.runs),
            "pure-Python bound": measure(
                [sys.executable, str(folder / "lower.py"), str(sheet), str(folder / "l.csv")],
                args.runs,
            ),
        }
        python = None if args.no_pandas else pandas_python()
        if python is not None:
            results["pandas script"] = measure(
                [
                    str(python),
                    str(folder / "analyst.py"),
                    str(sheet),
                    str(folder / "spec.json"),
                    str(folder / "p.csv"),
                ],
                args.runs,
            )
    floor = results["csv.reader floor"]
    print(f"median of {args.runs} runs each")
    print(f"{'':18} {'seconds':>8} {'x floor':>8} {'cpu s':>8} {'x floor':>8} {'peak MB':>8}")
    for name, run in results.items():
        print(
            f"{name:18} {run.seconds:8.2f} {run.seconds / floor.seconds:8.1f} "
            f"{run.cpu:8.2f} {run.cpu / floor.cpu:8.1f} {run.peak_mb:8.0f}"
        )
    ours = results["coprod batch"]
    bound = results["pure-Python bound"]
    verdict = [
        f"coprod <= 2x the bound: {'yes' if ours.seconds <= 2 * bound.seconds else 'NO'} "
        f"({ours.seconds / bound.seconds:.2f}x)",
        f"peak <= 500 MB: {'yes' if ours.peak_mb <= 500 else 'NO'} ({ours.peak_mb:.0f} MB)",
    ]
    if "pandas script" in results:
        theirs = results["pandas script"]
        verdict.append(
            f"faster than pandas: {'yes' if ours.seconds < theirs.seconds else 'NO'} "
            f"({theirs.seconds / ours.seconds:.2f}x)"
        )
    print("; ".join(verdict))


if __name__ == "__main__":
    main()
