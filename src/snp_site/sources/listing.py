"""The list of sources: on the Bronnen page of the site, and at the end of the PDF toolkit.

Both show every entry of content/bronnen/ with its data under an anchor of its own (the key), so
a note can link to it. The site's list also says which pages cite the source and which figures
rest on it, so a reader can go from a source to every claim made with it.
"""

from __future__ import annotations

import re
from html import escape

from snp_site.content.models import Content
from snp_site.sources.cite import citations
from snp_site.sources.entries import SourceEntry

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!>])")


def ordered(content: Content) -> list[SourceEntry]:
    """The pilot's own documents (those with an index) first, then laws and guidelines; each group
    alphabetical by how a note names them, so a reader finds a source where they expect it."""
    return sorted(content.sources.values(), key=lambda e: (e.index is None, e.label().casefold(), e.key))


def _rows(entry: SourceEntry) -> list[tuple[str, str]]:
    """(term, HTML) of the data an entry has; nothing is shown for a field it lacks (kind and title
    are the heading above)."""
    rows = [(term, escape(value)) for term, value in (
        ("Auteur", entry.auteur), ("Datum", entry.datum),
        ("Uitgever", entry.uitgever), ("Kenmerk", entry.kenmerk)) if value]
    if entry.adres:
        rows.append(("Adres", f'<a href="{escape(entry.adres)}">{escape(entry.adres)}</a>'))
    if entry.toelichting:
        rows.append(("Toelichting", escape(entry.toelichting)))
    if entry.index is not None:
        rows.append(("Controle", f"Elk citaat uit deze bron wordt bij het bouwen van de site gecontroleerd "
                                 f"tegen een vingerafdruk van de tekst ({len(entry.index.paragraphs)} "
                                 "alinea's). De tekst van de bron zelf nemen we niet over."))
    else:
        rows.append(("Controle", "Deze bron wordt aangehaald met de plaats (zoals een artikel of "
                                 "succescriterium), niet met een citaat."))
    return rows


def _dl(rows: list[tuple[str, str]]) -> str:
    return ('<dl class="snp-bron">' + "".join(f"<dt>{term}</dt><dd>{value}</dd>" for term, value in rows)
            + "</dl>")


def page_markdown(content: Content, link_to_page) -> str:
    """Markdown for the end of the Bronnen page: per source a heading with its key as anchor."""
    cited_on: dict[str, list[str]] = {}
    for page in sorted(content.pages.values(), key=lambda p: p.src_uri):
        for citation, _ in citations(page.body, page.body_line, content):
            pages = cited_on.setdefault(citation.key, [])
            if page.src_uri not in pages:
                pages.append(page.src_uri)
    figures: dict[str, list[str]] = {}
    for figure in sorted(content.figures.values(), key=lambda f: f.key):
        if figure.bron in content.sources:
            figures.setdefault(figure.bron, []).append(
                f"{escape(figure.label or figure.key)}: {escape(figure.text())}")
    parts = []
    for entry in ordered(content):
        rows = _rows(entry)
        if cited_on.get(entry.key):
            rows.append(("Aangehaald op", ", ".join(
                f'<a href="{escape(link_to_page(uri))}">{escape(content.pages[uri].title)}</a>'
                for uri in cited_on[entry.key])))
        if figures.get(entry.key):
            rows.append(("Cijfers uit deze bron", "; ".join(figures[entry.key])))
        title = _MARKDOWN_SPECIAL.sub(r"\\\1", entry.label())
        parts.append(f"## {title} {{#{entry.anchor} .snp-bron-kop}}\n\n{_dl(rows)}")
    return "\n\n" + "\n\n".join(parts) + "\n" if parts else ""


LIST_ID = "bronnenlijst"
"""Id of the toolkit's list of sources; an entry's id is LIST_ID--key, as for a chapter's headings."""


def toolkit_html(entries: list[SourceEntry]) -> str:
    """The toolkit's last section: every source with its data (no page links: the PDF stands alone)."""
    if not entries:
        return ""
    items = "".join(f'<section class="bron" id="{LIST_ID}--{escape(e.anchor)}"><h2>{escape(e.label())}</h2>'
                    f"{_dl(_rows(e))}</section>" for e in entries)
    return (f'<article class="hoofdstuk bronnenlijst" id="{LIST_ID}"><h1 class="hoofdstuk-titel">Bronnen</h1>'
            "<p>De noten in deze toolkit verwijzen naar deze bronnen. Een noot noemt de bron, de datum, de "
            f"plaats (de alinea) en de woorden uit de bron.</p>{items}</article>")
