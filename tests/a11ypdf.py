"""The toolkit PDF as assistive technology reads it: tag tree order, alternative text, language.

Judged from the PDF alone (poppler's pdftotext and `pdfinfo -struct-text`, pikepdf for the
structure tree), never from how it was made, so it holds for WeasyPrint and Typst alike.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf

MAX_UNTAGGED_PER_PAGE = 120
"""Letters on a page that may be outside the tag tree: running header and page number (artifacts)."""
LOOKAHEAD = 400
"""How far (in letters) the next tagged piece may lie beyond the last one: more is text skipped."""


def _letters(text: str) -> str:
    """Letters and digits only: extractors differ in the spaces between tagged spans, around
    punctuation and inside chart labels, not in the letters."""
    return "".join(re.findall(r"\w", text.replace("\u00ad", ""))).lower()


def struct_pieces(pdf: Path) -> list[str]:
    """The text pieces of the tag tree in logical order, as poppler reads them to a screen reader."""
    # Bytes, decoded leniently: poppler prints a tag's raw title (/T), which need not be UTF-8 (an
    # empty UTF-16 title is just its byte order mark); the text pieces themselves are UTF-8.
    out = subprocess.run(["pdfinfo", "-enc", "UTF-8", "-struct-text", str(pdf)], capture_output=True,
                         check=True).stdout.decode("utf-8", errors="replace")
    pieces = [_letters(line.strip()[1:-1]) for line in out.splitlines() if line.strip().startswith('"')]
    return [p for p in pieces if p]


def page_texts(pdf: Path) -> list[str]:
    """The visible text per page in visual reading order (pdftotext's layout analysis)."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    return [_letters(page) for page in out.split("\f")]


def reading_order_problems(pdf: Path) -> list[str]:
    """The tag tree's text must come in the order the pages show it: each tagged piece is found in
    the visual text just after the one before, and per page only a little text is untagged."""
    pieces = struct_pieces(pdf)
    pages = page_texts(pdf)
    visual = "".join(pages)
    page_of = [n + 1 for n, page in enumerate(pages) for _ in page]
    if not pieces:
        return [f"{pdf.name}: geen tekst in de tagstructuur"]
    problems: list[str] = []
    untagged: dict[int, int] = {}
    at = 0
    for piece in pieces:
        found = visual.find(piece, at, at + LOOKAHEAD + len(piece))
        if found < 0:
            page = page_of[min(at, len(page_of) - 1)]
            problems.append(f"{pdf.name}, pagina {page}: tekst uit de tags staat niet op deze plek in de"
                            f" leesvolgorde: '{piece[:60]}' (op de pagina: '{visual[at:at + 60]}')")
            if len(problems) > 20:
                break
            continue
        for i in range(at, found):
            untagged[page_of[i]] = untagged.get(page_of[i], 0) + 1
        at = found + len(piece)
    for i in range(at, len(visual)):
        untagged[page_of[i]] = untagged.get(page_of[i], 0) + 1
    for page, n in sorted(untagged.items()):
        if n > MAX_UNTAGGED_PER_PAGE:
            problems.append(f"{pdf.name}, pagina {page}: {n} tekens staan niet in de tagstructuur")
    return problems


def tag_problems(pdf: Path) -> tuple[list[str], dict[str, int]]:
    """Every Figure has /Alt, every Link an accessible name (/Alt or its annotation's /Contents),
    the document language is Dutch and no element says otherwise. Also counts figures and links."""
    problems: list[str] = []
    counts = {"/Figure": 0, "/Link": 0}
    with pikepdf.open(pdf) as doc:
        lang = str(doc.Root.get("/Lang", ""))
        if not lang.lower().startswith("nl"):
            problems.append(f"{pdf.name}: documenttaal is '{lang}', niet nl")
        root = doc.Root.get("/StructTreeRoot")
        if root is None:
            return [*problems, f"{pdf.name}: geen tagstructuur (/StructTreeRoot)"], counts
        stack = [root.get("/K")]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Array):
                stack.extend(node)
                continue
            if not isinstance(node, pikepdf.Dictionary):
                continue
            kind = str(node.get("/S", ""))
            if kind in counts:
                counts[kind] += 1
            if "/Lang" in node and not str(node.Lang).lower().startswith("nl"):
                problems.append(f"{pdf.name}: een {kind}-element heeft taal '{node.Lang}'")
            if kind == "/Figure" and not str(node.get("/Alt", "")).strip():
                problems.append(f"{pdf.name}: een figuur zonder alternatieve tekst (/Alt)")
            if kind == "/Link":
                names = [str(node.get("/Alt", ""))]
                kids = node.get("/K")
                for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
                    if isinstance(kid, pikepdf.Dictionary) and "/Obj" in kid:
                        names.append(str(kid.Obj.get("/Contents", "")))
                if not any(n.strip() for n in names):
                    problems.append(f"{pdf.name}: een link zonder naam (/Alt of /Contents)")
            if "/K" in node:
                stack.append(node.K)
    return problems, counts
