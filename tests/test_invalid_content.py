"""Every invalid fixture: the Dutch golden message, a non-zero exit, no traceback, site/ untouched.

A case is a folder in fixtures/invalid/: project/ holds the files that replace or extend the
base fixture site, expected.txt the exact output of `snp controleer` (the golden file). A case
with opdracht.txt is refused only by the command written there (`controleer --publiceren`): its
site builds, but may not be published.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import FIXTURES, apply, build, digest_tree, run, tool

CASES = sorted(p for p in (FIXTURES / "invalid").iterdir() if p.is_dir())


def command(case: Path) -> list[str]:
    """The snp command whose output expected.txt holds."""
    file = case / "opdracht.txt"
    return file.read_text(encoding="utf-8").split() if file.is_file() else ["controleer"]


BUILD_CASES = [c for c in CASES if command(c) == ["controleer"]]
PUBLISHING_CASES = [c for c in CASES if c not in BUILD_CASES]


def golden(case: Path) -> tuple[list[str], str]:
    """The expected error blocks (message line + fix line) and the summary line."""
    lines = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    blocks = ["\n".join(lines[i:i + 2]) for i in range(0, len(lines) - 1, 2)]
    return blocks, lines[-1]


def test_enough_cases() -> None:
    assert len(CASES) >= 25


@pytest.mark.parametrize("case", BUILD_CASES, ids=[c.name for c in BUILD_CASES])
def test_build_refuses_with_golden_message(case: Path, base_copy: Path) -> None:
    before = digest_tree(base_copy / "site")
    assert before, "the base build left no site/"
    apply(base_copy, case / "project")

    result = build(base_copy)

    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    blocks, summary = golden(case)
    for block in blocks:
        assert block in result.stderr, f"missing in build output:\n{block}\n---\n{result.stderr}"
    count = re.match(r"(\d+) fout", summary)
    assert count and f"({summary.rstrip('.')})" in result.stderr
    assert int(count.group(1)) == len(blocks)
    assert digest_tree(base_copy / "site") == before, "site/ changed after a failed build"
    assert not list(base_copy.glob(".site.bouw-*")), "a staging folder was left behind"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_controleer_prints_golden_file(case: Path, base_copy: Path) -> None:
    apply(base_copy, case / "project")
    result = run(base_copy, tool("snp"), *command(case))
    assert result.returncode == 1
    assert result.stdout == (case / "expected.txt").read_text(encoding="utf-8")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("case", PUBLISHING_CASES, ids=[c.name for c in PUBLISHING_CASES])
def test_publishing_case_still_builds(case: Path, base_copy: Path) -> None:
    """Only publishing is refused: editors keep their preview and their ordinary builds."""
    apply(base_copy, case / "project")
    result = build(base_copy)
    assert result.returncode == 0, result.stderr
    assert command(case)[0] == "controleer" and len(command(case)) > 1
