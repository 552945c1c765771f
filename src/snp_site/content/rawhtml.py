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


class _Scanner(HTMLParser):
    def __init__(self, path: str, first_line: int) -> None:
        super().__init__(convert_charrefs=True)
        self.path, self.first_line = path, first_line
        self.errors: list[ContentError] = []

    def _err(self, code: str, message: str, fix: str) -> None:
        line = self.getpos()[0] + self.first_line - 1
        self.errors.append(ContentError(self.path, line, code, message, fix))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
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

    handle_startendtag = handle_starttag


def check_raw_html(body: str, path: str, first_line: int) -> list[ContentError]:
    """Errors for forbidden HTML in a Markdown body (code blocks and inline code are text)."""
    scanner = _Scanner(path, first_line)
    scanner.feed(blank_code(body))
    scanner.close()
    return scanner.errors
