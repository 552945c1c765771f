"""Wiring of the news stage into a build: what plugin.py calls at each MkDocs event.

on_files: `prepare` checks the items, moves each item to nieuws/<slug>/, and adds the generated
label pages and the feed as MkDocs Files (nothing is written into content/). Pages: `meta` picks
our template, `context` hands it the view data. Templates live in overrides/snp/.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from snp_site.content.kinds import ADOPTION_FILE, ADOPTION_PAGE, NEWS, kind_of
from snp_site.content.loader import Loaded
from snp_site.content.models import NewsItem, news_slug
from snp_site.dates import build_date
from snp_site.errors import ContentError
from snp_site.news import adoption, checks, feed, timeline
from snp_site.news.labels import Label, collect_labels

log = logging.getLogger("mkdocs.plugins.snp.news")

FEED_NAME = "feed.xml"


@dataclass
class NewsStage:
    adoption_page: str = ADOPTION_PAGE
    offer: str = ""
    """The initiative's name on the adoption overview ('Biedt ... aan'): site_name, set in prepare."""
    ordered: list[NewsItem] = field(default_factory=list)
    position: dict[str, int] = field(default_factory=dict)
    """Index in `ordered` by src_uri: per-page lookups stay constant time in a large archive."""
    urls: dict[str, str] = field(default_factory=dict)
    labels: list[Label] = field(default_factory=list)
    adoption: adoption.AdoptionFile | None = None
    errors: list[ContentError] = field(default_factory=list)
    feed_url: str | None = None
    feed_title: str = ""
    timeline_url: str | None = None
    """None when content/nieuws/index.md does not exist: then nothing links to a timeline."""

    @property
    def timeline_page(self) -> str:
        return f"{NEWS.folder}/index.md"

    def prepare(self, loaded: Loaded, files: Files, config: MkDocsConfig, docs_dir: Path, prefix: str) -> None:
        content = loaded.content
        items = content.news
        self.offer = config.site_name
        self.errors += checks.future_dates(items, build_date().date())
        dup_errors, losers = checks.duplicate_slugs(items)
        self.errors += dup_errors
        items = [i for i in items if i.src_uri not in losers]
        self.ordered = timeline.newest_first(items)
        self.position = {item.src_uri: n for n, item in enumerate(self.ordered)}
        data = ADOPTION_FILE
        existing = {news_slug(uri) for uri in loaded.bodies().keys() | loaded.broken
                    if kind_of(uri) is NEWS}
        self.adoption, errors = adoption.load(docs_dir / data, f"{prefix}/{data}", {i.slug: i for i in items},
                                              existing)
        self.errors += errors
        if self.adoption is not None:
            self.errors += checks.unknown_gemeenten(items, self.adoption.gemeenten, self.adoption.path)
        self.labels, errors = collect_labels(self.ordered, content.partners)
        self.errors += errors
        timeline_file = files.get_file_from_path(self.timeline_page)
        self.timeline_url = timeline_file.url if timeline_file is not None else None
        self._place(files, config, prefix)
        self._add_feed(files, config, content)

    def _place(self, files: Files, config: MkDocsConfig, prefix: str) -> None:
        """Items at nieuws/<slug>/; label pages generated beside them."""
        for item in self.ordered:
            file = files.get_file_from_path(item.src_uri)
            if file is None:
                continue
            name = f"{NEWS.folder}/{item.slug}"
            file.dest_uri = f"{name}/index.html" if config.use_directory_urls else f"{name}.html"
            # Reached from the timeline, not the menu: no engine notice that it is missing from nav.
            file.inclusion = InclusionLevel.NOT_IN_NAV
            for cached in ("url", "abs_dest_path"):
                file.__dict__.pop(cached, None)
            self.urls[item.src_uri] = file.url
        for label in self.labels:
            src = label.src_uri(NEWS.folder)
            if src in files:
                self.errors.append(ContentError(f"{prefix}/{src}", None, "gereserveerd-adres",
                                                "op dit adres maakt de site zelf een pagina met berichten.",
                                                "Geef het bestand een andere naam of zet het in een andere map."))
                continue
            if label.partner is not None:
                partner_file = files.get_file_from_path(label.partner.src_uri)
                if partner_file is not None:
                    self.urls[label.partner.src_uri] = partner_file.url
            body = f"# Nieuws over {label.label}\n"
            file = File.generated(config, src, content=body, inclusion=InclusionLevel.NOT_IN_NAV)
            files.append(file)
            self.urls[src] = file.url

    def _add_feed(self, files: Files, config: MkDocsConfig, content: Any) -> None:
        if not self.ordered:
            return
        if not config.site_url:
            self.errors.append(ContentError("mkdocs.yml", None, "site-url-ontbreekt",
                                            "site_url ontbreekt; de nieuwsfeed heeft volledige adressen nodig.",
                                            "Zet in mkdocs.yml een regel site_url: met het adres van de site."))
            return
        page = content.pages.get(self.timeline_page)
        page_url = self.timeline_url or f"{NEWS.folder}/"
        self.feed_url = f"{NEWS.folder}/{FEED_NAME}"
        self.feed_title = f"{config.site_name}: {page.title if page else 'nieuws'}"
        info = feed.FeedInfo(self.feed_title, page.description if page else "", config.site_name,
                             config.site_url if config.site_url.endswith("/") else config.site_url + "/",
                             page_url, self.feed_url, config.theme.get("language") or "nl")
        label_urls = {(t.kind, t.label if t.kind == "gemeente" else t.slug): (t.slug, t.label) for t in self.labels}
        files.append(File.generated(config, self.feed_url, content=feed.atom(info, self.ordered, self.urls, label_urls)))

    # --- per page -------------------------------------------------------------------------

    def _label_for(self, src_uri: str) -> Label | None:
        return next((t for t in self.labels if t.src_uri(NEWS.folder) == src_uri), None)

    def meta(self, src_uri: str) -> dict[str, Any]:
        """Template (and, for generated pages, description) of a page the news stage owns."""
        if src_uri == self.timeline_page:
            return {"template": "snp/nieuws-tijdlijn.html"}
        if src_uri == self.adoption_page and self.adoption is not None:
            return {"template": "snp/gemeenten.html"}
        if src_uri in self.urls and src_uri in self.position:
            return {"template": "snp/nieuwsbericht.html"}
        label = self._label_for(src_uri)
        if label is not None:
            return {"template": "snp/nieuws-label.html", "description": f"Alle nieuwsberichten over {label.label}."}
        return {}

    def context(self, src_uri: str) -> dict[str, Any]:
        """What our templates read as `snp_news` for this page."""
        view = NewsView(self)
        if src_uri == self.timeline_page:
            return {"snp_news": {"jaren": [(year, [view.item(i) for i in group])
                                           for year, group in timeline.by_year(self.ordered)],
                                 "feed": self.feed_url}}
        if src_uri == self.adoption_page and self.adoption is not None:
            return {"snp_news": {"gemeenten": [view.adoption(r) for r in self.adoption.rows]}}
        if src_uri in self.position:
            item = self.ordered[self.position[src_uri]]
            older, newer = timeline.neighbours(self.ordered, self.position[src_uri])
            return {"snp_news": {"bericht": view.item(item), "ouder": older and view.item(older),
                                 "nieuwer": newer and view.item(newer),
                                 "tijdlijn": self.timeline_url}}
        label = self._label_for(src_uri)
        if label is not None:
            partner = label.partner and self.urls.get(label.partner.src_uri)
            return {"snp_news": {"berichten": [view.item(i) for i in label.items], "partner_url": partner,
                                 "naam": label.label,
                                 "tijdlijn": self.timeline_url, "feed": self.feed_url}}
        return {}


