"""The real site, built from this repository's content/, read back with an HTML parser.

Checks what a municipality relies on: every page builds, the funnel figures on Resultaten are
the data file's, no number appears without a source, and no contact detail appears that the
sources do not give. The expected values are read from the data files with PyYAML and the
pages with BeautifulSoup, independently of the plugin's own code.
"""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest
import yaml
from bs4 import BeautifulSoup

from helpers import ROOT, build, real_project

MONTHS = ("januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december")
DATE = re.compile(rf"\b(?:\d{{1,2}} (?:{MONTHS})(?: \d{{4}})?|(?:{MONTHS}) \d{{4}}|(?:19|20)\d{{2}})\b", re.I)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<![\w-])(?:\+31|0)\d(?:[ -]?\d){7,9}(?![\w-])")
FUNNEL = ("brieven", "telefonisch_bereikt", "afspraken", "gekoppeld")
# Web addresses the sources give: the pilot site (002), Impluz (002), the ministry's letterhead (001).
SOURCE_HOSTS = {"www.steunnapartnerverlieszwolle.nl", "www.impluz.nl", "www.rijksoverheid.nl"}


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = real_project(tmp_path_factory.mktemp("echt") / "project")
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project


def data(name: str) -> dict:
    return yaml.safe_load((ROOT / "content" / "data" / f"{name}.yml").read_text(encoding="utf-8"))


def article(project: Path, url: str) -> BeautifulSoup:
    html = (project / "site" / url / "index.html").read_text(encoding="utf-8")
    found = BeautifulSoup(html, "html.parser").select_one("article")
    assert found is not None, url
    return found


def pages(project: Path) -> list[str]:
    """The URL of every Markdown page in content/ (directory URLs, as mkdocs.yml sets; a news
    item is published under its name without the date, see docs/nieuws-feed.md)."""
    urls = []
    for md in sorted((project / "content").rglob("*.md")):
        rel = md.relative_to(project / "content").with_suffix("").as_posix()
        if rel.startswith("nieuws/") and rel != "nieuws/index":
            rel = "nieuws/" + re.sub(r"^\d{4}-\d{2}(?:-\d{2})?-", "", rel.removeprefix("nieuws/"))
        urls.append("" if rel == "index" else rel.removesuffix("/index"))
    return urls


BUILD_MADE = (".snp-downloads, .snp-download, .snp-schatting, .snp-grafiek desc, .snp-editie-nummer, "
              "sup[id^='fnref'], .footnote, .snp-bron, .snp-bron-kop, .snp-grafiek-bron")
"""Numbers the build writes itself, not an editor: file sizes of downloads, the estimate (table and form) and
a chart's text alternative, all computed from the data file or its limits (tests/test_charts.py checks them);
the numbers of notes and what they say (the place in the source and its words, checked against the source's
index), and the data of each source on the Bronnen page (from content/bronnen/)."""


