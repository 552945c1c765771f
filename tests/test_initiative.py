"""`snp nieuw-initiatief`: a new project that builds strictly at once and carries nothing of ours."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers import engine, env, run, tool

NAME = "Samen tegen eenzaamheid"
FIRST = re.compile(r"partnerverlies|zwolle|\bwijz\b|weduwe|nabestaand", re.IGNORECASE)
"""Words of the first initiative: its name, places, partners and subject."""
SHOWN = re.compile(FIRST.pattern + r"|\bsnp\b", re.IGNORECASE)
"""What a visitor reads must not carry its abbreviation either (the settings and the README name the
generator's plugin and command, `snp`)."""


@pytest.fixture(scope="module")
def new_project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    where = tmp_path_factory.mktemp("initiatief")
    made = run(where, tool("snp"), "nieuw-initiatief", "eenzaamheid", "--naam", NAME, "--kleur", "#7a2e4d")
    assert made.returncode == 0, made.stderr
    project = where / "eenzaamheid"
    built = subprocess.run(engine("build", "--strict"), cwd=project, env=env(), capture_output=True, text=True,
                           timeout=300)
    return project, built


def test_it_builds_strictly_at_once(new_project) -> None:
    project, built = new_project
    assert built.returncode == 0, built.stderr
    assert "WARNING" not in built.stderr and "Traceback" not in built.stderr
    pages = sorted((project / "site").rglob("*.html"))
    assert len(pages) >= 6  # home, chapter, timeline, item, partner, its news page, 404
    home = BeautifulSoup((project / "site" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.title.get_text().startswith(NAME)
    assert "#7a2e4d" in (project / "site" / "assets" / "stylesheets" / "kleuren.css").read_text(encoding="utf-8")


def test_nothing_of_the_first_initiative_shows(new_project) -> None:
    project, built = new_project
    assert built.returncode == 0, built.stderr
    site = project / "site"
    for page in sorted(site.rglob("*.html")):
        text = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text(" ")
        assert not SHOWN.search(text), f"{page.relative_to(site)}: {SHOWN.search(text)[0]}"
    for path in [site / "search" / "search_index.json", site / "nieuws" / "feed.xml", project / "mkdocs.yml",
                 project / "README.md", *sorted((project / "content").rglob("*.*"))]:
        found = FIRST.search(path.read_text(encoding="utf-8"))
        assert not found, f"{path.relative_to(project)}: {found[0]}"
    pdfs = sorted((site / "downloads").glob("*.pdf"))
    assert [p.name for p in pdfs] == ["toolkit-samen-tegen-eenzaamheid.pdf"]
    text = subprocess.run(["pdftotext", str(pdfs[0]), "-"], capture_output=True, text=True, check=True).stdout
    assert f"Toolkit {NAME}" in " ".join(text.split())
    assert not SHOWN.search(text)


@pytest.mark.parametrize(("args", "message"), [
    (["--naam", "   "], "--naam is leeg"),
    (["--naam", NAME, "--kleur", "#ffdd00"], "te licht"),
    (["--naam", NAME, "--kleur", "rood"], "geen kleur als"),
    (["--naam", NAME, "--adres", "voorbeeld"], "geen webadres"),
])
def test_a_wrong_option_makes_no_folder(tmp_path: Path, args: list[str], message: str) -> None:
    result = run(tmp_path, tool("snp"), "nieuw-initiatief", "nieuw", *args)
    assert result.returncode == 1 and message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "nieuw").exists()


def test_an_existing_folder_is_never_overwritten(tmp_path: Path) -> None:
    (tmp_path / "bezet").mkdir()
    (tmp_path / "bezet" / "notities.txt").write_text("van iemand anders\n", encoding="utf-8")
    result = run(tmp_path, tool("snp"), "nieuw-initiatief", "bezet", "--naam", NAME)
    assert result.returncode == 1 and "niet leeg" in result.stderr
    assert [p.name for p in (tmp_path / "bezet").iterdir()] == ["notities.txt"]


def test_no_initiative_is_named_in_the_code() -> None:
    """The real site's name comes from mkdocs.yml; the generator's code and templates never write it."""
    from helpers import ROOT

    name = re.search(r"^site_name:\s*(.+)$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)[1].strip()
    files = sorted((ROOT / "src").rglob("*.py")) + sorted((ROOT / "overrides").rglob("*.*"))
    assert len(files) > 20
    named = [p.relative_to(ROOT).as_posix() for p in files
             if name.lower() in p.read_text(encoding="utf-8", errors="replace").lower()]
    assert named == []
