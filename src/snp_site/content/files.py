"""Check stage for the files themselves: names, size, links out of content/, real images.

These mistakes happen before any front matter is read: a file called "Nieuws bericht.md", a
symlink to a folder elsewhere on the server, a 10 MB page, a .png that is really a Word file or
was cut off while copying, or an SVG with a script in it (an SVG is a web page and can run code
in the visitor's browser).
"""

from __future__ import annotations

import os
import re
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

from snp_site.content.rawhtml import dangerous_url
from snp_site.errors import ContentError, reporter

MAX_MARKDOWN_BYTES = 2 * 1024 * 1024
"""The longest real page is a few tens of KB; 2 MB is a pasted export or a mistake."""
MAX_SVG_BYTES = 2 * 1024 * 1024

UNREADABLE = {"te-groot", "symlink"}
"""Codes of files the loader must not read at all."""

_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_MAGIC: dict[str, tuple[bytes, ...]] = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
}
_OTHER_MARKDOWN = {".markdown", ".mdown", ".mkdn", ".mkd"}
"""The other extensions MkDocs reads as pages (mkdocs.utils.markdown_extensions)."""
_FILE_SUFFIXES = {".md", ".markdown", ".yml", ".yaml", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"}
"""A folder with such a name was meant to be a file (a page, a data file, an image)."""
_SVG_FORBIDDEN = {"script", "foreignObject", "iframe", "embed", "object"}


def check_files(docs_dir: Path, display_prefix: str) -> list[ContentError]:
    """Every file-level mistake below docs_dir (which is walked without following links)."""
    errors: list[ContentError] = []
    root = docs_dir.resolve()
    for folder, dirs, files in os.walk(docs_dir):
        dirs.sort()
        here = Path(folder)
        for name in sorted(dirs) + sorted(files):
            if name.startswith("."):
                continue
            path = here / name
            rel = path.relative_to(docs_dir).as_posix()
            display = f"{display_prefix}/{rel}"
            errors += _check_name(name, display)
            if path.is_symlink():
                errors += _check_link(path, root, display)
            elif path.is_dir() and path.suffix.lower() in _FILE_SUFFIXES:
                errors.append(ContentError(display, None, "map-als-bestand", f"dit is een map, maar de naam eindigt "
                                           f"op {path.suffix}, zoals een bestand.",
                                           f"Maak er een bestand van, of geef de map een naam zonder {path.suffix}."))
            elif path.is_file():
                errors += _check_content(path, display)
        dirs[:] = [d for d in dirs if not d.startswith(".") and not (here / d).is_symlink()]
    return errors


def _check_name(name: str, display: str) -> list[ContentError]:
    if _NAME.match(name):
        return []
    plain = unicodedata.normalize("NFKD", name.lower()).encode("ascii", "ignore").decode()
    better = re.sub(r"[^a-z0-9._-]+", "-", plain).strip("-") or "naam"
    return [ContentError(display, None, "bestandsnaam",
                         f"de naam '{name}' bevat hoofdletters, spaties of tekens buiten a-z, 0-9, - en _.",
                         f"Hernoem het naar bijvoorbeeld '{better}': de naam wordt een deel van het webadres.")]


def _check_link(path: Path, root: Path, display: str) -> list[ContentError]:
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):  # nowhere, or a loop (RuntimeError before Python 3.13)
        return [ContentError(display, None, "symlink", "dit is een snelkoppeling (symlink) die nergens heen wijst: "
                             "het doel bestaat niet, of de snelkoppeling wijst naar zichzelf.",
                             "Verwijder de snelkoppeling, of zet het bestand zelf op deze plek.")]
    if target.is_dir():
        return [ContentError(display, None, "symlink", "dit is een snelkoppeling (symlink) naar een map.",
                             "Zet de bestanden zelf in content/ in plaats van een snelkoppeling.")]
    if not target.is_relative_to(root):
        return [ContentError(display, None, "symlink", "dit is een snelkoppeling (symlink) naar een bestand "
                             "buiten content/.", "Kopieer het bestand naar content/ en verwijder de snelkoppeling.")]
    return []


