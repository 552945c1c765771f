"""Front matter: the line an error names is the line in the file, counted as an editor counts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from snp_site.content.source import read_source
from snp_site.errors import ContentError


@pytest.mark.parametrize(("text", "line", "code"), [
    ("---\ntitle: a: b\n---\n", 2, "yaml-syntax"),
    ("---\ntitle: x\ndescription: y\nlijst:\n\t- z\n---\n", 5, "yaml-syntax"),
    ('---\ntitle: x\ndescription: "open\ndate: 2017-01\n---\n', 3, "yaml-syntax"),
    ("---\ntitle: x\ntitle: y\n---\n", 3, "dubbele-sleutel"),
    ("---\na: &x 1\nb: *x\n---\n", 2, "yaml-anker"),
    ("# Kop\n", 1, "geen-front-matter"),
    ("---\ntitle: x\n", 1, "front-matter-open"),
    ("---\n- a\n- b\n---\n", 2, "front-matter-vorm"),
    ("---\n" + "a:\n" + "".join(" " * (2 * i) + "  b:\n" for i in range(12)) + "---\n", 10, "yaml-te-diep"),
])
def test_error_points_at_the_right_line(text: str, line: int, code: str) -> None:
    source, errors = read_source(text.encode(), "content/x.md")
    assert source is None
    assert [(e.line, e.code) for e in errors] == [(line, code)]


def test_key_lines_and_body_start() -> None:
    source, errors = read_source(b"---\ntitle: x\n\ndescription: y\n---\n\n# Kop\n", "content/x.md")
    assert not errors and source is not None
    assert source.meta.line("title") == 2 and source.meta.line("description") == 4
    assert source.body_line == 6 and source.body.split("\n")[1] == "# Kop"


def test_bad_utf8_names_its_line() -> None:
    source, errors = read_source(b"---\ntitle: x\n---\n\nCaf\xe9\n", "content/x.md")
    assert source is None and [(e.line, e.code) for e in errors] == [(5, "geen-utf8")]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(lambda t: ("---\n" + t + "\n---\n").encode()))
def test_any_input_gives_a_source_or_errors_with_lines_in_the_file(raw: bytes) -> None:
    source, errors = read_source(raw, "content/x.md")
    assert (source is None) == bool(errors)
    lines = raw.count(b"\n") + 1
    for error in errors:
        assert isinstance(error, ContentError)
        assert error.line is None or 1 <= error.line <= lines
