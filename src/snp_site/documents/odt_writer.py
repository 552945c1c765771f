"""Write blocks as an OpenDocument text (ODT) with odfpy: outline headings, list styles, Dutch."""

from __future__ import annotations

import datetime as dt
import io

from odf import dc, meta
from odf.element import Element
from odf.opendocument import OpenDocumentText
from odf.style import (DefaultStyle, ListLevelProperties, ParagraphProperties, Style, TableCellProperties,
                       TextProperties)
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import H, LineBreak, List, ListItem, ListLevelStyleBullet, ListLevelStyleNumber, ListStyle, P, Span

from snp_site.documents import zipfix
from snp_site.documents.structure import Block, Run

CHECKBOX = "\u2610 "


class _Styles:
    """The named styles a municipality sees in its style list, made once per document."""

    def __init__(self, doc: OpenDocumentText) -> None:
        default = DefaultStyle(family="paragraph")
        default.addElement(TextProperties(language="nl", country="NL", fontsize="11pt"))
        default.addElement(ParagraphProperties(marginbottom="0.2cm"))
        doc.styles.addElement(default)
        self.headings = {}
        for level, size in zip(range(1, 7), ("20pt", "16pt", "13pt", "12pt", "11pt", "11pt")):
            style = Style(name=f"Heading_20_{level}", displayname=f"Heading {level}", family="paragraph",
                          defaultoutlinelevel=str(level))
            style.addElement(TextProperties(fontsize=size, fontweight="bold"))
            style.addElement(ParagraphProperties(margintop="0.4cm", marginbottom="0.2cm", keepwithnext="always"))
            doc.styles.addElement(style)
            self.headings[level] = style
        self.quote = Style(name="Quotations", displayname="Quotations", family="paragraph")
        self.quote.addElement(ParagraphProperties(marginleft="1cm"))
        self.quote.addElement(TextProperties(fontstyle="italic"))
        doc.styles.addElement(self.quote)
        self.placeholder = Style(name="Invulveld", displayname="Invulveld", family="text")
        self.placeholder.addElement(TextProperties(backgroundcolor="#ffff00", fontweight="bold"))
        doc.styles.addElement(self.placeholder)
        self.text = {}
        for bold in (False, True):
            for italic in (False, True):
                if bold or italic:
                    style = Style(name=f"T{int(bold)}{int(italic)}", family="text")
                    style.addElement(TextProperties(fontweight="bold" if bold else "normal",
                                                    fontstyle="italic" if italic else "normal"))
                    doc.automaticstyles.addElement(style)
                    self.text[(bold, italic)] = style
        self.bullets = ListStyle(name="Opsomming", displayname="Opsomming")
        self.checkboxes = ListStyle(name="Afvinklijst", displayname="Afvinklijst")
        self.numbers = ListStyle(name="Nummering", displayname="Nummering")
        for level in range(1, 4):
            indent = f"{0.6 * level:.1f}cm"
            for target, char in ((self.bullets, "•"), (self.checkboxes, CHECKBOX.strip())):
                bullet = ListLevelStyleBullet(level=level, bulletchar=char)
                bullet.addElement(ListLevelProperties(spacebefore=indent, minlabelwidth="0.6cm"))
                target.addElement(bullet)
            number = ListLevelStyleNumber(level=level, numformat="1", numsuffix=".")
            number.addElement(ListLevelProperties(spacebefore=indent, minlabelwidth="0.6cm"))
            self.numbers.addElement(number)
        doc.styles.addElement(self.bullets)
        doc.styles.addElement(self.checkboxes)
        doc.styles.addElement(self.numbers)
        self.cell = Style(name="Cel", family="table-cell")
        self.cell.addElement(TableCellProperties(border="0.5pt solid #000000", padding="0.1cm"))
        doc.automaticstyles.addElement(self.cell)


def _fill(paragraph, runs: tuple[Run, ...], styles: _Styles, bold: bool = False) -> None:
    for run in runs:
        if run.text == "\n":
            paragraph.addElement(LineBreak())
        elif run.placeholder:
            paragraph.addElement(Span(stylename=styles.placeholder, text=run.text))
        elif (run.bold or bold, run.italic) in styles.text:
            paragraph.addElement(Span(stylename=styles.text[(run.bold or bold, run.italic)], text=run.text))
        else:
            paragraph.addText(run.text)


def write(blocks: list[Block], info) -> bytes:
    # odfpy keeps the namespaces it has met in one dict for the whole process and declares them all
    # on a document's root: emptied first, a document declares what it uses itself, whatever the same
    # process wrote before it.
    Element.namespaces.clear()
    doc = OpenDocumentText()
    styles = _Styles(doc)
    when = dt.datetime.fromtimestamp(info.epoch, tz=dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
    doc.meta.addElement(dc.Title(text=info.title))
    doc.meta.addElement(dc.Subject(text=info.subject))
    doc.meta.addElement(dc.Language(text="nl-NL"))
    doc.meta.addElement(meta.CreationDate(text=when))
    doc.meta.addElement(dc.Date(text=when))
    doc.meta.addElement(meta.InitialCreator(text=info.author))

    body = doc.text
    if not blocks or blocks[0].kind != "heading":
        body.addElement(H(outlinelevel=1, stylename=styles.headings[1], text=info.title))
    open_list: List | None = None
    open_kind: tuple[bool, bool] | None = None
    tables = 0
    for block in blocks:
        if block.kind != "item":
            open_list = None
        if block.kind == "heading":
            heading = H(outlinelevel=block.level, stylename=styles.headings[min(block.level, 6)])
            _fill(heading, block.runs, styles)
            body.addElement(heading)
        elif block.kind == "item":
            kind = (block.ordered, block.checkbox)
            if open_list is None or open_kind != kind:
                style = styles.checkboxes if block.checkbox else styles.numbers if block.ordered else styles.bullets
                open_list = List(stylename=style)
                open_kind = kind
                body.addElement(open_list)
            item = ListItem()
            paragraph = P()
            _fill(paragraph, block.runs, styles)
            item.addElement(paragraph)
            open_list.addElement(item)
        elif block.kind == "table":
            columns = max((len(row) for row in block.rows), default=0)
            tables += 1
            table = Table(name=f"Tabel{tables}")
            table.addElement(TableColumn(numbercolumnsrepeated=columns))
            for r, row in enumerate(block.rows):
                table_row = TableRow()
                for cell in row:
                    table_cell = TableCell(stylename=styles.cell)
                    paragraph = P()
                    _fill(paragraph, cell, styles, bold=r < block.header_rows)
                    table_cell.addElement(paragraph)
                    table_row.addElement(table_cell)
                table.addElement(table_row)
            body.addElement(table)
        else:
            paragraph = P(stylename=styles.quote) if block.kind == "quote" else P()
            _fill(paragraph, block.runs, styles)
            body.addElement(paragraph)
    buffer = io.BytesIO()
    doc.write(buffer)
    return zipfix.normalise(buffer.getvalue(), info.epoch)
