"""The [[bron KEY "woorden uit de bron"]] code: checked against the source's index, shown as a note.

The check runs before anything is written; the renderer turns each citation into a Markdown
footnote reference, and `page_notes` adds the footnote definitions (title, date, place, the quoted
words, a link to the source's entry on the Bronnen page) under a heading at the end of the page,
so the `footnotes` extension renders a numbered, linked list with links back. The PDF toolkit is
assembled from the same rendered HTML, so every chapter carries its notes at its end.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass
from functools import cached_property
from html import escape
from typing import TYPE_CHECKING

from snp_site.codes.context import CodeContext, Problem
from snp_site.codes.syntax import written
from snp_site.errors import ContentError
from snp_site.sources import fingerprint

if TYPE_CHECKING:  # content/ loads sources; this module reads the model only when called
    from snp_site.content.models import Content, Figure
    from snp_site.sources.entries import SourceEntry

NAME = "bron"
KEY = re.compile(r"^[a-z0-9][a-z0-9-]*$")
"""A source's key: the name of its file in content/bronnen/ without .yml."""
MIN_WORDS = 3
MAX_WORDS = 25
MAX_PLACE_WORDS = 12
NOTES_HEADING = "Bronnen bij deze tekst"
NOTES_ID = "bronnen-bij-deze-tekst"
_OPENING, _CLOSING = "“„‘", "”“’"


@dataclass(frozen=True)
class Citation:
    key: str
    quote: str
    """As the editor wrote it, whitespace made single."""

    @cached_property
    def label(self) -> str:
        """The footnote label: the same citation twice on a page is one note with two links back."""
        words = " ".join(fingerprint.words(self.quote))
        return f"bron-{self.key}-{hashlib.sha1(words.encode('utf-8')).hexdigest()[:8]}"


def parse(args: list[str]) -> Citation | None:
    """The key and quoted words of a citation, or None when it is not written as KEY "words".

    The code syntax gives a "quoted phrase" as one argument; typographic quotes (which a word
    processor puts in) arrive as separate words and are accepted too."""
    if len(args) > 2 and args[1][:1] in _OPENING and args[-1][-1:] in _CLOSING:
        args = [args[0], " ".join(args[1:])[1:-1]]
    if len(args) != 2 or not args[1].strip():
        return None
    return Citation(args[0], " ".join(args[1].split()))


def _shown(token: str) -> str:
    """A word of the quote as the editor wrote it, without the punctuation around it."""
    return re.sub(r"^\W+|\W+$", "", token) or token


def check(args: list[str], content: Content) -> Problem | None:
    citation = parse(args)
    if citation is None:
        return Problem("bron-syntax", f"'{written(NAME, args)}' is geen geldige bronvermelding.",
                       'Schrijf [[bron sleutel "woorden uit de bron"]], bijvoorbeeld '
                       '[[bron kamerbrief "vaak meerdere keren"]], met de woorden tussen aanhalingstekens.')
    return check_citation(citation, content)


def unknown_source(key: str, content: Content) -> Problem | None:
    """The error for a key that names no entry (None when it does, or its entry has its own error)."""
    if key in content.sources or key in content.broken_sources:
        return None
    known = sorted(content.sources)
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.5)
    hint = f"Bedoelde u '{close[0]}'? " if close else ""
    return Problem("bron-onbekend", f"de bron '{key}' bestaat niet in content/bronnen/.",
                   f"{hint}Bekende bronnen: {', '.join(known) or 'geen'}. Een nieuwe bron krijgt een "
                   "eigen bestand content/bronnen/sleutel.yml.")


def check_citation(citation: Citation, content: Content) -> Problem | None:
    key = citation.key
    entry = content.sources.get(key)
    if entry is None:
        return unknown_source(key, content)
    if content.sources_page is None:
        return Problem("bron-pagina-ontbreekt", "er is geen pagina Bronnen om naar te verwijzen.",
                       "Maak content/bronnen.md met title: Bronnen en een korte inleiding; de lijst van "
                       "bronnen vult de build zelf in.")
    quote = fingerprint.tokens(citation.quote)
    if entry.index is None:
        if len(quote) > MAX_PLACE_WORDS:
            return Problem("bron-plaats-te-lang", f"'{key}' heeft geen index: noem de plaats in de bron, "
                           f"geen citaat ({len(quote)} woorden).",
                           f'Schrijf alleen waar het staat, bijvoorbeeld [[bron {key} "artikel 28"]].')
        return None
    if len(quote) < MIN_WORDS:
        return Problem("bron-citaat-te-kort", f"het citaat uit '{key}' heeft maar {len(quote)} "
                       f"woord{'en' if len(quote) != 1 else ''}; minstens {MIN_WORDS} zijn nodig.",
                       "Neem een paar woorden meer letterlijk over uit de bron, zodat de build kan zien "
                       "waar het staat.")
    if len(quote) > MAX_WORDS:
        return Problem("bron-citaat-te-lang", f"het citaat uit '{key}' heeft {len(quote)} woorden; "
                       f"het mag er hoogstens {MAX_WORDS} hebben.",
                       "Citeer kort: neem alleen de kern letterlijk over en schrijf de rest in uw eigen woorden.")
    result = fingerprint.match(entry.index, [w for w, _ in quote])
    if isinstance(result, fingerprint.Found):
        return None
    return _missed(key, quote, result)


