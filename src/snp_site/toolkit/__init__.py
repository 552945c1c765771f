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

from snp_site.cache import Cache, files_unchanged
from snp_site.errors import ContentError
from snp_site.toolkit.assemble import Edition, EstimateTable, ToolkitChapter, document

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
          resolve: Callable[[str], Path | None], config_path: str, cache: Cache = Cache(None),
          estimate: EstimateTable | None = None) -> Toolkit:
    """Typeset the toolkit and check it, or take it from the cache when nothing it depends on changed.
    With `estimate`, each estimate block in the chapters becomes the table it returns.

    Every problem becomes a ContentError on config_path; only a PDF without problems is cached.
    WeasyPrint and the checker are imported here, not above: a build that hits the cache never
    loads them (together about two seconds).
    """
    def error(code: str, message: str, fix: str) -> ContentError:
        return ContentError(config_path, None, code, message, fix)

    html = document(chapters, edition, estimate)
    key = cache.key("toolkit", html, site_url)
    hit = cache.get("toolkit", key, lambda meta: files_unchanged(dict(meta.get("bestanden", {})), resolve))
    if hit is not None:
        log.info("Toolkit uit de cache: de hoofdstukken en hun afbeeldingen zijn niet veranderd.")
        for note in list(hit.meta.get("meldingen", [])):
            log.info("%s", note)
        return Toolkit(hit.data, int(hit.meta["pages"]))
    from snp_site.toolkit import verify
    from snp_site.toolkit.typeset import SiteFetcher, typeset

    fetcher = SiteFetcher(site_url, resolve)
    result = typeset(html, site_url, fetcher)
    errors = [error("toolkit-opmaak", f"De toolkit (PDF) is niet goed opgemaakt: {w}",
                    "Controleer de afbeeldingen en de opmaak van de hoofdstukken met toolkit: ja.")
              for w in sorted(set(result.warnings))]
    errors += [error("toolkit-lettertype", f"De toolkit (PDF): {p}.",
                     "Installeer de Debian-pakketten uit scripts/debian-packages.txt "
                     "(scripts/install-system-deps).")
               for p in verify.font_problems(result.pdf)]
    problems, notes = verify.accessibility_problems(result.pdf)
    errors += [error("toolkit-toegankelijkheid", f"De toolkit (PDF) is niet toegankelijk: {p}",
                     "Zie de melding van de PDF/UA-controle; meestal ontbreekt een alt-tekst of "
                     "klopt de volgorde van de koppen niet.")
               for p in problems]
    for note in notes:
        log.info("%s", note)
    if not errors:
        cache.put("toolkit", key, result.pdf, {"pages": result.pages, "bestanden": fetcher.fetched,
                                                "meldingen": notes})
    return Toolkit(result.pdf, result.pages, errors)
