"""The write stage: the last checks before MkDocs writes a page, and the site folder after it.

`before_writing` (on_env) checks the anchors now that every heading id is known, takes the
toolkit PDF from the cache or lets the worker typeset it while the pages are written, fills the
download links, and raises every error at once, before anything is written. `after_writing`
(on_post_build) finishes the PDF, runs the folder steps (finishing.py) and publishes the folder;
in the preview it then starts the toolkit that the pages' links say is being made.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from snp_site import theme
from snp_site import pages, published
from snp_site.build import Build
from snp_site.codes import download
from snp_site.config import SnpConfig
from snp_site.content import checks
from snp_site.dates import build_date
from snp_site.errors import ContentErrors
from snp_site.finishing import finish_folder
from snp_site.toolkit import background
from snp_site.toolkit import site as toolkit_site

log = logging.getLogger("mkdocs.plugins.snp")


def before_writing(build: Build, env: Any, config: MkDocsConfig, files: Files, options: SnpConfig) -> Any:
    pages.finish_documents(build)
    build.errors += checks.check_anchors(build.anchor_checks, build.ids)
    assert build.loaded is not None and build.nav is not None and build.news is not None
    run = build.toolkit
    if not build.errors:
        toolkit_site.submit(run, build.nav, build.loaded, config, files, options.toolkit, options.gemeente,
                            options.inwoners)
        if run.started and not run.ready and build.serving:
            background.follow(run, config)  # the pages do not wait for the PDF
            build.coming = frozenset({options.toolkit.file})
        if run.ready:
            build.errors += toolkit_site.finish(run, options.toolkit, config).errors
        build.errors += toolkit_site.fill_links(files, run, options.toolkit, config, making=build.serving)
    build.pdf_later = run.started and not run.ready and not build.errors and not build.serving
    if build.errors:  # no PDF, no cards: free the second core now
        build.stop_worker()
    if build.errors and build.serving:
        build.errors = ContentErrors(build.errors).errors
        for error in build.errors:
            log.warning(error.format())
    elif build.errors:
        raise ContentErrors(build.errors)
    build.written = published.pages_of(files, build.bodies)
    env.bytecode_cache = build.cache.templates()
    env.globals["snp_content"] = build.loaded.content
    env.globals["snp_build_date"] = build_date()
    env.globals["snp_bundle"] = theme.bundle_for(config)
    env.globals["snp_feed"] = build.news.feed_url and {"url": build.news.feed_url, "title": build.news.feed_title}
    return env


def after_writing(build: Build, config: MkDocsConfig, options: SnpConfig) -> None:
    """Publish only a build that nothing can fail any more (strict mode counts warnings after us)."""
    warnings = build.count_warnings()
    built = Path(config.site_dir)
    if build.pdf_later:
        build.pdf_later = False
        pdf = toolkit_site.finish(build.toolkit, options.toolkit, config)
        if pdf.errors:
            build.errors += pdf.errors
            raise ContentErrors(build.errors)
        download.put_size(built, len(pdf.pdf))
    finish_folder(built, build, config)
    build.stop_worker()  # every answer is in: the PDF and the cards
    if build.serving:
        background.start(config)  # the pages are written: now the PDF they link to
    if config.strict and warnings and build.staging is not None:
        log.error("De build gaf waarschuwingen; in strikte modus wordt site/ niet bijgewerkt.")
        return
    build.publish(config)