def _missed(key: str, quote: list[tuple[str, str]], miss: fingerprint.Missed) -> Problem:
    refresh = (f"Is de bron zelf veranderd? Maak de index dan opnieuw met snp bron toevoegen {key} "
               "BESTAND.")
    near = (f"het lijkt het meest op alinea {miss.nearest} van de bron" if miss.nearest
            else "geen alinea van de bron lijkt erop")
    word = _shown(quote[miss.leaves_at][1]) if miss.leaves_at < len(quote) else ""
    if miss.kind == "twee-alineas":
        return Problem("bron-twee-alineas", f"het citaat uit '{key}' loopt over twee alinea's van de bron: "
                       f"het begint in alinea {miss.nearest} en gaat vanaf \"{word}\" verder in alinea "
                       f"{miss.second}.",
                       "Citeer uit één alinea: kort het citaat in, of zet achter de zin twee bronvermeldingen.")
    if miss.kind == "volgorde":
        where = "" if miss.leaves_at == 0 else f" (vanaf woord {miss.leaves_at + 1}, \"{word}\")"
        return Problem("bron-volgorde", f"de woorden van het citaat uit '{key}' staan in alinea {miss.nearest} "
                       f"van de bron, maar niet in deze volgorde{where}.",
                       "Neem de woorden over in de volgorde van de bron; een eigen formulering zet u buiten "
                       "de aanhalingstekens.")
    where = "al vanaf het eerste woord" if miss.leaves_at == 0 else f"vanaf woord {miss.leaves_at + 1}"
    return Problem("bron-citaat-onjuist", f"het citaat uit '{key}' staat niet zo in de bron: {where} "
                   f"(\"{word}\") wijkt het af; {near}.",
                   "Neem de woorden letterlijk en in dezelfde volgorde over uit de bron (hoofdletters, leestekens "
                   f"en regeleinden tellen niet mee). {refresh}")


def render(args: list[str], context: CodeContext) -> str:
    """The footnote reference; `page_notes` adds what it points at."""
    citation = parse(args)
    assert citation is not None  # render runs only for citations that passed the check
    return f"[^{citation.label}]"


def place(entry: SourceEntry, citation: Citation) -> str:
    """Where in the source: the paragraph(s) an indexed quote is in, or the place as written."""
    if entry.index is None:
        return citation.quote
    found = fingerprint.match(entry.index, fingerprint.words(citation.quote))
    numbers = list(found.paragraphs) if isinstance(found, fingerprint.Found) else []
    if not numbers:
        return ""
    shown = [str(n) for n in numbers]
    return "alinea " + (shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " en " + shown[-1])


def note_html(entry: SourceEntry, citation: Citation, href: str) -> str:
    """The text of one note: source (a link to its entry), date, place, and the quoted words."""
    parts = [f'<a href="{escape(href)}">{escape(entry.label())}</a>']
    if entry.datum:
        parts.append(escape(entry.datum))
    where = place(entry, citation)
    if entry.index is None:
        parts.append(escape(where))
        return ", ".join(parts) + "."
    if where:
        parts.append(escape(where))
    return ", ".join(parts) + f': “<span class="snp-citaat">{escape(citation.quote)}</span>”'


def citations(body: str, first_line: int, content: Content) -> list[tuple[Citation, int]]:
    """The valid citations of a page body, in order, with their line."""
    from snp_site.content.refs import scan  # content/ imports this module while it loads

    found = []
    for ref in scan(body, first_line):
        if ref.kind == "code" and ref.target == NAME and check(ref.args, content) is None:
            citation = parse(ref.args)
            if citation is not None:
                found.append((citation, ref.line))
    return found


