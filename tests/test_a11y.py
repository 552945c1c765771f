"""Accessibility beyond axe (issue 21), on every page of the real site and of the base fixture.

The sites are the browser suite's (the session fixture `site` in conftest.py), the browser its
one Chromium. Each check visits every page once in its own context: reflow and text spacing at
320 CSS px, 200 % text, forced colours, reduced motion, the accessibility tree, HTML_CodeSniffer,
and a keyboard-only journey. The last tests plant one mistake per check and prove it is caught.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import a11ycheck
import a11ypdf
import sitecheck
from helpers import ROOT
from sitecheck import Site

pytestmark = pytest.mark.browser

FORCED = ROOT / "build" / "screenshots" / "hoog-contrast"


@pytest.fixture(scope="module")
def narrow(site: Site, browser) -> Iterator[object]:
    """A phone 320 CSS px wide: WCAG 1.4.10's width (1280 px at 400 % zoom)."""
    browsing = sitecheck.open_context(browser, site.served.origin, viewport={"width": 320, "height": 640})
    yield browsing.context.new_page()
    browsing.context.close()


@pytest.fixture(scope="module")
def wide(site: Site, browser) -> Iterator[object]:
    browsing = sitecheck.open_context(browser, site.served.origin, viewport={"width": 1280, "height": 900})
    yield browsing.context.new_page()
    browsing.context.close()


def _every_page(site: Site, page, check, before=None) -> list[str]:
    problems = []
    for rel in site.pages:
        url = site.served.url(rel)
        sitecheck.visit(page, url, settle=False)
        if before:
            before(page)
        problems += check(page, url)
    return problems


def test_reflow_at_320_px(site: Site, narrow, report) -> None:
    problems = _every_page(site, narrow, a11ycheck.reflow_problems)
    report.add(site.name, "reflow-fouten (320 px)", len(problems))
    assert not problems, "\n".join(problems)


def test_text_spacing_loses_no_text(site: Site, narrow, report) -> None:
    problems = _every_page(site, narrow, a11ycheck.lost_text_problems,
                           lambda page: a11ycheck.add_css(page, a11ycheck.TEXT_SPACING_CSS))
    report.add(site.name, "tekstafstand-fouten (320 px)", len(problems))
    assert not problems, "\n".join(problems)


def _double_text(page) -> None:
    """Text-only zoom to 200 %: the root font size doubled (Material sizes everything in rem)."""
    size = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    a11ycheck.add_css(page, f"html {{ font-size: {2 * size}px !important; }}")


def test_text_at_200_percent_loses_nothing(site: Site, wide, report) -> None:
    problems = _every_page(site, wide, a11ycheck.lost_text_problems, _double_text)
    report.add(site.name, "zoom-fouten (200 % tekst)", len(problems))
    assert not problems, "\n".join(problems)


def test_reduced_motion_stops_every_transition(site: Site, browser, report) -> None:
    browsing = sitecheck.open_context(browser, site.served.origin, reduced_motion="reduce",
                                      viewport={"width": 1280, "height": 900})
    try:
        problems = _every_page(site, browsing.context.new_page(), a11ycheck.motion_problems)
    finally:
        browsing.context.close()
    report.add(site.name, "bewegingen bij reduced motion", len(problems))
    assert not problems, "\n".join(problems[:40])


def test_accessibility_tree(site: Site, wide, report) -> None:
    problems = _every_page(site, wide, a11ycheck.tree_problems)
    report.add(site.name, "fouten in de toegankelijkheidsboom", len(problems))
    assert not problems, "\n".join(problems)


def test_html_codesniffer_finds_no_error(site: Site, wide, report) -> None:
    problems = _every_page(site, wide, a11ycheck.htmlcs_problems)
    report.add(site.name, "HTML_CodeSniffer-fouten", len(problems))
    assert not problems, "\n".join(problems)


