"""Stage 2 of the toolkit: typeset the assembled HTML with WeasyPrint into PDF/UA-1 bytes.

Every WeasyPrint warning is captured and handed back as text, so the caller can fail the build
instead of publishing a PDF with a silent gap. Resources are read only from the site's own files:
the fetcher maps the site's address to local files and refuses every other host, which also keeps
build paths out of the PDF.
"""

from __future__ import annotations

import hashlib
import io
import logging
import mimetypes
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

STYLESHEET = Path(__file__).with_name("print.css")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class SiteFetcher(URLFetcher):
    """Serves the site's own files from disk; anything else is an error, never a download."""

    def __init__(self, site_url: str, resolve: Callable[[str], Path | None]) -> None:
        super().__init__()
        self.site_url = site_url
        self.resolve = resolve

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        if url.startswith(self.site_url):
            path = self.resolve(url[len(self.site_url):].split("#")[0].split("?")[0])
            if path is not None and path.is_file():
                kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind})
            raise ValueError(f"bestand niet gevonden: {url}")
        raise ValueError(f"de toolkit mag niets van een andere website laden: {url}")


@dataclass
class Typeset:
    pdf: bytes
    pages: int
    warnings: list[str] = field(default_factory=list)


def typeset(document: str, site_url: str, fetcher: SiteFetcher) -> Typeset:
    """Render and write the PDF; the identifier is a hash of the input, so equal input, equal bytes."""
    logger = logging.getLogger("weasyprint")
    collect = _Collect()
    logger.addHandler(collect)
    propagate, logger.propagate = logger.propagate, False
    try:
        html = HTML(string=document, base_url=site_url, url_fetcher=fetcher)
        rendered = html.render(stylesheets=[CSS(filename=str(STYLESHEET))])
        identifier = hashlib.sha256(document.encode("utf-8")).hexdigest()[:32].encode("ascii")
        pdf = rendered.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=identifier)
    finally:
        logger.removeHandler(collect)
        logger.propagate = propagate
    assert pdf is not None
    return Typeset(_post_pass(pdf), len(rendered.pages), collect.messages)


def _post_pass(pdf: bytes) -> bytes:
    """Give every link annotation the Print flag (PDF/UA: print and screen must not differ)."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            for annot in page.get("/Annots", []):
                annot.F = int(annot.get("/F", 0)) | 4
        out = io.BytesIO()
        doc.save(out, deterministic_id=True)
    return out.getvalue()
