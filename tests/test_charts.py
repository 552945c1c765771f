"""Charts and the estimate, read back from a built fixture with independent parsers."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from helpers import FIXTURES, ROOT, apply, build, estimate_by_hand
from snp_site.codes import grafiek as charts

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
    numbers = [(t.get("data-cijfer"), t.text) for t in svg.iter(f"{SVG}tspan") if t.get("data-cijfer")]
    keys = ["brieven", "gebeld", "afspraken", "koppelingen"]
    assert numbers == [(f"proef.{k}", str(DATA[k]["waarde"])) for k in keys]
    # The whole label of each bar, its wrapped lines joined, is the data file's value and label.
    assert [label(t) for t in svg.iter(f"{SVG}text")] == [
        f"{DATA[k]['waarde']} {DATA[k]['label']}" for k in keys]
    widths = [float(r.get("width")) for r in svg.iter(f"{SVG}rect") if r.get("class") == "snp-balk"]
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


def text_lines(text: ET.Element) -> list[tuple[float, str]]:
    """(x, text) of each line of an SVG <text>: a child <tspan> with its own x starts a line, one
    without x continues it (the bold value of a funnel label); a <text> without tspans is one line."""
    lines: list[tuple[float, str]] = []
    for tspan in (t for t in text if t.tag == f"{SVG}tspan"):
        if tspan.get("x") is not None or not lines:
            lines.append((float(tspan.get("x", "0")), ""))
        lines[-1] = (lines[-1][0], lines[-1][1] + "".join(tspan.itertext()))
    return lines or [(float(text.get("x", "0")), "".join(text.itertext()))]


def label(text: ET.Element) -> str:
    return " ".join(line for _, line in text_lines(text))


CHAR_EM = 0.55
"""A generous average character width (share of the font size) for Dutch text in a sans-serif:
Open Sans averages about 0.5, its bold and DejaVu Sans (a wide fallback) about 0.54."""


def view_box(svg: ET.Element) -> tuple[float, float, float, float]:
    # html.parser lower-cases attribute names in the built page; ET keeps them in a fresh SVG.
    x, y, w, h = (float(v) for v in (svg.get("viewBox") or svg.get("viewbox")).split())
    return x, y, w, h


@pytest.mark.parametrize("kind", ["trechter", "tijdlijn"])
def test_no_line_of_text_runs_past_the_drawing(page: BeautifulSoup, kind: str) -> None:
    svg = svg_of(page, kind)
    left, _, width, _ = view_box(svg)
    for text in svg.iter(f"{SVG}text"):
        size = float(text.get("font-size"))
        for x, line in text_lines(text):
            assert x + len(line) * size * CHAR_EM <= left + width, (kind, line)


def test_long_timeline_labels_wrap_and_keep_their_words() -> None:
    from snp_site.dates import parse_date
    long = "Staatssecretaris stuurt de resultaten van de pilot naar de Tweede Kamer en vertelt er veel over"
    events = [(parse_date("2017-06-23"), long, None), (parse_date("2017-07"), "kort", None)]
    svg = ET.fromstring(charts.timeline_svg(events, "Tijdlijn", ("t", "u")))
    left, top, width, height = view_box(svg)
    texts = list(svg.iter(f"{SVG}text"))
    labels = texts[1::2]  # date, label, date, label
    assert len(text_lines(labels[0])) > 1 and label(labels[0]) == long and label(labels[1]) == "kort"
    for text in texts:
        for x, line in text_lines(text):
            assert x + len(line) * float(text.get("font-size")) * CHAR_EM <= left + width
    assert all(top < float(t.get("y")) <= top + height for text in texts for t in text if t.get("y"))
    # Lines never overlap: every baseline lies below the one before it.
    baselines = [float(t.get("y")) for text in texts for t in text if t.get("y")]
    assert baselines == sorted(baselines) and len(set(baselines)) == len(baselines)


def test_long_funnel_labels_wrap_under_their_bold_value() -> None:
    from snp_site.content.models import Figure
    figures = [Figure("p.a", 1234, "bron", "nabestaanden hadden telefonisch contact met de welzijnsorganisatie"),
               Figure("p.b", 5, "bron", "kort")]
    svg = ET.fromstring(charts.funnel_svg(figures, "Trechter", ("t", "u")))
    left, _, width, _ = view_box(svg)
    first, second = list(svg.iter(f"{SVG}text"))
    assert len(text_lines(first)) > 1 and label(first) == "1.234 " + figures[0].label
    assert label(second) == "5 kort"
    bold = [t for t in svg.iter(f"{SVG}tspan") if t.get("data-cijfer")]
    assert [(t.get("data-cijfer"), t.text, t.get("font-weight")) for t in bold] == [
        ("p.a", "1.234", "bold"), ("p.b", "5", "bold")]
    for text in (first, second):
        for x, line in text_lines(text):
            assert x + len(line) * float(text.get("font-size")) * CHAR_EM <= left + width


def luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of #rrggbb."""
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("kind", ["trechter", "tijdlijn"])
def test_chart_draws_its_own_background_with_aa_contrast(page: BeautifulSoup, kind: str) -> None:
    """The chart reads the same on a dark page and on paper: it paints its whole view box itself,
    its text has 4.5:1 against that background and its bars, dots and line 3:1 (WCAG 1.4.3, 1.4.11)."""
    svg = svg_of(page, kind)
    background = next(r for r in svg.iter(f"{SVG}rect") if r.get("class") == "snp-achtergrond")
    assert tuple(float(background.get(k)) for k in ("x", "y", "width", "height")) == view_box(svg)
    ground = background.get("fill")
    texts = list(svg.iter(f"{SVG}text"))
    assert texts and all(t.get("fill", "").startswith("#") for t in texts)  # not currentColor: the page's
    for text in texts:
        assert contrast(text.get("fill"), ground) >= 4.5, text.get("fill")
    marks = [e for e in svg.iter() if e.get("class") in ("snp-balk", "snp-lijn")]
    assert marks
    for mark in marks:
        colour = mark.get("fill") if mark.tag != f"{SVG}line" else mark.get("stroke")
        assert contrast(colour, ground) >= 3, colour


