"""Stage 2 of the toolkit: typeset the assembled HTML with WeasyPrint into PDF/UA-1 bytes.

Every WeasyPrint warning is captured and handed back as text, so the caller can fail the build
instead of publishing a PDF with a silent gap. Resources are read only from the site's own files:
the fetcher maps the site's address to local files and refuses every other host, which also keeps
build paths out of the PDF.
"""

from __future__ import annotations

import hashlib
import io
import mimetypes
from collections.abc import Callable
from pathlib import Path

import pikepdf
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from snp_site.logs import collected
from snp_site.toolkit.produce import Toolkit

STYLESHEET = Path(__file__).with_name("print.css")


class SiteFetcher(URLFetcher):
    """Serves the site's own files from disk; anything else is an error, never a download."""

    def __init__(self, site_url: str, resolve: Callable[[str], Path | None]) -> None:
        super().__init__()
        self.site_url = site_url
        self.resolve = resolve
        self.fetched: dict[str, str] = {}
        """sha256 of each file read, by its path in the site: what a cached PDF depends on."""

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        if url.startswith(self.site_url):
            path = self.resolve(self.site_path(url))
            if path is not None and path.is_file():
                kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                data = path.read_bytes()
                self.fetched[self.site_path(url)] = hashlib.sha256(data).hexdigest()
                return URLFetcherResponse(url, data, {"Content-Type": kind})
            raise ValueError(f"bestand niet gevonden: {url}")
        raise ValueError(f"de toolkit mag niets van een andere website laden: {url}")

    def site_path(self, url: str) -> str:
        return url[len(self.site_url):].split("#")[0].split("?")[0]


def typeset(document: str, site_url: str, fetcher: SiteFetcher) -> Toolkit:
    """Render and write the PDF; the identifier is a hash of the input, so equal input, equal bytes."""
    with collected("weasyprint") as collect:
        html = HTML(string=document, base_url=site_url, url_fetcher=fetcher)
        rendered = html.render(stylesheets=[CSS(filename=str(STYLESHEET))])
        identifier = hashlib.sha256(document.encode("utf-8")).hexdigest()[:32].encode("ascii")
        pdf = rendered.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=identifier)
    assert pdf is not None
    return Toolkit(_post_pass(pdf), len(rendered.pages), collect.messages)


def _post_pass(pdf: bytes) -> bytes:
    """Fix what WeasyPrint 70 leaves for PDF/UA: running headers and footers are tagged content that
    no structure element reaches (they must be artifacts), table header cells carry no /Scope, and
    link annotations lack the Print flag (print and screen must not differ)."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        reachable = _reachable_mcids(doc)
        for page in doc.pages:
            _mark_artifacts(doc, page, reachable.get(page.obj.objgen, set()))
            for annot in page.get("/Annots", []):
                annot.F = int(annot.get("/F", 0)) | 4
        _header_scopes(doc)
        out = io.BytesIO()
        doc.save(out, deterministic_id=True)
    return out.getvalue()


def _kids(element: pikepdf.Object) -> list[pikepdf.Object]:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _header_scopes(doc: pikepdf.Pdf) -> None:
    """Give every TH a /Scope: Column in a header row or after the first cell, Row at a row's start."""
    root = doc.Root.get("/StructTreeRoot")
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if not isinstance(node, pikepdf.Dictionary):
            continue
        stack.extend(k for k in _kids(node) if isinstance(k, pikepdf.Dictionary))
        if node.get("/S") != pikepdf.Name.TR:
            continue
        cells = [c for c in _kids(node) if isinstance(c, pikepdf.Dictionary)]
        in_head = node.get("/P", pikepdf.Dictionary()).get("/S") == pikepdf.Name.THead
        for index, cell in enumerate(cells):
            if cell.get("/S") != pikepdf.Name.TH:
                continue
            attrs = cell.get("/A")
            if not isinstance(attrs, pikepdf.Dictionary):
                attrs = pikepdf.Dictionary()
                cell.A = attrs
            attrs.O = pikepdf.Name.Table
            attrs.Scope = pikepdf.Name.Column if in_head or index > 0 else pikepdf.Name.Row


def _reachable_mcids(doc: pikepdf.Pdf) -> dict[tuple[int, int], set[int]]:
    """Marked-content ids per page that the structure tree, walked from its root, refers to."""
    found: dict[tuple[int, int], set[int]] = {}
    root = doc.Root.get("/StructTreeRoot")
    if root is None:
        return found
    stack: list[tuple[pikepdf.Object, pikepdf.Object | None]] = [(root, None)]
    seen: set[tuple[int, int]] = set()
    while stack:
        node, page = stack.pop()
        if isinstance(node, pikepdf.Dictionary):
            if node.is_indirect:
                if node.objgen in seen:
                    continue
                seen.add(node.objgen)
            page = node.get("/Pg", page)
            if node.get("/Type") == "/MCR" and page is not None:
                found.setdefault(page.objgen, set()).add(int(node.MCID))
                continue
            kids = node.get("/K")
            if kids is not None:
                stack.extend((kid, page) for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]))
        elif isinstance(node, pikepdf.Array):
            stack.extend((kid, page) for kid in node)
        elif isinstance(node, int) and page is not None:
            found.setdefault(page.objgen, set()).add(int(node))
    return found


def _mark_artifacts(doc: pikepdf.Pdf, page: pikepdf.Page, reachable: set[int]) -> None:
    """Turn marked content outside the structure tree into pagination artifacts."""
    instructions = pikepdf.parse_content_stream(page)
    changed = False
    out = []
    for operands, operator in instructions:
        if str(operator) == "BDC" and len(operands) == 2 and isinstance(operands[1], pikepdf.Dictionary):
            mcid = operands[1].get("/MCID")
            if mcid is not None and int(mcid) not in reachable:
                operands = [pikepdf.Name.Artifact, pikepdf.Dictionary(Type=pikepdf.Name.Pagination)]
                changed = True
        out.append((operands, operator))
    if changed:
        page.obj.Contents = doc.make_stream(pikepdf.unparse_content_stream(out))