def test_forced_colours_keep_focus_controls_and_charts_visible(site: Site, browser, report) -> None:
    """Windows high contrast, emulated: the focus ring, the checklist boxes, the charts and the
    estimate form stay visible. Screenshots of each kind of page go to build/screenshots/ for a person."""
    wanted = {"home": "", "checklist": site.containing("task-list-item"),
              "grafiek": site.containing("snp-grafiek-svg", prefer="resultaten/"),
              "schatting": site.containing("snp-schatting")}
    out = FORCED / site.name
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    browsing = sitecheck.open_context(browser, site.served.origin, forced_colors="active",
                                      viewport={"width": 1280, "height": 900})
    try:
        page = browsing.context.new_page()
        problems = []
        for rel in site.pages:
            url = site.served.url(rel)
            sitecheck.visit(page, url, settle=False)
            assert page.evaluate("matchMedia('(forced-colors: active)').matches")
            problems += a11ycheck.forced_colour_problems(page, url)
        for name, rel in wanted.items():
            if rel is None:
                continue
            sitecheck.visit(page, site.served.url(rel), settle=False)
            if name == "schatting":
                page.fill("#snp-inwoners", "100000")
                page.click(".snp-schatting-form button")
                page.focus("#snp-inwoners")
                page.keyboard.press("Shift+Tab")
                page.keyboard.press("Tab")
            else:
                page.keyboard.press("Tab")  # the skip link, focused
            # The skip link slides in (Material: 250 ms): photograph it once it is there.
            page.evaluate("() => Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)))")
            page.screenshot(path=str(out / f"{name}.png"), full_page=name != "home")
    finally:
        browsing.context.close()
    report.add(site.name, "hoog-contrast-fouten", len(problems))
    report.note(f"hoog-contrast screenshots {site.name}: {out}")
    assert not problems, "\n".join(problems)


def test_keyboard_journey_home_download_search_estimate(site: Site, browser) -> None:
    """Keyboard only, focus visible at every step: the home page's download, the search, a result
    to the estimate page, the form and its answer."""
    if site.name != "inhoud":
        pytest.skip("de proefsite heeft geen download, schatting of zoekindex van de echte inhoud")
    browsing = sitecheck.open_context(browser, site.served.origin, viewport={"width": 1280, "height": 900})
    page = browsing.context.new_page()
    problems = []
    try:
        sitecheck.visit(page, site.served.url(""), settle=False)
        found, seen = a11ycheck.tab_until(page, "home", "a[href$='.pdf']")
        problems += seen
        assert found, problems
        with page.expect_download() as download:
            page.keyboard.press("Enter")
        assert download.value.suggested_filename.endswith(".pdf")
        found, seen = a11ycheck.tab_until(page, "home", "input.md-search__input")
        problems += seen
        assert found, problems
        page.keyboard.type("betekent dit voor uw gemeente")
        page.wait_for_selector(".md-search-result__item", timeout=20000)
        for _ in range(15):
            page.keyboard.press("ArrowDown")
            if "uw-gemeente/" in (page.evaluate("document.activeElement.getAttribute('href')") or ""):
                break
        problems += a11ycheck.focus_step(page, "zoekresultaat")[1]
        assert "uw-gemeente/" in (page.evaluate("document.activeElement.getAttribute('href')") or "")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "/uw-gemeente/" in page.url, page.url
        page.mouse.move(5, 5)
        page.wait_for_function(sitecheck._BUNDLE_STARTED)
        found, seen = a11ycheck.tab_until(page, "schatting", "#snp-inwoners")
        problems += seen
        assert found, problems
        page.keyboard.type("100000")
        page.keyboard.press("Enter")
        page.locator(".snp-schatting-uitkomst li").first.wait_for()
        found, seen = a11ycheck.tab_until(page, "schatting", "a[href], input, button", limit=3)
        problems += seen
    finally:
        browsing.context.close()
    assert not problems, "\n".join(problems)


