"""The page stage: what happens to each page while MkDocs reads and renders it.

`source` hands MkDocs the body our loader parsed (front matter is read once), `markdown` fills in
the [[...]] codes and the page's meta, `html` collects the heading ids, runs the content steps
(finishing.py) and makes the page's DOCX and ODT documents (in the worker when it can) with their
download links, put in at on_env (`finish_documents`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page as MkPage

from snp_site import documents
from snp_site.build import Build
from snp_site.codes.context import CodeContext
from snp_site.codes.registry import render_code
from snp_site.content import checks
from snp_site.content.models import Page
from snp_site.content.refs import replace_codes
from snp_site.dates import build_date
from snp_site.finishing import finish_content
from snp_site.sources import cite
from snp_site.sources import listing as sources_listing
from snp_site.worker import answer_or_run

_EMPTY_FRONT_MATTER = "---\n{}\n---\n"


def source(build: Build, page: MkPage) -> str | None:
    """The body we already parsed, so MkDocs never reads front matter itself."""
    assert build.loaded is not None
    model = build.bodies.get(page.file.src_uri)
    if model is not None:
        return _EMPTY_FRONT_MATTER + model.body
    # A file we could not read, or (when the build will fail anyway) one we did not load,
    # such as a page behind a symlink: MkDocs must not try to read it and crash.
    if page.file.src_uri in build.loaded.broken or (build.errors and not page.file.generated_by):
        return _EMPTY_FRONT_MATTER
    return None


def markdown(build: Build, text: str, page: MkPage, files: Files) -> str:
    assert build.loaded is not None and build.news is not None
    model = build.bodies.get(page.file.src_uri)
    if model is not None:
        page.meta = dict(model.meta)
    page.meta.update(build.news.meta(page.file.src_uri))
    if model is None:
        return text
    build.sharing.date_page(page, model)
    if build.urls is None:
        build.urls = {f.src_uri: f.url for f in files.documentation_pages()}
    context = CodeContext(build.loaded.content, page.file.url, build.urls, build.contact)
    text = replace_codes(text, lambda name, args: render_code(name, args, context))
    if page.file.src_uri == build.loaded.content.sources_page:
        text += sources_listing.page_markdown(build.loaded.content, context.link_to_page)
    return text + cite.page_notes(model.body, build.loaded.content, context.link_to_page)


def context(build: Build, page: MkPage, config: MkDocsConfig) -> dict[str, Any]:
    """What our templates read for this page: the news stage's view and the link preview."""
    assert build.news is not None and build.sharing is not None and build.loaded is not None
    model = build.loaded.content.pages.get(page.file.src_uri)
    return {**build.news.context(page.file.src_uri), **build.sharing.context(page, model, config)}


def html(build: Build, text: str, page: MkPage, config: MkDocsConfig, gemeente: str | None) -> str:
    build.ids[page.file.src_uri] = checks.page_ids(text)
    text = finish_content(text, page.file.url, build)
    model = build.loaded.content.pages.get(page.file.src_uri) if build.loaded else None
    if model is None or not model.meta.get("document") or build.errors:
        return text
    return _with_documents(build, text, model, page, config, gemeente)


def _with_documents(build: Build, text: str, model: Page, page: MkPage, config: MkDocsConfig,
                    gemeente: str | None) -> str:
    """Make the page's editable documents and put their download links under its heading. Documents
    the cache lacks are made by the worker meanwhile: a stand-in holds their place until on_env."""
    heading = model.meta["document"] if isinstance(model.meta["document"], str) else None
    label = heading or model.title
    info = documents.DocumentInfo(label, model.description, config.site_name, int(build_date().timestamp()))
    pending = PendingDocuments(page, model, label, heading, (text, info, heading, gemeente))
    made = documents.cached(pending.request, build.cache)
    if made is None and build.worker is not None:
        build.worker.submit(pending.task_name, "documenten", pending.request)
        build.pending_documents.append(pending)
        return pending.insert(text, _STAND_IN)
    if made is None:
        made = documents.write(pending.request)
        if made:
            documents.store(pending.request, made, build.cache)
    return pending.insert(text, _links(build, pending, made))


def finish_documents(build: Build) -> None:
    """Put the links of the documents the worker made into their pages (on_env, before anything is
    written); those it gave no answer for are made here, with the same code."""
    for pending in build.pending_documents:
        made = answer_or_run(build.worker, pending.task_name, "documenten", pending.request)
        if made:
            documents.store(pending.request, made, build.cache)
        links = _links(build, pending, made)
        content = pending.page.content or ""
        pending.page.content = content.replace(_STAND_IN, links, 1) if links else \
            content.replace("</h1>\n" + _STAND_IN, "</h1>", 1).replace(_STAND_IN, "", 1)
    build.pending_documents = []


_STAND_IN = "<!--snp-documenten-volgen-->"


@dataclass(frozen=True)
class PendingDocuments:
    page: MkPage
    model: Page
    label: str
    heading: str | None
    request: documents.Request

    @property
    def task_name(self) -> str:
        return f"documenten {self.page.file.src_uri}"

    def insert(self, text: str, links: str) -> str:
        """`text` with `links` under its first heading (or at its top); '' for links inserts nothing."""
        if not links:
            return text
        head, found, rest = text.partition("</h1>")
        return head + found + "\n" + links + rest if found else links + text


def _links(build: Build, pending: PendingDocuments, made: dict[str, bytes]) -> str:
    """The download links of made documents; '' and an error when the page lacks the named heading."""
    assert build.loaded is not None
    if not made:
        build.errors.append(documents.missing_heading(pending.model, pending.heading or ""))
        return ""
    stem = documents.file_stem(pending.page.file.src_uri)
    build.documents[stem] = made
    context = CodeContext(build.loaded.content, pending.page.file.url)
    return documents.download_links(pending.label, stem, {k: len(v) for k, v in made.items()}, context.link)

