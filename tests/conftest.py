"""Fixtures shared by all tests: a built copy of the base fixture site."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import build, make_project, real_project


@pytest.fixture(scope="session", autouse=True)
def shared_build_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One build cache (SNP_CACHE) for every build of the session, as an editor's machine has one.

    Fixture projects share their toolkit and templates, so most builds skip typesetting. Entries
    are checked against their input, and errors are never cached, so no test can pass on a stale
    result; test_toolkit proves hits, misses and damaged entries on a project's own cache.
    """
    folder = tmp_path_factory.getbasetemp() / "snp-cache"
    before = os.environ.get("SNP_CACHE")
    os.environ["SNP_CACHE"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("SNP_CACHE", None)
    else:
        os.environ["SNP_CACHE"] = before


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One Chromium for the whole session: Playwright's sync API allows one instance per thread."""
    from playwright.sync_api import sync_playwright

    import sitecheck

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=sitecheck.CHROMIUM, args=sitecheck.CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def built_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The base fixture project, built once per session. Copy it before changing anything."""
    project = make_project(tmp_path_factory.mktemp("base") / "project")
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture
def base_copy(built_base: Path, tmp_path: Path) -> Path:
    """A private copy of the built base project, site/ included."""
    return Path(shutil.copytree(built_base, tmp_path / "project", symlinks=True))


@pytest.fixture(scope="session", params=["inhoud", "proefsite"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """The real project's site or the base fixture's, built and served on 127.0.0.1, once per session
    for every browser test module (test_browser, test_a11y)."""
    import sitecheck

    where = tmp_path_factory.mktemp(request.param) / "project"
    project = real_project(where) if request.param == "inhoud" else make_project(where)
    result = build(project)
    assert result.returncode == 0, result.stderr
    with sitecheck.serve(project / "site", sitecheck.site_prefix(project)) as served:
        yield sitecheck.Site(request.param, project, served, sitecheck.html_pages(project / "site"))


class Report:
    """Figures the browser suite counts, printed at the end of the run (pages, violations, ...)."""

    def __init__(self) -> None:
        self.counts: dict[str, dict[str, int]] = {}
        self.notes: list[str] = []
        self.proofs: dict[str, list[str]] = {}

    def add(self, site: str, what: str, n: int) -> None:
        self.counts.setdefault(site, {})[what] = n

    def note(self, text: str) -> None:
        self.notes.append(text)

    def proof(self, check: str, problems: list[str]) -> None:
        self.proofs[check] = problems


_REPORT = Report()


@pytest.fixture(scope="session")
def report() -> Report:
    return _REPORT


def pytest_terminal_summary(terminalreporter) -> None:
    if not (_REPORT.counts or _REPORT.proofs):
        return
    tr = terminalreporter
    tr.section("browsercontrole")
    for site, counts in sorted(_REPORT.counts.items()):
        tr.line(f"{site}: " + ", ".join(f"{n} {what}" for what, n in counts.items()))
    for note in _REPORT.notes:
        tr.line(note)
    for check, problems in sorted(_REPORT.proofs.items()):
        tr.line(f"kapotte proefpagina, {check} meldt {len(problems)}:")
        for problem in problems:
            tr.line(f"  {problem[:300]}")


OUTCOMES: dict[str, str] = {}
"""Each test's outcome so far in this run (node id: passed, failed, skipped): the statement test
(test_a11y) refuses a claim whose test did not pass."""


def pytest_runtest_logreport(report) -> None:
    if report.when == "call" or report.outcome != "passed":
        OUTCOMES[report.nodeid] = report.outcome
