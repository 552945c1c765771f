"""Link previews, page dates, robots.txt, structured data and toolkit editions, on real builds.

Cards are read back with Pillow, the head with BeautifulSoup, dates against `git log` of a fixture
project made into a repository with commits at known dates.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from helpers import build, digest_tree, run, tool
from snp_site.sharing import cards

SITE_URL = "https://proef.invalid/site/"


def head_tags(html: str) -> dict[str, str]:
    """og:/article:/twitter: tags of a page, parsed independently of how we wrote them."""
    soup = BeautifulSoup(html, "html.parser")
    found = {}
    for meta in soup.head.find_all("meta"):
        name = meta.get("property") or meta.get("name") or ""
        if name.startswith(("og:", "article:", "twitter:")):
            assert name not in found, f"{name} twice"
            found[name] = meta["content"]
    return found


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("index.html") if "assets" not in p.parts)


def test_every_page_has_a_preview_with_its_own_card(built_base: Path) -> None:
    site = built_base / "site"
    seen_images = set()
    for page in pages(site):
        tags = head_tags(page.read_text(encoding="utf-8"))
        for name in ("og:title", "og:description", "og:url", "og:type", "og:site_name", "og:image",
                     "og:image:alt"):
            assert tags.get(name), f"{page}: no {name}"
        assert tags["og:locale"] == "nl_NL" and tags["og:site_name"] == "Proefsite"
        assert tags["twitter:card"] == "summary_large_image"
        assert tags["og:url"].startswith(SITE_URL)
        image = tags["og:image"]
        assert image.startswith(SITE_URL + "assets/deelkaarten/") and image.endswith(".png")
        seen_images.add(image)
        with Image.open(site / image.removeprefix(SITE_URL)) as card:
            assert card.format == "PNG" and card.size == (1200, 630)
        heading = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("h1")
        assert heading.get_text().replace("¶", "").strip() == tags["og:title"]
    assert len(seen_images) == len(pages(site)), "two pages share one card"


def test_news_items_are_articles_with_their_own_date_and_json_ld(built_base: Path) -> None:
    site = built_base / "site"
    news = [p for p in pages(site) if "nieuws" in p.parts and 'class="snp-buren"' in p.read_text(encoding="utf-8")]
    assert news, "the fixture has no news item"
    for page in news:
        html = page.read_text(encoding="utf-8")
        tags = head_tags(html)
        shown = BeautifulSoup(html, "html.parser").select_one(".snp-datum time")["datetime"]
        assert tags["og:type"] == "article"
        assert tags["article:published_time"] == shown  # as precise as the item's date, no more
        blocks = BeautifulSoup(html, "html.parser").find_all("script", type="application/ld+json")
        assert len(blocks) == 1
        data = json.loads(blocks[0].string)
        assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
        assert data["headline"] == tags["og:title"] and data["datePublished"] == shown
        assert data["publisher"] == {"@type": "Organization", "name": "Proefsite"}
        assert data["url"] == tags["og:url"] and data["image"] == tags["og:image"]
    other = head_tags((site / "index.html").read_text(encoding="utf-8"))
    assert other["og:type"] == "website" and "article:published_time" not in other


def test_robots_txt_names_the_sitemap_and_the_sitemap_only_real_pages(built_base: Path) -> None:
    site = built_base / "site"
    assert (site / "robots.txt").read_text(encoding="utf-8") == (
        f"User-agent: *\nAllow: /\nSitemap: {SITE_URL}sitemap.xml\n")
    listed = re.findall(r"<loc>(.*?)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    assert listed and all(u.startswith(SITE_URL) and u.endswith("/") for u in listed)
    assert not any("404" in u or "deelkaarten" in u for u in listed)


def test_a_card_is_the_same_bytes_every_time_and_fits_its_title() -> None:
    colours = cards.Colours("#2b4a6f", "#ffffff", "#8a3b12")
    short = cards.draw("Proefsite", "Home", colours)
    assert short == cards.draw("Proefsite", "Home", colours)
    long_title = ("Gegevens doorgeven: wat de gemeente en de welzijnsorganisatie afspreken over de brief "
                  "aan nabestaanden, het bellen, de afspraak en de privacy van iedereen die meedoet")
    long_card = cards.draw("Proefsite", long_title, colours)
    for data in (short, long_card):
        with Image.open(__import__("io").BytesIO(data)) as card:
            assert card.size == (1200, 630) and card.mode == "P"
            rgb = card.convert("RGB")
            # The text stays inside the margins: every pixel outside them is the background or the bar.
            inner = (cards.MARGIN - 4, 0, 1200 - cards.MARGIN + 4, 630 - 24)
            for x in list(range(0, inner[0])) + list(range(inner[2], 1200)):
                for y in range(0, 606, 5):
                    assert rgb.getpixel((x, y)) == (0x2b, 0x4a, 0x6f), (x, y)
        assert len(data) < 40_000
    assert cards.contrast_ratio("#2b4a6f", "#ffffff") >= 4.5


def test_a_primary_colour_without_contrast_stops_the_build(base_copy: Path) -> None:
    sheet = base_copy / "content" / "assets" / "stylesheets" / "snp.css"
    sheet.parent.mkdir(parents=True, exist_ok=True)
    sheet.write_text(":root { --md-primary-fg-color: #9ab0c8; }\n", encoding="utf-8")
    result = run(base_copy, tool("snp"), "controleer")
    assert result.returncode == 1
    assert "mkdocs.yml: witte tekst op de hoofdkleur van de site (#9ab0c8) heeft een contrast van 2,2:1" \
        in result.stdout


def _git(project: Path, *args: str, date: str | None = None) -> str:
    environ = {**os.environ, "GIT_AUTHOR_NAME": "Redactie", "GIT_AUTHOR_EMAIL": "redactie@proef.invalid",
               "GIT_COMMITTER_NAME": "Redactie", "GIT_COMMITTER_EMAIL": "redactie@proef.invalid"}
    if date:
        environ.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    return subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True, text=True,
                          env=environ).stdout


def test_page_dates_come_from_front_matter_then_git_then_the_build(base_copy: Path) -> None:
    project = base_copy
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "alles", date="2017-03-01T10:00:00+01:00")
    chapter = project / "content" / "methodiek" / "01-eerste.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nNog een alinea.\n", encoding="utf-8")
    _git(project, "commit", "-q", "-am", "hoofdstuk", date="2017-05-18T09:00:00+02:00")
    index = project / "content" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\nNog niet vastgelegd.\n", encoding="utf-8")

    assert build(project).returncode == 0
    site = project / "site"
    lastmod = dict(re.findall(r"<loc>(.*?)</loc>\s*<lastmod>(.*?)</lastmod>",
                              (site / "sitemap.xml").read_text(encoding="utf-8")))

    def shown(page: str) -> str:
        soup = BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")
        return " ".join(soup.select_one(".md-source-file").get_text().split())

    for rel in ("methodiek/01-eerste.md",):
        assert _git(project, "log", "-1", "--format=%cs", "--", f"content/{rel}").strip() == "2017-05-18"
    assert lastmod[SITE_URL + "methodiek/01-eerste/"] == "2017-05-18"
    assert shown("methodiek/01-eerste") == "Laatst gewijzigd op 18 mei 2017"
    # Changed but not committed: its last commit no longer describes it, so the build date.
    assert lastmod[SITE_URL] == "2017-07-14"
    assert shown(".") == "Laatst gewijzigd op 14 juli 2017"
    # Front matter wins over git.
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("toolkit: true", "toolkit: true\nupdated: 2018-01"),
                       encoding="utf-8")
    _git(project, "commit", "-q", "-am", "datum", date="2019-01-01T09:00:00+01:00")
    assert build(project).returncode == 0
    lastmod = dict(re.findall(r"<loc>(.*?)</loc>\s*<lastmod>(.*?)</lastmod>",
                              (site / "sitemap.xml").read_text(encoding="utf-8")))
    assert lastmod[SITE_URL + "methodiek/01-eerste/"] == "2018-01"
    assert shown("methodiek/01-eerste") == "Laatst gewijzigd op januari 2018"


def test_two_builds_of_one_commit_give_the_same_cards_and_dates(base_copy: Path, tmp_path: Path) -> None:
    first = digest_tree(base_copy / "site")
    assert build(base_copy, SNP_CACHE="uit").returncode == 0
    again = digest_tree(base_copy / "site")
    cards_only = {k: v for k, v in first.items() if "deelkaarten" in k or k in ("sitemap.xml", "robots.txt")}
    assert cards_only and cards_only == {k: again[k] for k in cards_only}
