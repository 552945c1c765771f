"""The state of one build: made in on_config, handed from stage to stage, closed in one place.

A plugin instance lives across builds (`mkdocs serve` rebuilds), so nothing of one build may stay
on it: the errors found so far, the loaded content, the news stage, the heading ids and media of
the rendered pages, the documents made, the toolkit run, the worker process, the staging folder.
"""

from __future__ import annotations

import atexit
import functools
import gc
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.utils import CountHandler

from snp_site import engine, publish
from snp_site.cache import Cache
from snp_site.contact import Contact
from snp_site.content.checks import AnchorCheck
from snp_site.content.loader import Loaded
from snp_site.content.models import Page
from snp_site.errors import ContentError
from snp_site.news.stage import NewsStage
from snp_site.published import Written
from snp_site.sharing.stage import SharingStage
from snp_site.toolkit import ToolkitRun, background
from snp_site.toolkit.site import config_name
from snp_site.worker import Worker

if TYPE_CHECKING:  # pages.py imports this module
    from snp_site.pages import PendingDocuments


@dataclass
class Build:
    command: str | None
    """'build', 'serve' or 'gh-deploy'; None when `snp` runs MkDocs' build itself (controleer, toolkit)."""
    cache: Cache
    toolkit: ToolkitRun
    worker: Worker | None = None
    """The build's second process (worker.py): the toolkit PDF and the share cards. `close` stops it."""
    staging: Path | None = None
    """The folder this build writes into; swapped in as site/ only when nothing failed."""
    site_dir: Path | None = None
    warnings: CountHandler | None = None
    """Counts MkDocs' warnings in strict mode: a build with warnings is not published."""
    warning_count: int = 0
    loaded: Loaded | None = None
    bodies: dict[str, Page] = field(default_factory=dict)
    """Every page whose body we parsed, valid or not, by src_uri."""
    news: NewsStage | None = None
    sharing: SharingStage | None = None
    """Page dates, link previews and their cards (sharing/stage.py)."""
    nav: Navigation | None = None
    errors: list[ContentError] = field(default_factory=list)
    anchor_checks: list[AnchorCheck] = field(default_factory=list)
    ids: dict[str, set[str]] = field(default_factory=dict)
    """The heading ids of every rendered page, for the anchor checks."""
    urls: dict[str, str] | None = None
    media: dict[str, Path] = field(default_factory=dict)
    """Images and other files from content/ by their path in the site (theme files excluded)."""
    documents: dict[str, dict[str, bytes]] = field(default_factory=dict)
    """DOCX and ODT files made from pages, by file stem and extension."""
    pending_documents: list[PendingDocuments] = field(default_factory=list)
    """Pages whose documents the worker is making; their links are put in at on_env (pages.py)."""
    written: list[Written] = field(default_factory=list)
    """The editors' pages MkDocs writes, read back before publishing (published.py)."""
    pdf_later: bool = False
    """The toolkit is typeset while MkDocs writes the pages and finished after that."""
    coming: frozenset[str] = frozenset()
    """Files the preview makes after the pages (the toolkit PDF): links to them are not broken."""
    contact: Contact = field(default_factory=Contact)
    """The contact route from mkdocs.yml, which [[contact]] shows."""
    publishing: bool = False
    """A build that goes public (see `is_publishing`): what only publishing needs is checked too."""

    @classmethod
    def begin(cls, command: str | None, config: MkDocsConfig, publishing: bool = False) -> Build:
        """Into a staging folder (not while serving), with the worker (PDF, cards) starting at once.

        The PDF/UA check of the toolkit takes seconds and depends on our typesetter far more than on
        content, so an everyday `build` leaves it out; it runs when publishing, in `snp`'s own builds
        (controleer, toolkit), in `gh-deploy` and in the preview's background (docs/toolkit.md)."""
        # Our own link checks replace MkDocs' English warnings; one message per mistake.
        config.validation.links.not_found = logging.DEBUG
        config.validation.links.anchors = logging.DEBUG
        config.validation.links.unrecognized_links = logging.DEBUG
        config.validation.nav.not_found = logging.DEBUG  # checks.missing_nav_pages says it in Dutch
        cache = Cache.for_project(Path(config.config_file_path or "mkdocs.yml").parent)
        pdf_ua = publishing or command != "build"
        worker = Worker.start(pdf_ua=pdf_ua) if command != "serve" else None
        build = cls(command, cache, ToolkitRun(worker, cache, config_name(config), pdf_ua), worker,
                    publishing=publishing)
        if build.serving:
            background.pause(config)  # the pages first: a toolkit still being made waits
        else:
            build.site_dir = Path(config.site_dir)
            build.staging = publish.staging_dir(build.site_dir)
            config.site_dir = str(build.staging)
        if config.strict:
            build.warnings = CountHandler()
            build.warnings.setLevel(logging.WARNING)
            engine.root_logger().addHandler(build.warnings)
        return build

    @staticmethod
    def is_publishing(option: bool) -> bool:
        """The plugin option `publiceren` (`snp controleer --publiceren`) or SNP_PUBLICEREN=ja in the
        environment (the publishing jobs' `make site`, and `make dist`)."""
        return option or os.environ.get("SNP_PUBLICEREN", "").strip().lower() == "ja"

    @property
    def serving(self) -> bool:
        return self.command == "serve"

    def count_warnings(self) -> int:
        """MkDocs' warnings so far; stops counting (strict mode counts ours after the last page)."""
        if self.warnings is not None:
            self.warning_count = sum(n for _, n in self.warnings.get_counts())
            engine.root_logger().removeHandler(self.warnings)
            self.warnings = None
        return self.warning_count

    def publish(self, config: MkDocsConfig) -> None:
        """Swap the staging folder in as site/."""
        if self.staging is None or self.site_dir is None:
            return
        publish.swap_in(self.staging, self.site_dir)
        config.site_dir = str(self.site_dir)
        self.staging = None

    def stop_worker(self) -> None:
        """The one place that stops the worker: at the end of the build, or as soon as it fails."""
        if self.worker is not None:
            self.worker.stop()
            self.worker = None
        self.toolkit.worker = None
        if self.sharing is not None:
            self.sharing.worker = None

    def close(self) -> None:
        """The one place a build ends, whatever happened: no worker, counter or half-built folder stays,
        and a toolkit paused for a rebuild goes on."""
        self.count_warnings()
        self.stop_worker()
        self.cache.prune()
        if self.command == "build":
            _skip_collection_at_exit()
        if self.serving:
            background.resume_all()
        publish.discard(self.staging)
        self.staging = None


@functools.cache
def _skip_collection_at_exit() -> None:
    """Let a `build` process end without the garbage collector's last passes over its heap.

    Why: a build leaves millions of objects (Material's 14,000 theme files, every page's tree), and
    the collections Python runs while it shuts down took about 0.07 s of a cold build (10 builds each
    way, December 2026); the operating system takes the memory back at once. Everything the build
    writes is closed by then; only cycles would lose their finalizers, and nothing of ours needs one
    at exit. Registered once, at the end of the first build, so a process that builds in-process
    (the tests) collects as usual until it exits.
    """
    atexit.register(gc.freeze)
