"""Editions of the toolkit: which copy a municipality holds, and what changed since.

Editors keep one data file, content/data/edities.yml, newest edition on top:

    2:
      datum: 2026-12
      hoofdstukken: 3f9a1c2b7d4e
      wijzigingen:
        - Bij elke feitelijke zin staat nu de bron.

`hoofdstukken` is a fingerprint of everything the toolkit's chapters are made from (their
Markdown and the figures they can show). When the chapters change, the newest edition's
fingerprint no longer matches and the build stops with the new value to write down: so a changed
toolkit never goes out under an old edition number, and the page "Wat is er veranderd" (the code
[[edities]], codes/edities.py) and the colophon always list what changed. Without the file there are no editions.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from snp_site.content.models import Content
from snp_site.content.schema import suggest, type_name
from snp_site.content.yamlsafe import YamlDoc, load_yaml_file
from snp_site.dates import DateProblem, PartialDate, parse_date
from snp_site.errors import ContentError, reporter

_FIELDS = ["datum", "hoofdstukken", "wijzigingen"]
_PRINT_LENGTH = 12


@dataclass(frozen=True)
class Edition:
    number: int
    date: PartialDate
    changes: tuple[str, ...]
    fingerprint: str | None
    line: int | None

    def label(self) -> str:
        """'editie 2, december 2026'."""
        return f"editie {self.number}, {self.date.dutch()}"


@dataclass(frozen=True)
class Editions:
    path: str
    """As the editor sees it, e.g. content/data/edities.yml."""
    editions: tuple[Edition, ...]
    """Newest first."""

    @property
    def latest(self) -> Edition:
        return self.editions[0]


def fingerprint(content: Content, toolkit_pages: list[str]) -> str:
    """A short digest of what the toolkit's chapters are made from: their Markdown, in order, and
    every figure's value (a page shows figures through [[cijfer ...]])."""
    digest = hashlib.sha256()
    for src_uri in toolkit_pages:
        page = content.pages.get(src_uri)
        body = page.body if page is not None else ""
        digest.update(f"{src_uri}\0{body}\0".encode("utf-8"))
    for key, figure in sorted(content.figures.items()):
        digest.update(f"{key}\0{figure.value!r}\0{figure.label}\0".encode("utf-8"))
    return digest.hexdigest()[:_PRINT_LENGTH]


def load(path: Path, display: str) -> tuple[Editions | None, list[ContentError]]:
    """Read the editions file; None (and no error) when the initiative keeps none."""
    if not path.is_file():
        return None, []
    doc, errors = load_yaml_file(path.read_bytes(), display)
    if doc is None:
        return None, errors
    example = ("Schrijf per editie een blok zoals 1: met daaronder datum:, hoofdstukken: en "
               "wijzigingen: (zie docs/toolkit.md).")
    if not isinstance(doc.data, dict) or not doc.data:
        return None, [ContentError(display, 1, "edities-vorm", "het bestand met edities heeft geen "
                                   "edities in de vorm nummer: blok.", example)]
    found: list[Edition] = []
    for key, entry in doc.data.items():
        edition = _edition(key, entry, doc, display, errors, example)
        if edition is not None:
            found.append(edition)
    if errors:
        return None, errors
    found.sort(key=lambda e: e.number, reverse=True)
    return Editions(display, tuple(found)), []


def _edition(key: object, entry: object, doc: YamlDoc, display: str, errors: list[ContentError],
             example: str) -> Edition | None:
    name = str(key)
    line = doc.line(name)

    err = reporter(display, errors)

    if isinstance(key, bool) or not isinstance(key, int) or key < 1:
        err(line, "editie-nummer", f"'{name}' is geen editienummer.",
            "Nummer de edities 1, 2, 3, ... met de nieuwste bovenaan.")
        return None
    if not isinstance(entry, dict):
        err(line, "edities-vorm", f"editie {key} is {type_name(entry)}, geen blok.", example)
        return None
    for field in entry:
        if str(field) not in _FIELDS:
            err(doc.line(name, str(field)), "onbekend-veld", f"'{field}' is geen bekend veld voor een editie.",
                suggest(str(field), _FIELDS))
    raw_date = entry.get("datum")
    date: PartialDate | None = None
    try:
        date = parse_date(str(raw_date)) if isinstance(raw_date, (str, int)) and raw_date != "" else None
        if date is None:
            raise DateProblem("de datum ontbreekt")
    except DateProblem as problem:
        err(doc.line(name, "datum"), "editie-datum", f"editie {key}: {problem}.",
            "Schrijf datum: met jaar en maand, zoals 2026-12, of met de dag erbij.")
    changes = entry.get("wijzigingen")
    if (not isinstance(changes, list) or not changes
            or not all(isinstance(c, str) and c.strip() for c in changes)):
        err(doc.line(name, "wijzigingen"), "editie-zonder-wijzigingen",
            f"editie {key} zegt niet wat er veranderd is.",
            "Zet onder wijzigingen: per regel met een streepje (- ...) wat er in de toolkit veranderd is.")
        changes = []
    printed = entry.get("hoofdstukken")
    if printed is not None and not isinstance(printed, str):
        printed = str(printed)
    if date is None:
        return None
    return Edition(key, date, tuple(c.strip() for c in changes), printed, line)


def check(content: Content) -> list[ContentError]:
    """An error when the toolkit's chapters changed since the newest edition was written down."""
    editions = content.editions
    if editions is None:
        return []
    current = fingerprint(content, sorted(uri for uri, page in content.pages.items()
                                          if getattr(page, "toolkit", False)))
    latest = editions.latest
    if latest.fingerprint == current:
        return []
    following = latest.number + 1
    return [ContentError(
        editions.path, latest.line, "toolkit-editie-verouderd",
        f"de hoofdstukken van de toolkit zijn veranderd sinds editie {latest.number} "
        f"(vingerafdruk nu {current}, bij editie {latest.number}: {latest.fingerprint or 'geen'}).",
        f'Zet bovenaan een nieuwe editie {following}: met datum: (jaar en maand), hoofdstukken: "{current}" '
        
        f"en onder wijzigingen: wat er veranderd is. Is editie {latest.number} nog niet uitgegeven, "
        f'zet dan bij editie {latest.number} hoofdstukken: "{current}" en vul de wijzigingen aan.')]
