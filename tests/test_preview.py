"""Live preview in Chromium: a served fixture shows the Dutch error page while content is wrong,
then recovers by itself when the editor fixes the file.

The editor's view is one open browser tab. So the test opens the page once and never calls
reload or goto again: every change it waits for must arrive through MkDocs' livereload script,
as it does for an editor who saves a file in another window.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import sitecheck
from helpers import BASE_SITE, FIXTURES, apply, make_project

pytestmark = pytest.mark.browser

CASE = FIXTURES / "invalid" / "vijf-fouten-tegelijk"
PAGE = "methodiek/01-eerste/"
WAIT_MS = 90_000
"""Generous: a rebuild takes a few seconds, but the machine may be busy with other builds."""


@dataclass
class Preview:
    project: Path
    origin: str
    url: str


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    project = make_project(tmp_path / "project")
    log = tmp_path / "serve.log"
    with sitecheck.live_preview(project, log, seconds=WAIT_MS / 1000) as served:
        yield Preview(project, served.origin, served.url(PAGE))
    assert "Traceback" not in log.read_text(encoding="utf-8")


def golden_errors() -> list[tuple[str, str]]:
    """(where and what, fix) for each error of the case, read from its expected.txt."""
    lines = (CASE / "expected.txt").read_text(encoding="utf-8").splitlines()
    return [(line, fix.strip().removeprefix("Oplossing: ")) for line, fix in zip(lines, lines[1:])
            if fix.startswith("  Oplossing: ")]


def summary_line() -> str:
    return (CASE / "expected.txt").read_text(encoding="utf-8").splitlines()[-1].rstrip(".")


def loaded_again(page, loads: list[str], before: int) -> bool:
    """Whether the tab fired another load event. The new text shows as soon as the page is parsed,
    before its load event (which waits for stylesheets and scripts) reaches our listener: wait for it."""
    deadline = time.monotonic() + WAIT_MS / 1000
    while len(loads) <= before and time.monotonic() < deadline:
        page.wait_for_timeout(50)  # lets Playwright deliver the event
    return len(loads) > before


def axe_on_settled_page(page, url: str, heading) -> list[str]:
    """axe's findings on the error page. The toolkit of the first build may finish in the background
    while the test runs (a busy machine), and its rebuild reloads the tab once more with the same
    error page: axe's script then loses its page. Run it again on the reloaded page, which must still
    be the error page."""
    from playwright.sync_api import Error, expect

    for _ in range(3):
        try:
            return sitecheck.axe_problems(page, url)
        except Error as lost:
            if "Execution context was destroyed" not in str(lost):
                raise
            page.wait_for_load_state("load")
            expect(heading).to_contain_text(f"De pagina kan niet worden gebouwd: {summary_line()}",
                                            timeout=WAIT_MS)
    raise AssertionError("the error page kept reloading: axe never finished on it")


def test_editor_sees_errors_and_recovery_without_reloading(preview: Preview, browser) -> None:
    chapter = preview.project / "content" / "methodiek" / "01-eerste.md"
    news = preview.project / "content" / "nieuws" / "2017-06-23-bericht.md"
    from playwright.sync_api import expect  # here, not at the top: collecting needs no Playwright

    browsing = sitecheck.open_context(browser, preview.origin, viewport={"width": 1280, "height": 900})
    try:
        page = browsing.context.new_page()
        loads: list[str] = []
        page.on("load", lambda loaded: loads.append(loaded.url))
        # Not sitecheck.visit: livereload's long poll keeps a request open, so the network is
        # never idle. The poll starts on the load event.
        page.goto(preview.url, wait_until="load")
        heading = page.locator("h1")
        expect(heading).to_contain_text("Eerste hoofdstuk", timeout=WAIT_MS)
        opened = len(loads)

        apply(preview.project, CASE / "project")
        # Saving two files may show a page with only the first file's errors in between.
        expect(heading).to_contain_text(f"De pagina kan niet worden gebouwd: {summary_line()}",
                                        timeout=WAIT_MS)
        text = re.sub(r"\s+", " ", page.locator("main").inner_text())
        for where_and_what, fix in golden_errors():
            assert where_and_what in text
            assert f"Oplossing: {fix}" in text
        assert page.url == preview.url and loaded_again(page, loads, opened), "the error page came by livereload"
        problems = axe_on_settled_page(page, preview.url, heading)
        assert not problems, "\n".join(problems)

        broken = len(loads)
        for good in (chapter, news):
            good.write_text((BASE_SITE / good.relative_to(preview.project)).read_text(encoding="utf-8"),
                            encoding="utf-8")
        expect(heading).to_contain_text("Eerste hoofdstuk", timeout=WAIT_MS)
        expect(page.locator("article")).to_contain_text("Tekst van het eerste hoofdstuk", timeout=WAIT_MS)
        assert page.url == preview.url and loaded_again(page, loads, broken), "the fixed page came by livereload"
        assert browsing.off_host == [], browsing.off_host
    finally:
        browsing.context.close()


def test_pages_come_first_and_the_toolkit_errors_follow(tmp_path: Path, browser) -> None:
    """The toolkit is made after the pages are shown: a saved chapter shows at once, its download
    link says the PDF is being made (and is not reported as broken meanwhile), and what the finished PDF gets wrong (here: no Open Sans on the
    machine) reaches the error page by livereload when it comes."""
    from playwright.sync_api import expect  # here, not at the top: collecting needs no Playwright

    project = make_project(tmp_path / "project", FIXTURES / "site", FIXTURES / "toolkit")
    fonts = tmp_path / "fonts.conf"  # fontconfig that knows only Liberation: the PDF check must object
    fonts.write_text(f"<?xml version='1.0'?><fontconfig><dir>/usr/share/fonts/truetype/liberation</dir>"
                     f"<cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>")
    log = tmp_path / "serve.log"
    with sitecheck.live_preview(project, log, seconds=WAIT_MS / 1000, SNP_CACHE="uit",
                                FONTCONFIG_FILE=str(fonts)) as served:
        browsing = sitecheck.open_context(browser, served.origin, viewport={"width": 1280, "height": 900})
        try:
            page = browsing.context.new_page()
            page.goto(served.url(PAGE), wait_until="load")
            chapter = project / "content" / "methodiek" / "01-eerste.md"
            chapter.write_text(chapter.read_text(encoding="utf-8") + "\nEen nieuwe zin.\n\n[[download toolkit]]\n",
                               encoding="utf-8")
            # The page first, with the new text and a link saying the PDF is being made ...
            expect(page.locator("article")).to_contain_text("Een nieuwe zin.", timeout=WAIT_MS)
            link = page.locator("a[download]", has_text="Download de Toolkit Proefsite")
            expect(link).to_contain_text("(PDF, wordt nu gemaakt)", timeout=WAIT_MS)
            # The link to the PDF that is still being made is not called broken meanwhile.
            assert "gaat naar iets dat niet op de site komt" not in log.read_text(encoding="utf-8")
            # ... then the finished toolkit's problem, on the error page, by livereload.
            expect(page.locator("h1")).to_contain_text("De pagina kan niet worden gebouwd", timeout=WAIT_MS)
            expect(page.locator("main")).to_contain_text("in plaats van Open Sans", timeout=WAIT_MS)
            assert page.url == served.url(PAGE)
        finally:
            browsing.context.close()
    assert "Traceback" not in log.read_text(encoding="utf-8")
