"""Editable documents: opened with independent readers (python-docx; unzip + XML for ODT)."""

from __future__ import annotations

import io
import shutil
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

import docx
import pytest
from bs4 import BeautifulSoup

from helpers import FIXTURES, apply, build, digest_tree, run, tool
from snp_site.slugs import slugify

CASE = FIXTURES / "valid" / "documenten" / "project"
PDF_STEM = "toolkit"
"""The base fixture's toolkit file is the default, downloads/toolkit.pdf."""
NS = {"text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
      "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
      "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
      "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
      "dc": "http://purl.org/dc/elements/1.1/"}


def _build(built_base: Path, dest: Path, **extra_env: str) -> Path:
    project = Path(shutil.copytree(built_base, dest, symlinks=True))
    apply(project, CASE)
    result = build(project, **extra_env)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def site(built_base: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(built_base, tmp_path_factory.mktemp("docs") / "p")


def odt_xml(path: Path, member: str) -> ET.Element:
    with zipfile.ZipFile(path) as archive:
        return ET.fromstring(archive.read(member))


def test_docx_has_heading_and_list_styles_placeholders_and_dutch(site: Path) -> None:
    letter = docx.Document(str(site / "downloads" / "brief.docx"))
    styles = [(p.style.name, p.text) for p in letter.paragraphs]
    assert ("Title", "De brief") in styles
    assert ("Heading 1", "Wat wij bieden") in styles
    assert ("List Bullet", "Een gesprek.") in styles
    assert not any("niet in de brief" in text for _, text in styles), "the section must end at the next heading"
    marked = [r.text for p in letter.paragraphs for r in p.runs if r.font.highlight_color is not None]
    assert marked == ["[naam partner]", "[naam gemeente]", "[naam gemeente]"]
    props = letter.core_properties
    assert (props.title, props.subject, props.language) == ("De brief", "Een brief met invulvelden voor de gemeente.",
                                                            "nl-NL")
    langs = {el.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val")
             for el in letter.styles.element.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}lang")}
    assert langs == {"nl-NL"}


def test_docx_checklist_items_are_list_items(site: Path) -> None:
    checklist = docx.Document(str(site / "downloads" / "lijst.docx"))
    items = [p.text for p in checklist.paragraphs if p.style.name == "List Paragraph"]
    assert items == ["\u2610 De wethouder van [naam gemeente] steunt het plan.", "\u2610 De afspraken staan op papier."]
    assert [p.text for p in checklist.paragraphs if p.style.name == "Heading 2"] == ["Fase een", "Fase twee"]
    assert checklist.tables[0].cell(1, 1).text == "Gegevens doorgeven"


def test_odt_has_outline_headings_lists_placeholders_and_dutch(site: Path) -> None:
    path = site / "downloads" / "brief.odt"
    with zipfile.ZipFile(path) as archive:
        assert archive.namelist()[0] == "mimetype" and archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
    content = odt_xml(path, "content.xml")
    headings = [(h.get(f"{{{NS['text']}}}outline-level"), "".join(h.itertext())) for h in content.iter(f"{{{NS['text']}}}h")]
    assert ("1", "De brief") in headings and ("1", "Wat wij bieden") in headings
    items = ["".join(i.itertext()) for i in content.iter(f"{{{NS['text']}}}list-item")]
    assert items == ["Een gesprek.", "Een vrijwilliger."]
    checklist = odt_xml(site / "downloads" / "lijst.odt", "content.xml")
    lists = [(l.get(f"{{{NS['text']}}}style-name"), ["".join(i.itertext()) for i in l.iter(f"{{{NS['text']}}}list-item")])
             for l in checklist.iter(f"{{{NS['text']}}}list")]
    assert lists == [("Afvinklijst", ["De wethouder van [naam gemeente] steunt het plan.", "De afspraken staan op papier."])]
    spans = [("".join(s.itertext()), s.get(f"{{{NS['text']}}}style-name")) for s in content.iter(f"{{{NS['text']}}}span")]
    assert ("[naam gemeente]", "Invulveld") in spans
    meta = odt_xml(path, "meta.xml")
    assert meta.find(".//dc:language", NS).text == "nl-NL" and meta.find(".//dc:title", NS).text == "De brief"
    styles = odt_xml(path, "styles.xml")
    default = styles.find(".//style:default-style/style:text-properties", NS)
    assert default.get(f"{{{NS['fo']}}}language") == "nl"


def test_pages_link_the_documents_with_format_and_size(site: Path) -> None:
    page = BeautifulSoup((site / "handreiking" / "01-brief" / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = page.select(".snp-downloads a")
    expected = []
    for ext, name, code in (("docx", "Word-bestand", "DOCX"), ("odt", "LibreOffice-bestand", "ODT")):
        size = max(1, round((site / "downloads" / f"brief.{ext}").stat().st_size / 1024))
        expected.append((f"../../downloads/brief.{ext}", f"De brief als {name} ({code}, {size} KB)"))
    assert [(a["href"], a.get_text()) for a in links] == expected


def test_two_builds_give_identical_documents(built_base: Path, site: Path, tmp_path: Path) -> None:
    again = _build(built_base, tmp_path / "again", SNP_CACHE="uit")  # made again, not from the cache
    documents = lambda tree: {k: v for k, v in tree.items() if k.endswith((".docx", ".odt"))}  # noqa: E731
    first, second = documents(digest_tree(site / "downloads")), documents(digest_tree(again / "downloads"))
    assert first == second and len(first) == 4


def test_hardenberg_copy_fills_the_municipality_and_nothing_else(built_base: Path, site: Path, tmp_path: Path) -> None:
    project = Path(shutil.copytree(built_base, tmp_path / "project", symlinks=True))
    apply(project, CASE)
    out = tmp_path / "uit"
    out.mkdir()
    result = run(project, tool("snp"), "toolkit", "--gemeente", "Hardenberg", "-o", str(out / "toolkit.pdf"))
    assert result.returncode == 0, result.stderr
    assert f"Document geschreven naar {out / 'brief-hardenberg.docx'}." in result.stdout
    letter = docx.Document(str(out / "brief-hardenberg.docx"))
    text = "\n".join(p.text for p in letter.paragraphs)
    assert "[naam gemeente]" not in text
    assert "De gemeente Hardenberg biedt u steun aan." in text and "de wethouder van Hardenberg" in text
    assert "[naam partner]" in text, "other placeholders stay for the municipality to fill in"
    default = "\n".join(p.text for p in docx.Document(str(site / "downloads" / "brief.docx")).paragraphs)
    assert text == default.replace("[naam gemeente]", "Hardenberg")
    odt = "".join(odt_xml(out / "brief-hardenberg.odt", "content.xml").itertext())
    assert "[naam gemeente]" not in odt and "Hardenberg" in odt


def test_a_copy_for_a_name_with_accents_is_named_as_its_pages(built_base: Path, tmp_path: Path) -> None:
    """The files of `snp toolkit` carry the slug the municipality's own pages carry (slugify)."""
    project = Path(shutil.copytree(built_base, tmp_path / "project", symlinks=True))
    apply(project, CASE)
    result = run(project, tool("snp"), "toolkit", "--gemeente", "Súdwest-Fryslân")
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in project.glob("*-sudwest-fryslan.*"))
    assert slugify("Súdwest-Fryslân") == "sudwest-fryslan"
    assert written == ["brief-sudwest-fryslan.docx", "brief-sudwest-fryslan.odt", "lijst-sudwest-fryslan.docx",
                       "lijst-sudwest-fryslan.odt", f"{PDF_STEM}-sudwest-fryslan.pdf"], result.stdout
    assert not list(project.glob("*s-dwest-frysl-n*"))


def test_a_document_is_the_same_bytes_whatever_was_written_before_it_in_the_process() -> None:
    # odfpy keeps the namespaces it has seen in one dict for the whole process and declares all of
    # them on every later document: a page's ODT then depended on which pages the same worker wrote
    # before it (a warm build, with some documents cached, wrote other bytes than a cold one).
    from snp_site.documents import DocumentInfo, docx_writer, odt_writer
    from snp_site.documents.structure import Block, Run

    info = DocumentInfo("Modelbrief", "Een brief", "Proefsite", 1500000000)
    letter = [Block("heading", (Run("Modelbrief"),), level=1), Block("paragraph", (Run("Beste [naam]"),))]
    table = [Block("table", rows=(((Run("Wie"),), (Run("Wat"),)), ((Run("Gemeente"),), (Run("Brief"),))),
                   header_rows=1), Block("item", (Run("Punt"),), level=1, checkbox=True)]
    first = {writer: writer.write(letter, info) for writer in (docx_writer, odt_writer)}
    for writer in (docx_writer, odt_writer):
        writer.write(table, info)
    assert {writer: writer.write(letter, info) for writer in (docx_writer, odt_writer)} == first
