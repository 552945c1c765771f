"""The citation rule (docs/onderbouwing.md): a factual paragraph on a page about the pilot has a source.

One module for the build check and for `snp onderbouwing`, so the report and the build never
disagree. A page body is cut into paragraphs (a list item and a table are one paragraph each;
headings, code and lines with only codes such as [[grafiek ...]] are none). A paragraph *carries a
citation* when it holds a [[bron ...]] code outside code. It counts as *factual* when it names a
partner, a gemeente, a date or a figure: what a machine can see of "what the pilot, a partner, a
municipality or the ministry did, found, decided or offers". The rule covers the pages that match
the `citations.pages` patterns of mkdocs.yml; advice pages (the handreiking) are not covered.
"""

from __future__ import annotations

import fnmatch
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from snp_site.content.facts import DUTCH_DATES, visible_text
from snp_site.content.kinds import ADOPTION_FILE, CHAPTER, NEWS, PARTNER
from snp_site.content.models import Content, Page, Partner
from snp_site.content.refs import code_flags, scan
from snp_site.errors import ContentError, unless_strict

if TYPE_CHECKING:
    from snp_site.content.site import Site

log = logging.getLogger("mkdocs.plugins.snp.onderbouwing")

CITATION = "bron"
"""The code that carries a citation: [[bron KEY "quoted words"]]."""

DEFAULT_PAGES = [f"{CHAPTER.folders[0]}/*", "resultaten.md", f"{NEWS.folder}/*", f"{PARTNER.folder}/*"]
"""The methodiek, the results, the news and the partners; the handreiking (advice) is not covered."""

_GENERIC = re.compile(r"^(?:stichting|gemeente|welzijnsorganisatie|vereniging|ministerie van)\s+", re.I)
_STOP = {"en", "van", "de", "het", "voor", "in"}
_NUMBER = re.compile(r"(?<![\w-])\d+(?:[.,]\d+)*")
"""A figure as written; not the digits of a name such as G32."""
_FIGURE = re.compile(r"\[\[\s*cijfer\s+([^\]\s]+)\s*\]\]")
_CODE = re.compile(r"\[\[[^\]]*\]\]")
_BLOCK_START = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_SKIP_LINE = re.compile(r"^\s*(?:#{1,6}\s|!!!|\?\?\?|<!--|-{3,}\s*$|\*{3,}\s*$)")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


@dataclass(frozen=True)
class Names:
    """What makes a paragraph factual: partner and gemeente names (found case-sensitively but for
    the first letter, since they are proper nouns and 'samen doen' is also plain Dutch)."""

    partners: tuple[str, ...] = ()
    gemeenten: tuple[str, ...] = ()

    def patterns(self) -> list[tuple[str, re.Pattern[str]]]:
        found = []
        for name in sorted(set(self.partners) | set(self.gemeenten), key=lambda n: (-len(n), n)):
            first = f"[{re.escape(name[0].upper())}{re.escape(name[0].lower())}]"
            # Not inside a web or e-mail address: www.impluz.nl is a link, not a claim.
            found.append((name, re.compile(rf"(?<![\w./@-]){first}{re.escape(name[1:])}(?![\w-]|\.\w)")))
        return found


def partner_names(partners: Iterable[Partner]) -> tuple[str, ...]:
    """Each partner's name and title, without a generic first word ('Stichting De Jonge Weduwe' is
    also 'De Jonge Weduwe'), and the initials of a long name ('Sociale Zaken en Werkgelegenheid'
    is 'SZW')."""
    names: set[str] = set()
    for partner in partners:
        for full in (partner.name, partner.title):
            if not full:
                continue
            short = _GENERIC.sub("", full)
            names |= {full, short}
            words = [w for w in short.split() if w.lower() not in _STOP]
            if short != full and len(words) >= 3 and all(w[0].isupper() for w in words):
                names.add("".join(w[0] for w in words))
    return tuple(sorted(n for n in names if len(n) > 2))


@dataclass(frozen=True)
class Paragraph:
    line: int
    text: str
    cited: bool
    reasons: tuple[str, ...]
    """What makes it factual (names, dates, figures as written); empty for advice or plain text."""

    @property
    def factual(self) -> bool:
        return bool(self.reasons)

    @property
    def missing(self) -> bool:
        return self.factual and not self.cited

    def first_words(self, count: int = 10) -> str:
        plain = re.sub(r"\|?\s*:?-{3,}:?\s*|\||\*", " ", _LINK.sub(r"\1", self.text))
        words = plain.split()
        return " ".join(words[:count]) + (" ..." if len(words) > count else "")


