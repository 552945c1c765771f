"""Editor mistakes made by a generator (tests/mistakes/grammar.py), not written one by one.

The rule for every generated mistake: `snp controleer` (a full strict build) names its file, and its
line where it has one, in Dutch with a fix, and exits non-zero; `mkdocs build --strict` refuses too
and leaves site/ as it was. No traceback, no English. Every case is a file of its own, so one build
carries all of them and the messages per file prove each was found; the few that a later stage finds
only in a build without other mistakes get a build of their own. Accepted cases (not mistakes) are
built together and each page must show what the editor meant.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers import BASE_SITE, FIXTURES, ROOT, build, controleer_many, digest_tree, make_project
from mistakes.grammar import Accepted, Case, Entry, Folder, Symlink, all_cases

CASES = all_cases()
MISTAKES = [c for c in CASES if isinstance(c, Case)]
ACCEPTED = [c for c in CASES if isinstance(c, Accepted)]
ENGLISH = re.compile(r"\b(?:the|is not|not found|cannot|can't|could not|unable|error|failed|no such|expected|"
                     r"unexpected|file|line|exception|traceback|directory|permission)\b", re.IGNORECASE)
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|\S+\.(?:md|yml|png|svg|jpg|txt|markdown)\b")


@dataclass(frozen=True)
class Message:
    where: str
    line: int | None
    message: str
    fix: str


def write(project: Path, files: dict[str, Entry]) -> None:
    for rel, entry in files.items():
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink() or path.is_file():
            path.unlink()
        elif path.is_dir():
            shutil.rmtree(path)
        if isinstance(entry, Symlink):
            os.symlink(entry.target, path)
        elif isinstance(entry, Folder):
            path.mkdir()
            (path / "lees-mij.txt").write_text("Een map waar een bestand hoort.\n", encoding="utf-8")
        elif isinstance(entry, bytes):
            path.write_bytes(entry)
        else:
            path.write_bytes(entry.encode("utf-8"))


def project(dest: Path, cases: list[Case] | list[Accepted]) -> Path:
    """The base fixture with the data for every code, the real site's Markdown extensions, and the cases."""
    made = make_project(dest, BASE_SITE, FIXTURES / "valid" / "grafieken" / "project")
    section = re.compile(r"^markdown_extensions:\n(?:[ \t].*\n|\n)*", re.MULTILINE)
    real = section.search((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert real, "mkdocs.yml has no markdown_extensions"
    config = made / "mkdocs.yml"
    config.write_text(section.sub(lambda _: real.group(0), config.read_text(encoding="utf-8")), encoding="utf-8")
    for case in cases:
        write(made, case.files)
    return made


def messages(stdout: str) -> tuple[list[Message], list[str], str]:
    """The errors (where, line, message, fix), other lines, and the summary of `snp controleer`."""
    lines = stdout.splitlines()
    found, other = [], []
    i = 0
    while i < len(lines) - 1:
        head = re.match(r"^(?P<where>[^:\s][^:]*?)(?:, regel (?P<line>\d+))?: (?P<message>.+)$", lines[i])
        if head and lines[i + 1].startswith("  Oplossing: "):
            found.append(Message(head["where"], int(head["line"]) if head["line"] else None, head["message"],
                                 lines[i + 1].removeprefix("  Oplossing: ")))
            i += 2
        else:
            other.append(lines[i])
            i += 1
    return found, other, lines[-1] if lines else ""


@dataclass(frozen=True)
class Run:
    """One `snp controleer`: its result, its messages, the cases it carried, and its round (3: alone)."""

    result: subprocess.CompletedProcess[str]
    found: list[Message]
    cases: list[Case]
    round: int


def rounds(root: Path, cases: list[Case]) -> dict[str, Run]:
    """Check all cases in one build; those it does not name (a later stage runs only when the earlier
    ones found nothing) in a second build together; what is still not named, alone, so no other case
    can hide it. Returns the run that named each case (or its own run)."""
    runs: dict[str, Run] = {}
    remaining = list(cases)
    for number in (1, 2):
        made = project(root / f"ronde-{number}", remaining)
        result = controleer_many([made])[made]
        found = messages(result.stdout)[0]
        run = Run(result, found, remaining, number)
        named = {m.where for m in found}
        runs |= {c.name: run for c in remaining if c.where in named}
        remaining = [c for c in remaining if c.name not in runs]
        if not remaining:
            return runs
    alone = {c.name: project(root / c.name, [c]) for c in remaining}
    results = controleer_many(list(alone.values()))
    for case in remaining:
        result = results[alone[case.name]]
        runs[case.name] = Run(result, messages(result.stdout)[0], [case], 3)
    return runs


@pytest.fixture(scope="module")
def refused(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    return rounds(tmp_path_factory.mktemp("fouten"), MISTAKES)


@pytest.mark.parametrize("case", MISTAKES, ids=[c.name for c in MISTAKES])
def test_mistake_is_refused_in_dutch_naming_file_and_line(case: Case, refused: dict[str, Run]) -> None:
    result, found = refused[case.name].result, refused[case.name].found
    assert "Traceback" not in result.stderr + result.stdout, result.stderr[-3000:]
    assert result.returncode == 1
    mine = [m for m in found if m.where == case.where]
    assert mine, f"{case.where} is not named; files named: {sorted({m.where for m in found})}"
    if case.line is not None:
        assert case.line in [m.line for m in mine], f"{case.where}: line {case.line} not named in {mine}"


def test_every_message_is_dutch_with_a_fix_and_counted(refused: dict[str, Run]) -> None:
    for name, run in {id(run): (name, run) for name, run in refused.items()}.values():
        result, found = run.result, run.found
        _, other, summary = messages(result.stdout)
        assert other == [], f"{name}: lines that are not an error with a fix: {other}"
        counted = re.match(r"^(\d+) fouten? in (\d+) bestand(?:en)?\.$", summary)
        assert counted, f"{name}: no summary line: {summary!r}"
        assert int(counted[1]) == len(found) and int(counted[2]) == len({m.where for m in found})
        for m in found:
            assert m.where.startswith(("content/", "mkdocs.yml")), m
            assert m.fix.strip(), m
            for text in (m.message, m.fix):
                english = ENGLISH.findall(_QUOTED.sub(" ", text))
                assert not english, f"English in a message ({english}): {m}"


def test_only_the_files_of_the_cases_are_blamed(refused: dict[str, Run]) -> None:
    for run in refused.values():
        found, cases = run.found, run.cases
        wheres = {c.where for c in cases} | {p for c in cases for p in c.files} | {a for c in cases for a in c.also} | {a for c in cases for a in c.also}
        assert {m.where for m in found} <= wheres, sorted({m.where for m in found} - wheres)


def test_the_build_refuses_too_and_leaves_site_untouched(tmp_path: Path, refused: dict[str, Run]) -> None:
    """The second round: mistakes only the check of the written pages finds, after MkDocs wrote them
    into the staging folder (the first round's stage is shown by test_invalid_content)."""
    second = next((run.cases for run in refused.values() if run.round == 2), None)
    assert second, "no second round"
    made = project(tmp_path / "project", second)
    (made / "site").mkdir()
    (made / "site" / "index.html").write_text("<p>Wat er al gepubliceerd was.</p>\n", encoding="utf-8")
    before = digest_tree(made / "site")
    result = build(made)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    assert "De site is niet gebouwd (" in result.stderr
    assert digest_tree(made / "site") == before
    assert not list(made.glob(".site.bouw-*"))


@pytest.fixture(scope="module")
def accepted_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    made = project(tmp_path_factory.mktemp("goed") / "project", ACCEPTED)
    result = build(made)
    assert result.returncode == 0, result.stderr[-5000:]
    return made / "site"


@pytest.mark.parametrize("case", ACCEPTED, ids=[c.name for c in ACCEPTED])
def test_accepted_case_shows_what_the_editor_meant(case: Accepted, accepted_site: Path) -> None:
    html = (accepted_site / case.url / "index.html").read_text(encoding="utf-8")
    article = BeautifulSoup(html, "html.parser").select_one("article")
    assert article is not None
    assert case.shows in article.get_text(), f"{case.url}: {case.shows!r} not shown ({case.reason})"
    for code in article.select("code, pre"):
        code.decompose()
    text = article.get_text(" ")
    for hidden in case.hides:
        assert hidden not in text, f"{case.url} shows {hidden!r} ({case.reason})"
