"""The `[[download toolkit]]` tag: a link to the built PDF, with its size, on any page.

Filled in after the PDF is typeset (the plugin builds it in on_env, before pages are written), so
the size in the link text is the real size of the deterministic PDF.
"""

from __future__ import annotations

import html
import re

from snp_site.filesize import size_text

TAG = "[[download toolkit]]"
_PARAGRAPH = re.compile(r"<p>\s*" + re.escape(TAG) + r"\s*</p>")


def has_tag(page_html: str) -> bool:
    return TAG in page_html


def link_html(href: str, title: str, size: int) -> str:
    return (f'<p class="snp-download"><a href="{html.escape(href)}" download>'
            f"Download de {html.escape(title)} (PDF, {size_text(size)})</a></p>")


def fill(page_html: str, href: str, title: str, size: int) -> str:
    """Replace every tag that stands on its own line (its own paragraph) by the link."""
    return _PARAGRAPH.sub(lambda _: link_html(href, title, size), page_html)