@dataclass
class PageReport:
    path: str
    paragraphs: list[Paragraph] = field(default_factory=list)

    @property
    def cited(self) -> int:
        return sum(p.cited for p in self.paragraphs)

    @property
    def missing(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.missing]


def paragraphs(body: str, first_line: int) -> list[tuple[int, str]]:
    """The prose units of a body with the line each starts on: code, headings and empty or
    code-only units left out."""
    units: list[tuple[int, list[str]]] = []
    current: list[str] | None = None
    in_table = False
    for number, (line, in_code) in enumerate(code_flags(body), start=first_line):
        if in_code or not line.strip() or _SKIP_LINE.match(line):
            current, in_table = None, False
            continue
        table_row = line.lstrip().startswith("|")
        if current is None or (_BLOCK_START.match(line) and not in_table) or (table_row and not in_table):
            current = []
            units.append((number, current))
        in_table = table_row
        current.append(line)
    result = []
    for number, lines in units:
        text = "\n".join(lines)
        if re.search(r"[^\W\d_]", _shown(_CODE.sub(" ", text))):
            result.append((number, text))
    return result


def analyse(page: Page, names: Names) -> PageReport:
    """Every paragraph of `page`, with whether it is cited and what makes it factual."""
    report = PageReport(page.path)
    patterns = names.patterns()
    for number, text in paragraphs(page.body, page.body_line):
        cited = any(ref.kind == "code" and ref.target == CITATION for ref in scan(text, number))
        report.paragraphs.append(Paragraph(number, text, cited, _reasons(text, patterns)))
    return report


def _reasons(text: str, patterns: list[tuple[str, re.Pattern[str]]]) -> tuple[str, ...]:
    """The names, dates and figures of a paragraph, in the order they come, each once."""
    found: list[tuple[int, str]] = [(m.start(), m.group(0)) for m in _FIGURE.finditer(text)]
    shown = _shown(text)
    taken = []
    for _, pattern in patterns:
        for m in pattern.finditer(shown):
            if not any(a <= m.start() < b for a, b in taken):
                taken.append((m.start(), m.end()))
                found.append((m.start(), m.group(0)))
    dates = list(DUTCH_DATES.finditer(shown))
    found += [(m.start(), m.group(0)) for m in dates]
    without_dates = DUTCH_DATES.sub(lambda m: " " * len(m.group(0)), shown)
    found += [(m.start(), m.group(0)) for m in _NUMBER.finditer(without_dates)]
    ordered: list[str] = []
    for _, value in sorted(found):
        if value not in ordered:
            ordered.append(value)
    return tuple(ordered)


def _shown(text: str) -> str:
    """What a reader sees of a paragraph, line by line (the hidden-Markdown patterns read one line)."""
    return "\n".join(visible_text(line) for line in text.split("\n"))


def covered(src_uri: str, patterns: Iterable[str]) -> bool:
    return any(fnmatch.fnmatchcase(src_uri, p) for p in patterns)


def reports(pages: Iterable[Page], patterns: Iterable[str], names: Names) -> list[PageReport]:
    """A report for every page the rule covers, sorted by path."""
    patterns = list(patterns)
    return [analyse(p, names) for p in sorted(pages, key=lambda p: p.path) if covered(p.src_uri, patterns)]


def _listed(values: tuple[str, ...]) -> str:
    """'A', 'A' en 'B', 'A', 'B' en 'C', 'A', 'B', 'C' en meer."""
    quoted = [f"'{v}'" for v in values[:3]]
    if len(values) > 3:
        return ", ".join(quoted) + " en meer"
    return ", ".join(quoted[:-1]) + " en " + quoted[-1] if len(quoted) > 1 else quoted[0]


