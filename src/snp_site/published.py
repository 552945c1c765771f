"""The last check before publishing: nothing on a written page that the editor did not mean.

Every earlier check reads the Markdown. This one reads what a visitor would get, so a mistake the
Markdown checks cannot see (a code in capitals, a bracket on the next line, a table without its
extension, a link to a data file that is never published) still stops the build instead of
appearing on the site. It runs over the article of each editor's page in the staging folder,
after everything is written and before the swap.

A literal `[[` that an editor really wants is written `&#91;&#91;` (or in backticks, as code):
character references and code are not read as leftover text here.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

from snp_site import html_tree
from snp_site.content.models import Page
from snp_site.errors import ContentError

_SKIP = {"code", "pre", "script", "style", "textarea", "svg", "kbd", "samp"}
_LINKING = {("a", "href"), ("img", "src"), ("source", "src"), ("video", "src"), ("audio", "src")}
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")

LEFTOVERS: tuple[tuple[re.Pattern[str], str, str, str], ...] = (
    (re.compile(r"\[\["), "code-niet-ingevuld", "de pagina toont '{found}' als tekst: deze code is niet ingevuld.",
     "Schrijf een code als [[naam ...]]: kleine letters, op één regel, met een bekende naam. Wilt u echt "
     "dubbele rechte haken in de tekst, schrijf dan &#91;&#91; (zie de redactiehandleiding)."),
    (re.compile(r"\]\s*\("), "opmaak-niet-omgezet",
     "de pagina toont '{found}' als tekst: een link of afbeelding is niet omgezet.",
     "Schrijf een link als [tekst](adres), met ] en ( direct na elkaar en de haken op één regel."),
    (re.compile(r"\*\*|__"), "opmaak-niet-omgezet",
     "de pagina toont '{found}' als tekst: vetgedrukt is niet omgezet.",
     "Zet de sterretjes direct tegen de woorden aan, aan beide kanten: **zo**, in één alinea."),
    (re.compile(r"\]\[|\[\^"), "opmaak-niet-omgezet",
     "de pagina toont '{found}' als tekst: een verwijzing of voetnoot is niet omgezet.",
     "Schrijf onder de tekst een regel [naam]: adres voor een verwijzing, of [^naam]: tekst voor een voetnoot."),
    (re.compile(r"(?:^|\n)[ \t]*\|[^\n]*\|"), "opmaak-niet-omgezet",
     "de pagina toont '{found}' als tekst: een tabel is niet omgezet.",
     "Zet een lege regel boven de tabel, begin elke regel met | en schrijf als tweede regel | --- | --- |."),
    (re.compile(r"(?:^|\n)\s*[!?]{3}\+?\s*[a-z]"), "opmaak-niet-omgezet",
     "de pagina toont '{found}' als tekst: een kader is niet omgezet.",
     "Schrijf een kader als !!! note \"Titel\" op een eigen regel met een lege regel erboven, en "
     "spring de tekst eronder vier spaties in."),
    (re.compile(r"\n[ \t]*(?:[-*+]|\d+[.)])[ \t]+\S"), "opmaak-niet-omgezet",
     "de pagina toont '{found}' als tekst: een lijst is niet omgezet.",
     "Zet een lege regel boven de lijst."),
    (re.compile(r"(?:^|\n)[ \t]*#{1,6}[ \t]+\S"), "opmaak-niet-omgezet",
     "de pagina toont '{found}' als tekst: een kop is niet omgezet.",
     "Zet de kop op een eigen regel, met een lege regel erboven en eronder."),
    (re.compile(r"`{3,}|~{3,}"), "opmaak-niet-omgezet",
     "de pagina toont '{found}' als tekst: een codeblok is niet omgezet.",
     "Zet ``` op een eigen regel boven en onder de code, met een lege regel erboven."),
)
"""(pattern in the visible text, code, message, fix): Markdown or a code that reached the page as text."""


@dataclass(frozen=True)
class Written:
    """A page of an editor as written into the site: where it went and where it came from."""

    dest: str
    """Path of the HTML file inside the site folder, e.g. methodiek/01-eerste/index.html."""
    page: Page


def pages_of(files: Iterable[object], bodies: dict[str, Page]) -> list[Written]:
    """The editors' pages among MkDocs' files (generated pages such as news overviews are ours)."""
    return [Written(f.dest_uri, bodies[f.src_uri]) for f in files  # type: ignore[attr-defined]
            if f.src_uri in bodies and f.dest_uri.endswith(".html")]  # type: ignore[attr-defined]


_BREAK_BEFORE = {"p", "li", "td", "th", "div", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr"}
_BREAK_AFTER = {"p", "li", "td", "th", "div", "tr"}


@dataclass
class _Article:
    """The visible text (outside code) and the link targets of a page's <article>."""

    text: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)


