"""The lint stage: accessibility mistakes an editor can make in Markdown, found before building.

Markdown turns these into valid but inaccessible HTML without a word (an image without alt
text becomes alt=""), so only this stage catches them: raw HTML images without alt, link text
that says nothing out of context ("klik hier"), headings that skip a level, and a page that
does not have exactly one level-1 heading. Raw HTML in the Markdown is read by
`rawhtml.read_tags`, as for the HTML check. Hands `ContentError`s to the plugin.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from snp_site.content.models import Page
from snp_site.content.rawhtml import Tag, read_tags
from snp_site.content.refs import blank_inline_code, code_flags, scan
from snp_site.errors import ContentError, reporter

_ATX = re.compile(r"^\s{0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t#]*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_HTML_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_TAGS = re.compile(r"<[^>]+>")

VAGUE_LINK_TEXTS = frozenset({"hier", "klik hier", "klik", "lees meer", "lees verder", "meer", "link",
                              "deze link", "meer informatie", "verder"})
"""Link texts that do not say where a link goes once read out of context (WCAG 2.4.4)."""


def _words(text: str) -> str:
    """Link text as a screen-reader user's link list shows it: no markup, no punctuation, lower case."""
    text = _TAGS.sub("", text)
    text = re.sub(r"[*_`\[\]]", "", text)
    return " ".join(re.sub(r"[^\w\s]", " ", text).split()).lower()


def _visible_lines(page: Page) -> Iterator[tuple[int, str, str]]:
    """(line number, line, previous line) outside fenced code, with inline code blanked out."""
    previous = ""
    for number, (line, in_code) in enumerate(code_flags(page.body), start=page.body_line):
        if in_code:
            previous = ""
            continue
        visible = blank_inline_code(line)
        yield number, visible, previous
        previous = visible


def _raw_html(page: Page, names: set[str]) -> dict[int, list[Tag]]:
    """The start tags with these names in the page's raw HTML (content/rawhtml.py reads it), by line."""
    found: dict[int, list[Tag]] = {}
    for tag in read_tags(page.body, page.body_line):
        if tag.name in names and not tag.closing:
            found.setdefault(tag.line, []).append(tag)
    return found


def headings(page: Page) -> list[tuple[int, int, str]]:
    """(line, level, text) of every heading: ATX (# ...), setext (=== / --- under text) and raw <hN>."""
    found = []
    html = _raw_html(page, _HTML_HEADINGS)
    for number, line, previous in _visible_lines(page):
        atx = _ATX.match(line)
        if atx:
            found.append((number, len(atx.group(1)), (atx.group(2) or "").strip()))
            continue
        setext = _SETEXT.match(line)
        if setext and previous.strip() and not _ATX.match(previous) and not previous.lstrip().startswith(
                ("-", "*", ">", "|", "<")):
            found.append((number - 1, 1 if setext.group(1)[0] == "=" else 2, previous.strip()))
            continue
        found += [(number, int(tag.name[1]), tag.text.strip()) for tag in html.get(number, [])
                  if tag.text is not None]
    return found


def lint_page(page: Page) -> list[ContentError]:
    errors: list[ContentError] = []

    err = reporter(page.path, errors)

    found = headings(page)
    level_one = [h for h in found if h[1] == 1]
    if not level_one:
        err(found[0][0] if found else page.body_line, "geen-h1", "de pagina heeft geen kop van niveau 1.",
            f"Begin de tekst met één kop met een hekje, bijvoorbeeld: # {page.title or 'Titel van de pagina'}")
    for line, _, text in level_one[1:]:
        err(line, "tweede-h1", f"de kop '{text}' is de tweede kop van niveau 1 op deze pagina.",
            f"Een pagina heeft precies één kop met één hekje (#). Maak hiervan een kop van niveau 2: ## {text}")
    previous = 0
    for line, level, text in found:
        if previous and level > previous + 1:
            err(line, "kop-slaat-niveau-over",
                f"de kop '{text}' is van niveau {level}, maar de kop ervoor is van niveau {previous}.",
                f"Sla geen niveau over: maak er een kop van niveau {previous + 1} van "
                f"({'#' * (previous + 1)} {text}).")
        previous = level

    for ref in scan(page.body, page.body_line):
        if ref.kind == "link" and _words(ref.text) in VAGUE_LINK_TEXTS:
            _vague(err, ref.line, ref.text)
    for line, tags in sorted(_raw_html(page, {"a", "img"}).items()):
        for tag in tags:
            if tag.name == "a" and tag.text is not None and _words(tag.text) in VAGUE_LINK_TEXTS:
                _vague(err, line, tag.text.strip())
        for tag in tags:
            attrs = dict(reversed(tag.attrs))  # the first of two alike counts, as in a browser
            # alt="" written out in HTML is a deliberate "decorative" mark; a missing alt is a slip.
            if tag.name == "img" and attrs.get("alt") is None:
                name = f" '{attrs['src']}'" if attrs.get("src") is not None else ""
                err(line, "alt-ontbreekt", f"de afbeelding{name} (HTML) heeft geen alt-attribuut.",
                    'Schrijf in de tag wat er op de afbeelding te zien is, bijvoorbeeld '
                    '<img src="../assets/logo.png" alt="Logo van de gemeente">.')
    return errors


def _vague(err, line: int, text: str) -> None:
    err(line, "vage-linktekst", f"de linktekst '{text}' zegt niet waar de link heen gaat.",
        "Schrijf als linktekst waar de link heen gaat, bijvoorbeeld [de resultaten van de pilot]"
        "(resultaten.md). Wie een schermlezer gebruikt, hoort vaak alleen de linkteksten.")


def lint(pages: Iterable[Page]) -> list[ContentError]:
    """Every lint error of every page, in file order."""
    return [e for page in sorted(pages, key=lambda p: p.src_uri) for e in lint_page(page)]
