"""A new page kind and a new check are each one entry: shown by adding one in a few lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from snp_site.content import kinds, site as site_checks
from snp_site.content.kinds import PageKind
from snp_site.content.loader import load, walk
from snp_site.content.models import Page
from snp_site.content.schema import COMMON, Field
from snp_site.content.site import Site
from snp_site.errors import ContentError

HEAD = "---\ntitle: {title}\ndescription: Een pagina om mee te proeven.\n{extra}---\n\n# {title}\n\nTekst.\n"


def project(tmp_path: Path, pages: dict[str, str]) -> Path:
    for src_uri, text in pages.items():
        (tmp_path / "content" / src_uri).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "content" / src_uri).write_text(text, encoding="utf-8")
    return tmp_path / "content"


def test_a_new_page_kind_is_one_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    event = PageKind("evenement", ("agenda",), COMMON + (Field("plaats", "text", required=True),),
                     lambda common, meta, src_uri: Page(**common))
    monkeypatch.setattr(kinds, "KINDS", [*kinds.KINDS, event])
    docs = project(tmp_path, {
        "agenda/slotdag.md": HEAD.format(title="Slotdag", extra="plaats: Zwolle\n"),
        "agenda/zonder-plaats.md": HEAD.format(title="Zonder plaats", extra=""),
        "agenda/index.md": HEAD.format(title="Agenda", extra=""),
        "over.md": HEAD.format(title="Over", extra="plaats: Zwolle\n"),
    })
    loaded = load(docs, tmp_path)
    assert loaded.content.pages["agenda/slotdag.md"].kind == "evenement"
    assert loaded.content.pages["agenda/index.md"].kind == "pagina"
    found = {(e.path, e.code, e.message) for e in loaded.errors}
    assert found == {
        ("content/agenda/zonder-plaats.md", "veld-ontbreekt", "het verplichte veld 'plaats' ontbreekt."),
        ("content/over.md", "onbekend-veld", "'plaats' is geen bekend veld voor een pagina."),
    }


def test_a_new_check_is_one_function(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_todo(site: Site) -> list[ContentError]:
        return [ContentError(page.path, None, "nog-te-doen", "de pagina zegt TODO.", "Schrijf de tekst af.")
                for page in site.pages.values() if "TODO" in page.body]

    monkeypatch.setattr(site_checks, "CHECKS", [*site_checks.CHECKS, no_todo])
    docs = project(tmp_path, {"klaar.md": HEAD.format(title="Klaar", extra=""),
                              "half.md": HEAD.format(title="Half", extra="").replace("Tekst.", "TODO")})
    loaded = load(docs, tmp_path)
    assert loaded.errors == []
    urls = {src_uri: src_uri.removesuffix(".md") + "/" for src_uri in loaded.content.pages}
    errors = site_checks.run_checks(Site(loaded, set(walk(docs)), urls, docs, "content"))
    assert [(e.path, e.code) for e in errors] == [("content/half.md", "nog-te-doen")]