def nav_files(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [f for value in node.values() for f in nav_files(value)]
    if isinstance(node, list):
        return [f for item in node for f in nav_files(item)]
    return []


def test_every_page_is_built_and_in_the_nav(real_site: Path) -> None:
    for url in pages(real_site):
        assert (real_site / "site" / url / "index.html").is_file(), url
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    in_nav = set(nav_files(config["nav"]))
    ours = {md.relative_to(real_site / "content").as_posix()
            for md in (real_site / "content").rglob("*.md") if "nieuws" not in md.parts}
    assert ours <= in_nav, sorted(ours - in_nav)


def test_funnel_on_resultaten_equals_the_data_file(real_site: Path) -> None:
    pilot = data("pilot")
    page = article(real_site, "resultaten")
    for key in FUNNEL:
        expected = f"{pilot[key]['waarde']:,}".replace(",", ".")
        shown = {span.get_text() for span in page.select(f'[data-cijfer="pilot.{key}"]')}
        assert shown == {expected}, key
    # The chart's table reads top to bottom as the funnel: each step a subset of the one before.
    cells = [row.select("td")[0].get_text(strip=True) for row in page.select("table.snp-grafiek-tabel tbody tr")]
    assert cells == [str(pilot[key]["waarde"]) for key in FUNNEL]
    assert [int(c) for c in cells] == sorted((int(c) for c in cells), reverse=True)


def test_every_number_is_a_date_a_figure_or_allowed(real_site: Path) -> None:
    allowed = sorted((str(entry["waarde"]) for entry in data("toegestaan").values()), key=len, reverse=True)
    for url in pages(real_site):
        page = article(real_site, url)
        for span in page.select(f".snp-cijfer, {BUILD_MADE}"):
            span.decompose()
        text = " ".join(page.get_text(" ").split())
        for literal in allowed:
            text = text.replace(literal, " ")
        assert not re.findall(r"\d+", DATE.sub(" ", text)), url


def _digits_or_lower(detail: str) -> str:
    return re.sub(r"^(?:mailto:|tel:)|[^\w@.+]|\.(?=\d)", "", detail.lower())


def test_no_contact_detail_that_the_sources_do_not_give(real_site: Path) -> None:
    # Only details listed with their source in the allow-list may appear (today: none).
    sourced = {_digits_or_lower(str(entry["waarde"])) for entry in data("toegestaan").values()}
    # The contact route is the editors' own, set in mkdocs.yml (docs/onderbouwing.md).
    sourced |= {_digits_or_lower(contact_setting()["email"])} if contact_setting().get("email") else set()
    for html_file in sorted((real_site / "site").rglob("*.html")):
        soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        for made in soup.select(BUILD_MADE):
            made.decompose()
        text = soup.get_text(" ")
        hrefs = [a.get("href", "") for a in soup.select("a[href]")]
        found = EMAIL.findall(text) + PHONE.findall(text) + [
            h for h in hrefs if h.startswith(("mailto:", "tel:"))]
        assert {_digits_or_lower(d) for d in found} <= sourced, (html_file, found)
        content = soup.select_one("article")
        for a in content.select("a[href^='http']") if content else []:
            host = re.match(r"https?://([^/]+)", a["href"]).group(1)
            if host != "www.steunnapartnerverlieszwolle.nl" or "/overdracht/" not in a["href"]:
                assert host in SOURCE_HOSTS, (html_file, a["href"])


def test_handreiking_tools(real_site: Path) -> None:
    checklists = article(real_site, "handreiking/10-checklists")
    assert len(checklists.select("li input[type=checkbox]")) >= 20
    letter = article(real_site, "handreiking/11-modelbrief").get_text(" ")
    for placeholder in ("[naam gemeente]", "[naam welzijnsorganisatie]", "[telefoonnummer welzijnsorganisatie]"):
        assert placeholder in letter
    privacy = " ".join(article(real_site, "handreiking/12-gegevens-en-privacy").get_text(" ").split())
    for words in ("verwerkersovereenkomst", "bewerkersovereenkomst", "verwerkingsverantwoordelijke",
                  "artikel 28", "artikel 35", "DPIA", "25 mei 2018"):
        assert words in privacy, words


def test_chapters_go_into_the_toolkit(real_site: Path) -> None:
    """Every numbered chapter of methodiek and handreiking is a bookmark of the real toolkit PDF,
    under its own title: read from the front matter with PyYAML and from the PDF with pikepdf."""
    titles = [yaml.safe_load(chapter.read_text(encoding="utf-8").split("---")[1])["title"]
              for chapter in sorted((ROOT / "content").glob("*/[0-9][0-9]-*.md"))]
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    snp = next(p["snp"] for p in config["plugins"] if isinstance(p, dict) and "snp" in p)
    with pikepdf.open(real_site / "site" / snp["toolkit"]["file"]) as pdf, pdf.open_outline() as tree:
        bookmarks: list[str] = []
        stack = list(tree.root)
        while stack:
            item = stack.pop()
            bookmarks.append(" ".join(item.title.split()))
            stack.extend(item.children)
    assert len(titles) >= 20
    missing = [title for title in titles if title not in bookmarks]
    assert not missing, f"chapters not in the toolkit: {missing}"


def test_chapter_descriptions_fit_a_search_result() -> None:
    for chapter in sorted((ROOT / "content").glob("*/[0-9][0-9]-*.md")):
        meta = yaml.safe_load(chapter.read_text(encoding="utf-8").split("---")[1])
        assert len(meta["description"]) <= 160, chapter.name


def contact_setting() -> dict:
    """The contact route of mkdocs.yml (docs/onderbouwing.md); empty while the editors have not set one."""
    plugins = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["plugins"]
    snp = next(p["snp"] for p in plugins if isinstance(p, dict) and "snp" in p)
    return snp.get("contact") or {}


def test_contact_pages_show_the_route_or_say_it_is_missing(real_site: Path) -> None:
    setting = contact_setting()
    for url in ("toegankelijkheid", "privacyverklaring", "kennis-delen"):
        route = article(real_site, url).select("p.snp-contact")
        assert len(route) == 1, url
        if setting:
            assert setting["organisation"] in route[0].get_text(), url
        else:
            assert "Er is nog geen contactadres." in route[0].get_text() and not route[0].select("a"), url


def test_adoption_overview_dates_are_those_of_the_news_items(real_site: Path) -> None:
    adoption = data("gemeenten")
    items = {re.sub(r"^\d{4}-\d{2}(?:-\d{2})?-", "", md.stem): md for md in (ROOT / "content/nieuws").glob("20*.md")}
    rows = article(real_site, "gemeenten").select("table.snp-gemeenten tbody tr")
    assert sorted(r.th.get_text() for r in rows) == sorted(adoption)
    for row in rows:
        front = yaml.safe_load(items[adoption[row.th.get_text()]["bericht"]].read_text(encoding="utf-8").split("---")[1])
        written = str(front["date"])
        shown = row.select_one("td time")
        assert shown["datetime"] == written, row
        assert DATE.fullmatch(shown.get_text()), shown  # Dutch: "januari 2018", or a day where the item has one
        assert bool(re.match(r"\d", shown.get_text())) == (len(written) == 10), shown


def test_the_real_toolkit_passes_the_pdf_ua_check(real_site: Path) -> None:
    """Everyday builds leave the PDF/UA check to publishing (docs/toolkit.md); the suite holds the real
    toolkit to it, so a change of the typesetter that breaks it fails here, before any publishing."""
    from snp_site.toolkit import verify

    [pdf] = (real_site / "site" / "downloads").glob("toolkit-*.pdf")
    errors, warnings = verify.accessibility_problems(pdf.read_bytes())
    assert errors == []
    assert all(w.startswith("PDF/UA-controle: geen fouten") for w in warnings)
