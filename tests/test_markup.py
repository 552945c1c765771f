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
