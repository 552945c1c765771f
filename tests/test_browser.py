"""Every page of a built site in a real browser (Debian's Chromium via Playwright).

Two sites are built: the real project (content/ as it is on this branch, so pages other work
adds are covered once merged) and the base fixture. Pages are found by walking site/, never
from a list. One browser serves the whole session; each site gets one page with and one
without JavaScript, reused for every URL. The last tests run the same checks on a page with
planted mistakes, to prove each check can fail and says why.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import re
import shutil
import subprocess
import tarfile
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

import sitecheck
import webserver
from helpers import FIXTURES, ROOT, estimate_by_hand
from sitecheck import Site

pytestmark = pytest.mark.browser

_CSP_LISTENER = ("window.__csp = []; document.addEventListener('securitypolicyviolation',"
                 " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")
"""Collects the CSP violations of each loaded document in window.__csp."""
SCREENSHOTS = ROOT / "build" / "screenshots"
WIDTHS = {"telefoon": 390, "desktop": 1280}


@pytest.fixture(scope="session")
def js_page(site: Site, browser) -> Iterator[tuple[object, sitecheck.Browsing]]:
    browsing = sitecheck.open_context(browser, site.served.origin, viewport={"width": 1280, "height": 900})
    # The test server sends no CSP header, as GitHub Pages: only the pages' meta policy applies here.
    browsing.context.add_init_script(_CSP_LISTENER)
    page = browsing.context.new_page()
    yield page, browsing
    browsing.context.close()


@pytest.fixture(scope="session")
def nojs_page(site: Site, browser) -> Iterator[object]:
    browsing = sitecheck.open_context(browser, site.served.origin, java_script_enabled=False,
                                      viewport={"width": 1280, "height": 900})
    page = browsing.context.new_page()
    yield page
    browsing.context.close()


def test_pages_are_found_and_match_the_sitemap(site: Site, report) -> None:
    site_url = re.search(r"^site_url:\s*(\S+)", (site.project / "mkdocs.yml").read_text(), re.M).group(1)
    listed = sitecheck.sitemap_pages(site.site, site_url)
    assert listed, "sitemap.xml lists no page"
    assert set(listed) <= set(site.pages), f"sitemap pages missing in site/: {set(listed) - set(site.pages)}"
    assert "" in site.pages and "404.html" in site.pages
    report.add(site.name, "pagina's", len(site.pages))


def test_every_preview_card_loads_and_is_1200_by_630(site: Site, js_page, report) -> None:
    """Each page's og:image, read from its head with an independent parser, loads in Chromium from
    the served site at the size the tags promise."""
    from bs4 import BeautifulSoup

    page, _ = js_page
    site_url = re.search(r"^site_url:\s*(\S+)", (site.project / "mkdocs.yml").read_text(), re.M).group(1)
    sitecheck.visit(page, site.served.url(""), interact=False)
    problems, cards = [], set()
    for rel in site.content_pages():
        head = BeautifulSoup(site.html(rel), "html.parser").head
        image = head.find("meta", property="og:image")
        if image is None:
            problems.append(f"{rel}: geen og:image")
            continue
        local = site.served.url(image["content"].removeprefix(site_url))
        size = page.evaluate("""async (url) => {
            const img = new Image(); img.src = url;
            try { await img.decode(); } catch (e) { return null; }
            return [img.naturalWidth, img.naturalHeight]; }""", local)
        if size != [1200, 630]:
            problems.append(f"{rel}: {image['content']} gaf {size}")
        cards.add(image["content"])
    assert not problems, "\n".join(problems)
    report.add(site.name, "deelkaarten geladen (1200x630)", len(cards))


def test_axe_finds_no_wcag21_aa_violation(site: Site, js_page, report) -> None:
    page, _ = js_page
    problems = []
    for rel in site.pages:
        sitecheck.visit(page, site.served.url(rel), settle=False)
        problems += sitecheck.axe_problems(page, site.served.url(rel))
    report.add(site.name, "axe-overtredingen", len(problems))
    assert not problems, "\n".join(problems)


def test_every_request_stays_on_the_local_host(site: Site, js_page, report) -> None:
    page, browsing = js_page
    browsing.requests.clear()
    browsing.off_host.clear()
    violations = []
    for rel in site.pages:
        sitecheck.visit(page, site.served.url(rel))
        # The search index and worker load on first use of the search field: use it once.
        if page.locator("input.md-search__input").count():
            page.locator("input.md-search__input").fill("steun")
            page.wait_for_load_state("networkidle")
        violations += [f"{rel}: {v}" for v in page.evaluate("window.__csp")]
    report.add(site.name, "verzoeken", len(browsing.requests))
    report.add(site.name, "verzoeken naar andere hosts", len(browsing.off_host))
    report.add(site.name, "CSP-overtredingen zonder headers (alleen het meta-beleid)", len(violations))
    assert not violations, "the pages' meta policy blocks part of the site:\n" + "\n".join(violations[:10])
    assert browsing.requests, "no request seen: the guard is not active"
    assert not browsing.off_host, "requests to other hosts:\n" + "\n".join(browsing.off_host)


def test_pages_read_and_navigate_without_javascript(site: Site, nojs_page) -> None:
    page = nojs_page
    problems = []
    for rel in site.content_pages():
        url = site.served.url(rel)
        page.goto(url, wait_until="load")  # without JavaScript nothing loads after the load event
        article = page.locator("article")
        if not (article.count() and article.first.is_visible() and len(article.first.inner_text()) > 20):
            problems.append(f"{url}: main text not visible without JavaScript")
        if not page.locator("article h1").count():
            problems.append(f"{url}: no h1 in the article")
        nav_links = page.locator("nav.md-nav--primary a.md-nav__link[href]")
        visible = [nav_links.nth(i) for i in range(nav_links.count()) if nav_links.nth(i).is_visible()]
        if len(site.content_pages()) > 1 and not visible:
            problems.append(f"{url}: no visible navigation link without JavaScript")
        downloads = page.locator("a[href$='.pdf']")
        for i in range(downloads.count()):
            if not downloads.nth(i).is_visible():
                problems.append(f"{url}: download link {downloads.nth(i).get_attribute('href')} hidden")
    assert not problems, "\n".join(problems)


FOCUS_STYLE = """() => { const e = document.activeElement, s = getComputedStyle(e);
  return {tag: e.tagName, cls: e.className, href: e.getAttribute('href'),
          outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
          shadow: s.boxShadow !== 'none',
          box: e.getBoundingClientRect().toJSON()}; }"""


def test_skip_link_reaches_main_content_with_visible_focus(site: Site, js_page) -> None:
    page, _ = js_page
    problems = []
    for rel in site.content_pages():
        url = site.served.url(rel)
        sitecheck.visit(page, url, settle=False)
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_STYLE)
        if "md-skip" not in focus["cls"]:
            problems.append(f"{url}: first Tab lands on {focus['tag']}.{focus['cls']}, not the skip link")
            continue
        if not (focus["outline"] or focus["shadow"]) or focus["box"]["width"] < 1 or focus["box"]["x"] < 0:
            problems.append(f"{url}: the focused skip link is not visibly marked ({focus})")
        page.keyboard.press("Enter")
        inside = page.evaluate("""(hash) => { const t = document.getElementById(decodeURIComponent(hash.slice(1)));
                                             return !!t && !!t.closest('.md-content'); }""", focus["href"])
        if not inside:
            problems.append(f"{url}: skip link {focus['href']} does not lead into the main content")
        for _ in range(3):
            page.keyboard.press("Tab")
            after = page.evaluate(FOCUS_STYLE)
            if after["tag"] in ("A", "BUTTON", "INPUT", "LABEL") and not (after["outline"] or after["shadow"]):
                problems.append(f"{url}: focus on {after['tag']} {after['href']} is not visible")
    assert not problems, "\n".join(problems)


def test_print_of_a_chapter_has_no_navigation_chrome(site: Site, js_page, tmp_path: Path) -> None:
    chapter = site.first("methodiek")
    if chapter is None:
        pytest.skip(f"{site.name} has no methodiek chapter")
    page, _ = js_page
    sitecheck.visit(page, site.served.url(chapter))
    page.emulate_media(media="print")
    try:
        shown = page.evaluate("""() => ['.md-header', '.md-tabs', '.md-sidebar--primary',
            '.md-sidebar--secondary', '.md-footer', '.md-skip', '.md-top', '.md-search']
            .filter(s => [...document.querySelectorAll(s)].some(e => e.getBoundingClientRect().height > 0))""")
        pdf = tmp_path / "hoofdstuk.pdf"
        page.pdf(path=str(pdf), format="A4")
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        h1 = page.locator("article h1").first.inner_text().replace("¶", "").strip()
        external = page.evaluate("""() => [...document.querySelectorAll('article a[href^="http"]')]
                                      .map(a => a.getAttribute('href'))""")
    finally:
        page.emulate_media(media="screen")
    assert not shown, f"navigation chrome in print: {shown}"
    assert h1 in text
    assert "Naar inhoud" not in text and "Zoeken" not in text
    for href in external:
        assert href in text.replace("\n", ""), f"printed link without its address: {href}"


def test_html_is_valid(site: Site, report) -> None:
    problems = sitecheck.vnu_problems(site.site)
    report.add(site.name, "vnu-fouten", len(problems))
    assert not problems, "\n".join(problems)


def test_no_broken_links_or_anchors(site: Site, report) -> None:
    problems = sitecheck.linkchecker_problems(site.served.base, site.served.base)
    report.add(site.name, "kapotte links", len(problems))
    assert not problems, "\n".join(problems)


def test_screenshots(site: Site, browser, report) -> None:
    """Home, a methodiek chapter, the news timeline and every kind of chart (funnel on Resultaten,
    timeline, the estimate page before and after a calculation) at phone and desktop width, for a
    person to look at. Chart pages are found by what they contain, not from a list."""
    wanted = {"home": "", "methodiek": site.first("methodiek"), "tijdlijn": "nieuws/" if "nieuws/" in site.pages
              else None, "trechter": site.containing("snp-trechter", prefer="resultaten/"),
              "grafiek-tijdlijn": site.containing("snp-tijdlijn"), "schatting": site.containing("snp-schatting")}
    out = SCREENSHOTS / site.name
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for label, width in WIDTHS.items():
        browsing = sitecheck.open_context(browser, site.served.origin, viewport={"width": width, "height": 900})
        page = browsing.context.new_page()
        for name, rel in wanted.items():
            if rel is not None:
                sitecheck.visit(page, site.served.url(rel))
                page.screenshot(path=str(out / f"{name}-{label}.png"), full_page=True)
        if wanted["schatting"] is not None:
            # The same page once the visitor has asked for a number: the live result under the form.
            sitecheck.visit(page, site.served.url(wanted["schatting"]))
            page.locator("#snp-inwoners").fill("220000")
            page.click(".snp-schatting-form button")
            page.locator(".snp-schatting-uitkomst li").first.wait_for()
            # The whole page from the top: otherwise Material's sticky header is drawn over the middle.
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=str(out / f"schatting-ingevuld-{label}.png"), full_page=True)
        browsing.context.close()
    shots = sorted(out.glob("*.png"))
    assert len(shots) >= 2 * sum(rel is not None for rel in wanted.values())
    report.note(f"screenshots {site.name}: {out}")


CHART_OVERFLOW = """() => [...document.querySelectorAll('svg.snp-grafiek-svg')].flatMap(svg => {
  const box = svg.viewBox.baseVal, label = svg.querySelector('title').textContent;
  return [...svg.querySelectorAll('text')].map(t => [label, t.textContent, t.getBBox()])
    .filter(([, , b]) => b.x < box.x || b.x + b.width > box.x + box.width
                      || b.y < box.y || b.y + b.height > box.y + box.height)
    .map(([l, text, b]) => `${l}: "${text}" (${Math.round(b.x)}..${Math.round(b.x + b.width)} of ${box.width})`);
})"""


def test_chart_text_stays_inside_the_chart_on_a_phone(site: Site, browser) -> None:
    """Chromium measures every line of every chart at phone width: nothing may be cut off."""
    pages = [p for p in site.content_pages() if "snp-grafiek-svg" in site.html(p)]
    if not pages:
        pytest.skip(f"{site.name} has no chart")
    browsing = sitecheck.open_context(browser, site.served.origin, viewport={"width": WIDTHS["telefoon"],
                                                                             "height": 900})
    try:
        page = browsing.context.new_page()
        clipped = []
        for rel in pages:
            sitecheck.visit(page, site.served.url(rel), settle=False)
            clipped += [f"{rel}: {c}" for c in page.evaluate(CHART_OVERFLOW)]
            # The font size as drawn: the SVG's size times its scale on screen. Below 12 px is too small.
            sizes = page.evaluate("""() => [...document.querySelectorAll('svg.snp-grafiek-svg text')]
                .map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)""")
            assert min(sizes) >= 12, (rel, min(sizes))
    finally:
        browsing.context.close()
    assert not clipped, "\n".join(clipped)


# --- The checks can fail: a page with one planted mistake per check ----------------------------

@pytest.fixture(scope="module")
def broken(built_base: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[sitecheck.Served]:
    site = Path(shutil.copytree(built_base / "site", tmp_path_factory.mktemp("kapot") / "site"))
    (site / "kapot").mkdir()
    shutil.copy(FIXTURES / "browser" / "kapot.html", site / "kapot" / "index.html")
    with sitecheck.serve(site, sitecheck.site_prefix(built_base)) as served:
        yield served


def test_axe_reports_contrast_and_missing_alt(broken, browser, report) -> None:
    browsing = sitecheck.open_context(browser, broken.origin)
    page = browsing.context.new_page()
    sitecheck.visit(page, broken.url("kapot/"))
    problems = sitecheck.axe_problems(page, broken.url("kapot/"))
    browsing.context.close()
    report.proof("axe", problems)
    assert any("axe color-contrast" in p and "#cccccc" in p for p in problems), problems
    assert any("axe image-alt" in p and "logo.png" in p for p in problems), problems


def test_network_guard_reports_an_off_host_image(broken, browser, report) -> None:
    browsing = sitecheck.open_context(browser, broken.origin)
    sitecheck.visit(browsing.context.new_page(), broken.url("kapot/"))
    browsing.context.close()
    report.proof("netwerk", browsing.off_host)
    assert browsing.off_host == ["https://beelden.voorbeeld.invalid/foto.png"]


def test_vnu_reports_the_missing_alt(broken, report) -> None:
    problems = sitecheck.vnu_problems(broken.site)
    report.proof("vnu", problems)
    assert any(p.startswith("kapot/index.html") and "alt" in p for p in problems), problems
    assert sitecheck.vnu_problems(broken.site / "bestaat-niet") != []


def test_linkchecker_reports_the_broken_anchor(broken, report) -> None:
    problems = sitecheck.linkchecker_problems(broken.url("kapot/"), broken.base)
    report.proof("linkchecker", problems)
    assert any("01-eerste/#bestaat-niet" in p and "Anchor `bestaat-niet' (decoded: `bestaat-niet') not found" in p for p in problems), problems


def _real_only(site: Site, page: str) -> str:
    """The URL of a page only the real content has (the base fixture has no estimate or news)."""
    if site.name != "inhoud":
        pytest.skip(f"de proefsite heeft geen pagina {page}; deze test draait op de echte inhoud")
    return site.served.url(page)


def test_estimate_form_agrees_with_the_table_and_explains_mistakes(site: Site, js_page) -> None:
    page, _ = js_page
    sitecheck.visit(page, _real_only(site, "uw-gemeente/"))
    field = page.locator("#snp-inwoners")
    output = page.locator(".snp-schatting-uitkomst")
    # The live region is on the page, rendered and empty before the first update: a screen reader
    # only announces changes to a region it already knows.
    assert output.get_attribute("aria-live") == "polite" and output.inner_text() == ""
    assert output.evaluate("e => getComputedStyle(e).display !== 'none' && !e.closest('[hidden]')")
    rows = page.locator("table.snp-schatting-tabel tbody tr")
    for i in range(rows.count()):
        row = rows.nth(i)
        size = row.locator("th").inner_text().replace(".", "")
        table = [cell.strip() for cell in row.locator("td").all_inner_texts()]
        field.fill(size)
        page.click(".snp-schatting-form button")
        shown = [re.search(r"ongeveer (.+) per jaar", t).group(1) for t in output.locator("li").all_inner_texts()]
        assert shown == table, size
    field.fill("100000")
    page.click(".snp-schatting-form button")
    assert "Indicatie voor een gemeente met 100.000 inwoners" in output.inner_text()
    # The numbers, read from the live region, are the data file's worked out by hand.
    pilot = yaml.safe_load((site.project / "content" / "data" / "pilot.yml").read_text(encoding="utf-8"))
    items = output.locator("li")
    for i in range(items.count()):
        key = items.nth(i).get_attribute("data-cijfer").removeprefix("pilot.")
        number = re.search(r"ongeveer (.+) per jaar", items.nth(i).inner_text()).group(1)
        assert number == estimate_by_hand(pilot[key]["waarde"], pilot["inwoners_zwolle"]["waarde"],
                                          pilot["maanden"]["waarde"], 100_000), key
    assert items.count() == 4
    field.fill("abc")
    page.click(".snp-schatting-form button")
    error = page.locator("#snp-inwoners-fout")
    assert error.inner_text() == "Vul alleen cijfers in, bijvoorbeeld 85000."
    assert error.get_attribute("aria-live") == "polite"  # the mistake is announced too
    assert "snp-inwoners-fout" in field.get_attribute("aria-describedby").split()
    assert field.get_attribute("aria-invalid") == "true" and output.inner_text() == ""
    for wrong, message in (("0", "moet groter zijn dan 0"), ("-5", "moet groter zijn dan 0"), ("2000000", "hoogstens 1.000.000")):
        field.fill(wrong)
        page.click(".snp-schatting-form button")
        assert message in page.locator("#snp-inwoners-fout").inner_text()


def _without_scripts(origin: str):
    """A route handler that serves every page without its <script> elements and refuses scripts:
    the page as a visitor without JavaScript gets it, in a browser that can still run axe (axe
    does not finish in a context with JavaScript switched off: its timers never fire)."""
    def handle(route, request) -> None:
        if not request.url.startswith(origin + "/") or request.resource_type == "script":
            route.abort()
        elif request.resource_type == "document":
            response = route.fetch()
            route.fulfill(response=response, body=re.sub(r"<script\b.*?</script>", "", response.text(), flags=re.S))
        else:
            route.continue_()
    return handle


@pytest.mark.parametrize("javascript", [True, False], ids=["met-js", "zonder-js"])
def test_axe_finds_no_violation_on_the_estimate_page(site: Site, browser, report, javascript: bool) -> None:
    """axe on the estimate page as it loads, and with JavaScript also after a result and after a mistake."""
    rel = site.containing("snp-schatting")
    if rel is None:
        pytest.skip(f"{site.name} has no estimate page")
    url = site.served.url(rel)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    if javascript:
        context.route("**/*", lambda route, request: route.continue_() if request.url.startswith(
            site.served.origin + "/") else route.abort())
    else:
        context.route("**/*", _without_scripts(site.served.origin))
    try:
        page = context.new_page()
        sitecheck.visit(page, url)
        # Proof of which case this is: our script shows the form; without JavaScript no script is left.
        assert page.locator("form.snp-schatting-form").is_visible() is javascript
        assert (page.locator("script").count() > 0) is javascript
        problems = sitecheck.axe_problems(page, url)
        if javascript:
            for value in ("100000", "abc"):
                page.fill("#snp-inwoners", value)
                page.click(".snp-schatting-form button")
                problems += sitecheck.axe_problems(page, f"{url} ({value})")
    finally:
        context.close()
    report.add(site.name, f"axe-overtredingen schatting {'met' if javascript else 'zonder'} JS", len(problems))
    assert not problems, "\n".join(problems)


def test_search_loads_only_when_opened_and_finds_dutch_words(site: Site, browser) -> None:
    home = _real_only(site, "")
    browsing = sitecheck.open_context(browser, site.served.origin, viewport={"width": 1280, "height": 900})
    try:
        page = browsing.context.new_page()
        sitecheck.visit(page, home, interact=False)
        loaded = [u for u in browsing.requests if "search_index" in u or "/workers/search" in u or "/bundle." in u]
        assert loaded == [], "Material's bundle waits for an interaction, search for the search field"
        page.mouse.move(640, 40)  # the visitor's first move: the bundle loads and shows the search field
        page.wait_for_function("() => document.documentElement.classList.contains('js')")  # a function: the page's CSP refuses a string evaluated as code
        assert any("/bundle." in u for u in browsing.requests)
        assert not any("search_index" in u for u in browsing.requests)
        page.click("[data-md-component=search-query]")
        for word in ("verwerkersovereenkomst", "vrijwilliger"):
            sitecheck.type_search(page, word)
            page.wait_for_selector(".md-search-result__item", timeout=20000)
            assert page.locator(".md-search-result__item").count() > 0, word
        assert any("search_index" in u for u in browsing.requests)
        assert browsing.off_host == []
    finally:
        browsing.context.close()


def test_every_page_loads_under_the_published_csp_without_violations(site: Site, browser, report) -> None:
    """Serve each response with the headers of site/_headers (computed by the build) and listen for
    securitypolicyviolation events; search must still work under the policy."""
    from snp_site.headers import all_headers

    headers = all_headers(site.site)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    off_host: list[str] = []

    def enforce(route, request) -> None:
        if not request.url.startswith(site.served.origin + "/"):
            off_host.append(request.url)
            route.abort()
            return
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, **headers})

    context.route("**/*", enforce)
    context.add_init_script(_CSP_LISTENER)
    try:
        page = context.new_page()
        violations = []
        for rel in site.content_pages():
            sitecheck.visit(page, site.served.url(rel))
            violations += [f"{rel}: {v}" for v in page.evaluate("window.__csp")]
        sitecheck.visit(page, site.served.url(""))
        page.click("[data-md-component=search-query]")
        sitecheck.type_search(page, "vrijwilliger" if site.name == "inhoud" else "hoofdstuk")
        page.wait_for_selector(".md-search-result__item", timeout=20000)
        violations += [f"zoeken: {v}" for v in page.evaluate("window.__csp")]
    finally:
        context.close()
    assert off_host == [] and violations == [], violations[:10]
    report.add(site.name, "CSP-overtredingen", len(violations))


# --- Where the site is published: a real nginx, and a host that sends no headers of ours ------

_LONG_CACHED = re.compile(r"\.[0-9a-f]{8}\.min\.(?:js|css)$")
_TYPES = {".html": "text/html; charset=utf-8", ".pdf": "application/pdf", ".xml": "application/xml; charset=utf-8",
          ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          ".odt": "application/vnd.oasis.opendocument.text"}
"""What a browser must be told each file is (written out here, not taken from snp_site.nginx)."""
REAL_ONLY = pytest.mark.parametrize("site", ["inhoud"], indirect=True)
"""The real content only: it has the estimate, news and every kind of download (same session build)."""


def _built_headers(site_dir: Path) -> dict[str, str]:
    """The headers of site/_headers as the build wrote them, read back as a host would."""
    lines = (site_dir / "_headers").read_text(encoding="utf-8").splitlines()[1:]
    return dict(line.strip().split(": ", 1) for line in lines)


@dataclass
class Nginx:
    origin: str
    stale_origin: str
    prefix: str
    site: Path
    headers: dict[str, str]

    def url(self, rel: str, stale: bool = False) -> str:
        return (self.stale_origin if stale else self.origin) + self.prefix + rel


@pytest.fixture(scope="session")
def nginx(site: Site, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Nginx]:
    """The site as `make dist` packs it, unpacked and served by Debian's nginx with its include,
    as docs/hosting.md tells an administrator. A second server block serves the same files with
    an include whose policy has one stale hash (the hash of an older theme's script): the planted
    failure. nginx is stopped when the session ends, whatever happened."""
    from snp_site import dist
    from snp_site.nginx import INCLUDE_NAME

    folder = tmp_path_factory.mktemp("nginx")
    archive = folder / "overdracht-site-test.tar.gz"
    dist.pack(site.site, site.served.prefix, archive, 0)
    with tarfile.open(archive) as tar:
        tar.extractall(folder, filter="data")
    top = folder / "overdracht-site-test"
    include = top / INCLUDE_NAME
    scope_script = re.search(r"<script>(__md_scope=.*?)</script>", site.html(""), re.S).group(1)
    current = "sha256-" + base64.b64encode(hashlib.sha256(scope_script.encode()).digest()).decode()
    older = "sha256-" + base64.b64encode(hashlib.sha256(scope_script.replace("__md_scope", "__md_s").encode())
                                         .digest()).decode()
    assert include.read_text(encoding="utf-8").count(current) == 2  # both locations of the include
    stale = folder / "verouderd.conf"
    stale.write_text(include.read_text(encoding="utf-8").replace(current, older), encoding="utf-8")
    sites = [webserver.Site(top / "site", include, site.served.prefix),
             webserver.Site(top / "site", stale, site.served.prefix)]
    with webserver.nginx(folder / "server", sites) as (origin, stale_origin):
        yield Nginx(origin, stale_origin, site.served.prefix, top / "site", _built_headers(site.site))


def _header_problems(response, built: dict[str, str]) -> list[str]:
    """Every built header present with the built value; long caching only for fingerprinted files."""
    got = response.all_headers()
    problems = []
    for name, value in built.items():
        sent = got.get(name.lower())
        if sent == value:
            continue
        if sent is None or name != "Content-Security-Policy":
            problems.append(f"{response.url}: {name} is {sent!r}, gebouwd {value!r}")
            continue
        want, have = set(re.split(r"[;\s]+", value)), set(re.split(r"[;\s]+", sent))
        missing, extra = want - have, have - want
        problems.append(f"{response.url}: Content-Security-Policy wijkt af van _headers: mist "
                        f"{' '.join(sorted(missing))}, verzonden maar niet gebouwd {' '.join(sorted(extra))}")
    path = response.url.split("?")[0]
    cache = "public, max-age=31536000, immutable" if _LONG_CACHED.search(path) else "no-cache"
    if got.get("cache-control") != cache:
        problems.append(f"{response.url}: Cache-Control {got.get('cache-control')!r}, verwacht {cache!r}")
    return problems


def _browse_through(browser, origin: str, urls: list[str], built: dict[str, str]) -> tuple[list[str], list[str], int]:
    """Chromium loads each URL from the server: CSP violations, header problems, responses checked."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/*", lambda route, request: route.continue_() if request.url.startswith(origin + "/")
                  else route.abort())
    context.add_init_script(_CSP_LISTENER)
    responses: list[object] = []
    violations: list[str] = []
    try:
        page = context.new_page()
        page.on("response", lambda response: responses.append(response))
        for url in urls:
            sitecheck.visit(page, url, settle=False)
            violations += [f"{url}: {v}" for v in page.evaluate("window.__csp")]
        problems = [p for r in responses if r.status != 304 for p in _header_problems(r, built)]
    finally:
        context.close()
    return violations, problems, len(responses)


