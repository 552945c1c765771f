"""Write the assembled toolkit (assemble.document's HTML) as Typst markup, for typst_pdf.

One document model, two readers: `assemble` makes one print document from the rendered chapters
(ids made unique, links resolved, placeholders filled); this module walks that same tree and
writes each element as the Typst element that means the same (heading, list, table, figure,
link, footnote), so Typst can tag it for PDF/UA-1. The cover, colophon and table of contents come
out of the tree as well; what the print stylesheet did in CSS is the `_PREAMBLE` here.

Text is always written as Typst string literals (`#"..."`): nothing an editor types can become
Typst markup. Images and the inline SVG charts become files beside the source (`Source.files`);
only the site's own files are read (`resolve`), never another host.
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from snp_site import html_tree

TEAL = 'rgb("#1f4e5f")'
GREY = 'rgb("#4a4a4a")'

_PREAMBLE = """\
#set text(font: "Open Sans", size: 10.5pt, fill: rgb("#1a1a1a"), lang: "nl", hyphenate: false,
  top-edge: 1.138em, bottom-edge: -0.362em)
#set par(leading: 0pt, spacing: 1em)
#set page(paper: "a4", margin: (top: 25mm, right: 22mm, bottom: 25mm, left: 25mm),
  header-ascent: 4mm, footer-descent: 4mm,
  header: context {
    let chapters = query(heading.where(level: 1, outlined: true))
      .filter(h => h.location().page() <= here().page())
    if chapters.len() > 0 { text(size: 8.5pt, fill: GREY, chapters.last().body) }
  },
  footer: context {
    if counter(page).get().first() > 1 {
      align(right, text(size: 8.5pt, fill: GREY)[pagina #counter(page).display() van #counter(page).final().first()])
    }
  })
#set heading(numbering: none)
#show heading: set text(fill: TEAL)
#show heading: set text(top-edge: 1.013em, bottom-edge: -0.237em)
#show heading: it => block(sticky: true, it)
#show heading.where(level: 1): set text(size: 22pt, weight: 700)
#show heading.where(level: 1): set block(above: 0pt, below: 8mm)
#show heading.where(level: 2): set text(size: 14pt, weight: 700)
#show heading.where(level: 2): set block(above: 8mm, below: 3mm)
#show heading.where(level: 3): set text(size: 11.5pt, weight: 600)
#show heading.where(level: 3): set block(above: 6mm, below: 2mm)
#show heading.where(level: 4): set text(size: 10.5pt, weight: 600)
#show link: set text(fill: TEAL)
#show link: underline
#set strong(delta: 0)
#show strong: set text(weight: 700)
#set list(indent: 0mm, body-indent: 2mm)
#set enum(indent: 0mm, body-indent: 2mm)
#set table(stroke: (x, y) => (bottom: 0.5pt + rgb("#8a8a8a")), inset: (x: 2mm, y: 1.5mm), align: left + top)
#show figure.caption: set text(size: 9pt, fill: GREY)
#set figure(numbering: none, gap: 2mm)
#show figure: set block(breakable: false, above: 5mm, below: 5mm)
#show figure: set align(left)
#show figure.caption: set align(left)
""".replace("TEAL", TEAL).replace("GREY", GREY)

_CHECKBOX = "box(width: 3mm, height: 3mm, stroke: 0.6pt + black, baseline: 0.4mm)"
_BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "figure", "blockquote",
               "div", "section", "nav", "article", "hr", "pre", "dl", "details", "aside"}
_HIDDEN_CLASSES = {"snp-downloads", "headerlink", "footnote-backref"}


@dataclass
class Source:
    """The Typst source and the files it reads, by their name beside it."""

    text: str
    files: dict[str, bytes] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    """Dutch texts of what could not be put in the PDF (a missing image, a link without target)."""
    fetched: dict[str, str] = field(default_factory=dict)
    """sha256 of each site file read, by its path in the site: what a cached PDF depends on."""
    title: str = ""
    created: str = ""


def string(text: str) -> str:
    """A Typst string literal: what an editor wrote can never become markup."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def label_name(element_id: str) -> str:
    """Ids become Typst labels; anything outside Typst's label characters is spelled out."""
    return "l-" + re.sub(r"[^A-Za-z0-9_-]", lambda m: f".{ord(m.group(0)):x}.", element_id)


def _collapse(text: str) -> str:
    return re.sub(r"[ \t\r\n\f]+", " ", text)


class _Writer:
    def __init__(self, site_url: str, resolve: Callable[[str], Path | None], targets: set[str]) -> None:
        self.site_url = site_url
        self.resolve = resolve
        self.targets = targets
        """Ids that some link points at: only these get a label."""
        self.labelled: set[str] = set()
        self.files: dict[str, bytes] = {}
        self.problems: list[str] = []
        self.fetched: dict[str, str] = {}
        self.footnotes: dict[str, ET.Element] = {}
        self.all_ids: set[str] = set()
        self.aliases: dict[str, str] = {}
        """Element id -> label of the heading it stands for (a chapter's id names its first h1)."""

    # --- inline ---------------------------------------------------------------------------------

    def inline(self, el: ET.Element) -> str:
        """The element's children as Typst content (without the surrounding brackets)."""
        parts: list[str] = []
        if el.text:
            parts.append(self._text(el.text))
        for child in el:
            parts.append(self.inline_element(child))
            if child.tail:
                parts.append(self._text(child.tail))
        return "".join(parts)

    def _text(self, text: str) -> str:
        text = _collapse(text)
        return f"#{string(text)}" if text else ""

    def inline_element(self, el: ET.Element) -> str:
        tag = el.tag if isinstance(el.tag, str) else ""
        classes = html_tree.classes(el)
        if classes & _HIDDEN_CLASSES or tag in ("script", "style", "input", "form", "button"):
            return ""
        marker = self._marker(el)
        if tag in ("strong", "b"):
            return marker + f"#strong[{self.inline(el)}]"
        if tag in ("em", "i"):
            return marker + f"#emph[{self.inline(el)}]"
        if tag == "code":
            return f"#raw({string(html_tree.text_of(el))})"
        if tag == "br":
            return "#linebreak()"
        if tag == "sup" and el.find("a[@class='footnote-ref']") is not None:
            return self._footnote(el.find("a[@class='footnote-ref']"))
        if tag == "sup":
            return f"#super[{self.inline(el)}]"
        if tag == "sub":
            return f"#sub[{self.inline(el)}]"
        if tag == "a" and el.get("href") is not None:
            return marker + self._link(el)
        if tag == "img":
            image = self._image(el)
            return f"#box({image})" if image else ""
        if tag == "svg":
            return f"#box({self._svg(el)})"
        return marker + self.inline(el)

    def _link(self, el: ET.Element) -> str:
        href = el.get("href", "")
        body = self.inline(el)
        if href.startswith("#"):
            target = href[1:]
            if target not in self.targets or not self._known(target):
                self.problems.append(f"de link '{html_tree.text_of(el).strip()}' wijst naar een plek "
                                     "die niet in de toolkit staat")
                return body
            return f"#link(label({string(self._label_of(target))}))[{body}]"
        return f"#link({string(href)})[{body}]"

    def _known(self, target: str) -> bool:
        return target in self.all_ids

    def _label_of(self, element_id: str) -> str:
        return self.aliases.get(element_id, label_name(element_id))

    def _marker(self, el: ET.Element) -> str:
        """A label for an element that a link points at but that has no Typst element of its own."""
        element_id = el.get("id")
        if not element_id or element_id not in self.targets or element_id in self.aliases \
                or element_id in self.labelled:
            return ""
        self.labelled.add(element_id)
        return f"#metadata(none) <{label_name(element_id)}>"

    def _footnote(self, ref: ET.Element | None) -> str:
        """Markdown's footnotes stay where the chapter puts them, as its endnotes (the citations'
        "Bronnen bij deze tekst"): the number links to its note. A note at the foot of the page would
        stand elsewhere in the tag tree than on the page, and a screen reader would read it out of order."""
        assert ref is not None
        note_id = ref.get("href", "").lstrip("#")
        if note_id not in self.footnotes:
            self.problems.append(f"voetnoot {html_tree.text_of(ref).strip()} heeft geen tekst")
            return ""
        return f"#super[{self._link(ref)}]"

    # --- files ------------------------------------------------------------------------------------

    def _site_file(self, url: str) -> tuple[str, bytes] | None:
        if not url.startswith(self.site_url):
            self.problems.append(f"de toolkit mag niets van een andere website laden: {url}")
            return None
        site_path = url[len(self.site_url):].split("#")[0].split("?")[0]
        path = self.resolve(site_path)
        if path is None or not path.is_file():
            self.problems.append(f"bestand niet gevonden: {url}")
            return None
        data = path.read_bytes()
        self.fetched[site_path] = hashlib.sha256(data).hexdigest()
        return site_path, data

    def _asset(self, data: bytes, suffix: str) -> str:
        name = f"bestand-{hashlib.sha256(data).hexdigest()[:16]}{suffix}"
        self.files[name] = data
        return name

    def _image(self, el: ET.Element, width: str | None = None) -> str:
        found = self._site_file(el.get("src", ""))
        if found is None:
            return ""
        site_path, data = found
        name = self._asset(data, Path(site_path).suffix.lower())
        size = f", width: {width}" if width else ""
        return f"image({string(name)}, alt: {string(el.get('alt', ''))}{size})"

    def _svg(self, el: ET.Element, width: str | None = None) -> str:
        """An inline chart: its <title> is the figure's alternative text (the table after it has the data)."""
        title = next((child for child in el if child.tag == "title"), None)
        alt = _collapse(html_tree.text_of(title)).strip() if title is not None else ""
        el.set("xmlns", "http://www.w3.org/2000/svg")
        el.set("width", "424")  # the chart's own units; Typst scales the drawing to `width`
        data = ET.tostring(el, encoding="unicode").encode("utf-8")
        name = self._asset(data, ".svg")
        size = f", width: {width}" if width else ""
        return f"image({string(name)}, alt: {string(alt)}{size})"

    # --- blocks -----------------------------------------------------------------------------------

    def blocks(self, el: ET.Element) -> str:
        """The element's children as blocks; loose text becomes a paragraph."""
        out: list[str] = []
        loose: list[str] = []

        def flush() -> None:
            text = "".join(loose).strip()
            if text and text != '#" "':
                out.append(text + "\n\n")
            loose.clear()

        if el.text and el.text.strip():
            loose.append(self._text(el.text))
        for child in el:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in _BLOCK_TAGS or re.fullmatch(r"h[1-6]", tag):
                flush()
                out.append(self.block(child))
            else:
                loose.append(self.inline_element(child))
            if child.tail and child.tail.strip():
                loose.append(self._text(child.tail))
        flush()
        return "".join(out)

    def block(self, el: ET.Element) -> str:
        tag = el.tag if isinstance(el.tag, str) else ""
        classes = html_tree.classes(el)
        if classes & _HIDDEN_CLASSES:
            return ""
        marker = self._marker(el)
        if re.fullmatch(r"h[1-6]", tag):
            return self.heading(el, int(tag[1]))
        if tag == "p":
            if "admonition-title" in classes:
                return marker + f"#block(below: 1mm)[#strong[{self.inline(el)}]]\n\n"
            body = self.inline(el).strip()
            return marker + (body + "\n\n" if body else "")
        if tag in ("ul", "ol"):
            return marker + self.list(el) + "\n\n"
        if tag == "table":
            return marker + self.table(el) + "\n\n"
        if tag == "figure":
            return marker + self.figure(el) + "\n\n"
        if tag == "dl":
            return marker + self.terms(el) + "\n\n"
        if tag == "blockquote":
            return marker + f"#quote(block: true)[{self.blocks(el)}]\n\n"
        if tag == "hr":
            return "#line(length: 100%, stroke: 0.5pt + rgb(\"#8a8a8a\"))\n\n"
        if tag == "pre":
            return f"#raw(block: true, {string(html_tree.text_of(el))})\n\n"
        if "admonition" in classes:
            return marker + (f"#block(stroke: (left: 2pt + {TEAL}), inset: (left: 4mm, y: 1mm), "
                             f"above: 4mm, below: 4mm)[{self.blocks(el)}]\n\n")
        if "snp-schatting" in classes:
            return marker + f"#block(breakable: false)[{self.blocks(el)}]\n\n"
        return marker + self.blocks(el)

    def terms(self, el: ET.Element) -> str:
        """A description list (the data of a source on the Bronnen list) as Typst's term list: each
        term with its descriptions, so the words never run together."""
        items: list[str] = []
        term: str | None = None
        for child in el:
            if child.tag == "dt":
                term = self.inline(child).strip()
            elif child.tag == "dd" and term is not None:
                items.append(f"terms.item[{term}][{self.inline(child).strip()}]")
        return f"#terms(separator: [: ], {', '.join(items)})" if items else ""

    def heading(self, el: ET.Element, level: int, **options: str) -> str:
        """Chapter titles (h1) and their sections (h2) are bookmarked, deeper headings are not."""
        element_id = el.get("id")
        label = ""
        if element_id and (element_id in self.targets or element_id in self.aliases):
            label = f" <{self._label_of(element_id)}>"
        settings = {"level": str(level), **options}
        if level > 2:
            settings.setdefault("bookmarked", "false")
        args = ", ".join(f"{k}: {v}" for k, v in settings.items())
        return f"#heading({args})[{self.inline(el).strip()}]{label}\n\n"

    def list(self, el: ET.Element) -> str:
        items = [child for child in el if child.tag == "li"]
        task = any("task-list-item" in html_tree.classes(item) for item in items)
        function = "enum" if el.tag == "ol" else "list"
        options = f"marker: {_CHECKBOX}, " if task else ""
        start = el.get("start")
        if function == "enum" and start and start.isdigit():
            options += f"start: {int(start)}, "
        bodies = []
        for item in items:
            has_blocks = any(isinstance(c.tag, str) and c.tag in ("p", "ul", "ol", "table", "div", "blockquote")
                             for c in item)
            body = (self._marker(item) + (self.blocks(item).strip() if has_blocks else self.inline(item).strip()))
            bodies.append(f"[{body}]")
        return f"#{function}({options}{', '.join(bodies)})"

    def table(self, el: ET.Element) -> str:
        caption = el.find("caption")
        rows: list[tuple[bool, ET.Element]] = []
        for part in el:
            if part.tag == "tr":
                rows.append((False, part))
            elif part.tag in ("thead", "tbody", "tfoot"):
                rows += [(part.tag == "thead", row) for row in part if row.tag == "tr"]
        columns = max((sum(int(c.get("colspan", "1") or 1) for c in row if c.tag in ("td", "th"))
                       for _, row in rows), default=1)
        head: list[str] = []
        body: list[str] = []
        for in_head, row in rows:
            for cell in row:
                if cell.tag not in ("td", "th"):
                    continue
                content = self.inline(cell).strip()
                if cell.tag == "th":
                    content = f"#text(weight: 600)[{content}]"
                spans = [f"{k}: {int(cell.get(k, '1') or 1)}" for k in ("colspan", "rowspan")
                         if int(cell.get(k, "1") or 1) > 1]
                text = f"table.cell({', '.join(spans)})[{content}]" if spans else f"[{content}]"
                (head if in_head else body).append(text)
        header = f"table.header({', '.join(head)}), " if head else ""
        widths = ", ".join(["auto"] * (columns - 1) + ["1fr"])
        table = f"table(columns: ({widths},), {header}{', '.join(body)})"
        if caption is None:
            return f"#block(breakable: false, above: 4mm, below: 4mm, width: 100%, {table})"
        return (f"#figure(kind: table, caption: figure.caption(position: top)[{self.inline(caption).strip()}], "
                f"block(width: 100%, {table}))")

    def figure(self, el: ET.Element) -> str:
        chart = "snp-grafiek" in html_tree.classes(el)
        caption = el.find("figcaption")
        drawn = []
        for child in el.iter():
            if child.tag == "svg":
                drawn.append(self._svg(child, "105mm" if chart else None))
                break
            if child.tag == "img":
                image = self._image(child)
                if image:
                    drawn.append(image)
        if not drawn:
            return self.blocks(el)
        body = drawn[0] if len(drawn) == 1 else f"stack(spacing: 2mm, {', '.join(drawn)})"
        if caption is not None:
            return f"#figure({body}, caption: [{self.inline(caption).strip()}])"
        return f"#figure({body})"


def write(document: str, site_url: str, resolve: Callable[[str], Path | None]) -> Source:
    """The Typst source of the whole toolkit, from the HTML that assemble.document made."""
    root = html_tree.parse_document(document)
    body = root.find("body")
    assert body is not None
    title = "".join(root.findtext("head/title") or "").strip()
    meta = {m.get("name"): m.get("content", "") for m in root.iter("meta") if m.get("name")}
    targets = {a.get("href", "")[1:] for a in body.iter("a") if a.get("href", "").startswith("#")}
    writer = _Writer(site_url, resolve, targets)
    writer.all_ids = {el.get("id", "") for el in body.iter() if el.get("id")}
    for note in body.iter("li"):
        if note.get("id", "").split("--")[-1].startswith("fn:"):
            writer.footnotes[note.get("id", "")] = note
    # The edition (assemble.py's description and keywords) goes into the file's metadata too.
    about = "".join(f", {key}: {value}" for key, value in (
        ("description", string(meta["description"]) if meta.get("description") else ""),
        ("keywords", f"({string(meta['keywords'])},)" if meta.get("keywords") else "")) if value)
    parts = [f"#set document(title: {string(title)}, author: {string(meta.get('author', ''))}{about})\n", _PREAMBLE]
    for section in body:
        classes = html_tree.classes(section)
        if "omslag" in classes:
            parts.append(_cover(writer, section))
        elif "colofon" in classes:
            parts.append(_front_matter(writer, section))
        elif "inhoud" in classes:
            parts.append(_contents(writer, section))
        elif "hoofdstuk" in classes:
            parts.append(_chapter(writer, section))
        else:
            parts.append(writer.block(section))
    return Source("".join(parts), writer.files, writer.problems, writer.fetched, title,
                  meta.get("dcterms.created", ""))


def _cover(writer: _Writer, section: ET.Element) -> str:
    """The cover: one page in the house colour, without header or footer, its title not bookmarked."""
    rows = []
    for child in section:
        cls = html_tree.classes(child)
        text = writer.inline(child).strip()
        if child.tag == "h1":
            rows.append(f"#heading(level: 1, outlined: false, bookmarked: false)[#text(size: 30pt, "
                        f"fill: white)[{text}]]\n#v(10mm)\n")
        elif "omslag-reeks" in cls:
            rows.append(f"#text(size: 13pt, weight: 600)[{text}]\n#v(6mm)\n")
        elif "omslag-gemeente" in cls:
            rows.append(f"#text(size: 16pt)[{text}]\n#v(10mm)\n")
        elif "omslag-uitgave" in cls:
            rows.append(f"#v(80mm)\n#text(size: 11pt)[{text}]\n")
        else:
            rows.append(text + "\n\n")
    inner = "\n".join(rows)
    return (f"#page(margin: 0pt, fill: {TEAL}, header: none, footer: none)[#block(width: 100%, height: 100%, "
            f"inset: (top: 70mm, x: 25mm, bottom: 25mm))[#set text(fill: white)\n#set par(spacing: 0pt)\n"
            f"{inner}]]\n\n")


def _front_matter(writer: _Writer, section: ET.Element) -> str:
    """Colophon: its h2 is a top-level bookmark, its h3s are not bookmarked."""
    out = []
    for child in section:
        if child.tag == "h3":
            out.append(writer.heading(child, 3))
        else:
            out.append(writer.block(child))
    return "#pagebreak(weak: true)\n#[#set text(size: 9.5pt)\n" + "".join(out) + "]\n\n"


def _contents(writer: _Writer, nav: ET.Element) -> str:
    """The table of contents: each chapter with the page it starts on, read from the laid-out document."""
    out = ["#pagebreak(weak: true)\n"]
    heading = nav.find("h2")
    if heading is not None:
        out.append(writer.heading(heading, 2))
    entries = []
    for item in nav.iter("li"):
        if "inhoud-deel" in html_tree.classes(item):
            entries.append(f"[#block(above: 6mm, below: 2mm)[#text(weight: 700, fill: {TEAL})"
                           f"[{writer.inline(item).strip()}]]]")
            continue
        link = item.find("a")
        if link is None:
            continue
        target = link.get("href", "").lstrip("#")
        name = string(writer._label_of(target))
        entries.append(f"[#link(label({name}))[{writer.inline(link).strip()}#box(width: 1fr, "
                       f"repeat[.]) #context counter(page).at(label({name})).first()]]")
    out.append("#[#show link: it => text(fill: rgb(\"#1a1a1a\"), it)\n#show underline: it => it.body\n"
               "#set par(spacing: 2mm)\n" + "\n\n".join(e[1:-1] for e in entries) + "]\n\n")
    return "".join(out)


def _chapter(writer: _Writer, article: ET.Element) -> str:
    """A chapter starts on a new page; the chapter's id names its first h1 (the contents link there)."""
    chapter_id = article.get("id", "")
    first = article.find(".//h1")
    if first is not None:
        writer.aliases[chapter_id] = label_name(chapter_id)
        if first.get("id"):
            writer.aliases[first.get("id", "")] = label_name(chapter_id)
        first.set("id", chapter_id)
        writer.targets.add(chapter_id)
    return "#pagebreak(weak: true)\n" + writer.blocks(article)

