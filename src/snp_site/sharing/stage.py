"""Wiring of the sharing stage into a build: what plugin.py calls at each MkDocs event.

on_files: `SharingStage.prepare` reads the site's colours and every file's last commit date (one
git call). Per page: `date` gives the page's own date (shown as "laatst gewijzigd" and written as
the sitemap's lastmod, the same value), `context` the Open Graph and JSON-LD data the template
overrides/snp/delen.html writes into <head>. on_post_build: `write` draws a card for every page
that was rendered (from the cache where it can) and writes robots.txt.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page as MkPage

from snp_site.cache import Cache
from snp_site.content.models import NewsItem, Page
from snp_site.dates import PartialDate
from snp_site.errors import ContentError
from snp_site.sharing import cards, history
from snp_site.worker import Worker, answer_or_run

log = logging.getLogger("mkdocs.plugins.snp.sharing")

CARD_FOLDER = "assets/deelkaarten"
LOCALE = {"nl": "nl_NL", "en": "en_GB", "fy": "fy_NL", "de": "de_DE", "fr": "fr_FR"}


@dataclass(frozen=True)
class Card:
    path: str
    """Where the card goes in the site, e.g. assets/deelkaarten/methodiek-01-aanleiding.png."""
    title: str


@dataclass
class SharingStage:
    site_name: str
    site_url: str | None
    """With a trailing slash; None when mkdocs.yml has no site_url (then no absolute addresses)."""
    language: str
    colours: cards.Colours
    commits: dict[str, PartialDate] = field(default_factory=dict)
    cards: dict[str, Card] = field(default_factory=dict)
    """Every card to draw, by its path in the site."""
    worker: Worker | None = None
    """The build's worker: it draws each card not in the cache while MkDocs writes the pages."""
    cache: Cache = field(default_factory=lambda: Cache(None))
    drawn: dict[Card, bytes | None] = field(default_factory=dict)
    """Each card's bytes: from the cache, or None while the worker draws it."""

    @classmethod
    def prepare(cls, config: MkDocsConfig, cache: Cache,
                worker: Worker | None = None) -> tuple[SharingStage, list[ContentError]]:
        site_url = config.site_url or None
        if site_url and not site_url.endswith("/"):
            site_url += "/"
        colours = cards.site_colours(_stylesheets(config))
        stage = cls(config.site_name, site_url, str(config.theme.get("language") or "nl"), colours,
                    history.commit_dates(Path(config.docs_dir)), worker=worker, cache=cache)
        errors = []
        if colours.contrast() < 4.5:
            errors.append(ContentError(
                "mkdocs.yml", None, "deelkaart-contrast",
                f"witte tekst op de hoofdkleur van de site ({colours.background}) heeft een contrast van "
                f"{colours.contrast():.1f}".replace(".", ",") + ":1; de deelkaarten van de pagina's hebben minstens 4,5:1 nodig.",
                "Kies in de stylesheet van de site (extra_css) een donkerdere --md-primary-fg-color."))
        return stage, errors

    def date(self, src_uri: str, updated: str | None) -> PartialDate:
        return history.page_date(updated, src_uri, self.commits)

    def date_page(self, page: MkPage, model: Page) -> None:
        """One date, two places: Material shows meta.revision_date under the page, and the sitemap's
        lastmod (overrides/sitemap.xml) is as precise as the date is known. MkDocs itself needs a whole
        day in update_date (it dates sitemap.xml.gz with the newest)."""
        changed = self.date(page.file.src_uri, model.meta.get("updated"))
        page.meta["revision_date"] = "Laatst gewijzigd op " + changed.dutch()
        page.meta["snp_lastmod"] = changed.iso()
        page.update_date = changed.first_day().isoformat()

    def context(self, page: MkPage, model: Page | None, config: MkDocsConfig) -> dict[str, Any]:
        """What delen.html writes for one page (a generated page has no model): Open Graph, the card,
        and JSON-LD for a news item."""
        return self._context(
            title=(model.title if model else page.title) or config.site_name,
            description=page.meta.get("description") or config.site_description or "",
            page_url=page.url, canonical=page.canonical_url,
            modified=self.date(page.file.src_uri, model.meta.get("updated")) if model else None,
            published=model.date if isinstance(model, NewsItem) else None)

    def _context(self, *, title: str, description: str, page_url: str, canonical: str | None,
                 modified: PartialDate | None, published: PartialDate | None) -> dict[str, Any]:
        card = Card(f"{CARD_FOLDER}/{_card_name(page_url)}.png", title)
        image = self.site_url + card.path if self.site_url else None
        if image:
            self.cards[card.path] = card
            self._order(card)
        alt = f"{title} — {self.site_name}"
        share: dict[str, Any] = {
            "title": title, "description": description, "url": canonical,
            "type": "article" if published else "website", "site_name": self.site_name,
            "locale": LOCALE.get(self.language, self.language), "image": image, "image_alt": alt,
            "published": published.iso() if published else None,
            "modified": modified.iso() if modified else None,
        }
        if published:
            share["jsonld"] = _json_ld(title, description, canonical, image, published, modified, self.site_name,
                                       self.language)
        return {"snp_share": share}

    def write(self, built: Path) -> None:
        """Write every card into the built site, and robots.txt with the sitemap's address."""
        self._meet_the_worker()
        for path, card in sorted(self.cards.items()):
            target = built / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(self._card(card))
        lines = ["User-agent: *", "Allow: /"]
        if self.site_url:
            lines.append(f"Sitemap: {self.site_url}sitemap.xml")
        (built / "robots.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")

    def _key(self, card: Card) -> tuple[str, str]:
        colours = self.colours
        key = self.cache.key("deelkaart", self.site_name, card.title, colours.background, colours.text, colours.accent)
        return "kaart" + hashlib.sha256(card.path.encode("utf-8")).hexdigest()[:8], key

    def _order(self, card: Card) -> None:
        """Take the card from the cache, or ask the worker to draw it (a page's card is asked once)."""
        if card in self.drawn:
            return
        hit = self.cache.get(*self._key(card))
        self.drawn[card] = hit.data if hit is not None else None
        if hit is None and self.worker is not None:
            self.worker.submit(_task_name(card), "kaart", (self.site_name, card.title, self.colours))

    def _meet_the_worker(self) -> None:
        """The worker draws the cards in the order they were asked for; those it has not reached once
        the pages are written, this process draws from the other end, until the two meet (with
        thousands of news items the cards are most of a cold build)."""
        if self.worker is None:
            return
        waiting = [card for card, data in self.drawn.items() if data is None]
        while waiting and not self.worker.answered(_task_name(waiting[-1])):
            card = waiting.pop()
            self.drawn[card] = data = cards.draw(self.site_name, card.title, self.colours)
            self.cache.put(*self._key(card), data)

    def _card(self, card: Card) -> bytes:
        """The card's PNG: from the cache, from the worker, or drawn here when the worker gave none."""
        data = self.drawn.get(card)
        if data is not None:
            return data
        data = answer_or_run(self.worker, _task_name(card), "kaart", (self.site_name, card.title, self.colours))
        self.cache.put(*self._key(card), data)
        self.drawn[card] = data
        return data


