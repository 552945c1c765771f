"""Read rendered page HTML into plain blocks: headings, paragraphs, list items, tables.

Only what an office document needs survives: heading anchors, charts (their table follows them)
and rules are left out. Text in square brackets, such as [naam gemeente], is marked as a
placeholder so the writers can make it stand out.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, replace

from snp_site import html_tree

PLACEHOLDER = re.compile(r"\[[^\[\]\n]{2,60}\]")


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    placeholder: bool = False


@dataclass(frozen=True)
class Block:
    kind: str
    """'heading', 'paragraph', 'item', 'quote' or 'table'."""
    runs: tuple[Run, ...] = ()
    level: int = 0
    """Heading level (1-6), or list depth (1 for a top-level item)."""
    ordered: bool = False
    checkbox: bool = False
    rows: tuple[tuple[tuple[Run, ...], ...], ...] = ()
    header_rows: int = 0

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


def _skipped(el: ET.Element) -> bool:
    """Left out of the documents: comments, pictures and scripts, and the notes of [[bron]] citations
    (their numbers, heading and list), which would read as stray numbers and lines in an editable letter."""
    if not isinstance(el.tag, str):
        return True
    classes = html_tree.classes(el)
    return (el.tag in ("svg", "script", "style", "hr", "figure") or "headerlink" in classes
            or "footnote" in classes or "snp-noten-kop" in classes
            or (el.tag == "sup" and (el.get("id") or "").startswith("fnref")))


def _runs(el: ET.Element, bold: bool = False, italic: bool = False) -> list[Run]:
    runs: list[Run] = [Run(el.text, bold, italic)] if el.text else []
    for child in el:
        if _skipped(child) or child.tag in ("ul", "ol", "table"):
            pass
        elif child.tag == "br":
            runs.append(Run("\n", bold, italic))
        else:
            runs += _runs(child, bold or child.tag in ("strong", "b", "th"), italic or child.tag in ("em", "i"))
        if child.tail:
            runs.append(Run(child.tail, bold, italic))
    return runs


def _tidy(runs: list[Run]) -> tuple[Run, ...]:
    """Collapse white space as a browser does, then split out placeholders."""
    text_runs = [replace(r, text=re.sub(r"[ \t\r\n]+", " ", r.text) if r.text != "\n" else "\n") for r in runs]
    out: list[Run] = []
    for run in text_runs:
        if not run.text:
            continue
        last = 0
        for match in PLACEHOLDER.finditer(run.text):
            out.append(replace(run, text=run.text[last:match.start()]))
            out.append(replace(run, text=match.group(0), placeholder=True))
            last = match.end()
        out.append(replace(run, text=run.text[last:]))
    out = [r for r in out if r.text]
    # After a line break, the source's newline is no space the reader should see.
    out = [replace(r, text=r.text.lstrip()) if i and out[i - 1].text == "\n" else r for i, r in enumerate(out)]
    out = [r for r in out if r.text]
    if out:
        out[0] = replace(out[0], text=out[0].text.lstrip())
        out[-1] = replace(out[-1], text=out[-1].text.rstrip())
    return tuple(r for r in out if r.text)


def _walk(children: Iterable[ET.Element], blocks: list[Block], depth: int = 0) -> None:
    for child in children:
        if _skipped(child):
            continue
        tag = child.tag
        if re.fullmatch(r"h[1-6]", tag):
            blocks.append(Block("heading", _tidy(_runs(child)), level=int(tag[1])))
        elif tag == "p":
            runs = _tidy(_runs(child))
            if runs:
                blocks.append(Block("paragraph", runs))
        elif tag == "blockquote":
            inner: list[Block] = []
            _walk(child, inner, depth)
            blocks += [replace(b, kind="quote") if b.kind == "paragraph" else b for b in inner]
        elif tag in ("ul", "ol"):
            for item in child:
                if item.tag == "li":
                    checkbox = any(c.tag == "input" for c in item) or "task-list-item" in (item.get("class") or "")
                    runs = _tidy(_runs(item))
                    blocks.append(Block("item", runs, level=depth + 1, ordered=tag == "ol", checkbox=checkbox))
                    _walk([c for c in item if c.tag in ("ul", "ol")], blocks, depth + 1)
        elif tag == "table":
            rows, header = [], 0
            for row, in_head in _rows(child):
                rows.append(tuple(_tidy(_runs(cell)) for cell in row if cell.tag in ("td", "th")))
                header += in_head
            blocks.append(Block("table", rows=tuple(rows), header_rows=header))
        else:
            _walk(child, blocks, depth)


def _rows(table: ET.Element, in_head: bool = False) -> list[tuple[ET.Element, bool]]:
    """Each row of the table, and whether it is in its head."""
    rows = []
    for child in table:
        if child.tag == "tr":
            rows.append((child, in_head))
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows += _rows(child, in_head or child.tag == "thead")
    return rows


def read_blocks(html: str) -> list[Block]:
    blocks: list[Block] = []
    _walk(html_tree.parse_fragment(html), blocks)
    return blocks


def section(blocks: list[Block], heading: str) -> list[Block]:
    """The blocks under the heading with this text, up to the next heading of the same or higher
    level; headings inside move up so the section's own subheadings become level 1."""
    for i, block in enumerate(blocks):
        if block.kind == "heading" and block.text.strip() == heading.strip():
            end = next((j for j in range(i + 1, len(blocks))
                        if blocks[j].kind == "heading" and blocks[j].level <= block.level), len(blocks))
            return [replace(b, level=b.level - block.level) if b.kind == "heading" else b
                    for b in blocks[i + 1:end]]
    return []


def fill_placeholder(blocks: list[Block], placeholder: str, value: str) -> list[Block]:
    """Replace one placeholder everywhere; the filled-in text is ordinary text, not a placeholder."""
    def fill(runs: tuple[Run, ...]) -> tuple[Run, ...]:
        return tuple(replace(r, text=value, placeholder=False) if r.placeholder and r.text == placeholder else r
                     for r in runs)
    return [replace(b, runs=fill(b.runs), rows=tuple(tuple(fill(c) for c in row) for row in b.rows)) for b in blocks]
