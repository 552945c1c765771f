"""The PDF toolkit, read back with independent tools: pikepdf (structure) and pdftotext (text).

One fixture project (fixtures/site + fixtures/toolkit) is built once; a second build in another
folder and a Tilburg copy made with `snp toolkit` are compared with it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
import yaml
from bs4 import BeautifulSoup

from helpers import FIXTURES, build, built, digest_tree, make_project, run, tool
from snp_site.codes.download import SIZE_LATER

PDF = "site/downloads/toolkit-proef.pdf"
CHAPTERS = ["Resultaten van de proef", "Eerste hoofdstuk", "Modelbrief"]
"""Chapter titles in nav order (file order differs on purpose)."""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(tmp_path_factory.mktemp("toolkit") / "project", FIXTURES / "toolkit")


@pytest.fixture(scope="module")
def pdf(project: Path) -> pikepdf.Pdf:
    return pikepdf.open(project / PDF)


def page_texts(path: Path) -> list[str]:
    """The text of every page, by pdftotext (poppler), split on form feeds."""
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return out.split("\f")[:-1]


def outline(pdf: pikepdf.Pdf) -> list[tuple[str, int, list[str]]]:
    """(title, page number, child titles) of each top-level bookmark."""
    pages = {p.objgen: i + 1 for i, p in enumerate(pdf.pages)}
    with pdf.open_outline() as tree:
        return [(item.title, pages[item.destination[0].objgen], [c.title for c in item.children])
                for item in tree.root]


def structure(pdf: pikepdf.Pdf, kind: str) -> list[pikepdf.Dictionary]:
    """Every structure element of one type (/Table, /TH, ...) in the tag tree."""
    found, stack = [], [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(node)
        elif isinstance(node, pikepdf.Dictionary):
            if node.get("/S") == kind:
                found.append(node)
            if "/K" in node:
                stack.append(node.K)
    return found


def scope(cell: pikepdf.Dictionary) -> str | None:
    """A header cell's /Scope: its /A is one attribute dictionary or an array of them (PDF 1.7, 14.7.5)."""
    attributes = cell.get("/A")
    for attribute in ([attributes] if isinstance(attributes, pikepdf.Dictionary) else list(attributes or [])):
        if isinstance(attribute, pikepdf.Dictionary) and attribute.get("/O") == "/Table" and "/Scope" in attribute:
            return str(attribute.Scope)
    return None


def test_document_metadata(pdf: pikepdf.Pdf) -> None:
    assert len(pdf.pages) > 1
    assert str(pdf.Root.Lang) == "nl"
    assert str(pdf.docinfo.Title) == "Toolkit Proefsite"
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
    with pdf.open_metadata() as xmp:
        assert xmp.get("dc:title") == "Toolkit Proefsite"
        assert "pdfuaid:part" in str(xmp) or xmp.get("pdfuaid:part") == "1"
    assert pdf.Root.MarkInfo.Marked is True
    assert "/StructTreeRoot" in pdf.Root
    assert str(pdf.docinfo.CreationDate).startswith("D:20170714")


def test_bookmarks_match_chapter_headings(project: Path, pdf: pikepdf.Pdf) -> None:
    tree = outline(pdf)
    assert [title for title, _, _ in tree] == ["Colofon", "Inhoud", *CHAPTERS]
    pages = {"Resultaten van de proef": "methodiek/02-resultaten", "Eerste hoofdstuk": "methodiek/01-eerste",
             "Modelbrief": "handreiking/01-modelbrief"}
    for title, _, children in tree[2:]:
        soup = BeautifulSoup((project / "site" / pages[title] / "index.html").read_text(), "html.parser")
        article = soup.select_one("article")
        assert article is not None
        assert children == [h.get_text(" ", strip=True).removesuffix(" ¶").strip()
                            for h in article.find_all("h2")]


def test_contents_page_numbers_are_chapter_start_pages(project: Path, pdf: pikepdf.Pdf) -> None:
    texts = page_texts(project / PDF)
    contents = next(t for t in texts if t.lstrip().startswith("Inhoud"))
    listed = {m[1].strip(): int(m[2]) for m in re.finditer(r"^\s*(.+?)\s*\.{3,}\s*(\d+)\s*$", contents, re.M)}
    assert list(listed) == CHAPTERS
    starts = {title: number for title, number, _ in outline(pdf)}
    for title, number in listed.items():
        assert starts[title] == number
        # The running header names the chapter and the heading stands on that page.
        assert texts[number - 1].lstrip().startswith(title)
        assert title in texts[number - 1].split("\n", 3)[-1]
    assert texts[-1].rstrip().endswith(f"pagina {len(texts)} van {len(texts)}")


