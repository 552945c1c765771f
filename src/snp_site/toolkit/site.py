"""The toolkit inside a MkDocs build: picks the toolkit chapters in nav order, builds the PDF into
the site folder and fills the download links. Keeps MkDocs objects out of the other stages.

A build that must make the PDF (nothing in the cache) lets the worker typeset it while MkDocs
writes the pages: links then carry a stand-in for the size until the PDF is done (`finish` and
codes/download.put_size).

A personal copy with a number of inhabitants (`snp toolkit --inwoners`) also takes in the page
with the estimate, in its nav place, with that municipality's figures computed by codes/schatting.py.
"""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkPage
from mkdocs.utils import get_relative_url

from snp_site.codes import download, schatting
from snp_site.config import ToolkitConfig
from snp_site.content.loader import Loaded
from snp_site.content.models import Page
from snp_site.content.refs import scan
from snp_site.dates import PartialDate, build_date
from snp_site.errors import ContentError
from snp_site.toolkit import ToolkitRun
from snp_site.toolkit.assemble import EstimateTable, ToolkitChapter, edition_from
from snp_site.toolkit.produce import Toolkit

log = logging.getLogger("mkdocs.plugins.snp.toolkit")


def title_of(options: ToolkitConfig, config: MkDocsConfig) -> str:
    return options.title or f"Toolkit {config.site_name}"


def has_estimate(model: Page) -> bool:
    return any(ref.kind == "code" and ref.target == schatting.NAME for ref in scan(model.body, model.body_line))


def chapters(nav: Navigation, loaded: Loaded, site_url: str, with_estimate: bool = False) -> list[ToolkitChapter]:
    """The rendered pages with toolkit: true (chapters or plain pages such as Resultaten), in nav order;
    `with_estimate` adds the pages that carry [[schatting ...]]."""
    found = []
    for page in nav.pages:
        model = loaded.content.pages.get(page.file.src_uri)
        if model is None or page.content is None:
            continue
        if model.toolkit or (with_estimate and has_estimate(model)):
            section = page.parent.title if page.parent is not None and page.parent.title else ""
            found.append(ToolkitChapter(page.file.src_uri, page.title or model.title, section,
                                        site_url + page.url, page.content))
    return found


def submit(run: ToolkitRun, nav: Navigation, loaded: Loaded, config: MkDocsConfig, files: Files,
           options: ToolkitConfig, gemeente: str | None, inhabitants: int | None = None) -> None:
    """Hand the run this site's toolkit (it takes the PDF from the cache or starts making it); the run
    stays unstarted when no chapter is in it. `finish` writes it into the (staging) site folder."""
    site_url = config.site_url or "https://toolkit.invalid/"
    site_url = site_url if site_url.endswith("/") else site_url + "/"
    selected = chapters(nav, loaded, site_url, with_estimate=inhabitants is not None)
    if not selected:
        return
    table: EstimateTable | None = None
    if inhabitants is not None:
        if not any(has_estimate(loaded.content.pages[ch.src_uri]) for ch in selected):
            run.refuse([ContentError(
                config_name(config), None, "toolkit-schatting-ontbreekt",
                f"Met --inwoners komt de schatting in de toolkit, maar geen pagina in het menu heeft "
                f"[[{schatting.NAME} ...]].",
                f"Zet [[{schatting.NAME} ...]] op een pagina in het menu (zie docs/toolkit.md), of maak de "
                "toolkit zonder --inwoners.")])
            return
        table = partial(schatting.print_table, content=loaded.content, inhabitants=inhabitants, gemeente=gemeente)
    when = build_date()
    listing_page = files.get_file_from_path(loaded.content.sources_page or "")
    edition = edition_from(loaded.content, config.site_name, title_of(options, config),
                           PartialDate.of(when.date()).dutch(),
                           when.strftime("%Y-%m-%dT%H:%M:%SZ"), options.version, gemeente,
                           site_url + listing_page.url if listing_page is not None else "")
    sources = {f.dest_uri: Path(f.abs_src_path) for f in files if f.abs_src_path}
    run.start(selected, edition, site_url, sources, table)


def finish(run: ToolkitRun, options: ToolkitConfig, config: MkDocsConfig) -> Toolkit:
    """Wait for the PDF and write it into the (staging) site folder, unless it has problems."""
    result = run.result()
    if not result.errors:
        target = Path(config.site_dir) / options.file
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(result.pdf)
        log.info("Toolkit geschreven: %s (%d pagina's, %s)", options.file, result.pages,
                 download.size_text(len(result.pdf)))
    return result


def fill_links(files: Files, run: ToolkitRun, options: ToolkitConfig,
               config: MkDocsConfig, making: bool = False) -> list[ContentError]:
    """Turn `[[download toolkit]]` into a link with the PDF's size; an error if there is no PDF.
    While the PDF is still being made, the link says download.SIZE_LATER until `finish`."""
    errors = []
    for file in sorted(files.documentation_pages(), key=lambda f: f.src_uri):
        page: MkPage | None = file.page
        if page is None or page.content is None or not download.has_tag(page.content):
            continue
        if not run.started:
            errors.append(ContentError(
                f"{Path(config.docs_dir).name}/{file.src_uri}", None, "toolkit-ontbreekt",
                f"De pagina vraagt om {download.TAG}, maar geen hoofdstuk staat in de toolkit.",
                "Zet toolkit: ja in de front matter van de hoofdstukken die in de PDF horen, "
                "of haal de regel weg."))
            continue
        href = get_relative_url(options.file, page.url or ".")
        size = len(run.done.pdf) if run.done is not None else None
        page.content = download.fill(page.content, href, title_of(options, config), size, making)
    return errors


def config_name(config: MkDocsConfig) -> str:
    """The settings file as errors about the whole site name it (mkdocs.yml)."""
    return Path(config.config_file_path or "mkdocs.yml").name
