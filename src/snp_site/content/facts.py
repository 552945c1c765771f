"""The fact check: no figure, e-mail address or phone number enters the site without a source.

Runs in the check stage, on the loaded model, before anything is written. Every digit in the
text a reader sees must be one of:

- part of a date in Dutch form ("23 juni 2017", "januari 2018", or a year such as 2011);
- a figure tag [[cijfer bestand.naam]], whose value and source live in content/data/;
- part of a text listed in the allow-list content/data/toegestaan.yml, which carries its source.

An e-mail address or phone number anywhere in content/ (pages and data files) is an error
unless the allow-list names it. The check reads Markdown, not HTML, so it can give the line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from snp_site.content.models import Figure, Page
from snp_site.content.personal import personal_numbers

PERSONAL = ("burgerservicenummer (BSN)", "rekeningnummer (IBAN)")
from snp_site.dates import MONTHS_NL
from snp_site.errors import ContentError

ALLOW_LIST = "toegestaan"
"""Stem of the data file whose values may appear literally in the text."""

_VISIBLE_FIELDS = ("title", "description", "name", "role", "logo_alt")
"""Front-matter fields that end up as text on a page (title, meta description, partner card)."""

_MONTH = "|".join(MONTHS_NL)
_DATES = re.compile(rf"\b(?:\d{{1,2}}\s+(?:{_MONTH})(?:\s+(?:19|20)\d{{2}})?|(?:{_MONTH})\s+(?:19|20)\d{{2}}"
                    rf"|(?:19|20)\d{{2}})\b", re.IGNORECASE)
DUTCH_DATES = _DATES
"""A date in Dutch form or a year; the citation rule reads it too."""

# What Markdown shows no reader: link targets, tags of ours, HTML tags, attribute lists,
# footnote markers, list numbers (the browser draws those) and character references.
_HIDDEN = [
    re.compile(r"\]\([^)]*\)"),
    re.compile(r"^\s*\[[^\]^][^\]]*\]:\s*\S+(?:\s+[\"'(].*)?$"),
    re.compile(r"\[\[[^\]]*\]\]"),
    re.compile(r"<[^>\n]+>"),
    re.compile(r"\{\s*[:#.][^}]*\}"),
    re.compile(r"\[\^[^\]]+\]:?"),
    re.compile(r"^\s*(?:>\s*)*\d+[.)](?=\s)"),
    re.compile(r"&#?\w+;"),
]
_NUMBER = NUMBER = re.compile(r"\d+(?:[.,]\d+)*")

_EMAIL = re.compile(r"(?:mailto:)?[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# Dutch numbers: 0 or +31/0031, then nine digits, spaces, dashes or brackets between them.
_PHONE = re.compile(r"(?:tel:)?(?<![\w+\-/.,])\(?(?:\+31|0031|0)(?:[\s\-.)]{0,3}\(?\d){8,10}(?![\w\-/])")


def _normal(text: str) -> str:
    """A contact detail without its spelling: 'tel:070-333 44 44' and '0703334444' are one number."""
    return re.sub(r"^(?:tel:|mailto:)|[\s\-.()]", "", text.strip().lower())


def visible_text(text: str) -> str:
    """`text` without what Markdown shows no reader (link targets, codes, HTML tags, list numbers)."""
    for pattern in _HIDDEN:
        text = pattern.sub(" ", text)
    return text


def _allowed_texts(figures: dict[str, Figure]) -> list[str]:
    texts = {str(f.value) for key, f in figures.items() if key.startswith(ALLOW_LIST + ".")}
    return sorted((t for t in texts if t.strip()), key=lambda t: (-len(t), t))


def _without(text: str, allowed: list[str]) -> str:
    """The text with everything removed that may hold digits: allowed texts, hidden Markdown,
    dates, and contact details (those get their own, clearer message)."""
    for literal in allowed:
        text = text.replace(literal, " ")
    text = visible_text(text)
    for _, found in list(personal_numbers(text)):
        text = text.replace(found, " ")
    text = _PHONE.sub(" ", _EMAIL.sub(" ", text))
    return _DATES.sub(" ", text)


def contact_details(text: str) -> Iterator[tuple[str, str]]:
    """(kind, the detail as written) for each e-mail address, phone number, BSN or IBAN in `text`.

    A BSN or IBAN is found first and taken out, so its digits are not read as a phone number too."""
    text = yield from _take_personal(text)
    for kind, pattern in (("e-mailadres", _EMAIL), ("telefoonnummer", _PHONE)):
        for match in pattern.finditer(text):
            yield kind, re.sub(r"^(?:mailto:|tel:)", "", match.group(0).strip())


def _take_personal(text: str):
    """Yield each BSN or IBAN of `text`; return the text without them."""
    for kind, found in list(personal_numbers(text)):
        yield kind, found
        text = text.replace(found, " ")
    return text


def loose_numbers(line: str, allowed: list[str]) -> list[str]:
    """The numbers in one line of Markdown that are no date, figure tag or allowed text."""
    if _NUMBER.search(line) is None:  # most lines: taking things out cannot add a digit
        return []
    return [m.group(0) for m in _NUMBER.finditer(_without(line, allowed))]


def _contact_errors(path: str, lines: Iterable[tuple[int, str]], allowed: set[str]) -> list[ContentError]:
    errors = []
    for number, line in lines:
        for kind, found in contact_details(line):
            if _normal(found) in allowed:
                continue
            if kind in PERSONAL:
                errors.append(ContentError(
                    path, number, "persoonsgegeven",
                    f"'{found}' lijkt een {kind}. Zo'n nummer van een inwoner op de site is een datalek.",
                    f"Haal het nummer weg. Is het echt een openbaar nummer met een bron, zet het dan met die "
                    f"bron in content/data/{ALLOW_LIST}.yml."))
            else:
                errors.append(ContentError(
                    path, number, "contactgegeven-zonder-bron",
                    f"het {kind} '{found}' staat niet in de lijst van toegestane gegevens.",
                    f"Zet alleen een {kind} op de site dat een bron heeft. Zet het dan met die bron in "
                    f"content/data/{ALLOW_LIST}.yml (waarde:, label:, bron:). Staat het nergens? Verwijs "
                    "dan naar de website van de organisatie."))
    return errors


def _digit_errors(path: str, lines: Iterable[tuple[int, str]], allowed: list[str]) -> list[ContentError]:
    errors = []
    for number, line in lines:
        for found in loose_numbers(line, allowed):
            errors.append(ContentError(
                path, number, "getal-zonder-bron",
                f"het getal '{found}' staat los in de tekst, zonder bron.",
                "Zet een cijfer met zijn bron in content/data/ en schrijf [[cijfer bestand.naam]]. "
                "Is het een datum? Schrijf die voluit, zoals 23 juni 2017 of januari 2018. Is het een "
                f"vaste naam of een nummer (zoals G32)? Zet het met de bron in content/data/{ALLOW_LIST}.yml."))
    return errors


def _page_lines(page: Page) -> list[tuple[int, str]]:
    """Visible front-matter values and body lines, each with its line in the file."""
    lines = [(page.line_of(key) or 1, str(page.meta[key])) for key in _VISIBLE_FIELDS
             if isinstance(page.meta.get(key), str)]
    return lines + list(enumerate(page.body.split("\n"), start=page.body_line))


def data_files(docs_dir: Path, display_prefix: str, data_dir: str) -> dict[str, Path]:
    """The data files of content/, keyed by the path editors see (content/data/pilot.yml)."""
    folder = docs_dir / data_dir
    files = sorted(folder.glob("*.y*ml")) if folder.is_dir() else []
    # Folders and symbolic links with such a name are reported by the file check, never read here.
    return {f"{display_prefix}/{data_dir}/{f.name}": f for f in files
            if f.suffix in (".yml", ".yaml") and f.is_file() and not f.is_symlink()}


def check_facts(pages: dict[str, Page], figures: dict[str, Figure],
                data_files: dict[str, Path]) -> list[ContentError]:
    """Every unsourced digit and contact detail in `pages` and (contact details only) `data_files`.

    `data_files` maps the path shown to editors to the file; the allow-list file itself is skipped."""
    allowed = _allowed_texts(figures)
    allowed_contacts = {_normal(t) for t in allowed}
    errors: list[ContentError] = []
    for page in sorted(pages.values(), key=lambda p: p.src_uri):
        lines = _page_lines(page)
        errors += _digit_errors(page.path, lines, allowed)
        errors += _contact_errors(page.path, lines, allowed_contacts)
    for display, path in sorted(data_files.items()):
        if path.stem == ALLOW_LIST:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        errors += _contact_errors(display, enumerate(text.split("\n"), start=1), allowed_contacts)
    return errors
