"""The news stage's pure parts without a build: the feed's cap, the sort rule, slugs."""

from __future__ import annotations

import feedparser
from hypothesis import given
from hypothesis import strategies as st

from snp_site.content.models import NewsItem, news_slug
from snp_site.dates import PartialDate
from snp_site.news import feed, timeline
from snp_site.slugs import slugify


def item(name: str, date: PartialDate) -> NewsItem:
    return NewsItem(f"nieuws/{date.iso()}-{name}.md", f"content/nieuws/{date.iso()}-{name}.md", name.title(),
                    f"Over {name}.", "", 1, date=date)


def test_feed_holds_the_newest_twenty() -> None:
    items = timeline.newest_first(item(f"b{n:02d}", PartialDate(2016, 1 + n % 12, 1 + n)) for n in range(25))
    info = feed.FeedInfo("T", "", "A", "https://x.invalid/", "nieuws/", "nieuws/feed.xml", "nl")
    parsed = feedparser.parse(feed.atom(info, items, {i.src_uri: f"nieuws/{i.slug}/" for i in items}, {}))
    assert not parsed.bozo
    assert len(parsed.entries) == feed.MAX_ENTRIES == 20
    assert [e.id for e in parsed.entries] == [f"https://x.invalid/nieuws/{i.slug}/" for i in items[:20]]


dates = st.builds(lambda y, m, d: PartialDate(y, m, d), st.integers(2015, 2019), st.integers(1, 12),
                  st.one_of(st.none(), st.integers(1, 28)))


@given(st.lists(dates, min_size=1, max_size=12))
def test_month_only_sorts_below_every_day_of_its_month(ds: list[PartialDate]) -> None:
    ordered = timeline.newest_first(item(f"i{n}", d) for n, d in enumerate(ds))
    for a, b in zip(ordered, ordered[1:]):
        assert a.date.sort_key() >= b.date.sort_key()
        if (a.date.year, a.date.month) == (b.date.year, b.date.month) and a.date.day is None:
            assert b.date.day is None, "a month-only item sits above a dated item of its month"


def test_news_slug_drops_the_date_prefix() -> None:
    assert [news_slug(f"nieuws/{n}.md") for n in ("2017-12-tilburg", "2017-06-23-dag", "bericht", "2017-12")] \
        == ["tilburg", "dag", "bericht", "2017-12"]


def test_slugify() -> None:
    assert slugify("Súdwest-Fryslân") == "sudwest-fryslan"
    assert slugify("  Den  Bosch! ") == "den-bosch"
    assert slugify("!!!") == ""
