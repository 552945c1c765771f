"""The markup repair stage: only Material's empty tabindex goes, everything else stays."""

from __future__ import annotations

import pytest

from snp_site.markup import repair


@pytest.mark.parametrize(("html", "expected"), [
    ('<label class="md-nav__link" for="n" id="n_label" tabindex="">', '<label class="md-nav__link" for="n" id="n_label">'),
    ('<label for="n" tabindex="0">', '<label for="n" tabindex="0">'),
    ('<p>tabindex="" is tekst</p>', '<p>tabindex="" is tekst</p>'),
])
def test_repair(html: str, expected: str) -> None:
    assert repair(html) == expected


def test_checklist_checkbox_gets_its_item_text_as_name() -> None:
    from bs4 import BeautifulSoup

    from snp_site.markup import name_checkboxes

    html = name_checkboxes('<ul><li class="task-list-item"><input type="checkbox" disabled/> De <em>wethouder</em> '
                           'steunt het plan.</li></ul>')
    box = BeautifulSoup(html, "html.parser").input
    assert box["aria-label"] == "De wethouder steunt het plan."


def test_toc_label_without_its_checkbox_loses_for() -> None:
    from snp_site.markup import repair

    assert repair('<label class="md-nav__title" for="__toc">x</label>') == '<label class="md-nav__title">x</label>'
    kept = '<input id="__toc"><label class="md-nav__title" for="__toc">x</label>'
    assert repair(kept) == kept


def test_plain_table_gets_a_focusable_named_region() -> None:
    from bs4 import BeautifulSoup

    from snp_site.markup import name_tables

    html = name_tables('<table>\n<thead><tr><th>Organisatie &amp; rol</th><th>Plaats</th></tr></thead></table>'
                       '<table class="snp-grafiek-tabel"><tr><td>1</td></tr></table>')
    soup = BeautifulSoup(html, "html.parser")
    region = soup.find("div", class_="snp-tabel-scroll")
    assert region["tabindex"] == "0" and region["role"] == "region"
    assert region["aria-label"] == "Tabel: Organisatie & rol"
    assert len(soup.find_all("div")) == 1  # a table with a class (our own, already wrapped) is left alone

