"""Charts and the estimate, read back from a built fixture with independent parsers."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from helpers import FIXTURES, apply, build
from snp_site import charts

CASE = FIXTURES / "valid" / "grafieken" / "project"
SVG = "{http://www.w3.org/2000/svg}"
DATA = yaml.safe_load((CASE / "content" / "data" / "proef.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def page(built_base: Path, tmp_path_factory: pytest.TempPathFactory) -> BeautifulSoup:
    import shutil
    project = Path(shutil.copytree(built_base, tmp_path_factory.mktemp("grafieken") / "p", symlinks=True))
    apply(project, CASE)
    result = build(project)
    assert result.returncode == 0, result.stderr
    html = (project / "site" / "grafieken" / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def svg_of(page: BeautifulSoup, kind: str) -> ET.Element:
    return ET.fromstring(str(page.select_one(f"figure.snp-{kind} svg")))


def test_funnel_bars_carry_the_data_file_figures_in_order(page: BeautifulSoup) -> None:
    svg = svg_of(page, "trechter")
    labels = [(t.get("data-cijfer"), t.text) for t in svg.iter(f"{SVG}tspan")]
    keys = ["brieven", "gebeld", "afspraken", "koppelingen"]
    assert labels == [(f"proef.{k}", str(DATA[k]["waarde"])) for k in keys]
    widths = [float(r.get("width")) for r in svg.iter(f"{SVG}rect")]
    assert widths == sorted(widths, reverse=True) and widths[0] == float(charts.WIDTH)
    assert widths[1] == pytest.approx(charts.WIDTH * 45 / 73, abs=0.1)


def test_funnel_is_an_image_with_a_text_alternative_and_a_table(page: BeautifulSoup) -> None:
    svg = svg_of(page, "trechter")
    assert svg.get("role") == "img"
    title_id, desc_id = svg.get("aria-labelledby").split()
    desc = svg.find(f"{SVG}desc")
    assert desc.get("id") == desc_id and svg.find(f"{SVG}title").get("id") == title_id
    for key in ("brieven", "gebeld", "afspraken", "koppelingen"):
        assert f"{DATA[key]['waarde']} {DATA[key]['label']}" in desc.text
    table = page.select("table.snp-grafiek-tabel")[0]
    assert [td.get_text() for td in table.select("tbody td")] == ["73", "45", "20", "10"]


def test_timeline_sorts_dates_and_milestones_and_writes_them_in_dutch(page: BeautifulSoup) -> None:
    # The fixture's "Een gewoon bericht" has no `mijlpaal: true`, so it stays off the chart.
    rows = [[c.get_text() for c in tr.find_all("td")] for tr in page.select("table.snp-grafiek-tabel")[1].select("tbody tr")]
    assert rows == [["1 september 2015", "start van de proef"], ["28 februari 2017", "einde van de proef"],
                    ["23 juni 2017", "Een bericht"]]
    link = page.select("table.snp-grafiek-tabel")[1].select_one("a")
    assert link["href"] == "../nieuws/bericht/"  # news items are published under their name without the date
    assert svg_of(page, "tijdlijn").get("role") == "img"


def expected_row(inhabitants: int) -> list[str]:
    """The estimate computed here from the data file, independently of the site's code."""
    cells = []
    for key in ("brieven", "gebeld", "afspraken", "koppelingen"):
        value = DATA[key]["waarde"] / DATA["inwoners"]["waarde"] * inhabitants * 12 / DATA["maanden"]["waarde"]
        if value < 1:
            cells.append("minder dan 1")
        elif value < 10:
            cells.append(str(round(value)))
        else:
            cells.append(f"{float(f'{value:.2g}'):,.0f}".replace(",", "."))
    return cells


def test_estimate_table_without_javascript(page: BeautifulSoup) -> None:
    rows = page.select("table.snp-schatting-tabel tbody tr")
    got = {r.th.get_text(): [td.get_text() for td in r.find_all("td")] for r in rows}
    assert list(got) == ["25.000", "50.000", "100.000", "200.000", "500.000"]
    for size, cells in got.items():
        assert cells == expected_row(int(size.replace(".", ""))), size


def test_estimate_form_is_hidden_without_javascript_and_carries_the_constants(page: BeautifulSoup) -> None:
    root = page.select_one(".snp-schatting")
    form = root.select_one("form")
    assert form.has_attr("hidden")
    assert form.select_one("label")["for"] == form.select_one("input")["id"]
    assert root.select_one("[aria-live=polite]") is not None
    constants = json.loads(root["data-schatting"])
    assert constants["inwoners"] == DATA["inwoners"]["waarde"] and constants["maanden"] == DATA["maanden"]["waarde"]
    assert [s["waarde"] for s in constants["stappen"]] == [73, 45, 20, 10]
    script = page.find("script", src=lambda s: s and s.endswith("schatting.js"))
    assert script is not None and script.has_attr("defer")


def test_tag_inside_code_stays_as_written(page: BeautifulSoup) -> None:
    assert "[[grafiek trechter proef.brieven]]" in [c.get_text() for c in page.find_all("code")]
