"""Shared test tools: make a project from a fixture in a temp dir, build it for real, read it back.

Builds run `properdocs build --strict -f mkdocs.yml` in a subprocess, as CI and editors do, so exit codes,
stderr and the absence of tracebacks are tested as a person would see them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
BASE_SITE = FIXTURES / "site"
EPOCH = "1500000000"
"""A fixed SOURCE_DATE_EPOCH (14 July 2017) so fixture builds are reproducible."""


def make_project(dest: Path, fixture: Path = BASE_SITE, *overlays: Path) -> Path:
    """Copy a fixture project and the real overrides/ into dest; overlays replace or add files."""
    shutil.copytree(fixture, dest, dirs_exist_ok=True)
    shutil.copytree(ROOT / "overrides", dest / "overrides", dirs_exist_ok=True)
    for overlay in overlays:
        apply(dest, overlay)
    return dest


def real_project(dest: Path) -> Path:
    """A copy of this repository's own site (content/, overrides/, mkdocs.yml) in dest."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("content", "overrides"):
        shutil.copytree(ROOT / name, dest / name)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def apply(project: Path, overlay: Path) -> Path:
    """Copy the files of overlay over project (a fixture case's changes)."""
    shutil.copytree(overlay, project, dirs_exist_ok=True, symlinks=True)
    return project


def env(**extra: str) -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH, **extra}


def tool(name: str) -> str:
    """A console script of the venv the tests run in."""
    return str(Path(sys.executable).parent / name)


def run(project: Path, *args: str, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), cwd=project, env=env(), capture_output=True, text=True,
                          timeout=timeout)


def engine(command: str, *args: str) -> list[str]:
    """The engine's command line as the Makefile runs it (ProperDocs, settings in mkdocs.yml)."""
    return [tool("properdocs"), command, "-f", "mkdocs.yml", *args]


def build(project: Path, timeout: int = 300, **extra_env: str) -> subprocess.CompletedProcess[str]:
    """`properdocs build --strict` in project; never quiet (-q hides warnings from strict mode).
    The timeout only stops a build that hangs; it is no speed check (scripts/benchmark measures)."""
    return subprocess.run(engine("build", "--strict"), cwd=project, env=env(**extra_env),
                          capture_output=True, text=True, timeout=timeout)


def controleer_many(projects: list[Path], timeout: int = 1200) -> dict[Path, subprocess.CompletedProcess[str]]:
    """`snp controleer` in each project, all in one process (tests/controleer_batch.py): the same
    command each time, without paying for the imports once per project. A crash of the batch itself
    fails the caller with its output."""
    result_file = projects[0].parent / "controleer-resultaten.json"
    batch = subprocess.run([sys.executable, str(ROOT / "tests" / "controleer_batch.py"), str(result_file),
                            *map(str, projects)], env=env(), capture_output=True, text=True, timeout=timeout)
    assert batch.returncode == 0 and "Traceback" not in batch.stderr, batch.stderr
    found = json.loads(result_file.read_text(encoding="utf-8"))
    return {Path(key): subprocess.CompletedProcess(["snp", "controleer"], value["returncode"], value["stdout"],
                                                   value["stderr"]) for key, value in found.items()}


def built(dest: Path, *overlays: Path) -> Path:
    """The base fixture plus overlays, built with --strict; fails the test with the build's output."""
    project = make_project(dest, BASE_SITE, *overlays)
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project


def digest_tree(path: Path) -> dict[str, str]:
    """sha256 of every file below path, keyed by relative path: compares two builds byte for byte."""
    if not path.exists():
        return {}
    return {p.relative_to(path).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(path.rglob("*")) if p.is_file()}


def generate_news(folder: Path, count: int) -> None:
    """Write count valid news items, dated 2000-2016 and named with letters only.

    Letters, not numbers: the fact check refuses loose digits in a text.
    """
    for i in range(count):
        year, month, day = 2000 + i % 17, 1 + i % 12, 1 + i % 28
        name = "".join(chr(97 + (i // 26 ** k) % 26) for k in range(3))
        (folder / f"{year}-{month:02d}-{day:02d}-bericht-{name}.md").write_text(
            f"---\ntitle: Bericht {name}\ndescription: Het bericht met de naam {name}.\n"
            f"date: {year}-{month:02d}-{day:02d}\n---\n\n# Bericht {name}\n\nTekst van bericht {name}.\n",
            encoding="utf-8")


def snp_subcommands() -> list[str]:
    """Every subcommand of `snp`, read from its parser, so a new one is checked without a list."""
    from snp_site.cli import parser

    actions = [a for a in parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return sorted(actions[0].choices)


def estimate_by_hand(count: float, inhabitants_then: float, months: float, inhabitants: int) -> str:
    """A step of the estimate, worked out here from the data file's numbers, independently of the
    site's code (codes/schatting.py, schatting.js): per year, scaled, then rounded to a whole number below
    10 and to two significant digits above, in Dutch notation."""
    value = count / inhabitants_then * inhabitants * 12 / months
    if value < 1:
        return "minder dan 1"
    if value < 10:
        return str(round(value))
    return f"{float(f'{value:.2g}'):,.0f}".replace(",", ".")
