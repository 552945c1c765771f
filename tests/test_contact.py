"""The contact route: [[contact]] on a page, the `contact` setting, and the publishing refusal.

Fixture pages fixtures/contact/pages/ carry [[contact]]; fixtures/contact/met-contact/ is the base
mkdocs.yml with a route filled in (addresses under .invalid, which exist nowhere). HTML is read
back with BeautifulSoup.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers import BASE_SITE, FIXTURES, build, make_project, run, tool
from snp_site.codes.contact import check as check_code
from snp_site.contact import Contact, setting_errors

PAGES = ["toegankelijkheid", "privacyverklaring", "kennis-delen"]
CONTACT = FIXTURES / "contact"


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The pages without and with a route, each built once."""
    made = {}
    for name, overlays in (("zonder", [CONTACT / "pages"]), ("met", [CONTACT / "pages", CONTACT / "met-contact"])):
        project = make_project(tmp_path_factory.mktemp(name) / "project", BASE_SITE, *overlays)
        result = build(project)
        assert result.returncode == 0, result.stderr
        made[name] = project
    return made


def route(project: Path, page: str) -> BeautifulSoup:
    html = (project / "site" / page / "index.html").read_text(encoding="utf-8")
    found = BeautifulSoup(html, "html.parser").select("article p.snp-contact")
    assert len(found) == 1, page
    return found[0]


@pytest.mark.parametrize("page", PAGES)
def test_without_a_route_the_page_says_the_editors_must_fill_it_in(projects: dict[str, Path], page: str) -> None:
    shown = route(projects["zonder"], page)
    text = " ".join(shown.get_text().split())
    assert "Er is nog geen contactadres." in text
    assert "De redactie van deze site moet nog invullen" in text
    assert not shown.select("a"), "no link that leads to a page without a route"


@pytest.mark.parametrize("page", PAGES)
def test_with_a_route_the_page_shows_it(projects: dict[str, Path], page: str) -> None:
    shown = route(projects["met"], page)
    assert "Proeforganisatie & Co" in shown.get_text()
    assert [a["href"] for a in shown.select("a")] == ["mailto:redactie@voorbeeld.invalid",
                                                      "https://voorbeeld.invalid/contact"]
    assert "contactadres" not in shown.get_text()


def test_publishing_check_refuses_without_a_route_and_passes_with_one(projects: dict[str, Path]) -> None:
    # That an ordinary build still passes without a route: the golden case publiceren-zonder-contact.
    without = run(projects["zonder"], tool("snp"), "controleer", "--publiceren")
    assert without.returncode == 1
    assert without.stdout.startswith("mkdocs.yml: de instelling contact van de plugin snp is leeg.")
    assert "Traceback" not in without.stderr
    with_route = run(projects["met"], tool("snp"), "controleer", "--publiceren")
    assert (with_route.returncode, with_route.stdout.strip()) == (0, "Geen fouten gevonden.")


# (setting, codes of the errors every build gives)
SETTINGS = [
    (Contact(), []),
    (Contact("WijZ", "info@voorbeeld.invalid"), []),
    (Contact("WijZ", form="https://voorbeeld.invalid/formulier"), []),
    (Contact("WijZ"), ["contact-zonder-route"]),
    (Contact(email="info@voorbeeld.invalid"), ["contact-zonder-organisatie"]),
    (Contact("WijZ", "mailto:info@voorbeeld.invalid"), ["contact-e-mail"]),
    (Contact("WijZ", form="voorbeeld.invalid/formulier"), ["contact-formulier"]),
]


@pytest.mark.parametrize(("setting", "codes"), SETTINGS, ids=[repr(s[0]) for s in SETTINGS])
def test_a_half_or_wrongly_filled_setting_is_an_error(setting: Contact, codes: list[str]) -> None:
    errors = setting_errors(setting)
    assert [e.code for e in errors] == codes
    assert all(e.path == "mkdocs.yml" for e in errors)


def test_a_wrong_setting_fails_the_build_in_dutch(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", BASE_SITE, CONTACT / "pages", CONTACT / "met-contact")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("redactie@voorbeeld.invalid", "redactie"),
                      encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert "mkdocs.yml: 'redactie' bij contact: email: is geen e-mailadres." in result.stderr
    assert "Traceback" not in result.stderr


def test_contact_code_takes_no_arguments() -> None:
    assert check_code([], None) is None  # type: ignore[arg-type]
    assert check_code(["info@voorbeeld.invalid"], None)[0] == "contact-syntax"  # type: ignore[arg-type,index]
