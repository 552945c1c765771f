"""The PDF toolkit: the site's toolkit chapters, typeset as one accessible, reproducible PDF.

Stages, one module each: `assemble` (print HTML from the rendered chapters) -> `typeset`
(WeasyPrint, PDF/UA-1, warnings captured) -> `verify` (fonts, PDF/UA checker). `produce` runs the last
two, in the build's process or in the `worker` process. `codes/download.py` fills the
`[[download toolkit]]` code on site pages. `start` takes the PDF from the cache or starts making it; `Pending.result` gives
the PDF with every problem as a Dutch `ContentError`; nothing is written when there is one.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from snp_site.cache import Cache, files_unchanged
from snp_site.errors import ContentError
from snp_site.toolkit.assemble import Edition, EstimateTable, ToolkitChapter, document
from snp_site.toolkit.produce import Job, Made, produce

if TYPE_CHECKING:  # the worker's module is also its program (python -m): not imported with the package
    from snp_site.toolkit.worker import Worker

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


def start(chapters: list[ToolkitChapter], edition: Edition, site_url: str, sources: dict[str, Path],
          config_path: str, cache: Cache = Cache(None), estimate: EstimateTable | None = None,
          worker: Worker | None = None) -> Pending:
    """Take the toolkit from the cache when nothing it depends on changed, or start making it: in
    `worker` when there is one (the build goes on meanwhile), else when its result is asked for.
    With `estimate`, each estimate block in the chapters becomes the table it returns."""
    # The document is made from the chapters and the edition by our code (whose digest is in every
    # key), so they can stand for it: a hit then skips assembling (parsing every chapter again).
    # An estimate is computed while assembling, so with one the document itself is the key.
    html = document(chapters, edition, estimate) if estimate is not None else None
    basis = html if html is not None else json.dumps(
        [[dataclasses.astuple(chapter) for chapter in chapters], dataclasses.astuple(edition)], ensure_ascii=False)
    key = cache.key("toolkit", basis, site_url)
    hit = cache.get("toolkit", key, lambda meta: files_unchanged(dict(meta.get("bestanden", {})), sources.get))
    if hit is not None:
        if worker is not None:
            worker.stop()
        log.info("Toolkit uit de cache: de hoofdstukken en hun afbeeldingen zijn niet veranderd.")
        for note in list(hit.meta.get("meldingen", [])):
            log.info("%s", note)
        return Pending(Toolkit(hit.data, int(hit.meta["pages"])))
    job = Job(html if html is not None else document(chapters, edition), site_url, sources)
    if worker is not None:
        worker.submit(job)
    return Pending(None, job, worker, cache, key, config_path)


class Pending:
    """A toolkit that is ready (from the cache) or being made; `result` waits for it."""

    def __init__(self, done: Toolkit | None, job: Job | None = None, worker: Worker | None = None,
                 cache: Cache = Cache(None), key: str = "", config_path: str = "") -> None:
        self.done, self.job, self.worker = done, job, worker
        self.cache, self.key, self.config_path = cache, key, config_path

    @property
    def ready(self) -> bool:
        return self.done is not None

    def result(self) -> Toolkit:
        """Every problem becomes a ContentError on the config file; only a PDF without problems is cached."""
        if self.done is None:
            assert self.job is not None
            made = self.worker.result() if self.worker is not None else None
            if made is None:
                if self.worker is not None:  # worth a line: every build without cache is slower so
                    log.info("Het hulpproces gaf geen toolkit terug; de toolkit wordt nu in dit proces gemaakt.")
                made = produce(self.job)
            self.done = self._checked(made)
        return self.done

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.stop()

    def _checked(self, made: Made) -> Toolkit:
        def error(code: str, message: str, fix: str) -> ContentError:
            return ContentError(self.config_path, None, code, message, fix)

        errors = [error("toolkit-opmaak", f"De toolkit (PDF) is niet goed opgemaakt: {w}",
                        "Controleer de afbeeldingen en de opmaak van de hoofdstukken met toolkit: ja.")
                  for w in sorted(set(made.warnings))]
        errors += [error("toolkit-lettertype", f"De toolkit (PDF): {p}.",
                         "Installeer de Debian-pakketten uit scripts/debian-packages.txt "
                         "(scripts/install-system-deps).")
                   for p in made.font_problems]
        errors += [error("toolkit-toegankelijkheid", f"De toolkit (PDF) is niet toegankelijk: {p}",
                         "Zie de melding van de PDF/UA-controle; meestal ontbreekt een alt-tekst of "
                         "klopt de volgorde van de koppen niet.")
                   for p in made.accessibility]
        for note in made.notes:
            log.info("%s", note)
        if not errors:
            self.cache.put("toolkit", self.key, made.pdf, {"pages": made.pages, "bestanden": made.fetched,
                                                           "meldingen": made.notes})
        return Toolkit(made.pdf, made.pages, errors)
