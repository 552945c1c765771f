"""Stage 1 of loading: read one Markdown file into front matter and body, with line numbers.

Bytes come in; a `Source` (normalised text, front matter as a `YamlDoc`, the body and the
line the body starts on) or a list of `ContentError` goes out. BOM and Windows line endings
are accepted silently: editors' tools write them, and they are not mistakes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from snp_site.content.yamlsafe import YamlDoc, load_yaml
from snp_site.errors import ContentError

_FENCE = re.compile(r"^(---|\.\.\.)[ \t]*$")

FRONT_MATTER_FIX = ("Zet bovenaan het bestand een blok tussen twee regels met drie streepjes (---), "
                    "met daarin minstens title: en description:.")


@dataclass
class Source:
    path: str
    meta: YamlDoc
    body: str
    body_line: int
    """Line number in the file of the first line of `body`."""


def decode(raw: bytes, display_path: str) -> tuple[str | None, list[ContentError]]:
    """UTF-8 text with BOM dropped and line endings normalised, or an error naming the bad line."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [ContentError(display_path, line, "geen-utf8",
                                   "het bestand is niet als UTF-8 opgeslagen (of is geen tekstbestand).",
                                   "Open het in een teksteditor en sla het op als 'UTF-8'. Is het een "
                                   "afbeelding of document, zet het dan in content/assets/.")]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, [ContentError(display_path, line, "geen-utf8",
                                   "het bestand bevat binaire tekens en is geen tekstbestand.",
                                   "Vervang het door een gewoon tekstbestand in UTF-8.")]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def read_source(raw: bytes, display_path: str) -> tuple[Source | None, list[ContentError]]:
    """Split a Markdown file into validated-as-YAML front matter and its body."""
    text, errors = decode(raw, display_path)
    if text is None:
        return None, errors
    if not text.strip():
        return None, [ContentError(display_path, None, "leeg-bestand", "het bestand is leeg.",
                                   "Vul het bestand, of verwijder het als de pagina weg moet. "
                                   + FRONT_MATTER_FIX)]
    lines = text.split("\n")
    if not _FENCE.match(lines[0]) or lines[0].startswith("..."):
        return None, [ContentError(display_path, 1, "geen-front-matter",
                                   "het bestand begint niet met front matter.", FRONT_MATTER_FIX)]
    end = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i])), None)
    if end is None:
        return None, [ContentError(display_path, 1, "front-matter-open",
                                   "de front matter wordt niet afgesloten.",
                                   "Zet onder de laatste regel van de front matter een regel met "
                                   "alleen drie streepjes: ---")]
    doc, errors = load_yaml("\n".join(lines[1:end]) + "\n", display_path, first_line=2)
    if doc is None:
        return None, errors
    if doc.data is None:
        doc.data = {}
    if not isinstance(doc.data, dict):
        return None, [ContentError(display_path, 2, "front-matter-vorm",
                                   "de front matter is geen lijst van naam: waarde-regels.",
                                   FRONT_MATTER_FIX)]
    return Source(display_path, doc, "\n".join(lines[end + 1:]), end + 2), []
