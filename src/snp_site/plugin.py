"""MkDocs wiring only: each event hands over to a stage module in a few lines.

Order of a build: on_config (build into a staging folder) -> on_files (load and check all
content) -> pages rendered (front matter from our loader, figures filled in, ids collected)
-> on_env (anchor checks; the PDF toolkit typeset from the rendered chapters and the download
links filled; raise every error at once, before anything is written)
-> on_post_build (swap the staging folder in as site/).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkPage
from mkdocs.utils import CountHandler

from snp_site import publish
from snp_site.config import SnpConfig
from snp_site.content import checks
from snp_site.content.loader import Loaded, load, walk
from snp_site.content.refs import replace_figures
from snp_site.dates import build_date
from snp_site.errors import ContentError, ContentErrors
from snp_site.toolkit import site as toolkit_site

log = logging.getLogger("mkdocs.plugins.snp")

_EMPTY_FRONT_MATTER = "---\n{}\n---\n"


class SnpPlugin(BasePlugin[SnpConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command: str | None = None
        self.staging: Path | None = None
        self.site_dir: Path | None = None
        self.loaded: Loaded | None = None
        self.errors: list[ContentError] = []
        self.anchor_checks: list[checks.AnchorCheck] = []
        self.ids: dict[str, set[str]] = {}
        self.warnings: CountHandler | None = None
        self.nav: Navigation | None = None
        self.gemeente: str | None = None
        """Set by `snp toolkit --gemeente`: the municipality filled in to the toolkit."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Our own link checks replace MkDocs' English warnings; one message per mistake.
        config.validation.links.not_found = logging.DEBUG
        config.validation.links.anchors = logging.DEBUG
        config.validation.links.unrecognized_links = logging.DEBUG
        self.errors, self.ids, self.anchor_checks = [], {}, []
        if self.command != "serve":
            self.site_dir = Path(config.site_dir)
            self.staging = publish.staging_dir(self.site_dir)
            config.site_dir = str(self.staging)
        if config.strict:
            self.warnings = CountHandler()
            self.warnings.setLevel(logging.WARNING)
            logging.getLogger("mkdocs").addHandler(self.warnings)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        docs_dir = Path(config.docs_dir)
        layout = self.config.layout()
        root = Path(config.config_file_path).parent
        self.loaded = load(docs_dir, root, layout)
        all_files = set(walk(docs_dir))
        pages = self.loaded.bodies()
        ref_errors, self.anchor_checks = checks.check_refs(self.loaded.content, pages, all_files,
                                                           self.loaded.broken, self.loaded.broken_figures)
        markdown = {f for f in all_files if f.endswith(".md")}
        prefix = docs_dir.resolve().relative_to(root.resolve()).as_posix()
        self.errors = (self.loaded.errors + ref_errors +
                       checks.duplicate_urls(markdown, prefix, docs_dir, config.use_directory_urls))
        # Data files feed pages; they are not published themselves.
        for file in list(files):
            if file.src_uri.startswith(layout.data_dir + "/"):
                files.remove(file)
        return files

    def on_page_read_source(self, *, page: MkPage, config: MkDocsConfig) -> str | None:
        """Hand MkDocs the body we already parsed, so front matter is read once, by our loader."""
        assert self.loaded is not None
        model = self.loaded.bodies().get(page.file.src_uri)
        if model is None:
            return _EMPTY_FRONT_MATTER if page.file.src_uri in self.loaded.broken else None
        return _EMPTY_FRONT_MATTER + model.body

    def on_page_markdown(self, markdown: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        assert self.loaded is not None
        model = self.loaded.bodies().get(page.file.src_uri)
        if model is None:
            return markdown
        page.meta = dict(model.meta)
        figures = self.loaded.content.figures

        def render(key: str) -> str:
            figure = figures.get(key)
            if figure is None:
                return f"[[cijfer {key}]]"
            return f'<span class="snp-cijfer" data-cijfer="{key}">{figure.text()}</span>'

        return replace_figures(markdown, render)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        return nav

    def on_page_content(self, html: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        self.ids[page.file.src_uri] = checks.page_ids(html)
        return html

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        self.errors += checks.check_anchors(self.anchor_checks, self.ids)
        assert self.loaded is not None and self.nav is not None
        if not self.errors:
            pdf = toolkit_site.build(self.nav, self.loaded, config, files, self.config.toolkit, self.gemeente)
            self.errors += (pdf.errors if pdf else []) + toolkit_site.fill_links(
                files, pdf, self.config.toolkit, config)
        if self.errors:
            raise ContentErrors(self.errors)
        env.globals["snp_content"] = self.loaded.content
        env.globals["snp_build_date"] = build_date()
        return env

    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Publish only a build that nothing can fail any more (strict mode counts warnings after us)."""
        self._detach_counter()
        if self.staging is None or self.site_dir is None:
            return
        if config.strict and self._warning_count:
            log.error("De build gaf waarschuwingen; in strikte modus wordt site/ niet bijgewerkt.")
            return
        publish.swap_in(self.staging, self.site_dir)
        config.site_dir = str(self.site_dir)
        self.staging = None

    def on_build_error(self, *, error: Exception) -> None:
        self._detach_counter()
        publish.discard(self.staging)
        self.staging = None

    def on_shutdown(self) -> None:
        publish.discard(self.staging)

    _warning_count = 0

    def _detach_counter(self) -> None:
        if self.warnings is not None:
            self._warning_count = sum(n for _, n in self.warnings.get_counts())
            logging.getLogger("mkdocs").removeHandler(self.warnings)
            self.warnings = None
