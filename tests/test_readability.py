"""The readability report (scripts/leesbaarheid): its counting, its limits, and the real content."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT, env
from snp_site import readability


def _report(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(ROOT / "scripts" / "leesbaarheid"), str(project)], env=env(SNP_PYTHON=sys.executable),
                          capture_output=True, text=True, timeout=120)


def _rows(stdout: str) -> dict[str, list[str]]:
    """Table rows of the report keyed by page path, read back by splitting on whitespace."""
    return {line.split()[0]: line.split() for line in stdout.splitlines()
            if line.startswith("content/")}


def test_every_real_page_is_within_the_limits() -> None:
    result = _report(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    rows = _rows(result.stdout)
    pages = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "content").rglob("*.md"))
    assert sorted(rows) == pages
    for path, row in rows.items():
        sentence_length = float(row[3].replace(",", "."))
        flesch = float(row[4].replace(",", "."))
        assert sentence_length <= readability.MAX_SENTENCE_WORDS, path
        assert flesch >= readability.MIN_FLESCH_DOUMA, path


def _project(tmp_path: Path, body: str) -> Path:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "index.md").write_text(
        f"---\ntitle: Proef\ndescription: Een proefpagina.\n---\n\n# Proef\n\n{body}\n", encoding="utf-8")
    return tmp_path


def test_a_page_of_long_sentences_fails_with_a_dutch_verdict(tmp_path: Path) -> None:
    long = ("De gemeente die overweegt om ondersteuning aan nabestaanden onder de pensioengerechtigde "
            "leeftijd te organiseren, doet er verstandig aan om voorafgaand aan de implementatie de "
            "verwerkersovereenkomst met de welzijnsorganisatie zorgvuldig te laten beoordelen.")
    result = _report(_project(tmp_path, long))
    assert result.returncode == 1
    verdict = " ".join(_rows(result.stdout)["content/index.md"][5:])
    assert "te moeilijk" in verdict and "zinnen gemiddeld" in verdict and "Flesch-Douma" in verdict


def test_quotations_and_headings_are_not_measured(tmp_path: Path) -> None:
    quote = "> " + " ".join(["onoverzichtelijkheidsverschijnselen"] * 30) + "."
    result = _report(_project(tmp_path, f"Dit is kort.\n\n{quote}\n\n## Een kop zonder punt"))
    assert result.returncode == 0, result.stdout
    assert _rows(result.stdout)["content/index.md"][1:3] == ["1", "3"]


@pytest.mark.parametrize(("markdown", "expected"), [
    ("Een zin. Nog een zin!", [["Een", "zin"], ["Nog", "een", "zin"]]),
    ("- eerste punt\n- tweede punt", [["eerste", "punt"], ["tweede", "punt"]]),
    ("| a b | c |\n| --- | --- |\n| d e | f |", [["a", "b"], ["c"], ["d", "e"], ["f"]]),
    ("Is het 1,5 keer? Ja.", [["Is", "het", "1", "5", "keer"], ["Ja"]]),
    ("Het kenmerk is [[cijfer pilot.nummer]].", [["Het", "kenmerk", "is", "73"]]),
])
def test_sentences_are_split_per_block(markdown: str, expected: list[list[str]]) -> None:
    blocks = readability.running_text(markdown, {"pilot.nummer": "73"})
    assert list(readability.sentences(blocks)) == expected


@pytest.mark.parametrize(("word", "count"), [
    ("partner", 2), ("gemeente", 3), ("vrijwilliger", 4), ("nabestaanden", 4), ("u", 1),
])
def test_syllables_come_from_the_dutch_hyphenation_dictionary(word: str, count: int) -> None:
    assert readability.syllables(word) == count


def test_flesch_douma_of_a_page_counted_by_hand(tmp_path: Path) -> None:
    """The report's figures for a text counted by hand: 2 sentences, 6 words and 8 syllables
    (dit, is, kort; de, ge-meen-te, helpt). Douma's formula, 206,835 - 0,93 x words per sentence
    - 77 x syllables per word, gives 206,835 - 2,79 - 102,667 = 101,378."""
    result = _report(_project(tmp_path, "Dit is kort. De gemeente helpt."))
    assert result.returncode == 0, result.stdout
    assert _rows(result.stdout)["content/index.md"][1:5] == ["2", "6", "3,0", "101,4"]