def test_pdf_reading_order_alt_text_links_and_language(site: Site, report) -> None:
    """Every PDF the site offers, read as assistive technology reads it (tests/a11ypdf.py)."""
    pdfs = sorted(site.site.rglob("*.pdf"))
    assert pdfs, f"{site.name}: geen PDF op de site"
    problems = []
    for pdf in pdfs:
        problems += a11ypdf.reading_order_problems(pdf)
        found, counts = a11ypdf.tag_problems(pdf)
        problems += found
        report.add(site.name, f"figuren in {pdf.name}", counts["/Figure"])
        report.add(site.name, f"links in {pdf.name}", counts["/Link"])
    report.add(site.name, "PDF-toegankelijkheidsfouten", len(problems))
    assert not problems, "\n".join(problems)


# --- The checks can fail: one planted mistake per check, on the base fixture's home page -------

@pytest.fixture(scope="module")
def plain(built_base: Path) -> Iterator[sitecheck.Served]:
    with sitecheck.serve(built_base / "site", sitecheck.site_prefix(built_base)) as served:
        yield served


def _planted(browser, served: sitecheck.Served, html: str = "", css: str = "", **options):
    """The fixture's home page with `html` added to the article and `css` to the page."""
    options.setdefault("viewport", {"width": 1280, "height": 900})
    browsing = sitecheck.open_context(browser, served.origin, **options)
    page = browsing.context.new_page()
    sitecheck.visit(page, served.url(""), settle=False)
    if html:
        page.evaluate("html => document.querySelector('article').insertAdjacentHTML('beforeend', html)", html)
    if css:
        a11ycheck.add_css(page, css)
    return browsing, page


LONG = "Dit is een lange zin die niet in een klein vak past als de letters verder uit elkaar staan."


def test_reflow_catches_a_wide_block_and_an_unlabelled_scroller(plain, browser, report) -> None:
    browsing, page = _planted(browser, plain, '<p class="k-breed">breed</p>'
                              '<div class="k-schuif"><div class="k-rij">rij</div></div>',
                              css=".k-breed { width: 700px; } .k-schuif { overflow-x: auto; } .k-rij { width: 900px; }",
                              viewport={"width": 320, "height": 640})
    problems = a11ycheck.reflow_problems(page, "kapot")
    browsing.context.close()
    report.proof("reflow", problems)
    assert any("schuift" in p and "opzij bij 320 px" in p and "p.k-breed (" in p for p in problems), problems
    assert any("div.k-schuif schuift opzij maar is geen tabel of code" in p for p in problems), problems


def test_text_spacing_catches_clipped_and_overlapping_text(plain, browser, report) -> None:
    browsing, page = _planted(browser, plain, f'<p class="k-vak">{LONG}</p>'
                              '<p>Eerste alinea.</p><p class="k-op">Tweede alinea.</p>',
                              css=".k-vak { height: 1.7em; overflow: hidden; } .k-op { margin-top: -3em; }",
                              viewport={"width": 320, "height": 640})
    a11ycheck.add_css(page, a11ycheck.TEXT_SPACING_CSS)
    problems = a11ycheck.lost_text_problems(page, "kapot")
    browsing.context.close()
    report.proof("tekstafstand", problems)
    assert any("knipt tekst af" in p and "Dit is een lange zin" in p for p in problems), problems
    assert any("overlappen" in p and "Tweede alinea" in p for p in problems), problems


def test_zoom_catches_a_box_of_fixed_height(plain, browser, report) -> None:
    browsing, page = _planted(browser, plain, '<p class="k-vast">Kort.</p>',
                              css=".k-vast { height: 30px; overflow: hidden; }")
    before = a11ycheck.lost_text_problems(page, "kapot")
    _double_text(page)
    problems = a11ycheck.lost_text_problems(page, "kapot")
    browsing.context.close()
    report.proof("zoom 200 %", problems)
    assert before == []  # the box holds its text at 100 %: only the zoom cuts it off
    assert any("knipt tekst af" in p and "Kort." in p for p in problems), problems


