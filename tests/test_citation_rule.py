"""The citation rule (docs/onderbouwing.md): which paragraphs are factual, which carry a [[bron ...]],
and `snp onderbouwing`, which reports on a fixture project without building it.

The build side (a strict build refuses an uncited factual paragraph) is the golden case
fixtures/invalid/alinea-zonder-bron; here the rule's parts and the report.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from helpers import BASE_SITE, FIXTURES, make_project, run, tool
from snp_site.content import citation_rule
from snp_site.content.models import Content, Page, Partner

NAMES = citation_rule.Names(partners=("WijZ", "Impluz", "Samen Doen"), gemeenten=("Zwolle", "Tilburg"))

# (Markdown body, expected paragraphs as (line, cited, reasons)); the body starts on line 10.
CASES = [
    ('WijZ belde vaak [[bron kamerbrief "vaak meerdere keren"]].', [(10, True, ("WijZ",))]),
    ('In `[[bron kamerbrief "vaak"]]` staat WijZ.', [(10, False, ("WijZ",))]),
    ("```text\nWijZ in code\n```", []),
    ("# WijZ in een kop", []),
    ("- WijZ belde.\n- Zwolle schreef.\n- Iets zonder naam.",
     [(10, False, ("WijZ",)), (11, False, ("Zwolle",)), (12, False, ())]),
    ("| Wie | Wanneer |\n| --- | --- |\n| WijZ | 2015 |", [(10, False, ("WijZ", "2015"))]),
    ("Kijk op [de site](https://www.impluz.nl) of www.impluz.nl.", [(10, False, ())]),
    ("Zwolle overlegde in de G32.", [(10, False, ("Zwolle",))]),
    ("We willen dit samen doen.", [(10, False, ())]),
    ("Dat deed Samen Doen, en daarna samen Doen.", [(10, False, ("Samen Doen", "samen Doen"))]),
    ("[[grafiek trechter]]", []),
    ("Op 23 juni 2017 schreef de staatssecretaris.", [(10, False, ("23 juni 2017",))]),
    ("Er gingen [[cijfer pilot.brieven]] brieven uit.", [(10, False, ("[[cijfer pilot.brieven]]",))]),
    ("Een eerste alinea.\n\nEen tweede,\nover Tilburg.", [(10, False, ()), (12, False, ("Tilburg",))]),
    ("Lees verder bij [WijZ](../partners/wijz.md).", [(10, False, ("WijZ",))]),
]


def page(body: str, src_uri: str = "partners/wijz.md") -> Page:
    return Page(src_uri, f"content/{src_uri}", "Titel", "Beschrijving", body, 10)


@pytest.mark.parametrize(("body", "expected"), CASES, ids=[c[0][:30] for c in CASES])
def test_paragraphs_cited_and_factual(body: str, expected: list[tuple[int, bool, tuple[str, ...]]]) -> None:
    report = citation_rule.analyse(page(body), NAMES)
    assert [(p.line, p.cited, p.reasons) for p in report.paragraphs] == expected


def test_partner_names_include_short_forms_and_initials() -> None:
    def partner(name: str) -> Partner:
        return Partner("partners/x.md", "content/partners/x.md", name, "", "", 1, name=name)

    names = citation_rule.partner_names([partner("Ministerie van Sociale Zaken en Werkgelegenheid"),
                                         partner("Stichting De Jonge Weduwe"), partner("Samen Doen in Hardenberg")])
    assert {"SZW", "Sociale Zaken en Werkgelegenheid", "De Jonge Weduwe", "Stichting De Jonge Weduwe",
            "Samen Doen in Hardenberg"} <= set(names)
    assert "SDH" not in names and "DJW" not in names


def test_only_covered_pages_and_only_uncited_factual_paragraphs_are_errors() -> None:
    pages = [page("WijZ belde.\n\nGeen naam hier."),
             page('WijZ belde [[bron kamerbrief "vaak"]].', "nieuws/2017-06-23-x.md"),
             page("Vraag WijZ om raad.", "handreiking/01-advies.md")]
    errors = citation_rule.check(pages, citation_rule.DEFAULT_PAGES, NAMES)
    assert [(e.path, e.line, e.code) for e in errors] == [("content/partners/wijz.md", 10, "alinea-zonder-bron")]
    assert "noemt 'WijZ', maar heeft geen bron" in errors[0].message
    assert "[[bron" in errors[0].fix


def test_snp_onderbouwing_reports_per_page_and_totals(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", BASE_SITE, FIXTURES / "onderbouwing" / "project")
    result = run(project, tool("snp"), "onderbouwing")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == (FIXTURES / "onderbouwing" / "expected.txt").read_text(encoding="utf-8")


def test_report_lists_exactly_what_the_build_rule_refuses(tmp_path: Path) -> None:
    """One module: the golden case's build error is the paragraph the report lists."""
    case = FIXTURES / "invalid" / "alinea-zonder-bron"
    project = make_project(tmp_path / "project", BASE_SITE, case / "project")
    listed = [line for line in run(project, tool("snp"), "onderbouwing").stdout.splitlines()
              if line.startswith("  regel ")]
    refused = [line.split(":")[0].split(", ")[1] for line in (case / "expected.txt").read_text().splitlines()
               if line.startswith("content/")]
    assert [line.split(":")[0].strip() for line in listed] == refused == ["regel 10"]


@pytest.mark.parametrize(("enforce", "strict", "errors", "warnings"),
                         [(False, True, 0, 0), (True, True, 1, 0), (True, False, 0, 1)])
def test_the_build_refuses_only_when_enforced_and_strict(enforce: bool, strict: bool, errors: int, warnings: int,
                                                         tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Off: another initiative without sources is not forced. Not strict (a preview): a warning only."""
    content = Content(pages={"partners/wijz.md": page("In 2016 schreef de pilot een plan.")})
    citations = SimpleNamespace(enforce=enforce, pages=citation_rule.DEFAULT_PAGES)
    site = SimpleNamespace(pages=content.pages, content=content, docs_dir=tmp_path, prefix="content",
                           options=SimpleNamespace(citations=citations), strict=strict)
    with caplog.at_level("WARNING", logger="mkdocs.plugins.snp.onderbouwing"):
        found = citation_rule.check_site(site)  # type: ignore[arg-type]
    assert len(found) == errors
    assert len([r for r in caplog.records if "heeft geen bron" in r.getMessage()]) == warnings


def test_the_rule_is_one_of_the_builds_checks() -> None:
    from snp_site.content.site import CHECKS

    assert citation_rule.check_site in CHECKS