def _task_name(card: Card) -> str:
    return f"kaart {card.path} {card.title}"


def _card_name(page_url: str) -> str:
    """A file name from a page's address: '' -> home, 'methodiek/01-aanleiding/' -> methodiek-01-aanleiding."""
    name = page_url.removesuffix("index.html").removesuffix(".html").strip("/").replace("/", "-")
    return name or "home"


def _json_ld(title: str, description: str, url: str | None, image: str | None, published: PartialDate,
             modified: PartialDate | None, publisher: str, language: str) -> str:
    """schema.org NewsArticle as a data block; `</` is escaped so no text can close the element."""
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
        "description": description, "datePublished": published.iso(), "inLanguage": language,
        "publisher": {"@type": "Organization", "name": publisher},
    }
    if modified:
        data["dateModified"] = modified.iso()
    if url:
        data["url"] = url
        data["mainEntityOfPage"] = url
    if image:
        data["image"] = image
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")


def _stylesheets(config: MkDocsConfig) -> list[Path]:
    """The site's own stylesheets (extra_css), found in content/ or the theme's custom_dir."""
    folders = [Path(config.docs_dir), *(Path(d) for d in config.theme.dirs)]
    found = []
    for entry in config.extra_css:
        name = str(entry)
        for folder in folders:
            if (folder / name).is_file():
                found.append(folder / name)
                break
    return found
