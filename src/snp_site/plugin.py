"""MkDocs wiring only: each event hands over to a stage module in a few lines.

Order of a build: on_config (build into a staging folder) -> on_files (load and check all
content) -> pages rendered (front matter from our loader, figures filled in, ids collected)
-> on_env (anchor checks; the PDF toolkit from the cache, or typeset from the rendered chapters by
the worker started in on_config; download links filled; raise every error at once, before
anything is written) -> pages written -> on_post_build (wait for the PDF, put its size into the
links, raise its errors; swap the staging folder in as site/).
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

from snp_site import documents, headers, images, markup, preview, publish, published, slim
from snp_site.cache import Cache
from snp_site.config import SnpConfig
from snp_site.content import checks, facts, lint
from snp_site.content.models import Page
from snp_site.content.loader import Loaded, load, walk
from snp_site.content.refs import replace_tags
from snp_site.dates import build_date, last_changed
from snp_site.errors import ContentError, ContentErrors
from snp_site.news.stage import NewsStage
from snp_site.codes import download
from snp_site.codes.context import CodeContext
from snp_site.codes.registry import render_code
from snp_site.toolkit import Pending
from snp_site.toolkit import site as toolkit_site
from snp_site.toolkit.worker import Worker

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
        self.documents: dict[str, dict[str, bytes]] = {}
        self.bodies: dict[str, Page] = {}
        """Every page whose body we parsed, valid or not, by src_uri (made once per build)."""
        self.urls: dict[str, str] | None = None
        self.warnings: CountHandler | None = None
        self.news: NewsStage | None = None
        self.nav: Navigation | None = None
        self.cache = Cache(None)
        self.media: dict[str, Path] = {}
        """Images and other files from content/ by their path in the site (theme files excluded)."""
        self.gemeente: str | None = None
        """Set by `snp toolkit --gemeente`: the municipality filled in to the toolkit and documents."""
        self.inhabitants: int | None = None
        """Set by `snp toolkit --inwoners`: the toolkit then carries the estimate for that number."""
        self.worker: Worker | None = None
        """Started with every build (not while serving), for a toolkit the cache does not have."""
        self.toolkit: Pending | None = None
        """A toolkit still being made while MkDocs writes the pages; finished in on_post_build."""
        self.written: list[published.Written] = []
        """The editors' pages MkDocs writes, read back by published.check_site before publishing."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Our own link checks replace MkDocs' English warnings; one message per mistake.
        config.validation.links.not_found = logging.DEBUG
        config.validation.links.anchors = logging.DEBUG
        config.validation.links.unrecognized_links = logging.DEBUG
        config.validation.nav.not_found = logging.DEBUG  # checks.missing_nav_pages says it in Dutch
        self.errors, self.ids, self.anchor_checks, self.documents = [], {}, [], {}
        self.bodies: dict[str, Page] = {}
        self.urls: dict[str, str] | None = None
        self.cache = Cache.for_project(Path(config.config_file_path or "mkdocs.yml").parent)
        self._stop_toolkit()
        if self.command != "serve":
            self.site_dir = Path(config.site_dir)
            self.staging = publish.staging_dir(self.site_dir)
            config.site_dir = str(self.staging)
            self.worker = Worker.start()
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
        pages = self.bodies = self.loaded.bodies()
        ref_errors, self.anchor_checks = checks.check_refs(self.loaded.content, pages, all_files,
                                                           self.loaded.broken)
        prefix = docs_dir.resolve().relative_to(root.resolve()).as_posix()
        self.news = NewsStage(layout, self.config.adoption_page)
        self.news.prepare(self.loaded, files, config, docs_dir, prefix)
        urls = {f.src_uri: f.url for f in files.documentation_pages() if f.src_uri in all_files}
        self.errors = (self.loaded.errors + ref_errors + self.news.errors + lint.lint(pages.values()) +
                       checks.duplicate_urls(urls, prefix) +
                       checks.missing_nav_pages(config.nav, {f.src_uri for f in files.documentation_pages()},
                                                Path(config.config_file_path)) +
                       facts.check_facts(pages, self.loaded.content.figures,
                                         facts.data_files(docs_dir, prefix, layout.data_dir)))
        # Data files feed pages; they are not published themselves.
        for file in list(files):
            if file.src_uri.startswith(layout.data_dir + "/"):
                files.remove(file)
        self.media = {f.dest_uri: Path(f.abs_src_path) for f in files.media_files()
                      if f.abs_src_path and not f.generated_by and Path(f.abs_src_path).is_relative_to(docs_dir)}
        if self.errors:  # this build makes no PDF: free the second core now
            self._stop_toolkit()
        return files

    def on_page_read_source(self, *, page: MkPage, config: MkDocsConfig) -> str | None:
        """Hand MkDocs the body we already parsed, so front matter is read once, by our loader."""
        assert self.loaded is not None
        model = self.bodies.get(page.file.src_uri)
        if model is not None:
            return _EMPTY_FRONT_MATTER + model.body
        # A file we could not read, or (when the build will fail anyway) one we did not load,
        # such as a page behind a symlink: MkDocs must not try to read it and crash.
        if page.file.src_uri in self.loaded.broken or (self.errors and not page.file.generated_by):
            return _EMPTY_FRONT_MATTER
        return None

    def on_page_markdown(self, markdown: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        assert self.loaded is not None and self.news is not None
        model = self.bodies.get(page.file.src_uri)
        if model is not None:
            page.meta = dict(model.meta)
        page.meta.update(self.news.meta(page.file.src_uri))
        if model is None:
            return markdown
        # Material shows meta.revision_date under the page; ours comes from front matter or the build.
        page.meta["revision_date"] = "Laatst gewijzigd op " + last_changed(model.meta.get("updated")).dutch()
        if self.urls is None:
            self.urls = {f.src_uri: f.url for f in files.documentation_pages()}
        context = CodeContext(self.loaded.content, page.file.url, self.urls)
        return replace_tags(markdown, lambda name, args: render_code(name, args, context))

    def on_page_context(self, context: dict[str, Any], *, page: MkPage, config: MkDocsConfig,
                        nav: Any) -> dict[str, Any]:
        assert self.news is not None
        return {**context, **self.news.context(page.file.src_uri)}

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        return nav

    def on_page_content(self, html: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        self.ids[page.file.src_uri] = checks.page_ids(html)
        html = images.add_sizes(markup.name_checkboxes(html), page.file.url, self.media)
        model = self.loaded.content.pages.get(page.file.src_uri) if self.loaded else None
        if model is None or not model.meta.get("document") or self.errors:
            return html
        heading = model.meta["document"] if isinstance(model.meta["document"], str) else None
        label = heading or model.title
        info = documents.DocumentInfo(label, model.description, config.site_name, int(build_date().timestamp()))
        made = documents.make_documents(html, info, heading, self.gemeente, self.cache)
        if made is None:
            self.errors.append(documents.missing_heading(model, heading or ""))
            return html
        stem = documents.file_stem(page.file.src_uri)
        self.documents[stem] = made
        context = CodeContext(self.loaded.content, page.file.url)
        links = documents.download_links(label, stem, {k: len(v) for k, v in made.items()},
                                         context.link)
        head, found, rest = html.partition("</h1>")
        return head + found + "\n" + links + rest if found else links + html

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        self.errors += checks.check_anchors(self.anchor_checks, self.ids)
        assert self.loaded is not None and self.nav is not None
        worker, self.worker = self.worker, None
        if not self.errors:
            pending = toolkit_site.start(self.nav, self.loaded, config, files, self.config.toolkit,
                                         self.gemeente, self.cache, self.inhabitants, worker)
            if pending is not None and (pending.ready or self.command == "serve"):
                self.errors += toolkit_site.finish(pending, self.config.toolkit, config).errors
            elif pending is not None:
                self.toolkit = pending
            self.errors += toolkit_site.fill_links(files, pending, self.config.toolkit, config)
        if self.errors:
            self._stop_toolkit()
        if worker is not None and self.toolkit is None:
            worker.stop()
        if self.errors and self.command == "serve":
            self.errors = ContentErrors(self.errors).errors
            for error in self.errors:
                log.warning(error.format())
        elif self.errors:
            raise ContentErrors(self.errors)
        self.written = published.pages_of(files, self.bodies)
        env.bytecode_cache = self.cache.templates()
        env.globals["snp_content"] = self.loaded.content
        env.globals["snp_build_date"] = build_date()
        assert self.news is not None
        env.globals["snp_feed"] = self.news.feed_url and {"url": self.news.feed_url, "title": self.news.feed_title}
        return env

    def on_post_page(self, output: str, *, page: MkPage, config: MkDocsConfig) -> str:
        """While serving with content errors, every page is the Dutch list of errors."""
        if self.errors and self.command == "serve":
            return preview.error_page(self.errors, config.site_name)
        return markup.repair(output)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        return markup.repair(output_content)

    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Publish only a build that nothing can fail any more (strict mode counts warnings after us)."""
        self._detach_counter()
        built = Path(config.site_dir)
        if self.toolkit is not None:
            pending, self.toolkit = self.toolkit, None
            pdf = toolkit_site.finish(pending, self.config.toolkit, config)
            if pdf.errors:
                self.errors += pdf.errors
                raise ContentErrors(self.errors)
            download.put_size(built, len(pdf.pdf))
        for stem, made in sorted(self.documents.items()):
            (built / "downloads").mkdir(exist_ok=True)
            for ext, data in made.items():
                (built / "downloads" / f"{stem}.{ext}").write_bytes(data)
        leftovers = published.check_site(built, self.written, config.site_url)
        for error in leftovers if self.command == "serve" else []:
            log.warning(error.format())
        if leftovers and self.command != "serve":
            self.errors += leftovers
            raise ContentErrors(self.errors)
        images.shrink_site_images(built, sorted(self.media), self.cache)
        slim.remove_source_maps(built)
        slim.keep_search_languages(built, _search_languages(config))
        headers.write_headers_file(built)
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
        self._stop_toolkit()
        publish.discard(self.staging)
        self.staging = None

    def on_shutdown(self) -> None:
        self._stop_toolkit()
        publish.discard(self.staging)

    def _stop_toolkit(self) -> None:
        """No worker or half-made toolkit outlives the build that started it."""
        if self.toolkit is not None:
            self.toolkit.cancel()
            self.toolkit = None
        if self.worker is not None:
            self.worker.stop()
            self.worker = None

    _warning_count = 0

    def _detach_counter(self) -> None:
        if self.warnings is not None:
            self._warning_count = sum(n for _, n in self.warnings.get_counts())
            logging.getLogger("mkdocs").removeHandler(self.warnings)
            self.warnings = None


def _search_languages(config: MkDocsConfig) -> list[str]:
    """The languages Material's search plugin indexes (its 'lang' option, else the theme language)."""
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None:
            return list(plugin.config.get("lang") or [config.theme.get("language", "en")])
    return []
