"""The Atom feed nieuws/feed.xml: the newest 20 items, absolute addresses, same bytes every build.

Dates come only from the items (never the build time): `updated` of an entry is its date at
midnight UTC, a month-only date becomes the first of that month (docs/nieuws-feed.md). The id
of an entry is its address, which does not contain the date, so correcting a date keeps the id.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import urljoin

from snp_site.content.models import NewsItem
from snp_site.dates import PartialDate

MAX_ENTRIES = 20
ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class FeedInfo:
    title: str
    subtitle: str
    author: str
    site_url: str
    """Ends with a slash: every address is joined to it."""
    page_url: str
    """Address of the timeline, relative to site_url."""
    feed_url: str
    language: str


def timestamp(date: PartialDate) -> str:
    return dt.datetime.combine(date.first_day(), dt.time(), dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def atom(info: FeedInfo, ordered: list[NewsItem], urls: dict[str, str],
         tag_urls: dict[tuple[str, str], tuple[str, str]]) -> bytes:
    """`urls`: src_uri -> address of each item; `tag_urls`: (kind, value) -> (slug, label)."""
    ET.register_namespace("", ATOM)

    def sub(parent: ET.Element, name: str, text: str | None = None, **attrs: str) -> ET.Element:
        el = ET.SubElement(parent, f"{{{ATOM}}}{name}", attrs)
        el.text = text
        return el

    absolute = lambda url: urljoin(info.site_url, url)  # noqa: E731
    entries = ordered[:MAX_ENTRIES]
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": info.language})
    sub(feed, "id", absolute(info.page_url))
    sub(feed, "title", info.title)
    if info.subtitle:
        sub(feed, "subtitle", info.subtitle)
    sub(feed, "updated", timestamp(max((i.date for i in entries), key=PartialDate.sort_key))
        if entries else "1970-01-01T00:00:00Z")
    sub(feed, "link", rel="self", type="application/atom+xml", href=absolute(info.feed_url))
    sub(feed, "link", rel="alternate", type="text/html", href=absolute(info.page_url))
    author = sub(feed, "author")
    sub(author, "name", info.author)
    for item in entries:
        entry = sub(feed, "entry")
        url = absolute(urls[item.src_uri])
        sub(entry, "id", url)
        sub(entry, "title", item.title)
        sub(entry, "link", rel="alternate", type="text/html", href=url)
        sub(entry, "published", timestamp(item.date))
        sub(entry, "updated", timestamp(item.date))
        sub(entry, "summary", item.description)
        for kind, values in (("gemeente", item.gemeenten), ("partner", item.partners)):
            for value in values:
                if (kind, value) in tag_urls:
                    slug, label = tag_urls[(kind, value)]
                    sub(entry, "category", term=f"{kind}/{slug}", label=label)
    ET.indent(feed, space="  ")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
