"""Set-up: the lock files in requirements/ agree with pyproject.toml, and a built wheel works."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def declared() -> dict[str, list[Requirement]]:
    """pyproject.toml's runtime and dev requirements, and what building coprod needs."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    build = [
        line.split("#")[0].strip()
        for line in (ROOT / "requirements" / "build.in").read_text(encoding="utf-8").splitlines()
    ]
    run = [Requirement(r) for r in project["project"]["dependencies"]]
    run += [Requirement(r) for r in project["build-system"]["requires"]]
    run += [Requirement(r) for r in build if r]
    dev = [Requirement(r) for r in project["project"]["optional-dependencies"]["dev"]]
    return {"run": run, "dev": run + dev}


def pins(lock: str) -> dict[str, str]:
    """Each package pinned in a lock file, by its normalised name, and its version."""
    path = ROOT / "requirements" / f"{lock}.txt"
    assert path.is_file(), f"{path.relative_to(ROOT)} is missing: run `make lock`"
    text = path.read_text(encoding="utf-8")
    found: dict[str, str] = {}
    for block in re.split(r"\n(?=\S)", text):
        match = PIN.match(block)
        if match:
            assert "--hash=sha256:" in block, f"{lock}.txt: {match[1]} has no hash"
            found[canonicalize_name(match[1])] = match[2]
    return found


@pytest.mark.parametrize("lock", ["run", "dev"])
def test_lock_file_satisfies_pyproject(lock: str) -> None:
    """Every dependency pyproject.toml asks for is pinned, with hashes, inside its range."""
    locked = pins(lock)
    for requirement in declared()[lock]:
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{requirement} is in pyproject.toml but not in {lock}.txt"
        assert requirement.specifier.contains(locked[name], prereleases=True), (
            f"{lock}.txt pins {name}=={locked[name]}, outside pyproject.toml's {requirement}: "
            "run `make lock`"
        )


def test_run_and_dev_locks_pin_the_same_versions() -> None:
    """A user's `make assess` installs exactly the versions the tests ran with."""
    run, dev = pins("run"), pins("dev")
    differ = {name: (v, dev.get(name)) for name, v in run.items() if dev.get(name) != v}
    assert not differ, f"run.txt and dev.txt disagree: {differ}"


def test_test_tools_stay_out_of_the_runtime_lock() -> None:
    """Someone who only assesses a service does not get the test tools installed."""
    tools = {"pytest", "hypothesis", "ruff", "mypy", "import-linter", "pypdf", "pexpect"}
    assert not tools & set(pins("run")), tools & set(pins("run"))


ANSWERS = """\
answers:
  strengths_asked: 3
  strengths_used: 2
  helping_others: 3
  wider_circle: 2
  role_planning: 3
  role_running: 2
  peer_groups: 4
  contribution_measured: 2
  has_membership: "yes"
  members: 240
  active_members: 36
"""


def test_installed_wheel_works_without_the_checkout(tmp_path: Path) -> None:
    """A wheel installed into a fresh venv lists, assesses, reports (HTML and PDF) and
    writes a template, finding its questionnaires and templates inside the package."""
    dist, venv, work = tmp_path / "dist", tmp_path / "venv", tmp_path / "work"
    work.mkdir()

    def run(*args: str | Path, cwd: Path = work) -> str:
        done = subprocess.run(
            [str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=600
        )
        assert done.returncode == 0, f"{args}: {done.stdout}\n{done.stderr}"
        return done.stdout

    pip = ["-m", "pip", "install", "-q", "--disable-pip-version-check"]
    run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "-q",
        "--no-deps",
        "--no-build-isolation",
        "-w",
        dist,
        ROOT,
    )
    wheel = next(dist.glob("coprod-*.whl"))
    run(sys.executable, "-m", "venv", venv)
    run(venv / "bin" / "python", *pip, "--require-hashes", "-r", ROOT / "requirements" / "run.txt")
    run(venv / "bin" / "python", *pip, "--no-deps", wheel)
    coprod = venv / "bin" / "coprod"

    assert "starter" in run(coprod, "list") and "coproduction" in run(coprod, "list")
    assert "version 1.0" in run(coprod, "show", "coproduction@1.0")  # the first edition ships
    (work / "answers.yaml").write_text(ANSWERS, encoding="utf-8")
    run(
        coprod,
        "assess",
        "starter",
        "--no-input",
        "--answers",
        "answers.yaml",
        "--perspective",
        "staff",
        "--out",
        "mine.yaml",
    )
    run(coprod, "report", "mine.yaml", "--format", "both")
    assert "<html" in (work / "mine-report.html").read_text(encoding="utf-8")
    assert (work / "mine-report.pdf").read_bytes().startswith(b"%PDF")
    run(coprod, "template", "starter", "--format", "xlsx", "--out", "sheet.xlsx")
    assert (work / "sheet.xlsx").stat().st_size > 0
    site = run(venv / "bin" / "python", "-c", "import coprod; print(coprod.__file__)")
    assert str(venv) in site and str(ROOT) not in site
