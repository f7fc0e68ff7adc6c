"""How long `coprod validate` and `coprod show` take on a questionnaire of 10,000 questions.

Run: .venv/bin/python benchmarks/large.py [QUESTIONS]
Target: each within a few seconds (show took 12-17 s before it stopped drawing a Rich
table per question). tests/test_cli.py generates the same questionnaire and checks
the output, not the time.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 3
PER_PRINCIPLE = 100


def big_questionnaire(questions: int) -> str:
    """A valid questionnaire of ``questions`` questions of every type, 100 to a principle."""
    lines = [
        "format: 1",
        "id: big",
        'version: "1.0"',
        "title: A very large questionnaire",
        "languages: [en, cy]",
        "scales:",
        "  practice:",
        "    levels:",
    ]
    for value in range(1, 6):
        lines += [
            f"      - value: {value}",
            f"        label: {{en: Level {value}, cy: Lefel {value}}}",
            f"        descriptor: What level {value} looks like in practice, in a sentence or two.",
        ]
    lines += [
        "bands:",
        "  - {min: 0, max: 50, label: Starting}",
        "  - {min: 50, max: 100, label: Going}",
    ]
    lines += ["principles:"]
    for p in range(-(-questions // PER_PRINCIPLE)):
        lines += [f"  - id: p{p}", f"    title: {{en: Principle {p}, cy: Egwyddor {p}}}"]
        lines += ["    questions:"]
        for k in range(min(PER_PRINCIPLE, questions - p * PER_PRINCIPLE)):
            qid = f"q{p}_{k}"
            lines += [
                f"      - id: {qid}",
                f"        text: {{en: 'Question {qid}: how far does the service do this, "
                "with the people who use it?', cy: 'Cwestiwn {qid}'}",
                "        help: Think about the last year, not about plans.",
            ]
            lines += _answer_lines(k)
    lines += [
        "recommendations:",
        "  - id: start",
        "    when: {overall: true, below: 50}",
        "    title: Make a start",
        "    actions: [Pick one principle and work on it with the people who use the service.]",
    ]
    return "\n".join(lines) + "\n"


def _answer_lines(k: int) -> list[str]:
    kind = k % 5
    if kind == 0:
        return ["        type: yes_no"]
    if kind == 1:
        return [
            "        type: number",
            "        scoring: {steps: [{min: 0, score: 0}, {min: 10, score: 100}]}",
        ]
    if kind == 2:
        return [
            "        type: single_choice",
            "        choices: [{id: never, label: Never, score: 0},",
            "                  {id: always, label: Always, score: 100}]",
        ]
    return ["        type: scale", "        scale: practice"]


def median_seconds(args: list[str]) -> tuple[float, float]:
    """Median wall time and CPU time of running a command RUNS times (output thrown away).

    The CPU time (user + system, of the command alone) is the steadier figure on a
    machine shared with other work.
    """
    walls, cpus = [], []
    for _ in range(RUNS):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    """Write the questionnaire to a temporary folder and time both commands on it."""
    questions = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.yaml"
        path.write_text(big_questionnaire(questions), encoding="utf-8")
        size = path.stat().st_size / 1024 / 1024
        print(f"questionnaire: {questions:,} questions, {size:.1f} MB")
        for command in ("validate", "show"):
            wall, cpu = median_seconds([sys.executable, "-m", "coprod", command, str(path)])
            print(f"coprod {command:<8}  {wall:6.2f} s wall, {cpu:6.2f} s CPU (median of {RUNS})")


if __name__ == "__main__":
    main()