def test_figures_equal_the_data_file(project: Path) -> None:
    data = yaml.safe_load((project / "content" / "data" / "proef.yml").read_text())
    text = "\n".join(page_texts(project / PDF))
    rows = {"brieven": "Brief gestuurd", "bereikt": "Telefonisch bereikt",
            "afspraken": "Persoonlijke afspraak", "gekoppeld": "Gekoppeld aan een vrijwilliger"}
    for key, label in rows.items():
        assert re.search(rf"{label}\s+{data[key]['waarde']}\b", text), key
        assert data[key]["bron"] in text  # the colophon lists the sources


def test_the_pdf_ua_check_is_left_to_publishing_and_a_publishing_build_makes_the_same_pdf(
        project: Path, tmp_path: Path) -> None:
    """docs/toolkit.md: an everyday build typesets without the PDF/UA check and says so; a publishing
    build (SNP_PUBLICEREN=ja, a contact route set) runs it on the same bytes."""
    from snp_site.toolkit import verify

    copy = shutil.copytree(project, tmp_path / "p", ignore=shutil.ignore_patterns("site", ".cache", ".site.bouw-*"))
    everyday = build(copy, SNP_CACHE="uit")
    assert everyday.returncode == 0, everyday.stderr
    assert "niet met de PDF/UA-controle nagekeken" in everyday.stderr
    pdf = (copy / PDF).read_bytes()
    assert pdf == (project / PDF).read_bytes()
    assert verify.accessibility_problems(pdf)[0] == []

    config = copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - snp:\n", "  - snp:\n      contact:\n        organisation: Proefpartner\n"
                      "        form: https://formulier.invalid/\n", 1), encoding="utf-8")
    published = build(copy, SNP_CACHE="uit", SNP_PUBLICEREN="ja")
    assert published.returncode == 0, published.stderr
    assert "niet met de PDF/UA-controle nagekeken" not in published.stderr
    assert (copy / PDF).read_bytes() == pdf


def test_fonts_are_open_sans_and_embedded(pdf: pikepdf.Pdf) -> None:
    seen = set()
    for page in pdf.pages:
        for _, font in page.resources.get("/Font", {}).items():
            descriptor = font.DescendantFonts[0].FontDescriptor if "/DescendantFonts" in font \
                else font.FontDescriptor
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor or "/FontFile" in descriptor
            seen.add(str(font.BaseFont).lstrip("/").split("+", 1)[-1])
    # The PostScript names of Debian's Open Sans files (OpenSans-Bold ...), subset-tagged.
    assert seen and all(name.replace("-", "").startswith("OpenSans") for name in seen), seen


def test_images_keep_alt_text_and_links_work(pdf: pikepdf.Pdf) -> None:
    figures = [str(node.get("/Alt", "")) for node in structure(pdf, "/Figure")]
    assert "Logo van de proef" in figures
    assert "Trechter: vier stappen van breed naar smal" in figures  # the inline SVG's <title>
    assert all(figures), figures
    # The inline SVG is drawn as vector paths: the logo is the only raster image in the PDF.
    images = {x.objgen for page in pdf.pages for _, x in page.resources.get("/XObject", {}).items()
              if x.Subtype == "/Image"}
    assert len(images) == 1
    annots = [a for page in pdf.pages for a in page.get("/Annots", [])]
    uris = [str(a.A.URI) for a in annots if "/A" in a and "/URI" in a.A]
    internal = [a for a in annots if "/Dest" in a or ("/A" in a and a.A.S == "/GoTo")]
    assert "https://proef.invalid/site/" in uris  # a site page outside the toolkit: its web address
    assert len(internal) == 5  # the 3 contents entries and the 2 links between chapters stay inside the PDF
    assert all(int(a.F) & 4 for a in annots)  # Print flag, as PDF/UA asks


def test_running_headers_and_footers_are_artifacts(pdf: pikepdf.Pdf) -> None:
    page = pdf.pages[3]
    artifacts = [ops for ops, op in pikepdf.parse_content_stream(page)
                 if str(op) == "BDC" and ops[0] == pikepdf.Name.Artifact]
    assert len(artifacts) >= 2


