"""The typed content model that flows from the loader to every later stage.

Raw dicts stop at the loader: templates, the timeline, the toolkit and the checks all read
these dataclasses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from snp_site.dates import DateProblem, PartialDate, parse_date
from snp_site.numbers import dutch_number

if TYPE_CHECKING:
    from snp_site.sources.entries import SourceEntry

_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?-(?=.)")


def news_slug(src_uri: str) -> str:
    """'nieuws/2017-12-tilburg.md' -> 'tilburg'."""
    return _DATE_PREFIX.sub("", src_uri.rsplit("/", 1)[-1].removesuffix(".md"))


@dataclass
class Page:
    """Any Markdown page of the site."""

    src_uri: str
    """Path inside content/, with forward slashes (MkDocs' src_uri)."""
    path: str
    """Path as the editor sees it in messages (content/...)."""
    title: str
    description: str
    body: str
    body_line: int
    meta: dict[str, Any] = field(default_factory=dict)
    """Validated front matter, handed to MkDocs as page.meta."""
    lines: dict[str, int] = field(default_factory=dict)
    """Line in the file of each front-matter key, for errors found after loading."""
    kind: str = "pagina"
    toolkit: bool = False
    """Whether the page goes into the PDF toolkit (in nav order)."""

    def line_of(self, key: str) -> int | None:
        return self.lines.get(key)


@dataclass
class Chapter(Page):
    """A methodiek or handreiking chapter; its order comes from the 01- prefix of its file name."""

    section: str = ""
    order: int = 0


@dataclass
class NewsItem(Page):
    date: PartialDate = PartialDate(1900, 1)
    gemeenten: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    milestone: bool = False
    """Drawn on the pilot timeline; the rest of a growing archive stays off the chart."""

    @property
    def slug(self) -> str:
        """The file name without its date prefix: the item's address and feed id, so correcting
        a date (2017-12 becomes 2017-12-05) renames the file but keeps every link working."""
        return news_slug(self.src_uri)


@dataclass
class Partner(Page):
    name: str = ""
    role: str = ""
    website: str | None = None
    logo: str | None = None
    logo_alt: str | None = None

    @property
    def slug(self) -> str:
        return self.src_uri.rsplit("/", 1)[-1].removesuffix(".md")


@dataclass(frozen=True)
class Figure:
    """One figure from content/data/: the value, how it is shown, and where it comes from."""

    key: str
    """Dotted key as pages use it: 'pilot.brieven' is key 'brieven' of data/pilot.yml."""
    value: int | float | str
    bron: str
    """Free text naming the document and place, or the key of an entry in content/bronnen/."""
    label: str = ""
    citaat: str = ""
    """With a source key in `bron`: the words (or, for a source without index, the place) it rests on."""
    path: str = field(default="", compare=False)
    line: int | None = field(default=None, compare=False)

    @property
    def is_number(self) -> bool:
        """True for a count or amount (YAML gives true/false as bool, which is an int in Python)."""
        return isinstance(self.value, (int, float)) and not isinstance(self.value, bool)

    def text(self) -> str:
        """The value in Dutch notation: 124.904 and 1,5."""
        if isinstance(self.value, bool):
            return "ja" if self.value else "nee"
        if isinstance(self.value, (int, float)):
            return dutch_number(self.value)
        try:
            return parse_date(self.value).dutch()
        except DateProblem:
            return self.value


@dataclass
class Content:
    """Everything the loader found, keyed by src_uri; what the later stages read."""

    pages: dict[str, Page] = field(default_factory=dict)
    figures: dict[str, Figure] = field(default_factory=dict)
    broken_figures: set[str] = field(default_factory=set)
    """Figure keys that exist but are wrong ('stem.*' for an unreadable data file): already reported."""
    sources: dict[str, SourceEntry] = field(default_factory=dict)
    """The entries of content/bronnen/ by key."""
    broken_sources: set[str] = field(default_factory=set)
    """Keys of entries that exist but have errors: citations of them get no second message."""
    sources_page: str | None = None
    """src_uri of the Bronnen page that lists the sources, when it exists."""
    editions: Any = None
    """The toolkit's editions (snp_site.toolkit.editions.Editions) when content/data/edities.yml exists."""

    def figure_is_broken(self, key: str) -> bool:
        return key in self.broken_figures or key.split(".", 1)[0] + ".*" in self.broken_figures

    def of_kind(self, cls: type) -> list[Any]:
        return sorted((p for p in self.pages.values() if isinstance(p, cls)), key=lambda p: p.src_uri)

    @property
    def news(self) -> list[NewsItem]:
        return self.of_kind(NewsItem)

    @property
    def partners(self) -> dict[str, Partner]:
        return {p.slug: p for p in self.of_kind(Partner)}

    @property
    def chapters(self) -> list[Chapter]:
        return sorted(self.of_kind(Chapter), key=lambda c: (c.section, c.order, c.src_uri))
