"""Sources and citations: the verification index, `snp bron toevoegen`, and a built fixture site.

The index is tested on the fixture's own source document (tests/fixtures/bronnen/documenten/),
which has a quote across a line break, a word hyphenated at a line end, typographic quotes and a
sentence running on across a paragraph break. The built site is read back with BeautifulSoup,
the toolkit with pdftotext and the documents as the XML inside their zip files; the browser test
is in test_browser.py's style (Chromium, axe-core, with and without JavaScript).
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pikepdf
import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import BASE_SITE, FIXTURES, ROOT, build, make_project, run, tool
from snp_site.sources import fingerprint

CASE = FIXTURES / "bronnen"
DOCUMENT = CASE / "documenten" / "proefbron.txt"
ENTRY = CASE / "project" / "content" / "bronnen" / "proefbron.yml"


@pytest.fixture(scope="module")
def index() -> fingerprint.Index:
    return fingerprint.build_index(DOCUMENT.read_text(encoding="utf-8"))


# (quote, found in paragraph, or the kind of miss with the word it leaves at and the nearest paragraph)
QUOTES = [
    ("de brieven die de gemeente verstuurde", (2,), None),  # across a line break
    ("een zin met typografische aanhalingstekens", (3,), None),  # „...” and aanhalings-/tekens
    ("zei 'we bellen vaak meerdere keren'", (3,), None),  # straight quotes for the source's ‘’
    ("ZEI “We Bellen” vaak", (3,), None),  # case and other quotes
    ("de   brieven\ndie de gemeente", (2,), None),  # white space and a line break in the quote
    ("de gemeente verstuurde de brieven", None, ("volgorde", 3, 2)),  # the source's words, other order
    ("brieven de die gemeente de verstuurde", None, ("volgorde", 0, 2)),
    ("de brieven die de provincie verstuurde", None, ("afwijking", 4, 2)),  # leaves at 'provincie'
    ("over de vrijwilligers die in de vierde alinea", None, ("twee-alineas", 3, 4)),
    ("de vrijwilligers die in", None, ("twee-alineas", 2, 4)),
    ("volkomen vreemde zinsdelen zonder weerga", None, ("afwijking", 0, None)),
    ("een partner die de gemeente verstuurde", None, ("volgorde", 3, 2)),  # two runs of one paragraph
    ("een partner die de provincie", None, ("afwijking", 3, 2)),
]


@pytest.mark.parametrize("quote, found, missed", QUOTES, ids=[q for q, _, _ in QUOTES])
def test_a_quote_matches_only_as_one_run_of_one_paragraph(index, quote, found, missed) -> None:
    result = fingerprint.match(index, fingerprint.words(quote))
    if found:
        assert result == fingerprint.Found(found)
    else:
        assert isinstance(result, fingerprint.Missed)
        assert (result.kind, result.leaves_at, result.nearest) == missed


def test_normalising_joins_hyphenated_line_ends_and_drops_quotes_and_markup() -> None:
    assert fingerprint.words("„aanhalings-\ntekens” en ‘Wijz<sup>3</sup>’, (welzijns-)organisaties") == \
        ["aanhalingstekens", "en", "wijz", "welzijnsorganisaties"]
    assert fingerprint.words("re-integratie") == fingerprint.words("re-\nintegratie") == ["reintegratie"]
    assert fingerprint.words("coördinator") == fingerprint.words("coordinator")
    assert fingerprint.paragraphs("een\ntwee\n \u00a0\ndrie") == [["een", "twee"], ["drie"]]


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_every_run_of_a_paragraph_is_found_and_a_swap_is_not(index, data) -> None:
    paragraphs = fingerprint.paragraphs(DOCUMENT.read_text(encoding="utf-8"))
    number = data.draw(st.sampled_from([n for n, p in enumerate(paragraphs, 1) if len(p) >= 3]))
    words = paragraphs[number - 1]
    start = data.draw(st.integers(0, len(words) - 3))
    end = data.draw(st.integers(start + 3, min(len(words), start + 25)))
    quote = words[start:end]
    result = fingerprint.match(index, quote)
    assert isinstance(result, fingerprint.Found) and number in result.paragraphs
    i = data.draw(st.integers(0, len(quote) - 2))
    swapped = quote[:i] + [quote[i + 1], quote[i]] + quote[i + 2:]
    if swapped != quote:
        assert not isinstance(fingerprint.match(index, swapped), fingerprint.Found)


def test_the_fixture_index_is_made_from_the_fixture_document(tmp_path: Path) -> None:
    """`snp bron toevoegen` on the committed entry changes nothing and keeps the editor's fields."""
    project = make_project(tmp_path / "project", BASE_SITE, CASE / "project")
    result = run(project, tool("snp"), "bron", "toevoegen", "proefbron", str(DOCUMENT))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "content/bronnen/proefbron.yml: 5 alinea's, 73 woorden (index was al van dit document).\n"
    assert (project / "content" / "bronnen" / "proefbron.yml").read_bytes() == ENTRY.read_bytes()