def test_reduced_motion_catches_a_transition(plain, browser, report) -> None:
    browsing, page = _planted(browser, plain, css=".md-content p { transition: color 3s !important; }",
                              reduced_motion="reduce")
    problems = a11ycheck.motion_problems(page, "kapot")
    browsing.context.close()
    report.proof("reduced motion", problems)
    assert any("transition color 3s" in p for p in problems), problems


def test_tree_catches_landmarks_headings_and_nameless_controls(plain, browser, report) -> None:
    browsing, page = _planted(browser, plain, '<main><h1>Tweede titel</h1><h4>Te diep</h4>'
                              '<a href="#ergens"></a><button></button></main>')
    problems = a11ycheck.tree_problems(page, "kapot")
    browsing.context.close()
    report.proof("toegankelijkheidsboom", problems)
    for expected in ("2 main-landmarks", "2 koppen van niveau 1", "springt van niveau 1 naar 4",
                     "een link zonder naam", "een button zonder naam"):
        assert any(expected in p for p in problems), (expected, problems)


def test_html_codesniffer_catches_an_image_without_alt(plain, browser, report) -> None:
    browsing, page = _planted(browser, plain, '<img src="logo.png">')
    problems = a11ycheck.htmlcs_problems(page, "kapot")
    browsing.context.close()
    report.proof("HTML_CodeSniffer", problems)
    assert any("H37" in p and "logo.png" in p for p in problems), problems


def test_forced_colours_catch_a_focus_ring_of_box_shadow(plain, browser, report) -> None:
    browsing, page = _planted(browser, plain, css=":focus-visible, .md-skip:focus { outline: none !important;"
                              " box-shadow: 0 0 0 3px #8a3b12 !important; }", forced_colors="active")
    problems = a11ycheck.forced_colour_problems(page, "kapot")
    browsing.context.close()
    report.proof("hoog contrast", problems)
    assert any("in hoog contrast geen outline" in p for p in problems), problems


def test_keyboard_check_catches_an_invisible_focus(plain, browser, report) -> None:
    browsing, page = _planted(browser, plain, css="a:focus-visible { outline: none !important; }")
    found, problems = a11ycheck.tab_until(page, "kapot", "article a[href]")
    browsing.context.close()
    report.proof("toetsenbord", problems)
    assert found and any("is niet zichtbaar" in p for p in problems), problems


def test_pdf_check_catches_tags_out_of_order_a_nameless_figure_and_english(built_base: Path, tmp_path: Path,
                                                                           report) -> None:
    import pikepdf

    source = sorted((built_base / "site").rglob("*.pdf"))[0]
    broken = tmp_path / "kapot.pdf"
    with pikepdf.open(source) as doc:
        doc.Root.Lang = pikepdf.String("en-GB")
        top = doc.Root.StructTreeRoot.K
        document = top[0] if isinstance(top, pikepdf.Array) else top
        kids = list(document.K)
        document.K = pikepdf.Array(kids[len(kids) // 2:] + kids[:len(kids) // 2])  # second half read first
        document.K.append(doc.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem,
                                                               S=pikepdf.Name.Figure, P=document)))
        doc.save(broken)
    problems = a11ypdf.reading_order_problems(broken)
    found, _ = a11ypdf.tag_problems(broken)
    report.proof("PDF", problems + found)
    assert any("staat niet op deze plek in de leesvolgorde" in p for p in problems), problems
    assert any("documenttaal is 'en-GB'" in p for p in found), found
    assert any("figuur zonder alternatieve tekst" in p for p in found), found


# --- The toegankelijkheidsverklaring claims no more than these tests show ----------------------