def page_notes(body: str, content: Content, link_to_page) -> str:
    """Markdown to append to a page: one footnote definition per citation, under a heading."""
    seen: dict[str, str] = {}
    for citation, _ in citations(body, 1, content):
        if citation.label in seen:
            continue
        entry = content.sources[citation.key]
        href = f"{link_to_page(content.sources_page)}#{entry.anchor}"
        seen[citation.label] = f"[^{citation.label}]: {note_html(entry, citation, href)}"
    if not seen:
        return ""
    return (f"\n\n## {NOTES_HEADING} {{#{NOTES_ID} .snp-noten-kop}}\n\n///Footnotes Go Here///\n\n"
            + "\n\n".join(seen.values()) + "\n")


FOOTNOTES = {
    "BACKLINK_TITLE": "Terug naar noot {} in de tekst",
    "BACKLINK_TEXT": '&#8617;<span class="snp-verborgen"> terug naar de tekst</span>',
}
"""Dutch texts for the notes' links back (the extension's own are English, and its arrow alone
says nothing to a screen reader)."""


def configure_markdown(config) -> None:
    """Notes need the footnotes extension (and attr_list for the ids of their heading and of the
    sources on the Bronnen page): switch them on, with Dutch link texts unless set."""
    for extension in ("attr_list", "footnotes"):
        if extension not in config.markdown_extensions:
            config.markdown_extensions.append(extension)
    options = config.mdx_configs.setdefault("footnotes", {})
    for name, value in FOOTNOTES.items():
        options.setdefault(name, value)


_FOOTNOTE_REF = re.compile(r'<a class="footnote-ref" href="#fn:(bron-[^"]+)">(\d+)</a>')


def label_note_links(html: str) -> str:
    """'Bron 3' as the name of a note link, so a screen reader says more than a bare number."""
    return _FOOTNOTE_REF.sub(lambda m: f'<a class="footnote-ref" href="#fn:{m.group(1)}" '
                             f'aria-label="Bron {m.group(2)}">{m.group(2)}</a>', html)


def figure_source_errors(content: Content) -> list[ContentError]:
    """A figure whose bron: names a source by key: its citaat: must be in that source. A bron: with a
    citaat: must be such a key (a key with a typo gets a suggestion); a bron: without citaat: that is
    no key is free text, as before sources had entries."""
    errors = []
    for figure in sorted(content.figures.values(), key=lambda f: f.key):
        known = figure.bron in content.sources or figure.bron in content.broken_sources
        if not figure.citaat:
            continue
        if known or KEY.match(figure.bron):
            problem = check_citation(Citation(figure.bron, figure.citaat), content)
        else:
            problem = Problem("cijfer-citaat-zonder-sleutel", f"cijfer '{figure.key}' heeft citaat:, maar bron: "
                              "is geen sleutel van een bron.",
                              "Zet bij bron: de sleutel uit content/bronnen/ (zoals kamerbrief), of haal "
                              "citaat: weg.")
        if problem:
            errors.append(ContentError(figure.path, figure.line, *problem))
    return errors


def figures_source_html(figures: list[Figure], context: CodeContext) -> str:
    """'Bron: <link to the entry>, date, alinea ...' under a chart whose figures name their source by key,
    one line per source; '' when none does (a free-text bron stays in the data file)."""
    content = context.content
    if content.sources_page is None:
        return ""
    lines = []
    for key in dict.fromkeys(f.bron for f in figures if f.bron in content.sources):
        entry = content.sources[key]
        places = [place(entry, Citation(key, f.citaat)) for f in figures if f.bron == key and f.citaat]
        parts = [f'<a href="{escape(context.link_to_page(content.sources_page))}#{entry.anchor}">'
                 f"{escape(entry.label())}</a>"] + ([escape(entry.datum)] if entry.datum else [])
        parts += [escape(p) for p in dict.fromkeys(places) if p]
        lines.append(f'<p class="snp-grafiek-bron">Bron: {", ".join(parts)}.</p>')
    return "".join(lines)


def figure_source_text(figure: Figure, content: Content) -> tuple[str, str]:
    """(text, source key or '') of a figure's source, as the toolkit's colophon lists it."""
    entry = content.sources.get(figure.bron)
    if entry is None:
        return figure.bron, ""
    parts = [entry.label()] + ([entry.datum] if entry.datum else [])
    if figure.citaat:
        citation = Citation(entry.key, figure.citaat)
        where = place(entry, citation)
        if entry.index is None:
            parts.append(where)
        else:
            parts.append(f"{where}: “{figure.citaat}”" if where else f"“{figure.citaat}”")
    return ", ".join(parts), entry.key
