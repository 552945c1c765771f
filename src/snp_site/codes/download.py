"""The [[download toolkit]] code: a link to the built PDF, with its size, on any page.

The size in the link text is the real size of the deterministic PDF. When the PDF is still being
typeset while the pages are written, the link says SIZE_LATER, and `put_size` puts the size into
every written file that says it (the pages, the search index, a feed) before the site is published.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import TYPE_CHECKING

from snp_site.codes.context import CodeContext, Problem
from snp_site.filesize import size_text

if TYPE_CHECKING:
    from snp_site.content.models import Content

NAME = "download"
TAG = "[[download toolkit]]"
MAKING = "wordt nu gemaakt"
"""What the link says in the preview while the toolkit is being made in the background."""
SIZE_LATER = "snp-toolkit-grootte-volgt"
"""ASCII without anything HTML, JSON or XML would escape: it reads the same in every written file."""
_WRITTEN_TEXT = {".html", ".json", ".xml", ".txt"}
_PARAGRAPH = re.compile(r"<p>\s*" + re.escape(TAG) + r"\s*</p>")


def check(args: list[str], content: Content) -> Problem | None:
    if args != ["toolkit"]:
        return Problem("download-syntax", f"'[[download {' '.join(args)}]]' noemt geen bekende download.",
                       "Schrijf [[download toolkit]] op een eigen regel.")
    return None


def render(args: list[str], context: CodeContext) -> str:
    """Left as written here: the toolkit stage fills it in once the PDF and its size exist."""
    return TAG


def has_tag(page_html: str) -> bool:
    return TAG in page_html


def link_html(href: str, title: str, size: int | None, making: bool = False) -> str:
    shown = MAKING if making and size is None else SIZE_LATER if size is None else size_text(size)
    return (f'<p class="snp-download"><a href="{html.escape(href)}" download>'
            f"Download de {html.escape(title)} (PDF, {shown})</a></p>")


def fill(page_html: str, href: str, title: str, size: int | None, making: bool = False) -> str:
    """Replace every tag that stands on its own line (its own paragraph) by the link; without a
    size yet, the link says SIZE_LATER."""
    return _PARAGRAPH.sub(lambda _: link_html(href, title, size, making), page_html)


def put_size(site: Path, size: int) -> list[Path]:
    """Replace SIZE_LATER by the real size in every text file written under `site`; the files changed."""
    later, real = SIZE_LATER.encode("ascii"), size_text(size).encode("utf-8")
    changed = []
    for path in sorted(site.rglob("*")):
        if path.suffix not in _WRITTEN_TEXT or not path.is_file():
            continue
        data = path.read_bytes()
        if later in data:
            path.write_bytes(data.replace(later, real))
            changed.append(path)
    return changed
