"""Check stage for raw HTML in Markdown: refuse what could run code or load another site.

Editors may write a little HTML (a <span>, a <details>), but never <script>, frames, embedded
objects, event handlers (on...=) or javascript:/data: addresses, nor style= (the site's CSP
ignores it, while the PDF would apply it). Rejecting is simpler for an
editor to understand than silently cleaning, and the message says what to write instead.
"""

from __future__ import annotations

import re
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


class _Scanner(HTMLParser):
    def __init__(self, path: str, first_line: int) -> None:
        super().__init__(convert_charrefs=True)
        self.path, self.first_line = path, first_line
        self.errors: list[ContentError] = []
        self.open: list[tuple[str, int]] = []

    def _err(self, code: str, message: str, fix: str) -> None:
        line = self.getpos()[0] + self.first_line - 1
        self.errors.append(ContentError(self.path, line, code, message, fix))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.open.append((tag, self.getpos()[0] + self.first_line - 1))
        if tag in FORBIDDEN_TAGS:
            self._err("html-verboden", f"de HTML-code <{tag}> is niet toegestaan in de tekst.",
                      "Verwijder deze code. Wilt u een video of formulier tonen, zet dan een gewone link "
                      "naar die pagina in de tekst.")
            return
        for name, value in attrs:
            if name.startswith("on"):
                self._err("html-verboden", f"het attribuut {name}= in <{tag}> voert code uit en is niet "
                          "toegestaan.", f"Verwijder {name}=\"...\" uit de code.")
            elif name == "style":
                self._err("html-stijl", f"het attribuut style= in <{tag}> werkt niet: de beveiliging van de "
                          "site laat geen opmaak in de tekst toe, dus de site zou anders zijn dan de PDF.",
                          "Verwijder style=\"...\". Moet iets opvallen, gebruik dan **vet** of een kader: "
                          "!!! note \"Let op\".")
            elif name in _URL_ATTRS and value:
                why = dangerous_url(value, tag, name)
                if why:
                    self._err("adres-verboden", f"<{tag} {name}=\"{value[:40]}\">: {why}.",
                              "Verwijs naar een pagina of een bestand in content/.")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _BLOCKS:
            self.open.pop()

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i][0] == tag:
                del self.open[i:]
                return


def check_raw_html(body: str, path: str, first_line: int) -> list[ContentError]:
    """Errors for forbidden HTML in a Markdown body (code blocks and inline code are text)."""
    scanner = _Scanner(path, first_line)
    text = blank_code(body)
    scanner.feed(text)
    scanner.close()
    for tag, line in scanner.open:
        scanner.errors.append(ContentError(path, line, "html-open", f"de HTML-code <{tag}> wordt niet gesloten: "
                                           "de rest van de pagina wordt dan niet omgezet.",
                                           f"Zet </{tag}> waar het blok eindigt, met een lege regel erboven."))
    comment = text.rfind("<!--")
    if comment >= 0 and "-->" not in text[comment:]:
        scanner.errors.append(ContentError(path, first_line + text.count("\n", 0, comment), "html-open",
                                           "deze opmerking (<!--) wordt niet gesloten: alles eronder verdwijnt "
                                           "van de pagina.", "Zet --> waar de opmerking eindigt, of haal <!-- weg."))
    return scanner.errors