def _read(html: str) -> _Article:
    # The tree has character references resolved, yet an escaped character is one the editor
    # wrote on purpose: every & is swapped for a character the page lacks before parsing, so
    # the text still shows each reference, as a \0, and attributes are unescaped here instead.
    mark = next(chr(c) for c in range(0xE000, 0xF900) if chr(c) not in html)
    reference = re.compile(mark + r"(?:#(?:[0-9]+|[xX][0-9a-fA-F]+)(?![0-9a-fA-F])"
                                  r"|[a-zA-Z][-.a-zA-Z0-9]*(?![a-zA-Z0-9]));?")
    article = _Article()

    def visible(text: str) -> str:
        return reference.sub("\0", text).replace(mark, "&")

    def visit(el: ET.Element, inside: bool, skip: bool) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""  # a comment has no text to show
        inside = inside or tag == "article"
        if inside:
            skip = skip or tag in _SKIP
            article.targets += [unescape(value.replace(mark, "&")) for name, value in el.items()
                                if (tag, name) in _LINKING]
            if tag in _BREAK_BEFORE:
                article.text.append("\n")
            if tag and el.text and not skip:
                article.text.append(visible(el.text))
        for child in el:
            visit(child, inside, skip)
            if inside and not skip and child.tail:
                article.text.append(visible(child.tail))
        if inside and tag in _BREAK_AFTER:
            article.text.append("\n")

    visit(html_tree.parse_document(_article_part(html).replace("&", mark)), False, False)
    return article


def _article_part(html: str) -> str:
    """From the first <article to the last </article>: all the check reads, without the theme's header,
    navigation and footer around it, which are most of a page's bytes (the whole page without an article)."""
    start, end = html.find("<article"), html.rfind("</article>")
    return html[start:end + len("</article>")] if 0 <= start < end else html


def _snippet(text: str, start: int) -> str:
    """The leftover as the editor wrote it: its line up to a closing ]], at most about 40 characters."""
    line = text[start:].lstrip("\n").split("\n", 1)[0].strip()
    end = line.find("]]")
    if 0 <= end < 60:
        return line[:end + 2]
    return line if len(line) <= 40 else line[:40].rsplit(" ", 1)[0]


def _line(page: Page, needle: str) -> int | None:
    """The first line of the page's Markdown body that holds `needle`, as a line of the file."""
    for number, line in enumerate(page.body.split("\n"), start=page.body_line):
        if needle and needle in line:
            return number
    return None


def _exists(site: Path, target: str) -> bool:
    path = site / target
    return path.is_file() or (path / "index.html").is_file() or (target in ("", ".") and (site / "index.html").is_file())


def check_page(site: Path, written: Written, site_url: str | None = None,
               coming: frozenset[str] = frozenset()) -> list[ContentError]:
    """Leftover Markdown or codes, links to files the site does not have (nor will have: `coming`), and
    links to this site written in full (they skip every link check and break when the site moves),
    on one written page."""
    article = _read((site / written.dest).read_text(encoding="utf-8"))
    page, errors = written.page, []
    text = "".join(article.text)
    for pattern, code, message, fix in LEFTOVERS:
        match = pattern.search(text)
        if match:
            found = _snippet(text, match.start())
            line = _line(page, match.group(0).strip()) or _line(page, found[:12])
            errors.append(ContentError(page.path, line, code, message.format(found=found), fix))
    here = posixpath.dirname(written.dest)
    for target in dict.fromkeys(article.targets):
        parts = urlsplit(target)
        if site_url and target.startswith(site_url.rstrip("/")):
            errors.append(ContentError(
                page.path, _line(page, target), "link-eigen-site",
                f"de link '{target}' schrijft het adres van deze site voluit.",
                "Verwijs met een relatief pad naar het .md-bestand, bijvoorbeeld ../methodiek/01-aanleiding.md: "
                "dan controleert de build de link, en hij blijft werken als de site verhuist."))
            continue
        if _SCHEME.match(target) or target.startswith("//") or not parts.path:
            continue
        resolved = posixpath.normpath(posixpath.join(here, unquote(parts.path)))
        if resolved.startswith("..") or not (_exists(site, resolved) or resolved in coming):
            errors.append(ContentError(
                page.path, _line(page, target), "link-niet-gepubliceerd",
                f"de link '{target}' gaat naar iets dat niet op de site komt.",
                "Link naar een pagina (het .md-bestand) of naar een afbeelding of download in content/; "
                "bestanden in content/data/ en verborgen bestanden worden niet gepubliceerd."))
    return errors


def check_site(site: Path, written: list[Written], site_url: str | None = None,
               coming: frozenset[str] = frozenset()) -> list[ContentError]:
    """Every written page of an editor; an empty list means the site shows what was meant."""
    return [error for item in sorted(written, key=lambda w: w.dest) if (site / item.dest).is_file()
            for error in check_page(site, item, site_url, coming)]
