"""The verification index of a source: enough to check a quote, too little to hold the prose.

A document is cut into paragraphs (blocks between blank lines) and normalised into words:
Unicode NFKC, accents and case dropped, everything but letters and digits removed from each word
(so typographic quotes, apostrophes, brackets and hyphens never decide a match), a word broken
by a hyphen at the end of a line joined again, and HTML tags, footnote markers and Markdown link
targets of a raw export left out. Per paragraph the index keeps, in order, a truncated hash of
every run of three consecutive words (a quote matches only as one consecutive run of these,
inside one paragraph, so the source's words in another order or across two paragraphs do not),
and the set of short hashes of its words (only to name the paragraph a wrong quote is nearest to).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

VERSION = 1
"""Bumped when normalising or hashing changes: an index of another version must be made again."""

_SUP = re.compile(r"<sup\b[^>]*>.*?</sup>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_MD_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
_LINE_END_HYPHEN = re.compile(r"(\w)[-\u2010\u2011]\s*\n\s*(?=\w)")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def clean(text: str) -> str:
    """Text without markup that is not words, with words broken over a line end joined again."""
    text = unicodedata.normalize("NFKC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _SUP.sub(" ", text)
    text = _TAG.sub(" ", text)
    text = _MD_LINK.sub(r"\1", text)
    text = text.replace("\u00ad", "")  # soft hyphen
    return _LINE_END_HYPHEN.sub(r"\1", text)


@lru_cache(maxsize=1 << 16)
def word(token: str) -> str:
    """One token normalised: no accents, lower case, letters and digits only ('' if none is left).

    Cached: a build normalises the same few thousand words over and over (every page, every quote)."""
    decomposed = unicodedata.normalize("NFKD", token.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum())


def tokens(text: str) -> list[tuple[str, str]]:
    """(normalised word, word as written) for every word of `text`, in order."""
    return list(_tokens(text))


@lru_cache(maxsize=1 << 12)
def _tokens(text: str) -> tuple[tuple[str, str], ...]:
    """Cached: every quote is read by the check, its note and its place, and the preview reads them
    all again on every save."""
    return tuple((normal, token) for token in clean(text).split() if (normal := word(token)))


def words(text: str) -> list[str]:
    return [normal for normal, _ in tokens(text)]


def paragraphs(text: str) -> list[list[str]]:
    """The normalised words of each paragraph that has any; their position is the paragraph number."""
    found = []
    for block in _PARAGRAPH_BREAK.split(clean(text)):
        block_words = [w for w in (word(t) for t in block.split()) if w]
        if block_words:
            found.append(block_words)
    return found


def _hash(text: str, size: int) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=size, person=b"snp-bron").hexdigest()


def run_hashes(seq: list[str]) -> list[str]:
    """Hash of each run of three consecutive words (32 bits: a false match of even one run is about
    one in a million for a source of a few thousand words)."""
    return [_hash(" ".join(seq[i:i + 3]), 4) for i in range(len(seq) - 2)]


def word_hash(w: str) -> str:
    """16 bits: only used to rank paragraphs for a hint, so collisions do no harm."""
    return _hash(w, 2)


@dataclass(frozen=True)
class Paragraph:
    number: int
    """1-based, counting only paragraphs with words."""
    runs: tuple[str, ...]
    bag: frozenset[str]


@dataclass(frozen=True)
class Index:
    paragraphs: tuple[Paragraph, ...]
    words: int
    _places: dict[str, list[tuple[Paragraph, int]]] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False)
    """Where each run of three words starts, made on the first question."""
    _answers: dict[tuple[str, ...], Found | Missed] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False)
    """Answers already given: a build asks about the same quote several times (the check, the note,
    the place), so each is worked out once."""

    def starts(self, run: str) -> list[tuple[Paragraph, int]]:
        """Every (paragraph, position) where `run` starts, in the source's order."""
        if not self._places:
            for p in self.paragraphs:
                for start, h in enumerate(p.runs):
                    self._places.setdefault(h, []).append((p, start))
        return self._places.get(run, [])


def build_index(text: str) -> Index:
    paras = paragraphs(text)
    return Index(tuple(Paragraph(n, tuple(run_hashes(p)), frozenset(word_hash(w) for w in p))
                       for n, p in enumerate(paras, start=1)), sum(len(p) for p in paras))


