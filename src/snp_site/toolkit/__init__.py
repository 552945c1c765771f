"""The PDF toolkit: the site's toolkit chapters, typeset as one accessible, reproducible PDF.

Stages, one module each: `assemble` (print HTML from the rendered chapters) -> `typst_source`
(that document as Typst markup) -> `typst_pdf` (Typst, PDF/UA-1, warnings captured) -> `verify`
(fonts, PDF/UA checker). `produce` runs the last three, in the build's process or in the build's
worker process (snp_site/worker.py); while serving, `background` makes the PDF after the pages are
shown. `site` is the MkDocs side (which pages go in, writing the PDF, the download links;
`codes/download.py` is the `[[download toolkit]]` code).
A `ToolkitRun` is one build's toolkit: `start` takes the PDF from the cache or starts making it,
`result` gives the one result type, `Toolkit`, with every problem as a Dutch `ContentError`
(nothing is written when there is one).
"""

from __future__ import annotations

import dataclasses
import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from snp_site.cache import Cache, files_unchanged
from snp_site.errors import ContentError, reporter
from snp_site.toolkit.assemble import Edition, EstimateTable, ToolkitChapter, document
from snp_site.toolkit.produce import Job, Toolkit, check
from snp_site.worker import answer_or_run

if TYPE_CHECKING:  # the worker's module is also its program (python -m): not imported with the package
    from snp_site.worker import Worker

log = logging.getLogger("mkdocs.plugins.snp.toolkit")

GEMEENTE_MAX = 60
_FORBIDDEN = set("<>&\"[]{}\\/|`*_#")


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



class ToolkitRun:
    """One build's toolkit: from the cache, being made (in the build's worker or, when asked, here),
    or refused. The worker is the build's (build.py starts and stops it); the run only hands it the job."""

    def __init__(self, worker: Worker | None = None, cache: Cache = Cache(None),
                 config_path: str = "mkdocs.yml", pdf_ua: bool = True) -> None:
        self.worker, self.cache, self.config_path = worker, cache, config_path
        self.pdf_ua = pdf_ua
        """Hold the PDF to the PDF/UA checker in this run (docs/toolkit.md says where it runs)."""
        self.job: Job | None = None
        self.key = ""
        self.done: Toolkit | None = None

    @property
    def started(self) -> bool:
        return self.job is not None or self.done is not None

    @property
    def ready(self) -> bool:
        return self.done is not None

    def start(self, chapters: list[ToolkitChapter], edition: Edition, site_url: str, sources: dict[str, Path],
              estimate: EstimateTable | None = None) -> None:
        """Take the toolkit from the cache when nothing it depends on changed, or start making it: in
        the worker when there is one (the build goes on meanwhile), else when its result is asked for.
        With `estimate`, each estimate block in the chapters becomes the table it returns."""
        # The document is made from the chapters and the edition by our code (whose digest is in every
        # key), so they can stand for it: a hit then skips assembling (parsing every chapter again).
        # An estimate is computed while assembling, so with one the document itself is the key.
        html = document(chapters, edition, estimate) if estimate is not None else None
        basis = html if html is not None else json.dumps(
            [[dataclasses.astuple(chapter) for chapter in chapters], dataclasses.astuple(edition)],
            ensure_ascii=False)
        self.key = self.cache.key("toolkit", basis, site_url)
        hit = self.cache.get("toolkit", self.key,
                             lambda meta: files_unchanged(dict(meta.get("bestanden", {})), sources.get))
        if hit is not None:
            self.worker = None  # nothing to hand over
            log.info("Toolkit uit de cache: de hoofdstukken en hun afbeeldingen zijn niet veranderd.")
            cached = Toolkit(hit.data, int(hit.meta["pages"]), fetched=dict(hit.meta.get("bestanden", {})),
                             notes=list(hit.meta.get("meldingen", [])),
                             pdf_ua_checked=bool(hit.meta.get("pdf_ua", True)))
            if self.pdf_ua and not cached.pdf_ua_checked:  # typeset by an everyday build: check it now
                self.done = self._checked(check(cached))
                return
            for note in cached.notes:
                log.info("%s", note)
            self.done = Toolkit(cached.pdf, cached.pages)
            return
        self.job = Job(html if html is not None else document(chapters, edition), site_url, sources, self.pdf_ua)
        if self.worker is not None:
            self.worker.submit("toolkit", "toolkit", self.job)

    def refuse(self, errors: list[ContentError]) -> None:
        """A toolkit this build cannot make: its result is these errors."""
        self.worker = None
        self.done = Toolkit(errors=errors)

    def result(self) -> Toolkit:
        """Every problem becomes a ContentError on the config file; only a PDF without problems is cached."""
        if self.done is None:
            assert self.job is not None
            made = answer_or_run(self.worker, "toolkit", "toolkit", self.job)
            self.worker = None
            self.done = self._checked(made)
        return self.done

    def accept(self, made: Toolkit) -> Toolkit:
        """Take a toolkit made elsewhere (the preview's background worker) as this run's result."""
        self.worker = None
        self.done = self._checked(made)
        return self.done

    def _checked(self, made: Toolkit) -> Toolkit:
        errors: list[ContentError] = []
        report = reporter(self.config_path, errors)
        for warning in sorted(set(made.warnings)):
            report(None, "toolkit-opmaak", f"De toolkit (PDF) is niet goed opgemaakt: {warning}",
                   "Controleer de afbeeldingen en de opmaak van de hoofdstukken met toolkit: ja.")
        for problem in made.font_problems:
            report(None, "toolkit-lettertype", f"De toolkit (PDF): {problem}.",
                   "Installeer de Debian-pakketten uit scripts/debian-packages.txt (scripts/install-system-deps).")
        for problem in made.accessibility:
            report(None, "toolkit-toegankelijkheid", f"De toolkit (PDF) is niet toegankelijk: {problem}",
                   "Zie de melding van de PDF/UA-controle; meestal ontbreekt een alt-tekst of klopt de "
                   "volgorde van de koppen niet.")
        for note in made.notes:
            log.info("%s", note)
        if not made.pdf_ua_checked and made.pdf:
            log.info("De toolkit is niet met de PDF/UA-controle nagekeken; dat doen make publish-check, "
                     "het publiceren, de preview en de tests (docs/toolkit.md).")
        if not errors:
            self.cache.put("toolkit", self.key, made.pdf, {"pages": made.pages, "bestanden": made.fetched,
                                                           "meldingen": made.notes,
                                                           "pdf_ua": made.pdf_ua_checked})
        return dataclasses.replace(made, errors=errors)