STATEMENT = ROOT / "content" / "toegankelijkheid.md"
SECTION = "## Wat we bij elke wijziging testen"
CLAIMS = {
    "Twee programma's zoeken fouten": ["test_browser.py::test_axe_finds_no_wcag21_aa_violation",
                                       "test_a11y.py::test_html_codesniffer_finds_no_error"],
    "Op een smal scherm": ["test_a11y.py::test_reflow_at_320_px"],
    "Met meer ruimte tussen regels": ["test_a11y.py::test_text_spacing_loses_no_text"],
    "Met twee keer zo grote letters": ["test_a11y.py::test_text_at_200_percent_loses_nothing"],
    "In hoog contrast van Windows": ["test_a11y.py::test_forced_colours_keep_focus_controls_and_charts_visible"],
    "Als u minder beweging wilt": ["test_a11y.py::test_reduced_motion_stops_every_transition"],
    "Elke pagina heeft één hoofdinhoud": ["test_a11y.py::test_accessibility_tree"],
    "Elke link en elke knop heeft een naam": ["test_a11y.py::test_accessibility_tree"],
    "Met alleen het toetsenbord": ["test_a11y.py::test_keyboard_journey_home_download_search_estimate"],
    "De eerste link op elke pagina": ["test_browser.py::test_skip_link_reaches_main_content_with_visible_focus"],
    "In de PDF van de toolkit": ["test_a11y.py::test_pdf_reading_order_alt_text_links_and_language"],
}
"""Each sentence of the statement's list of tests (by its first words) and the tests that prove it."""


def statement_claims(text: str) -> list[str]:
    """The bullets of the statement's section on tests, each as one line."""
    if SECTION not in text:
        return []
    section = text.split(SECTION, 1)[1].split("\n## ", 1)[0]
    if "\n- " not in section:
        return []
    # Everything from the first bullet on, split at each bullet: the first bullet counts too.
    return [" ".join(item.split()) for item in ("\n- " + section.split("\n- ", 1)[1]).split("\n- ")[1:]]


def claim_problems(text: str, collected: set[str], outcomes: dict[str, str]) -> list[str]:
    """A claim without a test, a test that does not exist in this run, or one that did not pass."""
    problems = []
    claims = statement_claims(text)
    if not claims:
        problems.append(f"de verklaring heeft geen lijst onder '{SECTION}'")
    for claim in claims:
        tests = next((t for start, t in CLAIMS.items() if claim.startswith(start)), None)
        if tests is None:
            problems.append(f"bewering zonder test: '{claim[:70]}'")
            continue
        for test in tests:
            runs = [nodeid for nodeid in collected if nodeid.split("/")[-1].split("[")[0] == test]
            if not runs:
                problems.append(f"'{claim[:40]}': test {test} bestaat niet in deze testrun")
            # A test not run yet (later in the run) counts as not failed; a skip on one site is
            # fine if the other site ran it.
            failed = [n for n in runs if outcomes.get(n) == "failed"]
            if failed or (runs and all(outcomes.get(n) == "skipped" for n in runs)):
                problems.append(f"'{claim[:40]}': test {test} is niet geslaagd: {failed or 'overgeslagen'}")
    return problems


def test_statement_claims_only_what_the_tests_show(request: pytest.FixtureRequest, report) -> None:
    """Every sentence under the statement's list of tests names tests collected in this run (both
    sites), and those of this module that ran before this one passed; a planted claim is caught."""
    from conftest import OUTCOMES

    collected = {item.nodeid for item in request.session.items}
    problems = claim_problems(STATEMENT.read_text(encoding="utf-8"), collected, OUTCOMES)
    report.add("verklaring", "beweringen", len(statement_claims(STATEMENT.read_text(encoding="utf-8"))))
    assert not problems, "\n".join(problems)
    planted = STATEMENT.read_text(encoding="utf-8").replace(
        "\n- Twee programma's", "\n- Een deskundige heeft de site volledig onderzocht.\n- Twee programma's", 1)
    reflow = next(n for n in collected if "test_reflow_at_320_px" in n)
    caught = claim_problems(planted, collected, {**OUTCOMES, reflow: "failed"})
    report.proof("verklaring", caught)
    assert any("bewering zonder test: 'Een deskundige" in p for p in caught), caught
    assert any("test_reflow_at_320_px is niet geslaagd" in p for p in caught), caught
