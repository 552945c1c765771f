"""Stage 1 of the toolkit: assemble one print HTML document from chapters MkDocs already rendered.

Hands on a string of HTML (cover, colophon, table of contents, chapters) to `typst_source`. The chapters
are the site's own rendered HTML, so site and PDF share one source. Ids are prefixed per chapter
(they must be unique in one document), links to other toolkit chapters become links inside the
PDF, other links become absolute web addresses, and `[naam gemeente]` is filled in when a
municipality is given.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin

from snp_site import html_tree
from snp_site.content.models import Content
from snp_site.codes.download import TAG as DOWNLOAD_TAG
from snp_site.sources import listing
from snp_site.sources.cite import figure_source_text

PLACEHOLDER = "[naam gemeente]"
"""What editors write in a toolkit chapter where the municipality's name belongs."""

EstimateTable = Callable[[list[str]], str]
"""HTML of the estimate for one municipality, given the figures named in an estimate block's data-basis."""


@dataclass(frozen=True)
class ToolkitChapter:
    """One chapter as MkDocs rendered it, in nav order."""

    src_uri: str
    title: str
    section: str
    url: str
    """The page's absolute web address (site_url + page.url)."""
    html: str


@dataclass(frozen=True)
class Edition:
    """What the cover and colophon say about this copy."""

    series: str
    title: str
    date_text: str
    iso_date: str
    version: str | None = None
    gemeente: str | None = None
    sources: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    """(text, key of its entry in content/bronnen/ or '') of every figure's source."""
    partners: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    """(name, role) of each partner, in file order."""
    sources_list: str = ""
    """HTML of the list of sources the toolkit ends with (snp_site.sources.listing)."""
    sources_url: str = ""
    """Web address of the Bronnen page: notes that link there link to the list in the PDF instead."""
    edition: str | None = None
    """'editie 2, december 2026' when the initiative keeps editions (content/data/edities.yml)."""
    changes: tuple[str, ...] = field(default_factory=tuple)
    """What changed in that edition, for the colophon."""


def chapter_id(src_uri: str) -> str:
    """A stable id for a chapter from its file: methodiek/01-aanleiding.md -> methodiek-01-aanleiding."""
    return re.sub(r"[^a-z0-9]+", "-", src_uri.removesuffix(".md").lower()).strip("-")


def edition_from(content: Content, series: str, title: str, date_text: str, iso_date: str,
                 version: str | None, gemeente: str | None, sources_url: str = "") -> Edition:
    """Colophon facts read from the content model: the sources of every figure, the partners, the
    list of sources, and the newest edition with what changed in it."""
    sources = tuple(sorted({figure_source_text(figure, content) for figure in content.figures.values()}))
    partners = tuple((p.name, p.role) for _, p in sorted(content.partners.items()))
    latest = content.editions.latest if content.editions is not None else None
    return Edition(series, title, date_text, iso_date, version, gemeente, sources, partners,
                   listing.toolkit_html(listing.ordered(content)), sources_url,
                   edition=latest.label() if latest else None, changes=latest.changes if latest else ())


def document(chapters: list[ToolkitChapter], edition: Edition, estimate: EstimateTable | None = None) -> str:
    """The whole print document as HTML (lang nl): the one model typst_source writes as Typst."""
    urls = {_page_key(ch.url): chapter_id(ch.src_uri) for ch in chapters}
    if edition.sources_list and edition.sources_url:
        urls[_page_key(edition.sources_url)] = listing.LIST_ID
    bodies = "\n".join(_chapter(ch, urls, edition.gemeente, estimate) for ch in chapters)
    e = html.escape
    head = (f'<meta charset="utf-8"><title>{e(edition.title)}</title>'
            f'<meta name="dcterms.created" content="{e(edition.iso_date)}">'
            f'<meta name="dcterms.modified" content="{e(edition.iso_date)}">'
            f'<meta name="author" content="{e(edition.series)}">')
    if edition.edition:
        # typst_source reads these into the PDF's Subject and Keywords: the edition travels with the file.
        head += (f'<meta name="description" content="{e(edition.title)}, {e(edition.edition)}">'
                 f'<meta name="keywords" content="{e(edition.edition)}">')
    return (f'<!DOCTYPE html>\n<html lang="nl"><head>{head}</head><body>\n'
            f"{_cover(edition)}\n{_colophon(edition)}\n{_contents(chapters, edition)}\n{bodies}\n"
            f"{edition.sources_list}\n</body></html>\n")


def _cover(ed: Edition) -> str:
    e = html.escape
    voor = f'<p class="omslag-gemeente">voor de gemeente {e(ed.gemeente)}</p>' if ed.gemeente else ""
    version = f"versie {e(ed.version)}, " if ed.version else ""
    edition = f'<p class="omslag-editie">{e(ed.edition[0].upper() + ed.edition[1:])}</p>' if ed.edition else ""
    return (f'<section class="omslag"><p class="omslag-reeks">{e(ed.series)}</p>'
            f'<h1 class="omslag-titel">{e(ed.title)}</h1>{voor}{edition}'
            f'<p class="omslag-uitgave">Uitgave: {version}{e(ed.date_text)}</p></section>')