def to_data(index: Index, sha256: str) -> dict:
    """The index as it is stored in the entry's YAML (one line of hashes per paragraph)."""
    return {"versie": VERSION, "woorden": index.words, "sha256": sha256,
            "alineas": [{"drietallen": " ".join(p.runs), "woorden": " ".join(sorted(p.bag))}
                        for p in index.paragraphs]}


def from_data(data: dict) -> Index:
    paras = []
    for n, p in enumerate(data.get("alineas") or [], start=1):
        paras.append(Paragraph(n, tuple(str(p.get("drietallen") or "").split()),
                               frozenset(str(p.get("woorden") or "").split())))
    return Index(tuple(paras), int(data.get("woorden") or 0))


@dataclass(frozen=True)
class Found:
    """The quote is in the source: in these paragraphs (more than one when it occurs more often)."""

    paragraphs: tuple[int, ...]


@dataclass(frozen=True)
class Missed:
    """Why a quote is not in the source, in terms an editor can act on."""

    kind: str
    """'afwijking' (leaves the source), 'volgorde' (the words are there, in another order) or
    'twee-alineas' (it runs from one paragraph into the next)."""
    leaves_at: int
    """0-based index in the quote's words of the first word that is not in the source any more."""
    nearest: int | None
    """The paragraph most like the quote, or None when none shares a word."""
    second: int | None = None
    """For 'twee-alineas': the paragraph it runs into."""


def _runs_at(runs: tuple[str, ...], start: int, wanted: list[str]) -> int:
    """How many of `wanted` follow one another in `runs` from `start`."""
    n = 0
    while n < len(wanted) and start + n < len(runs) and runs[start + n] == wanted[n]:
        n += 1
    return n


def _is_head(p: Paragraph, seq: list[str]) -> bool:
    if len(seq) >= 3:
        return list(p.runs[:len(seq) - 2]) == run_hashes(seq)
    return all(word_hash(w) in p.bag for w in seq)


def _is_tail(p: Paragraph, seq: list[str]) -> bool:
    if len(seq) >= 3:
        return len(p.runs) >= len(seq) - 2 and list(p.runs[len(p.runs) - (len(seq) - 2):]) == run_hashes(seq)
    return all(word_hash(w) in p.bag for w in seq)


def match(index: Index, quote: list[str]) -> Found | Missed:
    """Whether the normalised words `quote` (at least three) occur in this order in one paragraph."""
    key = tuple(quote)
    if key not in index._answers:
        index._answers[key] = _match(index, quote)
    return index._answers[key]


def _match(index: Index, quote: list[str]) -> Found | Missed:
    wanted = run_hashes(quote)
    found: list[int] = []
    best = 0
    for p, start in index.starts(wanted[0]):
        n = _runs_at(p.runs, start, wanted)
        if n == len(wanted):
            if p.number not in found:
                found.append(p.number)
        else:
            best = max(best, n)
    if found:
        return Found(tuple(found))
    by_number = {p.number: p for p in index.paragraphs}
    for split in range(1, len(quote)):
        for p in index.paragraphs:
            following = by_number.get(p.number + 1)
            if following and _is_tail(p, quote[:split]) and _is_head(following, quote[split:]):
                return Missed("twee-alineas", split, p.number, following.number)
    wanted_set, bag = set(wanted), {word_hash(w) for w in quote}
    scored = [(3 * len(wanted_set & set(p.runs)) + len(bag & p.bag), -p.number) for p in index.paragraphs]
    score, minus_number = max(scored, default=(0, 0))
    nearest = -minus_number if score else None
    if nearest is None:
        return Missed("afwijking", 0, None)
    # A word the nearest paragraph lacks makes it a different text; with every word there, only
    # the order differs. Where it leaves: after the longest run that follows the source from the
    # first word, else at the first word the paragraph lacks.
    lacking = [i for i, w in enumerate(quote) if word_hash(w) not in by_number[nearest].bag]
    leaves = best + 2 if best else (lacking[0] if lacking else 0)
    return Missed("afwijking" if lacking else "volgorde", leaves, nearest)