def test_download_links_carry_the_size(project: Path) -> None:
    size = (project / PDF).stat().st_size
    for page, href in [("index.html", "downloads/toolkit-proef.pdf"),
                       ("handreiking/index.html", "../downloads/toolkit-proef.pdf")]:
        soup = BeautifulSoup((project / "site" / page).read_text(), "html.parser")
        link = soup.select_one(f'a[href="{href}"]')
        assert link is not None, page
        assert link.get_text() == f"Download de Toolkit Proefsite (PDF, {round(size / 1024)} KB)"
        assert "[[download" not in soup.get_text()


def test_two_builds_are_byte_identical(project: Path, tmp_path: Path) -> None:
    other = make_project(tmp_path / "elders", FIXTURES / "site", FIXTURES / "toolkit")
    result = build(other, SNP_CACHE="uit")  # typeset again by the worker, not taken from the cache
    assert result.returncode == 0, result.stderr
    assert (other / PDF).read_bytes() == (project / PDF).read_bytes()
    # The pages were written while the worker typeset: the size put in afterwards reads the same.
    assert digest_tree(other / "site") == digest_tree(project / "site")
    assert not [p for p in (other / "site").rglob("*") if p.is_file() and SIZE_LATER.encode() in p.read_bytes()]


def test_an_unchanged_toolkit_comes_from_the_cache_a_changed_image_does_not(project: Path,
                                                                          tmp_path: Path) -> None:
    copy = Path(shutil.copytree(project, tmp_path / "kopie", symlinks=True))
    own = {"SNP_CACHE": ""}  # the project's own .cache/snp, not the session's shared one
    first = build(copy, **own)
    assert first.returncode == 0 and "Toolkit uit de cache" not in first.stderr
    again = build(copy, **own)
    assert again.returncode == 0 and "Toolkit uit de cache" in again.stderr
    assert (copy / PDF).read_bytes() == (project / PDF).read_bytes()

    # A damaged entry is ignored, never published: the PDF is made anew, with the same bytes.
    entries = list((copy / ".cache" / "snp").glob("toolkit-*.bin"))
    assert entries
    for entry in entries:
        entry.write_bytes(entry.read_bytes()[:100])
    rebuilt = build(copy, **own)
    assert rebuilt.returncode == 0 and "Toolkit uit de cache" not in rebuilt.stderr
    assert (copy / PDF).read_bytes() == (project / PDF).read_bytes()

    # The logo in a toolkit chapter changes: the PDF depends on it, so it is made again.
    from PIL import Image
    Image.new("RGB", (40, 20), "#1f4e5f").save(copy / "content" / "assets" / "logo.png")
    changed = build(copy, **own)
    assert changed.returncode == 0, changed.stderr
    assert "Toolkit uit de cache" not in changed.stderr
    assert (copy / PDF).read_bytes() != (project / PDF).read_bytes()


