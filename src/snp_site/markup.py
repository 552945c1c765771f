"""Last stage of a page: repair markup that Material or Markdown writes invalid or unnamed.

- Material 9.8 writes tabindex="" on the labels of navigation sections (navigation.sections):
  an empty tabindex is invalid HTML (the Nu Html Checker reports it) and browsers ignore it, so
  removing it changes no behaviour. A template override would copy all of nav-item.html.
- On a page with headings that is not in the navigation (a news item), Material writes the table
  of contents' label for="__toc" but not the checkbox it belongs to: the label loses its 'for'.
- A checklist item's checkbox (pymdownx.tasklist) has no accessible name: it gets the item's text.
- A wide table scrolls sideways on a phone (WCAG 1.4.10 allows that for data tables): a keyboard
  user must be able to reach the scrolling box and a screen reader must say what it is, so each
  table of running text gets a focusable, named region around it.
"""

from __future__ import annotations

import re
from html import escape, unescape

_EMPTY_TABINDEX = re.compile(r'(<label\b[^>]*?)\stabindex=""')


_TOC_LABEL = re.compile(r'(<label\b[^>]*?)\sfor="__toc"')
_TASK = re.compile(r'(<li class="task-list-item">\s*<input\b)([^>]*>)(.*?)(?=</li>|<ul|<ol|<p>)', re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")
_PLAIN_TABLE = re.compile(r"<table>(.*?)</table>", re.DOTALL)
_FIRST_HEADER = re.compile(r"<th\b[^>]*>(.*?)</th>", re.DOTALL)


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


def name_tables(html: str) -> str:
    """Put each plain Markdown table in a focusable region named after its first column."""
    def wrapped(match: re.Match[str]) -> str:
        header = _FIRST_HEADER.search(match.group(1))
        text = " ".join(unescape(_TAGS.sub(" ", header.group(1))).split()) if header else ""
        name = f"Tabel: {text}" if text else "Tabel"
        return (f'<div class="snp-tabel-scroll" tabindex="0" role="region" aria-label="{escape(name)}">'
                f"{match.group(0)}</div>")
    return _PLAIN_TABLE.sub(wrapped, html)