class NewsView:
    """Plain dicts for templates: titles, Dutch dates, site-relative urls (templates apply |url)."""

    def __init__(self, stage: NewsStage) -> None:
        self.stage = stage
        self.label_index = {(t.kind, t.label if t.kind == "gemeente" else t.slug): t for t in stage.labels}

    def item(self, item: NewsItem) -> dict[str, Any]:
        shown = []
        for kind, values in (("gemeente", item.gemeenten), ("partner", item.partners)):
            for value in values:
                label = self.label_index.get((kind, value))
                if label is not None:
                    shown.append({"label": label.label, "soort": kind,
                                   "url": self.stage.urls[label.src_uri(NEWS.folder)]})
        return {"title": item.title, "description": item.description, "url": self.stage.urls[item.src_uri],
                "datum": item.date.dutch(), "iso": item.date.iso(), "labels": shown}

    def adoption(self, row: adoption.Adoption) -> dict[str, Any]:
        label = self.label_index.get(("gemeente", row.gemeente))
        return {"gemeente": row.gemeente, "status": row.status, "label": row.label(self.stage.offer),
                "bericht": self.item(row.item), "datum": row.as_of.dutch(), "iso": row.as_of.iso(),
                "alle": label and self.stage.urls[label.src_uri(NEWS.folder)]}
