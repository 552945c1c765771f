"""News on a real build: the timeline, item and tag pages, the adoption overview and the Atom feed.

The fixture fixtures/nieuws/ (over the base site) has 14 items from 2015 to 2018, with full and
month-only dates, two items on one day, a month-only item beside one on the 1st, and tags.
HTML is read back with BeautifulSoup, the feed with feedparser.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from helpers import FIXTURES, build, built, make_project, run, tool

SITE_URL = "https://proef.invalid/site/"

# Newest first: month-only items sort below every dated item of their month (docs/nieuws-volgorde.md),
# same-day items by slug.
ORDER = [
    ("laatste", "5 mei 2018"),
    ("later-in-januari", "20 januari 2018"),
    ("hardenberg", "januari 2018"),
    ("tilburg", "december 2017"),
    ("a-brief", "23 juni 2017"),
    ("b-dag", "23 juni 2017"),
    ("bericht", "23 juni 2017"),
    ("slotbijeenkomst", "10 februari 2017"),
    ("communicatieplan", "20 oktober 2016"),
    ("eerste-van-oktober", "1 oktober 2016"),
    ("nieuwsbrief-vier", "oktober 2016"),
    ("vrijwilligers-getraind", "15 maart 2016"),
    ("eerste-brieven", "november 2015"),
    ("start-van-de-pilot", "1 september 2015"),
]


@pytest.fixture(scope="module")
def news_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(tmp_path_factory.mktemp("nieuws") / "project", FIXTURES / "nieuws")


def soup(project: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((project / "site" / path).read_text(encoding="utf-8"), "html.parser")


def slug_of(href: str) -> str:
    return href.rstrip("/").rsplit("/", 1)[-1]


def test_timeline_lists_every_item_newest_first_with_dutch_dates(news_site: Path) -> None:
    page = soup(news_site, "nieuws/index.html")
    items = page.select("article .snp-bericht")
    assert [(slug_of(i.select_one(".snp-bericht__titel a")["href"]), i.select_one("time").get_text())
            for i in items] == ORDER
    years = [h.get_text() for h in page.select("article .snp-jaar > h2")]
    assert years == ["2018", "2017", "2016", "2015"]
    month_only = next(i for i in items if "hardenberg" in i.select_one("a")["href"])
    assert month_only.select_one("time")["datetime"] == "2018-01"
    assert month_only.select_one(".snp-bericht__samenvatting").get_text() == \
        "Samenvatting van Hardenberg vraagt een plan."


def test_timeline_shows_tags_and_links_the_feed(news_site: Path) -> None:
    page = soup(news_site, "nieuws/index.html")
    first = page.select_one("article .snp-bericht")
    assert [a.get_text() for a in first.select(".snp-labels a")] == ["Tilburg"]
    assert first.select_one(".snp-labels a")["href"] == "gemeente/tilburg/"
    assert page.select_one("article .snp-feed a")["href"] == "feed.xml"
    assert not page.find("script", src=lambda s: s and "snp" in s), "the timeline needs no script of ours"


@pytest.mark.parametrize("path", ["index.html", "nieuws/index.html", "nieuws/tilburg/index.html",
                                  "nieuws/gemeente/tilburg/index.html"])
def test_every_page_links_the_feed_in_its_head(news_site: Path, path: str) -> None:
    link = soup(news_site, path).find("head").find("link", type="application/atom+xml")
    assert link is not None and link["rel"] == ["alternate"]
    assert (news_site / "site" / Path(path).parent / link["href"]).resolve() == \
        (news_site / "site/nieuws/feed.xml").resolve()


def test_item_page_has_date_tags_and_neighbours_in_time_order(news_site: Path) -> None:
    page = soup(news_site, "nieuws/b-dag/index.html")
    article = page.select_one("article")
    assert article.select_one("h1").find_next_sibling("p", class_="snp-datum").get_text() == "23 juni 2017"
    assert [a.get_text() for a in article.select(".snp-labels a")] == ["Welzijnsorganisatie WijZ"]
    assert article.select_one(".snp-labels a")["href"] == "../partner/wijz/"
    assert slug_of(article.select_one(".snp-buren a[rel=prev]")["href"]) == "bericht"
    assert slug_of(article.select_one(".snp-buren a[rel=next]")["href"]) == "a-brief"


@pytest.mark.parametrize("slug,prev,next_", [("laatste", "later-in-januari", None),
                                             ("start-van-de-pilot", None, "eerste-brieven")])
def test_first_and_last_item_have_one_neighbour(news_site: Path, slug: str, prev, next_) -> None:
    nav = soup(news_site, f"nieuws/{slug}/index.html").select_one(".snp-buren")
    for rel, expected in (("prev", prev), ("next", next_)):
        link = nav.select_one(f"a[rel={rel}]")
        assert (slug_of(link["href"]) if link else None) == expected


def test_item_address_leaves_out_the_date(news_site: Path) -> None:
    assert (news_site / "site/nieuws/tilburg/index.html").is_file()
    assert not (news_site / "site/nieuws/2017-12-tilburg").exists()


@pytest.mark.parametrize("path,title,slugs", [
    ("nieuws/gemeente/tilburg/index.html", "Nieuws over Tilburg", ["laatste", "tilburg"]),
    ("nieuws/gemeente/zwolle/index.html", "Nieuws over Zwolle", ["bericht", "slotbijeenkomst",
                                                                  "start-van-de-pilot"]),
    ("nieuws/gemeente/sudwest-fryslan/index.html", "Nieuws over Súdwest-Fryslân", ["hardenberg"]),
    ("nieuws/partner/wijz/index.html", "Nieuws over Welzijnsorganisatie WijZ",
     ["hardenberg", "b-dag", "bericht", "vrijwilligers-getraind", "start-van-de-pilot"]),
])
def test_tag_pages_list_their_items_newest_first(news_site: Path, path: str, title: str, slugs) -> None:
    page = soup(news_site, path)
    assert page.select_one("article h1").get_text().rstrip("¶") == title
    assert [slug_of(a["href"]) for a in page.select("article .snp-bericht__titel a")] == slugs
    if "/partner/" in path:
        more = page.select_one("article .snp-verder a")
        assert more.get_text() == "Meer over Welzijnsorganisatie WijZ" and more["href"] == "../../../partners/wijz/"


def test_only_used_tags_get_a_page(news_site: Path) -> None:
    made = sorted(p.parent.relative_to(news_site / "site/nieuws").as_posix()
                  for p in (news_site / "site/nieuws").glob("*/*/index.html"))
    assert made == ["gemeente/hardenberg", "gemeente/sudwest-fryslan", "gemeente/tilburg",
                    "gemeente/zwolle", "partner/wijz"]
    assert not (news_site / "content/nieuws/gemeente").exists(), "tag pages are not written into content/"


def test_adoption_overview_comes_from_data_file_and_news(news_site: Path) -> None:
    rows = soup(news_site, "gemeenten/index.html").select("table.snp-gemeenten tbody tr")
    table = [(r.th.get_text(), r.select("td")[0].get_text(), slug_of(r.select("td")[1].a["href"]),
              r.select_one("td time")["datetime"]) for r in rows]
    # Each status says when it was true: the date of its news item, a month where the item has only a month.
    assert table == [
        ("Zwolle", "Biedt Proefsite aan, volgens het bericht van 1 september 2015",
         "start-van-de-pilot", "2015-09-01"),
        ("Hardenberg", "Bereidt een aanbod voor, volgens het bericht van januari 2018", "hardenberg", "2018-01"),
        ("Súdwest-Fryslân", "Bereidt een aanbod voor, volgens het bericht van januari 2018", "hardenberg",
         "2018-01"),
        ("Tilburg", "Bereidt een aanbod voor, volgens het bericht van december 2017", "tilburg", "2017-12"),
    ]
    assert rows[0].th.a["href"] == "../nieuws/gemeente/zwolle/"


def test_feed_is_valid_atom_with_absolute_links_and_item_dates(news_site: Path) -> None:
    parsed = feedparser.parse((news_site / "site/nieuws/feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.language == "nl"
    assert parsed.feed.link == SITE_URL + "nieuws/"
    assert len(parsed.entries) == len(ORDER)
    assert [e.id for e in parsed.entries] == [f"{SITE_URL}nieuws/{slug}/" for slug, _ in ORDER]
    assert all(e.link == e.id for e in parsed.entries)
    by_slug = {slug_of(e.id): e for e in parsed.entries}
    assert by_slug["hardenberg"].updated == "2018-01-01T00:00:00Z"  # month-only: first of the month
    assert by_slug["b-dag"].updated == "2017-06-23T00:00:00Z"
    assert tuple(by_slug["b-dag"].updated_parsed)[:3] == (2017, 6, 23)
    assert by_slug["slotbijeenkomst"].title == "Slotbijeenkomst & afsluiting"
    assert parsed.feed.updated == "2018-05-05T00:00:00Z"
    assert {t.term for t in by_slug["hardenberg"].tags} == {"gemeente/hardenberg", "gemeente/sudwest-fryslan",
                                                            "partner/wijz"}


def test_two_builds_give_the_same_feed_bytes(news_site: Path, tmp_path: Path) -> None:
    again = Path(shutil.copytree(news_site, tmp_path / "again"))
    shutil.rmtree(again / "site")
    assert build(again).returncode == 0
    assert (again / "site/nieuws/feed.xml").read_bytes() == (news_site / "site/nieuws/feed.xml").read_bytes()
    assert (again / "site/nieuws/index.html").read_bytes() == (news_site / "site/nieuws/index.html").read_bytes()


def test_snp_nieuw_end_to_end(base_copy: Path) -> None:
    made = run(base_copy, tool("snp"), "nieuw", "Gouda: een eerste gesprek", "--datum", "2017-07")
    assert made.returncode == 0, made.stderr
    assert made.stdout == "content/nieuws/2017-07-gouda-een-eerste-gesprek.md\n"
    text = (base_copy / made.stdout.strip()).read_text(encoding="utf-8")

    again = run(base_copy, tool("snp"), "nieuw", "Gouda: een eerste gesprek", "--datum", "2017-07")
    assert again.returncode == 1 and "bestaat al" in again.stderr
    assert (base_copy / made.stdout.strip()).read_text(encoding="utf-8") == text

    checked = run(base_copy, tool("snp"), "controleer")
    assert checked.returncode == 0, checked.stdout
    (base_copy / "content/nieuws/index.md").write_text(
        "---\ntitle: Nieuws\ndescription: Al het nieuws.\n---\n\n# Nieuws\n", encoding="utf-8")
    assert build(base_copy).returncode == 0
    titles = [a.get_text() for a in soup(base_copy, "nieuws/index.html").select(".snp-bericht__titel a")]
    assert titles == ["Gouda: een eerste gesprek", "Een bericht"]
    assert soup(base_copy, "nieuws/gouda-een-eerste-gesprek/index.html").select_one(
        ".snp-datum").get_text() == "juli 2017"


@pytest.mark.parametrize("args,message", [
    (["Titel", "--datum", "2017-13"], "maand 13 bestaat niet"),
    (["!!!"], "geen letters of cijfers"),
    (["Een bericht", "--datum", "2018-02"], "heeft al de naam 'een-bericht'"),
])
def test_snp_nieuw_refuses_bad_input(base_copy: Path, args: list[str], message: str) -> None:
    if "Een bericht" in args:
        run(base_copy, tool("snp"), "nieuw", "Een bericht", "--datum", "2017-01")
    before = sorted(p.name for p in (base_copy / "content/nieuws").iterdir())
    result = run(base_copy, tool("snp"), "nieuw", *args)
    assert result.returncode == 1 and message in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in (base_copy / "content/nieuws").iterdir()) == before
