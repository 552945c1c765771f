"""`snp bron toevoegen KEY BESTAND`: store a document's verification index in its entry.

Reads a local copy of the document (plain text or Markdown, as exported), makes its index with
`fingerprint`, and writes it under `index:` in content/bronnen/KEY.yml, keeping every other line
the editor wrote. The document itself is never copied into the project.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from snp_site.sources import fingerprint
from snp_site.sources.cite import KEY

_TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
_TOP_LEVEL = re.compile(r"^[^\s#-][^:]*:")


class AddProblem(ValueError):
    """Why no index was written, in Dutch."""


@dataclass(frozen=True)
class Added:
    entry: Path
    paragraphs: int
    words: int
    created: bool
    changed: bool
    """False when the entry already had the index of this very document."""


def _read(document: Path) -> tuple[str, bytes]:
    if not document.is_file():
        raise AddProblem(f"het bestand '{document}' bestaat niet")
    if document.suffix.lower() not in _TEXT_SUFFIXES:
        raise AddProblem(f"'{document.name}' is geen tekstbestand; sla het document eerst op als tekst "
                         "(.txt) en geef dat bestand")
    raw = document.read_bytes()
    try:
        text = raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError:
        raise AddProblem(f"'{document.name}' is niet als UTF-8 opgeslagen; sla het op als UTF-8-tekst") from None
    return text, raw


_NOTE = ("# Gemaakt met: snp bron toevoegen. Niet met de hand aanpassen; dit is een vingerafdruk,\n"
         "# niet de tekst van de bron.\n")


def without_index(text: str) -> str:
    """The entry's lines without its top-level index: block (and the comment this command put above it)."""
    out, skipping = [], False
    for line in text.replace(_NOTE, "").splitlines():
        if _TOP_LEVEL.match(line):
            skipping = line.startswith("index:")
        if not skipping:
            out.append(line)
    while out and not out[-1].strip():
        out.pop()
    return "\n".join(out) + "\n" if out else ""


def add(folder: Path, key: str, document: Path) -> Added:
    """Write the index of `document` into folder/KEY.yml (made with a comment if it is new)."""
    if not KEY.match(key):
        raise AddProblem(f"'{key}' is geen geldige sleutel; gebruik kleine letters, cijfers en streepjes, "
                         "zoals kamerbrief")
    text, raw = _read(document)
    index = fingerprint.build_index(text)
    if not index.paragraphs:
        raise AddProblem(f"in '{document.name}' staan geen woorden")
    sha = hashlib.sha256(raw).hexdigest()
    entry = folder / f"{key}.yml"
    created = not entry.exists()
    old = "" if created else entry.read_text(encoding="utf-8")
    head = without_index(old) if old else (
        f"# Bron '{key}': vul de gegevens in zoals het document ze geeft, en verzin niets.\n"
        "# Velden: titel, soort, auteur, datum (2017-06-23, 2016-10 of 2016), uitgever, kenmerk,\n"
        "# adres (alleen als de bron zelf een openbaar adres noemt), toelichting.\n")
    block = yaml.safe_dump({"index": fingerprint.to_data(index, sha)}, allow_unicode=True,
                           sort_keys=False, width=1 << 20)
    new = head + ("\n" if head else "") + _NOTE + block
    changed = new != old
    folder.mkdir(parents=True, exist_ok=True)
    if changed:
        entry.write_text(new, encoding="utf-8")
    return Added(entry, len(index.paragraphs), index.words, created, changed)
