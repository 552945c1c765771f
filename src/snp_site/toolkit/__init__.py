"""The PDF toolkit: the site's toolkit chapters, typeset as one accessible, reproducible PDF.

Stages, one module each: `assemble` (print HTML from the rendered chapters) -> `typeset`
(WeasyPrint, PDF/UA-1, warnings captured) -> `verify` (fonts, PDF/UA checker). `download` fills
the `[[download toolkit]]` tag on site pages. `build` runs the stages and returns the PDF with every
problem as a Dutch `ContentError`; nothing is written when there is one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from snp_site.errors import ContentError
from snp_site.toolkit import verify
from snp_site.toolkit.assemble import Edition, EstimateTable, ToolkitChapter, document
from snp_site.toolkit.typeset import SiteFetcher, typeset

log = logging.getLogger("mkdocs.plugins.snp.toolkit")

GEMEENTE_MAX = 60
_FORBIDDEN = set("<>&\"[]{}\\/|`*_#")


@dataclass
class Toolkit:
    pdf: bytes = b""
    pages: int = 0
    errors: list[ContentError] = field(default_factory=list)


def gemeente_problem(name: str) -> str | None:
    """Why a municipality name cannot go on the cover, in Dutch; None when it can."""
    stripped = name.strip()
    if not stripped:
        return "de naam van de gemeente is leeg"
    if len(stripped) > GEMEENTE_MAX:
        return f"de naam van de gemeente is langer dan {GEMEENTE_MAX} tekens"
    bad = sorted({ch for ch in stripped if ch in _FORBIDDEN or not ch.isprintable()})
    if bad:
        return "de naam van de gemeente bevat tekens die niet in een naam horen: " + " ".join(
            repr(ch) for ch in bad)
    return None


def build(chapters: list[ToolkitChapter], edition: Edition, site_url: str,
          resolve: Callable[[str], Path | None], config_path: str,
          estimate: EstimateTable | None = None) -> Toolkit:
    """Typeset the toolkit and check it; every problem becomes a ContentError on config_path.
    With `estimate`, each estimate block in the chapters becomes the table it returns."""

    def error(code: str, message: str, fix: str) -> ContentError:
        return ContentError(config_path, None, code, message, fix)

    result = typeset(document(chapters, edition, estimate), site_url, SiteFetcher(site_url, resolve))
    errors = [error("toolkit-opmaak", f"De toolkit (PDF) is niet goed opgemaakt: {w}",
                    "Controleer de afbeeldingen en de opmaak van de hoofdstukken met toolkit: ja.")
              for w in sorted(set(result.warnings))]
    errors += [error("toolkit-lettertype", f"De toolkit (PDF): {p}.",
                     "Installeer de Debian-pakketten uit scripts/debian-packages.txt "
                     "(scripts/install-system-deps).")
               for p in verify.font_problems(result.pdf)]
    errors += [error("toolkit-toegankelijkheid", f"De toolkit (PDF) is niet toegankelijk: {p}",
                     "Zie de melding van de PDF/UA-controle; meestal ontbreekt een alt-tekst of "
                     "klopt de volgorde van de koppen niet.")
               for p in verify.accessibility_problems(result.pdf)]
    return Toolkit(result.pdf, result.pages, errors)
