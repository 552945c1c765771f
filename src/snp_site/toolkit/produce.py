"""Typeset the assembled toolkit and check the result.

The same function runs in the build's own process or in the worker (worker.py); it takes and gives
plain data, so the worker can send the result back through a pipe. Typst and the checker are
imported inside, not above: a build whose PDF is cached never loads them. Typesetting takes a few
tenths of a second; the PDF/UA check (outloud) takes seconds, and runs only where a job asks for it
(`Job.pdf_ua`: publishing, `snp`'s own builds, the preview's background; see docs/toolkit.md).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from snp_site.errors import ContentError


@dataclass
class Job:
    html: str
    site_url: str
    sources: dict[str, Path]
    """The site's files by their path in the site: all the typesetter may read."""
    pdf_ua: bool = True
    """Run the PDF/UA checker on the result (seconds; everyday builds leave it to publishing)."""


@dataclass
class Toolkit:
    """The one result type for the PDF: what typesetting gave, what the checks found, and (once the
    build judged it) the Dutch errors. Plain data, so the worker can send it back through a pipe."""

    pdf: bytes = b""
    pages: int = 0
    warnings: list[str] = field(default_factory=list)
    """What could not be typeset (a missing image, a link without target, a Typst warning)."""
    font_problems: list[str] = field(default_factory=list)
    accessibility: list[str] = field(default_factory=list)
    """Errors of the PDF/UA checker."""
    notes: list[str] = field(default_factory=list)
    """Warnings of the PDF/UA checker: logged, not fatal."""
    pdf_ua_checked: bool = False
    """The PDF/UA checker has read this PDF (its findings are in `accessibility` and `notes`)."""
    fetched: dict[str, str] = field(default_factory=dict)
    """sha256 of every file the typesetter read, by its path in the site."""
    errors: list[ContentError] = field(default_factory=list)
    """Every problem above as a ContentError on the config file (filled in by ToolkitRun.result)."""


def preload(pdf_ua: bool = True) -> None:
    """Import all that produce() needs (the checker's rules are most of it): the worker does this
    while the build is still reading and rendering the pages."""
    from snp_site.toolkit import typst_pdf, verify  # noqa: F401

    if pdf_ua:
        import outloud.registry  # type: ignore[import-untyped]

        outloud.registry.import_rule_modules()


def typeset(job: Job) -> Toolkit:
    """The PDF and its font check, without the PDF/UA check."""
    from snp_site.toolkit import typst_pdf, verify

    result = typst_pdf.typeset(job.html, job.site_url, job.sources.get)
    fonts = verify.font_problems(result.pdf) if result.pdf else []
    return Toolkit(result.pdf, result.pages, result.warnings, fonts, fetched=dict(result.fetched))


def check(made: Toolkit) -> Toolkit:
    """Add the PDF/UA checker's findings (seconds, where typesetting takes tenths)."""
    from snp_site.toolkit import verify

    if not made.pdf:
        return made
    problems, notes = verify.accessibility_problems(made.pdf)
    return dataclasses.replace(made, accessibility=problems, notes=notes, pdf_ua_checked=True)


def produce(job: Job) -> Toolkit:
    made = typeset(job)
    return check(made) if job.pdf_ua else made