def check(pages: Iterable[Page], patterns: Iterable[str], names: Names) -> list[ContentError]:
    """One Dutch error per factual paragraph without a citation on a covered page."""
    errors = []
    for report in reports(pages, patterns, names):
        for p in report.missing:
            errors.append(ContentError(
                report.path, p.line, "alinea-zonder-bron",
                f"deze alinea noemt {_listed(p.reasons)}, maar heeft geen bron.",
                "Zet achter de zin die het feit noemt een bron met de woorden uit die bron, zoals "
                "[[bron kamerbrief \"vaak meerdere keren\"]]. Is de alinea een advies aan de lezer, schrijf "
                "hem dan als advies, zonder namen, datums of cijfers. Zie docs/onderbouwing.md."))
    return errors


def names(content: Content, gemeenten: Iterable[str] = ()) -> Names:
    """The names that make a paragraph factual: every partner, every gemeente of the adoption file
    (`gemeenten`) and every gemeente a news item is labelled with."""
    labelled = {g for item in content.news for g in item.gemeenten}
    return Names(partner_names(content.partners.values()), tuple(sorted(labelled | set(gemeenten))))


def adopted_gemeenten(docs_dir: Path, prefix: str, content: Content) -> list[str]:
    """Every gemeente the adoption file lists, valid entry or not."""
    from snp_site.news import adoption

    items = {i.slug: i for i in content.news}
    adopted, _ = adoption.load(docs_dir / ADOPTION_FILE, f"{prefix}/{ADOPTION_FILE}", items, set(items))
    return sorted(adopted.gemeenten) if adopted else []


def check_site(site: Site) -> list[ContentError]:
    """The rule as the build runs it: nothing unless `citations.enforce` is on in mkdocs.yml; errors in
    a strict build, warnings in any other (a draft being previewed is told, not blocked)."""
    options = site.options.citations if site.options is not None else None
    if options is None or not options.enforce:
        return []
    found = check(site.pages.values(), options.pages,
                  names(site.content, adopted_gemeenten(site.docs_dir, site.prefix, site.content)))
    return unless_strict(found, site.strict, log)


def _count(n: int, noun: str) -> str:
    """'1 alinea', '3 alinea's': Dutch plurals of the nouns the report uses."""
    return f"{n} {noun if n == 1 else _PLURAL[noun]}"


_PLURAL = {"alinea": "alinea's", "feitelijke alinea": "feitelijke alinea's", "pagina": "pagina's",
           "fout": "fouten"}


def format_report(found: list[PageReport], patterns: Iterable[str], enforce: bool) -> str:
    """The text `snp onderbouwing` prints: per page the cited paragraphs and the factual ones without."""
    lines = [f"Alinea's met een bron, op de pagina's die de regel dekt ({', '.join(patterns)}).", ""]
    for page in found:
        missing = page.missing
        state = f"{_count(len(missing), 'feitelijke alinea')} zonder bron" if missing else \
            "geen feitelijke alinea zonder bron"
        lines.append(f"{page.path}: {page.cited} van {_count(len(page.paragraphs), 'alinea')} met bron; {state}")
        for p in missing:
            lines.append(f"  regel {p.line}: {p.first_words()} (noemt {_listed(p.reasons)})")
    total = sum(len(p.paragraphs) for p in found)
    cited = sum(p.cited for p in found)
    missing_total = sum(len(p.missing) for p in found)
    lines += ["", f"Totaal: {cited} van {_count(total, 'alinea')} met bron op {_count(len(found), 'pagina')}; "
                  f"{_count(missing_total, 'feitelijke alinea')} zonder bron."]
    lines.append("De regel staat aan (citations: enforce: true): een strikte build weigert elke feitelijke "
                 "alinea zonder bron." if enforce else
                 "De regel staat uit in mkdocs.yml (citations: enforce: false): de build meldt deze alinea's "
                 "nog niet als fout.")
    return "\n".join(lines)


def project_report(docs_dir: Path, root: Path, options: Any) -> str:
    """Load content/ as the build does (without building) and report on it."""
    from snp_site.content.loader import load

    loaded = load(docs_dir, root)
    prefix = docs_dir.resolve().relative_to(root.resolve()).as_posix()
    found = reports(loaded.bodies().values(), options.pages,
                    names(loaded.content, adopted_gemeenten(docs_dir, prefix, loaded.content)))
    text = format_report(found, options.pages, options.enforce)
    if loaded.errors:
        text += (f"\nLet op: de inhoud heeft ook {_count(len(loaded.errors), 'fout')}; "
                 "snp controleer noemt ze.")
    return text