def _check_content(path: Path, display: str) -> list[ContentError]:
    suffix = path.suffix.lower()
    size = path.stat().st_size
    if suffix in _OTHER_MARKDOWN:
        return [ContentError(display, None, "markdown-extensie", f"MkDocs maakt van dit {suffix}-bestand een pagina, "
                             "maar de controles lezen alleen .md-bestanden.",
                             f"Hernoem het bestand: vervang {suffix} door .md.")]
    if suffix == ".md" and size > MAX_MARKDOWN_BYTES:
        return [ContentError(display, None, "te-groot", f"het bestand is {size // 1024 // 1024} MB; een pagina "
                             f"mag hoogstens {MAX_MARKDOWN_BYTES // 1024 // 1024} MB zijn.",
                             "Verdeel de tekst over meer pagina's, of controleer of er per ongeluk iets groots "
                             "is geplakt.")]
    if suffix in _MAGIC:
        with path.open("rb") as handle:
            head = handle.read(16)
        webp_ok = suffix != ".webp" or head[8:12] == b"WEBP"
        if not head.startswith(_MAGIC[suffix]) or not webp_ok:
            return [ContentError(display, None, "geen-afbeelding", f"dit bestand heet {suffix}, maar is geen "
                                 f"{suffix[1:].upper()}-afbeelding.", "Sla de afbeelding opnieuw op als "
                                 f"{suffix[1:].upper()} in een tekenprogramma, of geef het de juiste extensie.")]
        return _check_pixels(path, display)
    if suffix == ".svg":
        return _check_svg(path, display, size)
    return []


def _check_pixels(path: Path, display: str) -> list[ContentError]:
    """Decode the picture: one that was cut off while copying, or damaged, has a good first line,
    yet browsers show a broken image and the typesetter cannot use it.
    A JPEG is decoded at an eighth of its size: quick, and every byte is still read."""
    from PIL import Image

    try:
        with Image.open(path) as image:
            image.draft(None, (max(1, image.width // 8), max(1, image.height // 8)))
            image.load()
    except Image.DecompressionBombError:
        return [ContentError(display, None, "te-groot", "deze afbeelding heeft te veel beeldpunten om veilig te "
                             "openen.", "Verklein de afbeelding tot hoogstens 4000 beeldpunten breed en sla haar "
                             "opnieuw op.")]
    except (OSError, SyntaxError, ValueError):
        return [ContentError(display, None, "afbeelding-beschadigd", "deze afbeelding is beschadigd of niet "
                             "helemaal opgeslagen; een browser en de PDF kunnen haar niet tonen.",
                             "Sla de afbeelding opnieuw op in een tekenprogramma, of zet een heel exemplaar "
                             "terug.")]
    return []


def _check_svg(path: Path, display: str, size: int) -> list[ContentError]:
    errors: list[ContentError] = []
    report = reporter(display, errors)
    if size > MAX_SVG_BYTES:
        report(None, "te-groot", "deze SVG is groter dan 2 MB.", "Vereenvoudig de tekening of sla haar op als PNG.")
        return errors
    raw = path.read_bytes()
    if b"<!DOCTYPE" in raw or b"<!ENTITY" in raw:
        report(None, "svg-onveilig", "deze SVG bevat een DOCTYPE of ENTITY; die zijn niet toegestaan.",
                     "Sla de tekening opnieuw op als 'gewone SVG' of 'geoptimaliseerde SVG'.")
        return errors
    try:
        tree = ET.fromstring(raw)
    except ET.ParseError as exc:
        report(exc.position[0], "geen-afbeelding", "dit is geen geldige SVG-afbeelding.",
               "Sla de tekening opnieuw op als SVG, of gebruik PNG.")
        return errors
    for element in tree.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag in _SVG_FORBIDDEN:
            report(None, "svg-onveilig", f"deze SVG bevat <{tag}>; dat kan code uitvoeren in de browser.",
                         "Verwijder het script uit de tekening, of sla haar op als PNG.")
            return errors
        for attr, value in element.attrib.items():
            name = attr.rsplit("}", 1)[-1]
            if name.lower().startswith("on"):
                report(None, "svg-onveilig", f"deze SVG bevat het attribuut {name}=, dat code uitvoert.",
                             "Verwijder het attribuut, of sla de tekening op als PNG.")
                return errors
            if name in ("href",) and (dangerous_url(value, tag, "href") or re.match(r"^\w+://", value)):
                report(None, "svg-onveilig", f"deze SVG verwijst naar '{value[:40]}'.",
                             "Een SVG mag alleen naar delen van zichzelf verwijzen (#...). Sla haar op als PNG.")
                return errors
    return errors
