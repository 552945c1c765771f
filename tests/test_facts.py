"""The fact check: digits only as dates, figure tags or allowed texts; contact details only with a source.

The invalid cases (a loose number in text or title, an e-mail address, phone numbers in a page
and in a data file) are golden fixtures in fixtures/invalid/; here are the rules as tables and
one real build of a page that uses every allowed form.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from helpers import FIXTURES, apply, build
from snp_site.content import facts
from snp_site.dates import PartialDate

ALLOWED = ["Verordening (EU) 2016/679", "artikel 28", "G32"]


@pytest.mark.parametrize(("line", "loose"), [
    ("Op 10 februari 2017 kwamen zij bijeen.", []),
    ("In januari 2018 en in Januari 2018.", []),
    ("De pilot liep van 2015 tot 2017.", []),
    ("Er waren [[cijfer pilot.brieven]] brieven.", []),
    ("Er waren 73 brieven.", ["73"]),
    ("Het overleg van de G32 en artikel 28 van de Verordening (EU) 2016/679.", []),
    ("Het overleg van de G33.", ["33"]),
    ("artikel 35 van de AVG", ["35"]),
    ("Dat is 1,5 keer zo veel als 124.904.", ["1,5", "124.904"]),
    ("Lees [de brief](nieuws/2017-06-23-brief.md#deel-2).", []),
    ("1. Een genummerd lijstitem", []),
    ("Een voetnoot.[^2]", []),
    ("![Logo](logo-3.png){ #logo-4 }", []),
    ("Om 10 uur op 3 mei.", ["10"]),
    ("Bel 038 123 45 67.", []),
])
def test_loose_numbers(line: str, loose: list[str]) -> None:
    assert facts.loose_numbers(line, ALLOWED) == loose


@pytest.mark.parametrize(("line", "found"), [
    ("Bel 070 333 44 44.", [("telefoonnummer", "070 333 44 44")]),
    ("Bel 038-1234567 of +31 38 123 45 67.", [("telefoonnummer", "038-1234567"),
                                               ("telefoonnummer", "+31 38 123 45 67")]),
    ("[Bel ons](tel:0381234567)", [("telefoonnummer", "0381234567")]),
    ("Mail [ons](mailto:info@wijz.invalid).", [("e-mailadres", "info@wijz.invalid")]),
    ("Het kenmerk is 2017-0000104182.", []),
    ("Het Kamerstuk 34 000 XV, nr. 28.", []),
    ("Kijk op www.impluz.nl.", []),
    ("Bel (038) 123 45 67.", [("telefoonnummer", "(038) 123 45 67")]),
])
def test_contact_details(line: str, found: list[tuple[str, str]]) -> None:
    assert list(facts.contact_details(line)) == found


def test_every_allowed_form_builds_and_shows(base_copy: Path) -> None:
    apply(base_copy, FIXTURES / "valid" / "feiten-met-bron" / "project")
    result = build(base_copy)
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup((base_copy / "site" / "index.html").read_text(encoding="utf-8"), "html.parser")
    text = soup.select_one("article").get_text(" ")
    assert "038 123 45 67" in text and "info@proef.invalid" in text and "G32" in text
    assert soup.select_one('meta[name="description"]')["content"].endswith("in de beschrijving.")


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)), st.booleans())
def test_any_dutch_date_passes(day: dt.date, month_only: bool) -> None:
    date = PartialDate(day.year, day.month, None if month_only else day.day)
    assert facts.loose_numbers(f"Op {date.dutch()} was het zover.", []) == []


@given(st.integers(min_value=0, max_value=10**7).filter(lambda n: not 1900 <= n <= 2099))
def test_any_other_number_is_loose(number: int) -> None:
    assert facts.loose_numbers(f"Er kwamen {number} mensen.", []) == [str(number)]