def test_tilburg_copy_differs_only_on_cover_and_letter(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "tilburg.pdf"
    result = run(project, tool("snp"), "toolkit", "--gemeente", "Tilburg", "-o", str(target))
    assert result.returncode == 0, result.stderr
    default, tilburg = page_texts(project / PDF), page_texts(target)
    assert len(default) == len(tilburg)
    differ = [i + 1 for i, (a, b) in enumerate(zip(default, tilburg)) if a != b]
    letter = len(default)
    assert differ == [1, letter]
    assert "voor de gemeente Tilburg" in tilburg[0]
    assert "De gemeente Tilburg wil u steun" in tilburg[letter - 1]
    assert "[naam gemeente]" in default[letter - 1] and "[naam gemeente]" not in tilburg[letter - 1]
    assert "Tilburg" not in "".join(default)
    # Without --inwoners neither copy has the estimate page or its table.
    for text in ("".join(default), "".join(tilburg)):
        assert ESTIMATE_TITLE not in text and "Indicatie per jaar" not in text


ESTIMATE_TITLE = "Wat betekent dit voor uw gemeente?"


def estimate_basis(project: Path):
    """The estimate's figures as the fixture page names them, read from the data file with PyYAML."""
    from snp_site.codes import schatting as estimate
    from snp_site.content.models import Figure

    page = (project / "content" / "uw-gemeente.md").read_text(encoding="utf-8")
    args = re.search(r"\[\[schatting ([^\]]+)\]\]", page).group(1).split()
    data = yaml.safe_load((project / "content" / "data" / "proef.yml").read_text(encoding="utf-8"))
    figures = {f"proef.{k}": Figure(f"proef.{k}", v["waarde"], v["bron"], v["label"]) for k, v in data.items()}
    return estimate.Basis(figures[args[0]], figures[args[1]], tuple(figures[a] for a in args[2:]))


def test_tilburg_copy_with_inhabitants_carries_its_estimate(project: Path, tmp_path: Path) -> None:
    from snp_site.codes import schatting as estimate

    target = tmp_path / "tilburg-220000.pdf"
    result = run(project, tool("snp"), "toolkit", "--gemeente", "Tilburg", "--inwoners", "220000", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert "met de indicatie voor 220.000 inwoners" in result.stdout
    texts = page_texts(target)
    text = "\n".join(texts)
    # The estimate page comes in at its place in the menu (after Home: the first chapter), with its own
    # words and caveats, and a table for Tilburg instead of the form and the table of fixed sizes.
    assert [title for title, _, _ in outline(pikepdf.open(target))][:3] == ["Colofon", "Inhoud", ESTIMATE_TITLE]
    assert ESTIMATE_TITLE in text and "Het is geen voorspelling." in text
    assert "Voor de gemeente Tilburg rekenen we met 220.000 inwoners." in text
    assert "Indicatie per jaar voor de gemeente Tilburg (220.000 inwoners)" in text
    assert "Aantal inwoners van uw gemeente" not in text and "25.000" not in text
    basis = estimate_basis(project)
    shown = {}
    for step in basis.steps:
        match = re.search(rf"^\s*{re.escape(step.label)}\s+(\S+(?: dan 1)?)\s*$", text, re.M)
        assert match, step.label
        shown[step.key] = match.group(1)
    assert shown == {s.key: estimate.rounded(basis.per_year(s, 220_000)) for s in basis.steps}
    # By hand: 73 / 124.904 inwoners x 220.000 x 12 / 18 maanden = 85,7 letters a year, so "86".
    assert list(shown.values()) == ["86", "53", "23", "12"]
    # A real table in the tag tree, its header cells scoped, and the PDF/UA check of the build passed.
    with pikepdf.open(target) as personal, pikepdf.open(project / PDF) as default:
        assert len(structure(personal, "/Table")) == len(structure(default, "/Table")) + 1
        assert all(scope(th) for th in structure(personal, "/TH"))


@pytest.mark.parametrize("value, why", [
    ("abc", "'abc' is geen heel getal"), ("2,5", "'2,5' is geen heel getal"), ("1e5", "'1e5' is geen heel getal"),
    ("0", "moet groter zijn dan 0"), ("-5", "moet groter zijn dan 0"), ("1000001", "groter dan 1.000.000"),
    ("", "is leeg"),
])
def test_bad_number_of_inhabitants_is_refused_in_dutch(project: Path, value: str, why: str) -> None:
    result = run(project, tool("snp"), "toolkit", "--gemeente", "Tilburg", f"--inwoners={value}", "-o", "uit.pdf")
    assert result.returncode == 2
    first, fix = result.stderr.strip().split("\n")
    assert first.startswith("--inwoners: ") and why in first
    assert fix.strip() == ("Oplossing: geef het aantal inwoners als heel getal van 1 tot en met 1.000.000, "
                           "bijvoorbeeld --inwoners 220000.")
    assert result.stdout == "" and not (project / "uit.pdf").exists()
    assert not list(project.glob("*-tilburg.*"))


@pytest.mark.parametrize("text, number", [
    ("220000", 220_000), ("220.000", 220_000), (" 220 000 ", 220_000), ("1", 1), ("1000000", 1_000_000),
    ("1.000.001", None), ("0", None), ("-1", None), ("abc", None), ("12a", None), ("", None), ("٣", None),
])
def test_inhabitants_follow_the_rules_of_the_web_form(text: str, number: int | None) -> None:
    """The rules of schatting.js: spaces and thousands dots allowed, a whole number 1..1.000.000."""
    from snp_site.codes.schatting import parse_inhabitants
    parsed, problem = parse_inhabitants(text)
    assert parsed == number and (problem is None) is (number is not None)


def test_inhabitants_without_an_estimate_page_is_a_dutch_error(project: Path, tmp_path: Path) -> None:
    other = make_project(tmp_path / "zonder", FIXTURES / "site", FIXTURES / "toolkit")
    page = other / "content" / "uw-gemeente.md"
    page.write_text(re.sub(r"\[\[schatting [^\]]+\]\]", "De schatting volgt later.", page.read_text()))
    result = run(other, tool("snp"), "toolkit", "--gemeente", "Tilburg", "--inwoners", "220000", "-o", "uit.pdf")
    assert result.returncode == 1
    assert "geen pagina in het menu heeft [[schatting ...]]" in result.stderr
    assert "Traceback" not in result.stderr and not (other / "uit.pdf").exists()


@pytest.mark.parametrize("name, ok", [
    ("Tilburg", True), ("'s-Hertogenbosch", True), ("Súdwest-Fryslân", True), ("Bergen (NH)", True),
    ("", False), ("   ", False), ("<script>", False), ("Tilburg & Breda", False), ("[naam gemeente]", False),
    ("x" * 61, False), ("Til\nburg", False),
])
def test_municipality_name_is_validated(name: str, ok: bool) -> None:
    from snp_site.toolkit import gemeente_problem
    assert (gemeente_problem(name) is None) is ok


def test_bad_municipality_name_writes_nothing(project: Path) -> None:
    result = run(project, tool("snp"), "toolkit", "--gemeente", "<b>Tilburg</b>", "-o", "uit.pdf")
    assert result.returncode == 2
    assert "tekens die niet in een naam horen" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "uit.pdf").exists()


def test_broken_image_is_a_dutch_build_error(project: Path, tmp_path: Path) -> None:
    broken = make_project(tmp_path / "kapot", FIXTURES / "site", FIXTURES / "toolkit")
    shutil.copytree(project / "site", broken / "site")
    before = (broken / PDF).read_bytes()
    (broken / "content" / "assets" / "kapot.png").write_bytes(b"dit is geen plaatje")
    chapter = broken / "content" / "methodiek" / "01-eerste.md"
    chapter.write_text(chapter.read_text() + "\n![Een kapotte afbeelding](../assets/kapot.png)\n")

    result = build(broken)

    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    # The file check refuses the fake image before WeasyPrint sees it: the earliest, clearest message.
    assert "content/assets/kapot.png: dit bestand heet .png, maar is geen PNG-afbeelding." in result.stderr
    assert (broken / PDF).read_bytes() == before  # site/ untouched


def test_a_problem_found_while_the_pages_are_written_publishes_nothing(project: Path, tmp_path: Path) -> None:
    """A machine without Open Sans (fonts-open-sans not installed): only the finished PDF shows it,
    in the worker, after MkDocs wrote the pages into the staging folder. The build still fails in
    Dutch, with the fix, and publishes nothing."""
    without = make_project(tmp_path / "zonder-open-sans", FIXTURES / "site", FIXTURES / "toolkit")
    shutil.copytree(project / "site", without / "site")
    before = digest_tree(without / "site")
    fonts = tmp_path / "fonts.conf"  # fontconfig that knows only Liberation (also in our package list)
    fonts.write_text(f"<?xml version='1.0'?><fontconfig><dir>/usr/share/fonts/truetype/liberation</dir>"
                     f"<cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>")

    result = build(without, SNP_CACHE="uit", FONTCONFIG_FILE=str(fonts))

    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert re.search(r"mkdocs\.yml: De toolkit \(PDF\): het lettertype \S*Liberation\S* is gebruikt in "
                     r"plaats van Open Sans\.", result.stderr), result.stderr
    assert "Oplossing: Installeer de Debian-pakketten uit scripts/debian-packages.txt" in result.stderr
    assert digest_tree(without / "site") == before
    assert not list(without.glob(".site.bouw-*"))  # the staging folder is gone too


def test_a_fallback_font_is_reported() -> None:
    """If fonts-open-sans were missing, the typesetter would use another face: verify catches it."""
    import typst

    from snp_site.toolkit import verify

    fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False,
                        font_paths=["/usr/share/fonts/truetype/dejavu"])
    other = typst.Compiler(font_paths=fonts).compile(input=b'#set text(font: "DejaVu Sans")\nTekst', format="pdf")
    problems = verify.font_problems(other)
    assert problems and "DejaVu" in problems[0] and "in plaats van Open Sans" in problems[0]