@REAL_ONLY
def test_nginx_serves_every_page_with_the_built_headers_and_no_csp_violation(site: Site, nginx: Nginx, browser,
                                                                               report) -> None:
    urls = [nginx.url(p) for p in site.pages] + [nginx.url("bestaat-niet/")]  # and the 404 page as a 404
    violations, problems, responses = _browse_through(browser, nginx.origin, urls, nginx.headers)
    report.add("nginx", "pagina's", len(urls))
    report.add("nginx", "antwoorden met alle headers gecontroleerd", responses)
    report.add("nginx", "headerfouten", len(problems))
    report.add("nginx", "CSP-overtredingen", len(violations))
    assert responses > len(site.pages) and not problems and not violations, (problems + violations)[:10]
    # Search under the header policy and the meta policy together, its worker and index from nginx.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(_CSP_LISTENER)
    try:
        page = context.new_page()
        sitecheck.visit(page, nginx.url(""))
        page.click("[data-md-component=search-query]")
        sitecheck.type_search(page, "vrijwilliger")
        page.wait_for_selector(".md-search-result__item", timeout=20000)
        assert page.locator(".md-search-result__item").count() > 0
        assert page.evaluate("window.__csp") == []
    finally:
        context.close()


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@REAL_ONLY
def test_nginx_gives_the_404_page_the_right_types_and_the_precompressed_files(site: Site, nginx: Nginx) -> None:
    missing = _get(nginx.url("bestaat-niet/"))
    assert missing[0] == 404 and missing[2] == (site.site / "404.html").read_bytes()
    assert missing[1]["Content-Security-Policy"] == nginx.headers["Content-Security-Policy"]
    assert _get(nginx.url("_headers"))[0] == 404  # instructions for other hosts, not for visitors
    downloads = sorted((site.site / "downloads").iterdir())
    assert {p.suffix for p in downloads} == {".pdf", ".docx", ".odt"}
    for path in [*downloads, site.site / "sitemap.xml", site.site / "index.html"]:
        status, headers, body = _get(nginx.url(path.relative_to(site.site).as_posix()))
        assert (status, headers["Content-Type"]) == (200, _TYPES[path.suffix]), path.name
        assert headers["X-Content-Type-Options"] == "nosniff" and body == path.read_bytes()
    status, headers, body = _get(nginx.url(""), **{"Accept-Encoding": "gzip"})
    assert headers.get("Content-Encoding") == "gzip" and headers.get("Vary") == "Accept-Encoding"
    # gzip_static sent the file `make dist` wrote (nginx itself does not compress here).
    assert body == (nginx.site / "index.html.gz").read_bytes()
    assert gzip.decompress(body) == (site.site / "index.html").read_bytes()