def test_stylesheet_leaves_the_chart_colours_alone() -> None:
    """A colour from the stylesheet (say, a dark palette's) would undo the contrast checked above."""
    css = (ROOT / "overrides" / "assets" / "stylesheets" / "snp.css").read_text(encoding="utf-8")
    rules = re.findall(r"([^{}]*snp-grafiek[^{}]*)\{([^}]*)\}", css)
    assert rules
    for selector, body in rules:
        assert not re.search(r"(^|[;\s])(fill|stroke|color)\s*:", body), selector


def expected_row(inhabitants: int) -> list[str]:
    """The estimate computed here from the data file, independently of the site's code."""
    return [estimate_by_hand(DATA[key]["waarde"], DATA["inwoners"]["waarde"], DATA["maanden"]["waarde"], inhabitants)
            for key in ("brieven", "gebeld", "afspraken", "koppelingen")]


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
    assert root.select_one(".snp-schatting-uitkomst")["aria-live"] == "polite"
    error = root.select_one(".snp-fout")
    assert error["aria-live"] == "polite" and error["id"] in form.select_one("input")["aria-describedby"].split()
    constants = json.loads(root["data-schatting"])
    assert constants["inwoners"] == DATA["inwoners"]["waarde"] and constants["maanden"] == DATA["maanden"]["waarde"]
    assert [s["waarde"] for s in constants["stappen"]] == [73, 45, 20, 10]
    script = page.find("script", src=lambda s: s and s.endswith("schatting.js"))
    assert script is not None and script.has_attr("defer")


def test_tag_inside_code_stays_as_written(page: BeautifulSoup) -> None:
    assert "[[grafiek trechter proef.brieven]]" in [c.get_text() for c in page.find_all("code")]
