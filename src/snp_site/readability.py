"""Readability report: per page the average sentence length and the Flesch-Douma score.

A separate stage from the build: it reads content/ through the same loader (so figure tags
become the figures a reader sees), renders each body to HTML with Python-Markdown, and
measures the running text. Headings, quotations and code are left out: a heading is a label,
not a sentence, and a quotation is the source's wording, not ours. The limits and why they
were chosen are in docs/leesbaarheid.md.
"""

from __future__ import annotations

import argparse
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import markdown
import pyphen

from snp_site import html_tree
from snp_site.content.loader import load
from snp_site.content.refs import replace_codes

MAX_SENTENCE_WORDS = 15.0
"""Average words per sentence, at most (B1 guidance: most sentences under 15 words)."""
MIN_FLESCH_DOUMA = 60.0
"""Flesch-Douma score, at least (60 and up reads as 'vrij makkelijk' to 'makkelijk')."""

_EXTENSIONS = ["abbr", "admonition", "attr_list", "footnotes", "md_in_html", "tables",
               "pymdownx.tasklist"]
_BLOCKS = {"p", "li", "td", "th", "dt", "dd", "figcaption", "div", "summary", "details"}
_SKIPPED = {"blockquote", "pre", "code", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style"}
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")
_OTHER_TAG = re.compile(r"\[\[[^\]]*\]\]")

_HYPHENATOR = pyphen.Pyphen(lang="nl_NL", left=1, right=1)


def _text_blocks(body: ET.Element) -> list[str]:
    """The text of each block element, skipping quotations, code and headings."""
    blocks: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        text = " ".join("".join(buffer).split())
        if text:
            blocks.append(text)
        buffer.clear()

    def visit(el: ET.Element, skip: bool) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""  # a comment is no text
        skip = skip or tag in _SKIPPED
        if tag in _BLOCKS or tag in _SKIPPED or tag == "br":
            flush()
        if tag and el.text and not skip:
            buffer.append(el.text)
        for child in el:
            visit(child, skip)
            if child.tail and not skip:
                buffer.append(child.tail)
        if tag in _BLOCKS or tag in _SKIPPED:
            flush()

    visit(body, False)
    flush()
    return blocks


@dataclass(frozen=True)
class Score:
    path: str
    sentences: int
    words: int
    syllables: int

    @property
    def sentence_length(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def flesch_douma(self) -> float:
        """Douma's Dutch adaptation of Flesch: 206,84 - 0,93 x zinslengte - 77 x lettergrepen per woord."""
        if not self.words:
            return 100.0
        return 206.835 - 0.93 * self.sentence_length - 77.0 * self.syllables / self.words

    def problems(self) -> list[str]:
        found = []
        if self.sentence_length > MAX_SENTENCE_WORDS:
            found.append(f"zinnen gemiddeld {_nl(self.sentence_length)} woorden (maximum "
                         f"{_nl(MAX_SENTENCE_WORDS)})")
        if self.flesch_douma < MIN_FLESCH_DOUMA:
            found.append(f"Flesch-Douma {_nl(self.flesch_douma)} (minimum {_nl(MIN_FLESCH_DOUMA)})")
        return found


def _nl(number: float) -> str:
    return f"{number:.1f}".replace(".", ",")


def syllables(word: str) -> int:
    """Syllables of a Dutch word, from the hyphenation points of the nl_NL dictionary."""
    return len(_HYPHENATOR.positions(word.lower())) + 1


def sentences(blocks: Sequence[str]) -> Iterator[list[str]]:
    """The words of each sentence; a block (paragraph, list item, table cell) always ends one."""
    for block in blocks:
        for part in _SENTENCE_END.split(block):
            words = _WORD.findall(part)
            if words:
                yield words


def running_text(body: str, figure_text: dict[str, str]) -> list[str]:
    """The text blocks a reader reads on the page, with figures filled in."""
    # Figures read as their value; charts and other generated blocks are not running text.
    body = replace_codes(body, lambda name, args: figure_text.get(args[0], "") if name == "cijfer" and args else "")
    body = _OTHER_TAG.sub("", body)
    return _text_blocks(html_tree.parse_fragment(markdown.markdown(body, extensions=_EXTENSIONS)))


def score(path: str, blocks: Sequence[str]) -> Score:
    n_sentences = n_words = n_syllables = 0
    for words in sentences(blocks):
        n_sentences += 1
        n_words += len(words)
        n_syllables += sum(syllables(w) for w in words)
    return Score(path, n_sentences, n_words, n_syllables)


def report(project: Path, docs_dir: str = "content") -> list[Score]:
    """A score for every Markdown page of the project, sorted by path."""
    loaded = load(project / docs_dir, project)
    figure_text = {key: fig.text() for key, fig in loaded.content.figures.items()}
    return [score(page.path, running_text(page.body, figure_text))
            for page in sorted(loaded.bodies().values(), key=lambda p: p.path)]


def format_report(scores: Sequence[Score]) -> str:
    width = max((len(s.path) for s in scores), default=10)
    lines = [f"{'pagina':<{width}}  {'zinnen':>6}  {'woorden':>7}  {'zinslengte':>10}  "
             f"{'Flesch-Douma':>12}  oordeel"]
    for s in scores:
        verdict = "te moeilijk: " + "; ".join(s.problems()) if s.problems() else "goed"
        lines.append(f"{s.path:<{width}}  {s.sentences:>6}  {s.words:>7}  {_nl(s.sentence_length):>10}  "
                     f"{_nl(s.flesch_douma):>12}  {verdict}")
    total = Score("alle pagina's", sum(s.sentences for s in scores), sum(s.words for s in scores),
                  sum(s.syllables for s in scores))
    lines.append(f"{total.path:<{width}}  {total.sentences:>6}  {total.words:>7}  "
                 f"{_nl(total.sentence_length):>10}  {_nl(total.flesch_douma):>12}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="leesbaarheid",
        description="Meet per pagina de gemiddelde zinslengte en de Flesch-Douma-score. "
                    f"Grenzen: zinnen gemiddeld hoogstens {_nl(MAX_SENTENCE_WORDS)} woorden, "
                    f"Flesch-Douma minstens {_nl(MIN_FLESCH_DOUMA)}. Uitleg: docs/leesbaarheid.md.")
    parser.add_argument("project", nargs="?", default=".", type=Path,
                        help="map met mkdocs.yml en content/ (standaard: de huidige map)")
    args = parser.parse_args(argv)
    scores = report(args.project)
    sys.stdout.write(format_report(scores) + "\n")
    failing = [s for s in scores if s.problems()]
    if failing:
        sys.stdout.write(f"\n{len(failing)} pagina('s) boven de grenzen. Maak de zinnen korter en "
                         "kies kortere woorden; zie docs/leesbaarheid.md.\n")
        return 1
    sys.stdout.write(f"\nAlle {len(scores)} pagina's zijn binnen de grenzen.\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
