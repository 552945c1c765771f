"""The content lint on small bodies: which headings it sees, which link texts it refuses.

The golden fixtures in fixtures/invalid/ prove the messages end to end; this table pins down
the Markdown corners (setext headings, raw HTML, code) where a scanner can go wrong.
"""

from __future__ import annotations

import pytest

from snp_site.content.lint import headings, lint_page
from snp_site.content.models import Page


def page(body: str) -> Page:
    return Page(src_uri="a.md", path="content/a.md", title="A", description="", body=body, body_line=5)


@pytest.mark.parametrize(("body", "expected"), [
    ("# Een\n\n## Twee", [(5, 1, "Een"), (7, 2, "Twee")]),
    ("Een\n===\n\nTwee\n---", [(5, 1, "Een"), (8, 2, "Twee")]),
    ("# Een\n\n---\n", [(5, 1, "Een")]),
    ("# Een\n\n- punt\n---", [(5, 1, "Een")]),
    ("<h1>Een</h1>\n<h2 id='x'>Twee <em>b</em></h2>", [(5, 1, "Een"), (6, 2, "Twee b")]),
    ("# Een\n```\n## geen kop\n```\n`# ook niet`", [(5, 1, "Een")]),
    ("# Een ##\n#geen kop", [(5, 1, "Een")]),
])
def test_headings(body: str, expected: list[tuple[int, int, str]]) -> None:
    assert headings(page(body)) == expected


@pytest.mark.parametrize(("body", "codes"), [
    ("# A\n\n[de resultaten van de pilot](b.md)", []),
    ("# A\n\n[Hier](b.md)", ["vage-linktekst"]),
    ("# A\n\n[Lees meer...](b.md)", ["vage-linktekst"]),
    ("# A\n\n<a href='b.html'>klik  hier</a>", ["vage-linktekst"]),
    ("# A\n\n`[hier](b.md)`", []),
    ("# A\n\n<img src='x.png'>", ["alt-ontbreekt"]),
    ("# A\n\n<img src='x.png' alt=''>", []),
    ("# A\n\n<IMG ALT='Logo' SRC='x.png'>", []),
    ("## A", ["geen-h1"]),
    ("# A\n# B", ["tweede-h1"]),
    ("# A\n### B\n## C\n### D\n##### E", ["kop-slaat-niveau-over", "kop-slaat-niveau-over"]),
])
def test_lint_codes(body: str, codes: list[str]) -> None:
    assert [e.code for e in lint_page(page(body))] == codes
