"""Typeset the assembled toolkit and check the result: the slow part of a build.

The same function runs in the build's own process or in the worker (worker.py); it takes and gives
plain data, so the worker can send the result back through a pipe. WeasyPrint and the checker are
imported inside, not above: a build whose PDF is cached never loads them.
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


@dataclass
class Toolkit:
    """The one result type for the PDF: what typesetting gave, what the checks found, and (once the
    build judged it) the Dutch errors. Plain data, so the worker can send it back through a pipe."""

    pdf: bytes = b""
    pages: int = 0
    warnings: list[str] = field(default_factory=list)
    """WeasyPrint's own warnings (a missing image, an unknown font ...)."""
    font_problems: list[str] = field(default_factory=list)
    accessibility: list[str] = field(default_factory=list)
    """Errors of the PDF/UA checker."""
    notes: list[str] = field(default_factory=list)
    """Warnings of the PDF/UA checker: logged, not fatal."""
    fetched: dict[str, str] = field(default_factory=dict)
    """sha256 of every file the typesetter read, by its path in the site."""
    errors: list[ContentError] = field(default_factory=list)
    """Every problem above as a ContentError on the config file (filled in by ToolkitRun.result)."""


def preload() -> None:
    """Import all that produce() needs (about a second and a half): the worker does this while the
    build is still reading and rendering the pages."""
    import outloud.registry  # type: ignore[import-untyped]

    from snp_site.toolkit import typeset, verify  # noqa: F401

    outloud.registry.import_rule_modules()


def produce(job: Job) -> Toolkit:
    from snp_site.toolkit import verify
    from snp_site.toolkit.typeset import SiteFetcher, typeset

    fetcher = SiteFetcher(job.site_url, job.sources.get)
    result = typeset(job.html, job.site_url, fetcher)
    problems, notes = verify.accessibility_problems(result.pdf)
    return dataclasses.replace(result, font_problems=verify.font_problems(result.pdf), accessibility=problems,
                               notes=notes, fetched=dict(fetcher.fetched))