def _colophon(ed: Edition) -> str:
    e = html.escape
    parts = ['<section class="colofon"><h2>Colofon</h2>',
             f"<p>{e(ed.title)}. Uitgave van {e(ed.date_text)}"
             + (f", versie {e(ed.version)}" if ed.version else "") + ".</p>"]
    if ed.edition:
        parts.append(f"<h3>Wat is er veranderd in {e(ed.edition)}</h3><ul>"
                     + "".join(f"<li>{e(change)}</li>" for change in ed.changes) + "</ul>")
    if ed.partners:
        parts.append("<h3>Partners</h3><ul>" + "".join(
            f"<li><strong>{e(name)}</strong>: {e(role)}</li>" for name, role in ed.partners) + "</ul>")
    if ed.sources:
        parts.append("<h3>Bronnen van de cijfers</h3><ul>" + "".join(
            f'<li><a href="#{listing.LIST_ID}--{e(key)}">{e(text)}</a></li>' if key and ed.sources_list
            else f"<li>{e(text)}</li>" for text, key in ed.sources) + "</ul>")
    parts.append("</section>")
    return "".join(parts)


def _contents(chapters: list[ToolkitChapter], edition: Edition) -> str:
    e = html.escape
    rows, section = [], None
    for ch in chapters:
        if ch.section and ch.section != section:
            section = ch.section
            rows.append(f'<li class="inhoud-deel">{e(section)}</li>')
        rows.append(f'<li><a href="#{chapter_id(ch.src_uri)}">{e(ch.title)}</a></li>')
    if edition.sources_list:
        rows.append(f'<li><a href="#{listing.LIST_ID}">Bronnen</a></li>')
    return f'<nav class="inhoud"><h2>Inhoud</h2><ul>{"".join(rows)}</ul></nav>'


def _page_key(url: str) -> str:
    return urldefrag(url).url.removesuffix("index.html")


def _for_print(body: ET.Element, estimate: EstimateTable | None) -> None:
    """Drop what only works in a browser: scripts, and the estimate form with its live region.
    With `estimate`, an estimate block holds only the table for this copy's municipality."""
    for parent in list(body.iter()):
        for child in list(parent):
            if child.tag == "script":
                parent.remove(child)
            elif child.tag == "div" and "snp-schatting" in html_tree.classes(child):
                for part in [p for p in child if p.tag == "form" or p.get("aria-live")]:
                    child.remove(part)
                if estimate is not None:
                    for part in list(child):
                        child.remove(part)
                    child.extend(list(html_tree.parse_fragment(estimate((child.get("data-basis") or "").split()))))


def _chapter(ch: ToolkitChapter, urls: dict[str, str], gemeente: str | None,
             estimate: EstimateTable | None = None) -> str:
    cid = chapter_id(ch.src_uri)
    body = html_tree.parse_fragment(ch.html)
    _for_print(body, estimate)
    parents = {child: parent for parent in body.iter() for child in parent}
    for el in list(body.iter()):
        if el.tag == "a" and {"headerlink", "footnote-backref"} & html_tree.classes(el):
            _remove(parents, el)  # a link back from a note only helps on a screen
            continue
        if el.tag == "p" and (el.text or "").strip() == DOWNLOAD_TAG and len(el) == 0:
            parents[el].remove(el)
            continue
        if el.get("id"):
            el.set("id", f"{cid}--{el.get('id')}")
        if el.tag == "a" and el.get("href") is not None:
            el.set("href", _link(el.get("href", ""), ch.url, cid, urls))
        if el.tag == "img" and el.get("src"):
            el.set("src", urljoin(ch.url, el.get("src", "")))
        if gemeente is not None:
            el.text = el.text.replace(PLACEHOLDER, gemeente) if el.text else el.text
            el.tail = el.tail.replace(PLACEHOLDER, gemeente) if el.tail else el.tail
            for key, value in el.attrib.items():
                el.set(key, value.replace(PLACEHOLDER, gemeente))
    first_h1 = body.find(".//h1")
    if first_h1 is not None:
        first_h1.set("class", ((first_h1.get("class") or "") + " hoofdstuk-titel").strip())
    inner = (html.escape(body.text or "", quote=False)
             + "".join(ET.tostring(child, encoding="unicode", method="html") for child in body))
    section = f' data-deel="{html.escape(ch.section)}"' if ch.section else ""
    return f'<article class="hoofdstuk" id="{cid}"{section}>{inner}</article>'


def _remove(parents: dict[ET.Element, ET.Element], el: ET.Element) -> None:
    """Remove `el`, keeping the text after it."""
    parent = parents[el]
    if el.tail:
        siblings = list(parent)
        i = siblings.index(el)
        if i:
            siblings[i - 1].tail = (siblings[i - 1].tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _link(href: str, page_url: str, cid: str, urls: dict[str, str]) -> str:
    """Inside the PDF where the target is in it; else the full web address, so it still works."""
    if href.startswith("#"):
        return f"#{cid}--{href[1:]}" if href[1:] else f"#{cid}"
    target = urljoin(page_url, href)
    page, fragment = urldefrag(target)
    other = urls.get(_page_key(page))
    if other is None:
        return target
    return f"#{other}--{fragment}" if fragment else f"#{other}"
