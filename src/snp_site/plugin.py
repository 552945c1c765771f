"""MkDocs wiring only: each event hands one build's state (build.py) to a stage in a few lines.

Order of a build: on_config (the Build: a staging folder, the worker starting) ->
on_files (reading.py: load and check all content) -> pages read and rendered (pages.py: our
parsed body, the codes filled in, ids collected, documents made) -> on_env (writing.py: anchor
checks, the PDF toolkit from the cache or typeset by the worker, download links; every error
raised at once, before anything is written) -> pages written -> on_post_build (writing.py:
finish the PDF, write the documents, slim the folder, swap it in as site/).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkPage

from snp_site import buildlog, finishing, pages, preview, reading, writing
from snp_site.build import Build
from snp_site.config import SnpConfig
from snp_site.sources import cite
from snp_site.toolkit import background


class SnpPlugin(BasePlugin[SnpConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command: str | None = None
        self.build: Build | None = None
        """The build under way (or the last one): all state of one build lives there."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        buildlog.install()

    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.build is not None:
            self.build.close()
        self.build = Build.begin(self.command, config, Build.is_publishing(self.config.publiceren))
        cite.configure_markdown(config)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        return reading.read(self._build, files, config, self.config)

    def on_page_read_source(self, *, page: MkPage, config: MkDocsConfig) -> str | None:
        return pages.source(self._build, page)

    def on_page_markdown(self, markdown: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        return pages.markdown(self._build, markdown, page, files)

    def on_page_context(self, context: dict[str, Any], *, page: MkPage, config: MkDocsConfig,
                        nav: Any) -> dict[str, Any]:
        return {**context, **pages.context(self._build, page, config)}

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self._build.nav = nav
        return nav

    def on_page_content(self, html: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        return pages.html(self._build, html, page, config, self.config.gemeente)

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        return writing.before_writing(self._build, env, config, files, self.config)

    def on_post_page(self, output: str, *, page: MkPage, config: MkDocsConfig) -> str:
        return finishing.finish_page(output, self._build, config)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        return finishing.finish_template(output_content)

    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        writing.after_writing(self._build, config, self.config)

    def on_build_error(self, *, error: Exception) -> None:
        if self.build is not None:
            self.build.close()

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        background.watch(server, config)
        preview.watch_closely(server, preview.poll_seconds(Path(config.docs_dir)))
        return server

    def on_shutdown(self) -> None:
        if self.build is not None:
            self.build.close()
        background.stop_all()

    @property
    def _build(self) -> Build:
        assert self.build is not None, "on_config makes the build"
        return self.build
