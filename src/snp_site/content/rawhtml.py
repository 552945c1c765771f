"""Check stage for raw HTML in Markdown: refuse what could run code or load another site.

Editors may write a little HTML (a <span>, a <details>), but never <script>, frames, embedded
objects, event handlers (on...=) or javascript:/data: addresses, nor style= (the site's CSP
ignores it, while the PDF would apply it). Rejecting is simpler for an
editor to understand than silently cleaning, and the message says what to write instead.

`read_tags` is the one reader of raw HTML in Markdown (the lint stage reads its images, links and
headings through it too): the tags as written, with their lines. Rendered pages are read with
html_tree instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from snp_site.content.refs import blank_code
from snp_site.errors import ContentError

FORBIDDEN_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form",
                  "meta", "link", "style"}
_URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "poster", "srcset", "data"}
_DATA_IMAGE = re.compile(r"^data:image/(png|jpeg|gif|webp);base64,[a-z0-9+/=\s]*$", re.IGNORECASE)


def dangerous_url(url: str, tag: str, attr: str) -> str | None:
    """Why this URL may not appear in content, or None. Only small inline raster images may use data:."""
    squashed = re.sub(r"[\s\x00-\x1f]", "", url).lower()
    if squashed.startswith(("javascript:", "vbscript:")):
        return "een javascript:-adres voert code uit in de browser van de bezoeker"
    if squashed.startswith("data:") and not (tag == "img" and attr == "src" and _DATA_IMAGE.match(url.strip())):
        return "een data:-adres kan code of een ander document bevatten"
    return None


_BLOCKS = {"div", "details", "section", "aside", "figure", "table", "blockquote", "ul", "ol", "dl"}
"""Block elements an editor opens by hand: left open, they swallow the rest of the page as raw HTML."""

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Tag:
    """A tag of the raw HTML in a Markdown body, as the editor wrote it."""

    name: str
    attrs: list[tuple[str, str | None]]
    """Lower-case names with their values, character references resolved (None: no value)."""
    line: int
    """The file's line of its '<'."""
    closing: bool = False
    """An end tag (</div>); the start tag of <div/> is followed by one."""
    text: str | None = None
    """Of a start tag, the text up to its end tag: tags left out, character references as written;
    None when no end tag closes it."""


class _Reader(HTMLParser):
    """The tags of Markdown with raw HTML in it. A tokenizer, not a tree: the checks need each tag
    as written, its line, and whether its end tag was written, which a parser's tree does not keep."""

    def __init__(self, first_line: int) -> None:
        super().__init__(convert_charrefs=False)
        self.first_line = first_line
        self.tags: list[Tag] = []
        self._open: list[tuple[Tag, list[str]]] = []

    def _line(self) -> int:
        return self.getpos()[0] + self.first_line - 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = Tag(tag, attrs, self._line())
        self.tags.append(found)
        if tag not in _VOID:
            self._open.append((found, []))

    def handle_endtag(self, tag: str) -> None:
        self.tags.append(Tag(tag, [], self._line(), closing=True))
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i][0].name == tag:
                self._open[i][0].text = "".join(self._open[i][1])
                del self._open[i:]
                return

    def handle_data(self, data: str) -> None:
        for _, parts in self._open:
            parts.append(data)

    def handle_entityref(self, name: str) -> None:
        self.handle_data(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.handle_data(f"&#{name};")


def read_tags(body: str, first_line: int) -> list[Tag]:
    """Every tag of the raw HTML in a Markdown body whose first line is `first_line`, in order;
    fenced and inline code are text, so their tags are not read."""
    return _read(blank_code(body), first_line)


def _read(text: str, first_line: int) -> list[Tag]:
    reader = _Reader(first_line)
    reader.feed(text)
    reader.close()
    return reader.tags


def _tag_errors(path: str, tag: Tag) -> list[ContentError]:
    if tag.name in FORBIDDEN_TAGS:
        return [ContentError(path, tag.line, "html-verboden", f"de HTML-code <{tag.name}> is niet toegestaan in de "
                             "tekst.", "Verwijder deze code. Wilt u een video of formulier tonen, zet dan een gewone "
                             "link naar die pagina in de tekst.")]
    errors = []
    for name, value in tag.attrs:
        if name.startswith("on"):
            errors.append(ContentError(path, tag.line, "html-verboden", f"het attribuut {name}= in <{tag.name}> voert "
                                       "code uit en is niet toegestaan.", f"Verwijder {name}=\"...\" uit de code."))
        elif name == "style":
            errors.append(ContentError(path, tag.line, "html-stijl", f"het attribuut style= in <{tag.name}> werkt niet: "
                                       "de beveiliging van de site laat geen opmaak in de tekst toe, dus de site zou "
                                       "anders zijn dan de PDF.", "Verwijder style=\"...\". Moet iets opvallen, "
                                       "gebruik dan **vet** of een kader: !!! note \"Let op\"."))
        elif name in _URL_ATTRS and value:
            why = dangerous_url(value, tag.name, name)
            if why:
                errors.append(ContentError(path, tag.line, "adres-verboden", f"<{tag.name} {name}=\"{value[:40]}\">: "
                                           f"{why}.", "Verwijs naar een pagina of een bestand in content/."))
    return errors


def check_raw_html(body: str, path: str, first_line: int) -> list[ContentError]:
    """Errors for forbidden HTML in a Markdown body (code blocks and inline code are text)."""
    text = blank_code(body)
    errors: list[ContentError] = []
    open_blocks: list[Tag] = []
    for tag in _read(text, first_line):
        if not tag.closing:
            errors += _tag_errors(path, tag)
            if tag.name in _BLOCKS:
                open_blocks.append(tag)
            continue
        # An end tag closes its block and any block opened inside it and left open.
        for i in range(len(open_blocks) - 1, -1, -1):
            if open_blocks[i].name == tag.name:
                del open_blocks[i:]
                break
    for tag in open_blocks:
        errors.append(ContentError(path, tag.line, "html-open", f"de HTML-code <{tag.name}> wordt niet gesloten: "
                                   "de rest van de pagina wordt dan niet omgezet.",
                                   f"Zet </{tag.name}> waar het blok eindigt, met een lege regel erboven."))
    comment = text.rfind("<!--")
    if comment >= 0 and "-->" not in text[comment:]:
        errors.append(ContentError(path, first_line + text.count("\n", 0, comment), "html-open",
                                   "deze opmerking (<!--) wordt niet gesloten: alles eronder verdwijnt "
                                   "van de pagina.", "Zet --> waar de opmerking eindigt, of haal <!-- weg."))
    return errors
