"""The read stage (on_files): load and check all content before MkDocs renders a page.

Hands on to the build: the loaded content, the page bodies, the news stage (its generated pages
are added to MkDocs' files), the anchor checks left for after rendering, the media files, and
every error found. Data files feed pages and are taken out of the site.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from snp_site import contact
from snp_site import theme
from snp_site.build import Build
from snp_site.config import SnpConfig
from snp_site.content import checks
from snp_site.content.kinds import DATA_DIR, SOURCES_DIR
from snp_site.content.site import Site, run_checks
from snp_site.content.loader import load, walk
from snp_site.news.stage import NewsStage
from snp_site.sharing.stage import SharingStage


def read(build: Build, files: Files, config: MkDocsConfig, options: SnpConfig) -> Files:
    docs_dir = Path(config.docs_dir)
    root = Path(config.config_file_path).parent
    build.loaded = load(docs_dir, root)
    all_files = set(walk(docs_dir))
    pages = build.bodies = build.loaded.bodies()
    prefix = docs_dir.resolve().relative_to(root.resolve()).as_posix()
    build.news = NewsStage()
    build.news.prepare(build.loaded, files, config, docs_dir, prefix)
    urls = {f.src_uri: f.url for f in files.documentation_pages() if f.src_uri in all_files}
    site = Site(build.loaded, all_files, urls, docs_dir, prefix, options, config.strict)
    build.contact, contact_errors = contact.read(options.contact, build.publishing)
    build.sharing, sharing_errors = SharingStage.prepare(config, build.cache, build.worker)
    build.errors = (build.loaded.errors + build.news.errors + run_checks(site) + contact_errors + sharing_errors
                    + theme.errors_for(config)
                    + checks.missing_nav_pages(config.nav, {f.src_uri for f in files.documentation_pages()},
                                               Path(config.config_file_path)))
    build.anchor_checks = checks.anchor_checks(build.loaded.content, pages, all_files, build.loaded.broken)
    # Data files and source entries feed pages; they are not published themselves.
    for file in list(files):
        if file.src_uri.startswith((DATA_DIR + "/", SOURCES_DIR + "/")):
            files.remove(file)
    build.media = {f.dest_uri: Path(f.abs_src_path) for f in files.media_files()
                   if f.abs_src_path and not f.generated_by and Path(f.abs_src_path).is_relative_to(docs_dir)}
    if build.errors:  # this build makes no PDF and no cards: free the second core now
        build.stop_worker()
    return files
