"""Toolkit editions: the build refuses changed chapters under an old edition, and the edition
travels on the cover, in the PDF's metadata, in the colophon and on the page [[edities]] fills."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf

from helpers import build, digest_tree, engine, env, run, tool

PDF = "downloads/toolkit.pdf"


def write_editions(project: Path, fingerprint: str) -> None:
    (project / "content" / "data" / "edities.yml").write_text(
        "2:\n  datum: 2017-07\n  hoofdstukken: \"" + fingerprint + "\"\n  wijzigingen:\n"
        "    - Het hoofdstuk over de eerste stap is herschreven.\n"
        "1:\n  datum: 2017-06\n  wijzigingen:\n    - Eerste editie.\n", encoding="utf-8")


def current_fingerprint(project: Path) -> str:
    result = run(project, tool("snp"), "controleer")
    found = re.search(r"vingerafdruk nu ([0-9a-f]{12})", result.stdout)
    assert result.returncode == 1 and found, result.stdout
    return found.group(1)


def test_a_changed_chapter_needs_a_new_edition(base_copy: Path) -> None:
    write_editions(base_copy, "000000000000")
    write_editions(base_copy, current_fingerprint(base_copy))
    assert run(base_copy, tool("snp"), "controleer").returncode == 0

    chapter = base_copy / "content" / "methodiek" / "01-eerste.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nEen nieuwe alinea in de toolkit.\n",
                       encoding="utf-8")
    before = digest_tree(base_copy / "site")
    result = build(base_copy)
    assert result.returncode != 0
    assert ("content/data/edities.yml, regel 1: de hoofdstukken van de toolkit zijn veranderd sinds editie 2"
            in result.stderr)
    assert digest_tree(base_copy / "site") == before

    # The preview (not strict) tells the editor and goes on showing the pages: the new edition is
    # written down before publishing, not at every save of a chapter.
    draft = subprocess.run(engine("build"), cwd=base_copy, env=env(), capture_output=True, text=True)
    assert draft.returncode == 0, draft.stderr
    assert "WARNING" in draft.stderr and "zijn veranderd sinds editie 2" in draft.stderr
    assert "Een nieuwe alinea in de toolkit." in (base_copy / "site" / "methodiek" / "01-eerste" /
                                                 "index.html").read_text(encoding="utf-8")


def test_the_edition_is_on_the_cover_in_the_metadata_colophon_and_page(base_copy: Path) -> None:
    write_editions(base_copy, "000000000000")
    write_editions(base_copy, current_fingerprint(base_copy))
    page = base_copy / "content" / "edities.md"
    page.write_text("---\ntitle: Wat is er veranderd\ndescription: De edities van de toolkit.\n---\n\n"
                    "# Wat is er veranderd\n\n[[edities]]\n", encoding="utf-8")
    config = base_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("nav:\n", "nav:\n  - edities.md\n"),
                      encoding="utf-8")
    result = build(base_copy)
    assert result.returncode == 0, result.stderr

    site = base_copy / "site"
    text = subprocess.run(["pdftotext", "-layout", str(site / PDF), "-"], capture_output=True, text=True,
                          check=True).stdout
    cover, colophon = text.split("\f")[:2]
    assert "Editie 2, juli 2017" in cover
    assert "Wat is er veranderd in editie 2, juli 2017" in colophon
    assert "Het hoofdstuk over de eerste stap is herschreven." in colophon
    with pikepdf.open(site / PDF) as pdf:
        assert "editie 2, juli 2017" in str(pdf.docinfo["/Subject"])
        assert str(pdf.docinfo["/Keywords"]) == "editie 2, juli 2017"
    html = (site / "edities" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<h2 id="editie-2">Editie <span class="snp-editie-nummer">2</span> \(juli 2017\)', html)
    assert re.search(r'<h2 id="editie-1">Editie <span class="snp-editie-nummer">1</span> \(juni 2017\)', html)
    assert html.index('id="editie-2"') < html.index('id="editie-1"')
    assert "<li>Eerste editie.</li>" in html
