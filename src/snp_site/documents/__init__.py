"""Editable documents (DOCX and ODT) made from pages, for municipalities to adapt in their own office software.

The text exists once: a page's rendered HTML (the same the site shows and the PDF prints) is read
into a few plain blocks (`structure.py`), which each writer turns into real headings, lists and
tables of its format. Output is byte-identical for the same input (`zipfix.py`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from snp_site.cache import Cache
from snp_site.content.models import Page
from snp_site.errors import ContentError
from snp_site.filesize import size_text
from snp_site.documents.structure import Block, fill_placeholder, read_blocks, section

FORMATS = {
    "docx": ("Word-bestand", "DOCX"),
    "odt": ("LibreOffice-bestand", "ODT"),
}


@dataclass(frozen=True)
class DocumentInfo:
    title: str
    subject: str
    author: str
    """Shown as the document's author: the site's name, never a person."""
    epoch: int
    """Seconds since 1970 for every date inside the file (SOURCE_DATE_EPOCH)."""


def file_stem(src_uri: str) -> str:
    """downloads/<stem>.docx: the page's file name without its order prefix (11-modelbrief -> modelbrief)."""
    return re.sub(r"^\d{2}-", "", src_uri.rsplit("/", 1)[-1].removesuffix(".md"))


def download_links(label: str, stem: str, sizes: dict[str, int], link: "Callable[[str], str]") -> str:
    """One paragraph with a link per format; each link text says the format and the size."""
    links = [f'<a href="{escape(link(f"downloads/{stem}.{ext}"))}" download>{escape(label)} als {name} '
             f"({code}, {size_text(sizes[ext])})</a>" for ext, (name, code) in FORMATS.items()]
    return f'<p class="snp-downloads">Download: {" of ".join(links)}</p>'


def missing_heading(page: Page, heading: str) -> ContentError:
    return ContentError(page.path, page.line_of("document"), "document-kop",
                        f"'document' noemt de kop '{heading}', maar die kop staat niet op deze pagina.",
                        "Schrijf achter document: de tekst van een kop precies zoals op de pagina, of "
                        "document: true voor de hele pagina.")


Request = tuple[str, DocumentInfo, "str | None", "str | None"]
"""(html, info, heading, gemeente): all that the documents of one page are made from."""


def cached(request: Request, cache: Cache) -> dict[str, bytes] | None:
    """The documents from the cache when both formats are there for this input."""
    hits = {ext: cache.get(f"document-{ext}", _key(request, cache)) for ext in FORMATS}
    if all(hits.values()):
        return {ext: hit.data for ext, hit in hits.items() if hit is not None}
    return None


def store(request: Request, made: dict[str, bytes], cache: Cache) -> None:
    for ext, data in made.items():
        cache.put(f"document-{ext}", _key(request, cache), data)


def write(request: Request) -> dict[str, bytes]:
    """DOCX and ODT bytes of a page (or of its section under `heading`); empty if that heading is missing.
    A plain function of plain data: a task of the build's worker (worker.py), or run in the build.

    The writers (python-docx, odfpy) are imported here, not above: a build whose documents are all
    in the cache never loads them."""
    from snp_site.documents import docx_writer, odt_writer

    html, info, heading, gemeente = request
    blocks: list[Block] = read_blocks(html)
    if heading:
        blocks = section(blocks, heading)
        if not blocks:
            return {}
    if gemeente:
        blocks = fill_placeholder(blocks, "[naam gemeente]", gemeente)
    return {"docx": docx_writer.write(blocks, info), "odt": odt_writer.write(blocks, info)}


def preload() -> None:
    """Import the writers: the worker does this while the build reads the pages."""
    from snp_site.documents import docx_writer, odt_writer  # noqa: F401


def _key(request: Request, cache: Cache) -> str:
    html, info, heading, gemeente = request
    return cache.key("document", html, repr(info), heading or "", gemeente or "")
