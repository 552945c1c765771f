"""The kinds of page and the layout of content/: one table, the one source of truth.

Each `PageKind` says which folder holds it, which front-matter fields it takes (the schema) and
which typed model a valid page becomes. Kind detection, schema checks and model building all
read `KINDS`: a new kind of page is one entry here (plus a template, if it needs its own look).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from snp_site.content.models import Chapter, NewsItem, Page, Partner
from snp_site.content.schema import COMMON, TITLE_MAX, Field
from snp_site.dates import parse_date
from snp_site.errors import ContentError

DATA_DIR = "data"
"""content/data/: the figures, read into the model and not published."""
ADOPTION_FILE = f"{DATA_DIR}/gemeenten.yml"
EDITIONS_FILE = f"{DATA_DIR}/edities.yml"
"""The toolkit's editions; read by content/editions.py, not as figures."""
"""Which gemeenten took the approach over; read by the news stage (news/adoption.py), not as figures."""
ADOPTION_PAGE = "gemeenten.md"
"""The page that gets the overview of gemeenten from the adoption file."""
SOURCES_DIR = "bronnen"
"""content/bronnen/: one entry per source (snp_site.sources); like data/, read and not published."""
SOURCES_PAGE = "bronnen.md"
"""The page the build fills with the list of sources; citations link to it."""

_CHAPTER_FILE = re.compile(r"^(\d{2})-[a-z0-9][a-z0-9-]*\.md$")


def _chapter_name(src_uri: str, display: str) -> list[ContentError]:
    if _CHAPTER_FILE.match(src_uri.rsplit("/", 1)[-1]):
        return []
    return [ContentError(display, None, "hoofdstuk-naam",
                         "de naam van dit hoofdstukbestand begint niet met een volgnummer.",
                         "Geef het bestand een naam als 03-doelgroep.md: twee cijfers, een "
                         "streepje, en dan kleine letters en streepjes.")]


@dataclass(frozen=True)
class PageKind:
    name: str
    """In Dutch, as messages name it ('een bekend veld voor een nieuwsbericht')."""
    folders: tuple[str, ...]
    """The folders of content/ that hold this kind (their index.md is a plain page); () for the default."""
    fields: tuple[Field, ...]
    """The front-matter schema."""
    model: Callable[[dict[str, Any], dict[str, Any], str], Page]
    """(fields every page has, front matter, src_uri) -> the typed model of a valid page."""
    check_name: Callable[[str, str], list[ContentError]] = lambda src_uri, display: []
    """Rules for the file name, given src_uri and the path as the editor sees it."""

    @property
    def folder(self) -> str:
        return self.folders[0]


PAGE = PageKind("pagina", (), COMMON + (Field("toolkit", "bool"), Field("document", "document")),
                lambda common, meta, src_uri: Page(**common))
CHAPTER = PageKind("hoofdstuk", ("methodiek", "handreiking"), PAGE.fields,
                   lambda common, meta, src_uri: Chapter(**common, section=src_uri.rpartition("/")[0],
                                                         order=int(src_uri.rpartition("/")[2][:2])),
                   _chapter_name)
NEWS = PageKind("nieuwsbericht", ("nieuws",),
                COMMON + (Field("date", "date", required=True), Field("gemeenten", "names"),
                          Field("partners", "names"), Field("mijlpaal", "bool")),
                lambda common, meta, src_uri: NewsItem(
                    **common, date=parse_date(meta["date"]), gemeenten=tuple(meta.get("gemeenten", ())),
                    partners=tuple(meta.get("partners", ())), milestone=bool(meta.get("mijlpaal", False))))
PARTNER = PageKind("partner", ("partners",),
                   COMMON + (Field("name", "text", required=True, max_len=TITLE_MAX),
                             Field("role", "text", required=True, max_len=300), Field("website", "url"),
                             Field("logo", "text"), Field("logo_alt", "text", max_len=200)),
                   lambda common, meta, src_uri: Partner(
                       **common, name=meta["name"].strip(), role=meta["role"].strip(),
                       website=meta.get("website"), logo=meta.get("logo"), logo_alt=meta.get("logo_alt")))

KINDS: list[PageKind] = [PAGE, CHAPTER, NEWS, PARTNER]
"""Every kind of page; PAGE, with no folder, is what a page is when no other kind claims it."""


def kind_of(src_uri: str) -> PageKind:
    folder, _, name = src_uri.rpartition("/")
    if name != "index.md":
        for kind in KINDS:
            if folder in kind.folders:
                return kind
    return PAGE


def by_name(name: str) -> PageKind:
    return next(kind for kind in KINDS if kind.name == name)
