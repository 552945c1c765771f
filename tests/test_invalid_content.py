"""Every invalid fixture: the Dutch golden message, a non-zero exit, no traceback, site/ untouched.

A case is a folder in fixtures/invalid/: project/ holds the files that replace or extend the
base fixture site, expected.txt the exact output of `snp controleer` (the golden file). A case
with opdracht.txt is refused only by the command written there (`controleer --publiceren`): its
site builds, but may not be published.

Each case is checked once, by `snp controleer` (a full strict build into a throwaway folder, so
its verdict is the build's). All checks run in one process (helpers.controleer_many), each in its
own project folder with its own output. That the real `mkdocs build --strict` refuses with the
same messages and leaves site/ untouched is shown for one case per stage of the build that can
find a mistake (REFUSED_BY_THE_BUILD).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from helpers import FIXTURES, apply, build, controleer_many, digest_tree, make_project, run, tool

CASES = sorted(p for p in (FIXTURES / "invalid").iterdir() if p.is_dir())


def command(case: Path) -> list[str]:
    """The snp command whose output expected.txt holds."""
    file = case / "opdracht.txt"
    return file.read_text(encoding="utf-8").split() if file.is_file() else ["controleer"]


BUILD_CASES = [c for c in CASES if command(c) == ["controleer"]]
PUBLISHING_CASES = [c for c in CASES if c not in BUILD_CASES]

REFUSED_BY_THE_BUILD = {
    "vijf-fouten-tegelijk": "on_files: loading and checking all content (five errors in two files)",
    "geen-utf8": "on_files and on_page_read_source: a file the loader cannot read, kept from MkDocs",
    "document-kop-bestaat-niet": "on_page_content and on_env: the DOCX/ODT documents made from a rendered page",
    "link-naar-anker-dat-niet-bestaat": "on_env: anchors checked against every rendered page",
    "code-met-hoofdletters": "on_post_build: the written pages read back (published.py), before the swap",
}
"""One case per stage that can refuse a build, with the stage it stands for."""


def golden(case: Path) -> tuple[list[str], str]:
    """The expected error blocks (message line + fix line) and the summary line."""
    lines = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    blocks = ["\n".join(lines[i:i + 2]) for i in range(0, len(lines) - 1, 2)]
    return blocks, lines[-1]


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, subprocess.CompletedProcess[str]]:
    """`snp controleer` on every case, each in its own copy of the base fixture with the case applied."""
    root = tmp_path_factory.mktemp("invalid")
    projects = {case.name: apply(make_project(root / case.name), case / "project") for case in BUILD_CASES}
    results = controleer_many(list(projects.values()))
    return {name: results[project] for name, project in projects.items()}


@pytest.mark.parametrize("case", BUILD_CASES, ids=[c.name for c in BUILD_CASES])
def test_controleer_prints_golden_file(case: Path, checked: dict[str, subprocess.CompletedProcess[str]]) -> None:
    result = checked[case.name]
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1, result.stderr
    assert result.stdout == (case / "expected.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(REFUSED_BY_THE_BUILD))
def test_build_refuses_with_golden_message(name: str, base_copy: Path) -> None:
    case = FIXTURES / "invalid" / name
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


@pytest.mark.parametrize("case", PUBLISHING_CASES, ids=[c.name for c in PUBLISHING_CASES])
def test_publishing_case_is_refused_by_its_command_and_still_builds(case: Path, base_copy: Path) -> None:
    """Only publishing is refused: editors keep their preview and their ordinary builds."""
    apply(base_copy, case / "project")
    refused = run(base_copy, tool("snp"), *command(case))
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert refused.stdout == (case / "expected.txt").read_text(encoding="utf-8")
    assert command(case)[0] == "controleer" and len(command(case)) > 1
    result = build(base_copy)
    assert result.returncode == 0, result.stderr
