"""Last stage of a page: repair markup that Material or Markdown writes invalid or unnamed.

- Material 9.8 writes tabindex="" on the labels of navigation sections (navigation.sections):
  an empty tabindex is invalid HTML (the Nu Html Checker reports it) and browsers ignore it, so
  removing it changes no behaviour. A template override would copy all of nav-item.html.
- On a page with headings that is not in the navigation (a news item), Material writes the table
  of contents' label for="__toc" but not the checkbox it belongs to: the label loses its 'for'.
- A checklist item's checkbox (pymdownx.tasklist) has no accessible name: it gets the item's text.
"""

from __future__ import annotations

import re
from html import escape, unescape

_EMPTY_TABINDEX = re.compile(r'(<label\b[^>]*?)\stabindex=""')


_TOC_LABEL = re.compile(r'(<label\b[^>]*?)\sfor="__toc"')
_TASK = re.compile(r'(<li class="task-list-item">\s*<input\b)([^>]*>)(.*?)(?=</li>|<ul|<ol|<p>)', re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")


def repair(html: str) -> str:
    html = _EMPTY_TABINDEX.sub(r"\1", html)
    if 'id="__toc"' not in html:
        html = _TOC_LABEL.sub(r"\1", html)
    return html


def name_checkboxes(html: str) -> str:
    """Give each checklist checkbox the text of its item as its accessible name."""
    def named(match: re.Match[str]) -> str:
        text = " ".join(unescape(_TAGS.sub(" ", match.group(3))).split())
        if not text or "aria-label" in match.group(2):
            return match.group(0)
        return f'{match.group(1)} aria-label="{escape(text)}"{match.group(2)}{match.group(3)}'
    return _TASK.sub(named, html)
