"""The [[...]] codes package: argument syntax, the registry, and its place below content/."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, strategies as st

from snp_site.codes import registry
from snp_site.codes.context import CodeContext, Problem
from snp_site.codes.syntax import split_args, written
from snp_site.content.models import Content
from snp_site.content.refs import replace_codes, scan


@pytest.mark.parametrize(("text", "args"), [
    ("pilot.brieven", ["pilot.brieven"]),
    ("  trechter  a.b\tc.d ", ["trechter", "a.b", "c.d"]),
    ('kamerbrief "vaak meerdere keren"', ["kamerbrief", "vaak meerdere keren"]),
    ('"een" "twee drie" vier', ["een", "twee drie", "vier"]),
    ('kamerbrief ""', ["kamerbrief", ""]),
    ('kamerbrief "niet gesloten', ["kamerbrief", '"niet', "gesloten"]),
    ('zo\'n "ding"x', ["zo'n", '"ding"x']),
    ("", []),
])
def test_arguments_are_words_or_a_quoted_phrase(text: str, args: list[str]) -> None:
    assert split_args(text) == args


_WORD = st.text(st.characters(blacklist_characters='"[]`', blacklist_categories=("Zs", "Cc")), min_size=1)


@given(st.lists(_WORD, max_size=5))
def test_unquoted_words_split_as_before(words: list[str]) -> None:
    assert split_args(" ".join(words)) == " ".join(words).split()


@given(st.lists(st.one_of(_WORD, st.lists(_WORD, min_size=2, max_size=3).map(" ".join)), max_size=4))
def test_a_code_written_back_reads_the_same(args: list[str]) -> None:
    code = written("bron", args)
    [ref] = [r for r in scan(code, 1) if r.kind == "code"]
    assert (ref.target, ref.args) == ("bron", args)


def test_a_new_code_is_one_entry_and_gets_quoted_arguments(monkeypatch: pytest.MonkeyPatch) -> None:
    def check(args: list[str], content: Content) -> Problem | None:
        return None if len(args) == 2 else Problem("proef-syntax", "twee dingen", "Schrijf er twee.")

    def render(args: list[str], context: CodeContext) -> str:
        return f"<q data-bron='{args[0]}'>{args[1]}</q>"

    monkeypatch.setitem(registry.CODES, "proef", registry.Code(check, render))
    context = CodeContext(Content(), "pagina/")
    body = 'Zie [[proef kamerbrief "vaak meerdere keren"]] en `[[proef code]]`.\n[[proef te weinig]]x'
    out = replace_codes(body, lambda name, args: registry.render_code(name, args, context))
    assert out == ("Zie <q data-bron='kamerbrief'>vaak meerdere keren</q> en `[[proef code]]`.\n"
                   "<q data-bron='te'>weinig</q>x")
    assert registry.check_code("proef", ["een"], Content()) == ("proef-syntax", "twee dingen", "Schrijf er twee.")
    assert registry.check_code("proeff", [], Content()).fix.startswith("Bedoelde u [[proef ...]]? ")
    assert registry.render_code("proef", ["een woord"], context) == '[[proef &quot;een woord&quot;]]'


def test_codes_import_nothing_from_content() -> None:
    """content/ depends on codes/, never the other way round: no import loop through the two."""
    probe = ("import sys, snp_site.codes.registry; "
             "print(sorted(m for m in sys.modules if m.startswith('snp_site.content')))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
