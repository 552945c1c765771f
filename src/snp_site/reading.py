"""The read stage (on_files): load and check all content before MkDocs renders a page.

Hands on to the build: the loaded content, the page bodies, the news stage (its generated pages
are added to MkDocs' files), the anchor checks left for after rendering, the media files, and
every error found. Data files feed pages and are taken out of the site.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from snp_site.build import Build
from snp_site.config import SnpConfig
from snp_site.content import checks, facts, lint
from snp_site.content.loader import load, walk
from snp_site.news.stage import NewsStage


def read(build: Build, files: Files, config: MkDocsConfig, options: SnpConfig) -> Files:
    docs_dir = Path(config.docs_dir)
    layout = options.layout()
    root = Path(config.config_file_path).parent
    build.loaded = load(docs_dir, root, layout)
    all_files = set(walk(docs_dir))
    pages = build.bodies = build.loaded.bodies()
    ref_errors, build.anchor_checks = checks.check_refs(build.loaded.content, pages, all_files,
                                                        build.loaded.broken)
    prefix = docs_dir.resolve().relative_to(root.resolve()).as_posix()
    build.news = NewsStage(layout, options.adoption_page)
    build.news.prepare(build.loaded, files, config, docs_dir, prefix)
    urls = {f.src_uri: f.url for f in files.documentation_pages() if f.src_uri in all_files}
    build.errors = (build.loaded.errors + ref_errors + build.news.errors + lint.lint(pages.values()) +
                    checks.duplicate_urls(urls, prefix) +
                    facts.check_facts(pages, build.loaded.content.figures,
                                      facts.data_files(docs_dir, prefix, layout.data_dir)))
    # Data files feed pages; they are not published themselves.
    for file in list(files):
        if file.src_uri.startswith(layout.data_dir + "/"):
            files.remove(file)
    build.media = {f.dest_uri: Path(f.abs_src_path) for f in files.media_files()
                   if f.abs_src_path and not f.generated_by and Path(f.abs_src_path).is_relative_to(docs_dir)}
    if build.errors:  # this build makes no PDF: free the second core now
        build.toolkit.close()
    return files
