"""The steps after MkDocs renders, in the one order they run; a new step is one entry in a list.

Three moments, three lists:
- `CONTENT_STEPS`: a page's own HTML, before the theme wraps it (on_page_content);
- `PAGE_STEPS`: each whole page MkDocs writes, theme included (on_post_page; while serving with
  errors the page is the Dutch list of errors instead);
- `FOLDER_STEPS`: the site folder once MkDocs wrote every file (on_post_build), after the toolkit
  PDF is finished and before the folder is published as site/.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from snp_site import headers, images, markup, preview, published, slim
from snp_site.build import Build
from snp_site.sources import cite
from snp_site.errors import ContentErrors

log = logging.getLogger("mkdocs.plugins.snp")


@dataclass(frozen=True)
class Rendered:
    """A page's HTML as a content step gets it, with where the page lives."""

    html: str
    page_url: str
    build: Build


@dataclass(frozen=True)
class Folder:
    """The written site folder (the staging folder of this build) as a folder step gets it."""

    path: Path
    build: Build
    config: MkDocsConfig


def _sizes(page: Rendered) -> str:
    return images.add_sizes(page.html, page.page_url, page.build.media)


def _write_documents(folder: Folder) -> None:
    for stem, made in sorted(folder.build.documents.items()):
        (folder.path / "downloads").mkdir(exist_ok=True)
        for ext, data in made.items():
            (folder.path / "downloads" / f"{stem}.{ext}").write_bytes(data)


def _check_written(folder: Folder) -> None:
    """Nothing published that an editor did not mean (published.py); while serving, only said."""
    leftovers = published.check_site(folder.path, folder.build.written, folder.config.site_url,
                                     folder.build.coming)
    for error in leftovers if folder.build.serving else []:
        log.warning(error.format())
    if leftovers and not folder.build.serving:
        folder.build.errors += leftovers
        raise ContentErrors(folder.build.errors)


def _shrink_images(folder: Folder) -> None:
    images.shrink_site_images(folder.path, sorted(folder.build.media), folder.build.cache)


def _write_cards_and_robots(folder: Folder) -> None:
    if folder.build.sharing is not None:
        folder.build.sharing.write(folder.path)


def _remove_source_maps(folder: Folder) -> None:
    slim.remove_source_maps(folder.path)


def _keep_search_languages(folder: Folder) -> None:
    slim.keep_search_languages(folder.path, search_languages(folder.config))


def _write_headers(folder: Folder) -> None:
    # Last: the policy hashes the inline scripts of the pages as they are now.
    headers.publish(folder.path, meta=not folder.build.serving)


CONTENT_STEPS: list[Callable[[Rendered], str]] = [
    lambda page: cite.label_note_links(page.html),
    lambda page: markup.name_checkboxes(page.html),
    lambda page: markup.name_tables(page.html),
    _sizes,
]
PAGE_STEPS: list[Callable[[str], str]] = [markup.repair]
TEMPLATE_STEPS: list[Callable[[str], str]] = [markup.repair]
"""Pages MkDocs renders from a template alone (404.html, sitemap.xml)."""
FOLDER_STEPS: list[Callable[[Folder], None]] = [
    _write_documents, _check_written, _shrink_images, _keep_search_languages, _remove_source_maps,
    _write_cards_and_robots, _write_headers,
]
"""The cards as late as they can be: the worker draws them while this process does the steps before,
and this process draws the rest from the other end (sharing/stage.py). The search languages go before
the source maps: the maps step reads every script, and most are lunr files of languages that go
(20 against 7 ms for the two, December 2026)."""


def finish_content(html: str, page_url: str, build: Build) -> str:
    for step in CONTENT_STEPS:
        html = step(Rendered(html, page_url, build))
    return html


def finish_page(output: str, build: Build, config: MkDocsConfig) -> str:
    if build.errors and build.serving:
        return preview.error_page(build.errors, config.site_name)
    for step in PAGE_STEPS:
        output = step(output)
    return output


def finish_template(output: str) -> str:
    for step in TEMPLATE_STEPS:
        output = step(output)
    return output


def finish_folder(path: Path, build: Build, config: MkDocsConfig) -> None:
    folder = Folder(path, build, config)
    for step in FOLDER_STEPS:
        step(folder)


def search_languages(config: MkDocsConfig) -> list[str]:
    """The languages Material's search plugin indexes (its 'lang' option, else the theme language)."""
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None:
            return list(plugin.config.get("lang") or [config.theme.get("language", "en")])
    return []
