"""Foundation behaviour on real builds: language, figures, publishing, reproducibility inputs."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from helpers import FIXTURES, ROOT, apply, build, digest_tree, engine, make_project, run, tool

BAD = FIXTURES / "invalid" / "datum-maand-13" / "project"


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_base_site_is_dutch_and_shows_figures_from_data(built_base: Path) -> None:
    site = built_base / "site"
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.html["lang"] == "nl"
    figure = soup.select_one('[data-cijfer="proef.brieven"]')
    assert figure is not None and figure.get_text() == "73"
    assert soup.select_one('meta[name="description"]')["content"] == "Een kleine site om de generator mee te testen."
    assert not (site / "data").exists(), "data files must feed pages, not be published"
    assert not list(built_base.glob(".site.bouw-*"))


def test_sitemap_dates_come_from_source_date_epoch(built_base: Path) -> None:
    tree = ET.parse(built_base / "site" / "sitemap.xml")
    dates = {el.text for el in tree.iter() if el.tag.endswith("lastmod")}
    assert dates == {"2017-07-14"}


def test_successful_build_replaces_site_whole(base_copy: Path) -> None:
    index = base_copy / "content" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("# Proefsite", "# Nieuwe kop"), encoding="utf-8")
    (base_copy / "site" / "overblijfsel.txt").write_text("oud", encoding="utf-8")
    result = build(base_copy)
    assert result.returncode == 0, result.stderr
    assert "Nieuwe kop" in (base_copy / "site" / "index.html").read_text(encoding="utf-8")
    assert not (base_copy / "site" / "overblijfsel.txt").exists(), "a stale file survived the swap"
    assert not list(base_copy.glob(".site.bouw-*"))


def test_non_strict_build_refuses_too(base_copy: Path) -> None:
    before = digest_tree(base_copy / "site")
    apply(base_copy, BAD)
    result = run(base_copy, *engine("build"))
    assert result.returncode != 0
    assert "maand 13 bestaat niet" in result.stderr
    assert digest_tree(base_copy / "site") == before


@pytest.mark.parametrize("encode", [
    pytest.param(lambda t: b"\xef\xbb\xbf" + t.encode(), id="bom"),
    pytest.param(lambda t: t.replace("\n", "\r\n").encode(), id="crlf"),
    pytest.param(lambda t: b"\xef\xbb\xbf" + t.replace("\n", "\r\n").encode(), id="bom-crlf"),
])
def test_bom_and_windows_line_endings_are_accepted(base_copy: Path, encode) -> None:
    text = ("---\ntitle: Windows-bericht\ndescription: Opgeslagen in Kladblok.\ndate: 2017-06-23\n---\n\n"
            "# Windows-bericht\n\nTekst.\n")
    (base_copy / "content" / "nieuws" / "2017-06-24-windows.md").write_bytes(encode(text))
    result = build(base_copy)
    assert result.returncode == 0, result.stderr
    page = (base_copy / "site" / "nieuws" / "windows" / "index.html").read_text(encoding="utf-8")
    assert "<title>Windows-bericht" in page


def test_five_mistakes_are_reported_in_one_run(base_copy: Path) -> None:
    apply(base_copy, FIXTURES / "invalid" / "vijf-fouten-tegelijk" / "project")
    result = run(base_copy, tool("snp"), "controleer")
    assert result.returncode == 1
    reported = re.findall(r"^content/\S+, regel \d+: ", result.stdout, flags=re.MULTILINE)
    assert len(reported) == 5
    assert result.stdout.strip().endswith("5 fouten in 2 bestanden.")


def test_controleer_is_clean_on_valid_content_and_writes_nothing(base_copy: Path) -> None:
    before = digest_tree(base_copy / "site")
    result = run(base_copy, tool("snp"), "controleer")
    assert (result.returncode, result.stdout.strip()) == (0, "Geen fouten gevonden.")
    assert digest_tree(base_copy / "site") == before


def test_cli_help_is_dutch(tmp_path: Path) -> None:
    result = run(tmp_path, tool("snp"), "--help")
    assert result.returncode == 0
    assert "opdrachten" in result.stdout and "controleer alle inhoud" in result.stdout


def test_second_initiative_builds_without_a_trace_of_the_first(tmp_path: Path) -> None:
    project = make_project(tmp_path / "tafel", FIXTURES / "tweede-initiatief")
    result = build(project)
    assert result.returncode == 0, result.stderr
    pages = html_pages(project / "site")
    assert len(pages) >= 5
    first = re.compile(r"partnerverlies|zwolle|\bwijz\b|weduwe|nabestaand", re.IGNORECASE)
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert not first.search(text), f"{page.relative_to(project)} mentions the first initiative"
    home = BeautifulSoup((project / "site" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.select_one('[data-cijfer="tafel.deelnemers"]').get_text() == "12"


# What a browser fetches by itself: anything here must come from the site's own host.
_LOADING = {"script": "src", "img": "src", "iframe": "src", "audio": "src", "video": "src",
            "source": "src", "embed": "src", "object": "data"}
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")


def offsite_loads(site: Path, own_host: str) -> list[str]:
    """Every resource URL in HTML and CSS that points at another host."""
    found = []

    def check(where: Path, url: str) -> None:
        parts = urlsplit(url.strip())
        if parts.scheme in ("http", "https", "") and parts.netloc and parts.netloc != own_host:
            found.append(f"{where.relative_to(site)}: {url}")

    for page in html_pages(site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in _LOADING.items():
            for el in soup.find_all(tag):
                if el.get(attr):
                    check(page, el[attr])
        for el in soup.find_all("link"):
            rel = set(el.get("rel") or [])
            if rel & {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch", "preconnect"}:
                check(page, el.get("href", ""))
        for style in soup.find_all("style"):
            for m in _CSS_URL.finditer(style.get_text()):
                check(page, m.group(1) or m.group(2))
    for css in sorted(site.rglob("*.css")):
        for m in _CSS_URL.finditer(css.read_text(encoding="utf-8")):
            check(css, m.group(1) or m.group(2))
    return found


def test_real_site_builds_strict_in_dutch_and_loads_nothing_from_other_hosts(tmp_path: Path) -> None:
    project = tmp_path / "echt"
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    result = build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert 'lang="nl"' in (site / "index.html").read_text(encoding="utf-8")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python", "#"))
    assert offsite_loads(site, urlsplit(config["site_url"]).netloc) == []


def test_offsite_check_can_fail(base_copy: Path) -> None:
    page = base_copy / "site" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</head>", '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto"></head>'),
        encoding="utf-8")
    assert offsite_loads(base_copy / "site", "proef.invalid") == [
        "index.html: https://fonts.googleapis.com/css?family=Roboto"]


def test_published_site_has_no_source_maps_and_only_dutch_search(built_base: Path) -> None:
    site = built_base / "site"
    assert list(site.rglob("*.map")) == []
    for asset in list(site.rglob("*.js")) + list(site.rglob("*.css")):
        assert b"sourceMappingURL" not in asset.read_bytes(), asset
    lunr = sorted(p.name for p in (site / "assets" / "javascripts" / "lunr").rglob("*.js"))
    assert lunr == ["lunr.multi.min.js", "lunr.nl.min.js", "lunr.stemmer.support.min.js"]


def test_last_changed_comes_from_front_matter_or_the_build_date(base_copy: Path) -> None:
    chapter = base_copy / "content" / "methodiek" / "01-eerste.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("toolkit: true", "toolkit: true\nupdated: 2018-01"),
                       encoding="utf-8")
    assert build(base_copy).returncode == 0
    site = base_copy / "site"
    def changed(page: str) -> str:
        soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
        return " ".join(soup.select_one(".md-source-file").get_text().split())
    assert changed("methodiek/01-eerste/index.html") == "Laatst gewijzigd op januari 2018"
    assert changed("index.html") == "Laatst gewijzigd op 14 juli 2017"  # SOURCE_DATE_EPOCH of the tests


def test_edit_link_only_when_a_repository_is_configured(base_copy: Path) -> None:
    index = BeautifulSoup((base_copy / "site" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert index.select('a[rel="edit"]') == []
    config = base_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "theme:", "repo_url: https://git.invalid/redactie/site\nedit_uri: edit/main/content/\ntheme:").replace(
        "  font: false", "  font: false\n  features: [content.action.edit]"), encoding="utf-8")
    assert build(base_copy).returncode == 0
    page = BeautifulSoup((base_copy / "site" / "methodiek" / "01-eerste" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert page.select_one('a[rel="edit"]')["href"] == "https://git.invalid/redactie/site/edit/main/content/methodiek/01-eerste.md"


@pytest.mark.parametrize(("args", "expected"), [
    (["controleer", "--help"], "gebruik: snp controleer"),
    (["bestaatniet"], "snp: fout: argument OPDRACHT: onbekende opdracht"),
])
def test_cli_speaks_dutch_in_help_and_errors(tmp_path: Path, args: list[str], expected: str) -> None:
    result = run(tmp_path, tool("snp"), *args)
    assert expected in result.stdout + result.stderr
    assert "usage:" not in result.stdout + result.stderr