def test_toevoegen_makes_a_new_entry_and_refuses_what_it_cannot_read(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    result = run(project, tool("snp"), "bron", "toevoegen", "nieuw", str(DOCUMENT))
    assert result.returncode == 0, result.stderr
    assert "nieuw bestand; vul titel, auteur, datum en uitgever in" in result.stdout
    entry = yaml.safe_load((project / "content" / "bronnen" / "nieuw.yml").read_text(encoding="utf-8"))
    assert entry["index"]["versie"] == fingerprint.VERSION and len(entry["index"]["alineas"]) == 5
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(b"%PDF-1.7")
    for args, message in [(["nieuw", str(pdf)], "'brief.pdf' is geen tekstbestand"),
                          (["Nieuw", str(DOCUMENT)], "'Nieuw' is geen geldige sleutel"),
                          (["nieuw", str(tmp_path / "weg.txt")], "bestaat niet")]:
        refused = run(project, tool("snp"), "bron", "toevoegen", *args)
        assert refused.returncode == 1 and message in refused.stderr and "Traceback" not in refused.stderr


def copied_runs(text: str, indexes: dict[str, fingerprint.Index], length: int = 12) -> list[str]:
    """Every place where `text` has `length` consecutive words of an indexed source, in order, in one
    paragraph of it: found with the index alone, so the test needs no copy of the sources."""
    runs = {}
    for key, idx in indexes.items():
        for p in idx.paragraphs:
            for i, h in enumerate(p.runs):
                runs.setdefault(h, []).append((key, p.number, i))
    found = []
    for block in re.split(r"\n\s*\n", text):
        words = fingerprint.words(block)
        hashes = fingerprint.run_hashes(words)
        hits = [f"{key} alinea {number}: {' '.join(words[start:start + length])}"
                for start in range(len(hashes) - (length - 3))
                for key, number, i in runs.get(hashes[start], [])
                if list(indexes[key].paragraphs[number - 1].runs[i:i + length - 2]) == hashes[start:start + length - 2]]
        found += hits[:1]  # one line per copied passage, not one per overlapping window
    return found


_CODE = re.compile(r"\[\[\s*bron\b[^\]\[]*\]\]")


def marked_quotes_removed(path: Path) -> str:
    """The file's text without the words it marks as quotes: [[bron]] codes, a figure's citaat:,
    blockquotes; in HTML the quoted words of notes (.snp-citaat) and <blockquote>."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        soup = BeautifulSoup(text, "html.parser")
        for el in soup.select(".snp-citaat, blockquote, script, style"):
            el.decompose()
        return "\n\n".join(el.get_text(" ") for el in soup.select("p, li, td, th, dd, h1, h2, h3, h4"))
    text = _CODE.sub(" ", text)
    return "\n".join("" if re.match(r"\s*(>|citaat:)", line) else line for line in text.split("\n"))


def real_indexes() -> dict[str, fingerprint.Index]:
    found = {}
    for path in sorted((ROOT / "content" / "bronnen").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data.get("index"):
            found[path.stem] = fingerprint.from_data(data["index"])
    return found


def test_the_copy_check_finds_a_planted_copy(tmp_path: Path) -> None:
    indexes = {"proefbron": fingerprint.build_index(DOCUMENT.read_text(encoding="utf-8"))}
    planted = tmp_path / "pagina.md"
    planted.write_text("Eigen woorden.\n\nIn de tweede alinea staat een zin met typografische aanhalingstekens: "
                       "de medewerker zei we bellen.\n\n"
                       '[[bron proefbron "In de tweede alinea staat een zin met typografische aanhalingstekens '
                       'de medewerker zei"]]\n', encoding="utf-8")
    assert len(copied_runs(marked_quotes_removed(planted), indexes)) == 1


def test_content_holds_no_paragraph_of_a_source() -> None:
    """No 12 consecutive words of the three indexed sources anywhere in content/ outside marked quotes."""
    indexes = real_indexes()
    assert set(indexes) >= {"pilotsite", "kamerbrief", "communicatieplan"}
    files = sorted(p for p in (ROOT / "content").rglob("*") if p.suffix in (".md", ".yml", ".yaml"))
    found = [f"{p.relative_to(ROOT)}: {hit}" for p in files for hit in copied_runs(marked_quotes_removed(p), indexes)]
    assert not found, "\n".join(found)


# --- the built fixture site ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def cited(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("bronnen") / "project", BASE_SITE, CASE / "project")
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project


def soup(project: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((project / "site" / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_site_html_holds_no_paragraph_of_a_source(cited: Path) -> None:
    indexes = {"proefbron": fingerprint.build_index(DOCUMENT.read_text(encoding="utf-8"))}
    found = [hit for page in sorted((cited / "site").rglob("*.html"))
             for hit in copied_runs(marked_quotes_removed(page), indexes)]
    assert not found, "\n".join(found)


def test_a_citation_is_a_numbered_note_with_source_place_and_words(cited: Path) -> None:
    page = soup(cited, "methodiek/01-eerste")
    refs = page.select("article sup a.footnote-ref")
    assert [a.get_text() for a in refs] == ["1", "2", "3", "4", "1"]  # the same citation twice: one note
    assert [a["aria-label"] for a in refs[:2]] == ["Bron 1", "Bron 2"]
    notes = page.select("div.footnote > ol > li")
    assert len(notes) == 4
    heading = page.select_one("h2#bronnen-bij-deze-tekst")
    assert heading is not None and heading.find_next("div", class_="footnote") is not None
    for ref in refs:
        target = page.find(id=ref["href"].removeprefix("#"))
        assert target is not None and target.name == "li", ref
    first = notes[0]
    text = " ".join(first.get_text(" ").split())
    assert text.startswith("Proefdocument: Proefbron voor de tests , juni 2017, alinea 2: “ de brieven die de "
                           "gemeente verstuurde ”")
    back = first.select("a.footnote-backref")
    assert len(back) == 2 and all(page.find(id=a["href"][1:]) for a in back)
    assert back[0].select_one(".snp-verborgen").get_text() == " terug naar de tekst"
    assert " ".join(notes[3].get_text(" ").split()).startswith("Wet: Proefwet , april 2016, artikel 3.")
    # The source links to its entry on the Bronnen page, which has that anchor.
    source = first.select_one("a[href*='bronnen/']")
    target, _, anchor = source["href"].partition("#")
    assert target == "../../bronnen/" and anchor == "proefbron"
    listing = soup(cited, "bronnen")
    entry = listing.find(id="proefbron")
    assert entry is not None and entry.name == "h2"
    data = {dt.get_text(): dt.find_next_sibling("dd").get_text() for dt in entry.find_next("dl").select("dt")}
    assert data["Kenmerk"] == "PROEF-1" and data["Datum"] == "juni 2017"
    assert data["Aangehaald op"] == "De brief, Eerste hoofdstuk"
    assert listing.find(id="proefwet") is not None
    assert data["Cijfers uit deze bron"] == "brieven: 73"


def test_a_figure_names_its_source_by_key(cited: Path) -> None:
    """The chart of a figure whose bron: is a key says so under its table, with a link to the entry."""
    line = soup(cited, "methodiek/01-eerste").select_one("table.snp-grafiek-tabel + p.snp-grafiek-bron")
    assert " ".join(line.get_text(" ").split()) == "Bron: Proefdocument: Proefbron voor de tests , juni 2017, alinea 2."
    assert line.a["href"] == "../../bronnen/#proefbron"


def test_entries_are_not_published(cited: Path) -> None:
    assert not list((cited / "site").rglob("*.yml"))
    assert "drietallen" not in "".join(p.read_text(errors="replace") for p in (cited / "site").rglob("*.json"))


def test_the_toolkit_has_the_notes_and_ends_with_the_sources(cited: Path) -> None:
    pdf = next((cited / "site" / "downloads").glob("toolkit*.pdf"))
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    text = " ".join(" ".join(pages).split())
    assert "Bronnen bij deze tekst" in text
    assert "Proefdocument: Proefbron voor de tests, juni 2017, alinea 2: “de brieven die de gemeente verstuurde”" in text
    assert "Wet: Proefwet, april 2016, artikel 3." in text
    assert "terug naar de tekst" not in text and "[^" not in text and "[[bron" not in text
    last = " ".join(" ".join(p for p in pages if p.strip())[-1500:].split())
    tail = " ".join([p for p in pages if p.strip()][-1].split())
    assert tail.startswith("Bronnen") or "Bronnen De noten in deze toolkit" in last
    assert "Kenmerk PROEF-1" in text and "Proefwet" in tail
    assert "Bronnen van de cijfers • Proefdocument: Proefbron voor de tests, juni 2017, alinea 2: “de brieven die" in text
    with pikepdf.open(pdf) as document, document.open_outline() as tree:
        titles = [item.title for item in tree.root]
        links = [str(annot.get("/Dest", "")) for page in document.pages for annot in page.get("/Annots", [])]
    assert titles[-1] == "Bronnen", titles
    # The note's link to the source goes to the list inside the PDF, not to the web page.
    assert any("bronnenlijst--proefbron" in link for link in links), links


def test_the_documents_leave_the_notes_out_cleanly(cited: Path) -> None:
    documents = sorted((cited / "site" / "downloads").glob("brief.*"))
    assert {d.suffix for d in documents} == {".docx", ".odt"}
    for document in documents:
        with zipfile.ZipFile(document) as z:
            xml = z.read("word/document.xml" if document.suffix == ".docx" else "content.xml").decode("utf-8")
        text = " ".join(re.sub(r"<[^>]+>", " ", xml).split())
        assert "Stuur de brief kort na het overlijden." in text, document.name
        for broken in ("[^", "[[bron", "fn:", "Bronnen bij deze tekst", "terug naar de tekst", "↩", "overlijden. 1"):
            assert broken not in text, (document.name, broken)


@pytest.mark.browser
def test_a_note_works_in_chromium_with_and_without_javascript(cited: Path, browser) -> None:
    import sitecheck

    with sitecheck.serve(cited / "site", sitecheck.site_prefix(cited)) as served:
        for js in (True, False):
            browsing = sitecheck.open_context(browser, served.origin, java_script_enabled=js,
                                              viewport={"width": 1280, "height": 900})
            page = browsing.context.new_page()
            url = served.url("methodiek/01-eerste/")
            if js:
                sitecheck.visit(page, url, settle=False)
                assert sitecheck.axe_problems(page, url) == []
            else:
                page.goto(url, wait_until="load")
            link = page.locator("sup a.footnote-ref").first
            link.focus()
            page.keyboard.press("Enter")
            page.wait_for_function("() => location.hash.startsWith('#fn:')")
            note = page.locator(":target")
            assert note.is_visible() and "alinea 2" in note.inner_text()
            note.locator("a.footnote-backref").first.focus()
            page.keyboard.press("Enter")
            page.wait_for_function("() => location.hash.startsWith('#fnref:')")
            page.locator(":target a.footnote-ref").wait_for()
            page.goto(url, wait_until="load")
            page.locator("div.footnote a[href*='bronnen/#proefbron']").first.click()
            page.wait_for_url("**/bronnen/#proefbron")
            assert page.locator("#proefbron").is_visible()
            if js:
                assert sitecheck.axe_problems(page, page.url) == []
            browsing.context.close()
