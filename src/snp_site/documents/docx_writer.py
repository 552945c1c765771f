"""Write blocks as a Word document (DOCX) with python-docx: real heading and list styles, Dutch."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from snp_site.documents import zipfix
from snp_site.documents.structure import Block, Run

LANGUAGE = "nl-NL"
CHECKBOX = "\u2610 "


def _add_runs(paragraph: Paragraph, runs: tuple[Run, ...]) -> None:
    for run in runs:
        added = paragraph.add_run(run.text)
        added.bold = run.bold or run.placeholder or None
        added.italic = run.italic or None
        if run.placeholder:
            added.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _list_style(block: Block) -> str:
    """Word's list styles; a checklist item is a plain 'List Paragraph' with a box, not a bullet too."""
    if block.checkbox:
        return "List Paragraph"
    base = "List Number" if block.ordered else "List Bullet"
    return base if block.level <= 1 else f"{base} {min(block.level, 3)}"


class _Styled:
    """Paragraphs in named styles, each name looked up once per document: python-docx looks a name up
    among the template's 160-odd styles and compares it with the default style on every paragraph,
    which was 40 % of writing a document. The paragraph gets the same style id it would get there."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.ids: dict[str, str | None] = {}

    def add(self, style: str | None = None) -> Paragraph:
        paragraph = self.document.add_paragraph()
        if style is not None:
            if style not in self.ids:
                self.ids[style] = self.document.styles.get_style_id(style, WD_STYLE_TYPE.PARAGRAPH)
            paragraph._p.style = self.ids[style]  # what python-docx's own setter does after its lookup
        return paragraph


def write(blocks: list[Block], info) -> bytes:
    document = Document()
    for lang in document.styles.element.iter(qn("w:lang")):
        lang.set(qn("w:val"), LANGUAGE)
    when = dt.datetime.fromtimestamp(info.epoch, tz=dt.timezone.utc).replace(tzinfo=None)
    props = document.core_properties
    props.title, props.subject, props.language = info.title, info.subject, LANGUAGE
    props.author = props.last_modified_by = info.author
    props.created = props.modified = when
    props.revision = 1
    props.keywords = props.comments = props.category = ""

    if not blocks or blocks[0].kind != "heading":
        document.add_heading(info.title, level=0)
    styled = _Styled(document)
    for block in blocks:
        if block.kind == "heading":
            _add_runs(styled.add(f"Heading {min(block.level, 9)}"), block.runs)
        elif block.kind == "item":
            paragraph = styled.add(_list_style(block))
            if block.checkbox:
                paragraph.add_run(CHECKBOX)
            _add_runs(paragraph, block.runs)
        elif block.kind == "quote":
            _add_runs(styled.add("Quote"), block.runs)
        elif block.kind == "table":
            columns = max((len(row) for row in block.rows), default=0)
            table = document.add_table(rows=len(block.rows), cols=columns, style="Table Grid")
            for r, row in enumerate(block.rows):
                for c, cell in enumerate(row):
                    paragraph = table.cell(r, c).paragraphs[0]
                    _add_runs(paragraph, tuple(Run(x.text, x.bold or r < block.header_rows, x.italic, x.placeholder)
                                               for x in cell))
        else:
            _add_runs(styled.add(), block.runs)
    buffer = io.BytesIO()
    document.save(buffer)
    return zipfix.normalise(buffer.getvalue(), info.epoch)