@REAL_ONLY
def test_nginx_check_catches_a_stale_hash_in_the_include(site: Site, nginx: Nginx, browser, report) -> None:
    violations, problems, _ = _browse_through(browser, nginx.stale_origin, [nginx.url("", stale=True)],
                                              nginx.headers)
    report.proof("nginx met verouderde hash", violations + problems)
    assert any("script-src-elem inline" in v for v in violations), violations
    assert any("Content-Security-Policy wijkt af van _headers" in p for p in problems), problems


_PLANTED = '<script>document.documentElement.dataset.geplant = "uitgevoerd";</script>'


@REAL_ONLY
def test_meta_policy_alone_blocks_an_injected_script_and_the_site_still_works(
        site: Site, browser, tmp_path_factory: pytest.TempPathFactory, report) -> None:
    """The GitHub Pages shape: a server that sends no headers of ours, the site under /overdracht/.
    An inline script planted in a built page (where an injection would put it) is blocked by the
    page's meta policy alone and reported, while reading, search and the estimate on that page
    work. (Every page without a violation under the meta policy alone: the request test above,
    which loads every page from the same kind of server.)"""
    copy = Path(shutil.copytree(site.site, tmp_path_factory.mktemp("zonder-headers") / "site"))
    estimate = site.containing("snp-schatting", prefer="uw-gemeente/")
    target = copy / estimate / "index.html"
    html = target.read_text(encoding="utf-8")
    target.write_text(html.replace("<article", _PLANTED + "<article", 1), encoding="utf-8")
    assert _PLANTED in target.read_text(encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(_CSP_LISTENER)
    with sitecheck.serve(copy, site.served.prefix) as served:
        context.route("**/*", lambda route, request: route.continue_()
                      if request.url.startswith(served.origin + "/") else route.abort())
        try:
            page = context.new_page()
            response = page.goto(served.url(estimate), wait_until="load")
            sent = response.all_headers()
            sitecheck.visit(page, served.url(estimate))
            planted = page.evaluate("window.__csp")
            ran = page.evaluate("document.documentElement.dataset.geplant || null")
            reading = page.locator("article h1").first.inner_text()
            page.fill("#snp-inwoners", "100000")
            page.click(".snp-schatting-form button")
            results = page.locator(".snp-schatting-uitkomst li")
            results.first.wait_for()
            estimates = results.count()
            page.click("[data-md-component=search-query]")
            sitecheck.type_search(page, "vrijwilliger")
            page.wait_for_selector(".md-search-result__item", timeout=20000)
            after = page.evaluate("window.__csp")
        finally:
            context.close()
    report.proof("meta-beleid tegen een geplant script (server zonder headers)", planted)
    assert "content-security-policy" not in sent  # no header: the meta policy alone
    assert ran is None and planted == ["script-src-elem inline"], (ran, planted)
    assert reading and estimates == 4 and after == planted
