"""The audit of issue 24 (docs/onderbouwing-audit.md) against content/ as it is now.

Phase B of the audit claims to list every citation in content/. Citations added later (a new
source, a corrected sentence) must get their row too, or the audit a reader checks is silently
incomplete; this test names each one that is missing or no longer in content.
"""

from __future__ import annotations

import re
from collections import Counter

from helpers import ROOT

AUDIT = ROOT / "docs" / "onderbouwing-audit.md"
CITATION = re.compile(r'\[\[bron\s+(\S+)\s+"([^"]*)"\s*\]\]')
ROW = re.compile(r"^\| B\d+ \| ([^|]+) \|.*\| `([^`]+)` \| \"(.*)\" \|$")


def words(text: str) -> str:
    return " ".join(text.split())


def cited_in_content() -> Counter[tuple[str, str, str]]:
    """(page, source key, quote or place) of every [[bron ...]] in content/."""
    found: Counter[tuple[str, str, str]] = Counter()
    for path in sorted((ROOT / "content").rglob("*.md")):
        page = path.relative_to(ROOT / "content").with_suffix("").as_posix()
        for key, quote in CITATION.findall(path.read_text(encoding="utf-8")):
            found[(page, key, words(quote))] += 1
    return found


def listed_in_audit() -> tuple[Counter[tuple[str, str, str]], int]:
    """The rows of phase B, and the number of citations its text says it lists."""
    phase_b = AUDIT.read_text(encoding="utf-8").split("## Fase B", 1)[1]
    rows: Counter[tuple[str, str, str]] = Counter()
    for line in phase_b.splitlines():
        match = ROW.match(line)
        if match:
            rows[(match.group(1).strip(), match.group(2), words(match.group(3)))] += 1
    claimed = int(re.search(r"^(\d+) bronvermeldingen op \d+ pagina's", phase_b, re.M).group(1))
    return rows, claimed


def test_phase_b_of_the_audit_lists_every_citation_in_content() -> None:
    content, (audit, claimed) = cited_in_content(), listed_in_audit()
    assert content, "no [[bron ...]] found in content/"
    missing = sorted(content - audit)
    stale = sorted(audit - content)
    assert not missing, f"citations without a row in phase B: {missing}"
    assert not stale, f"rows in phase B for citations no longer in content/: {stale}"
    assert claimed == sum(audit.values()), f"the audit says {claimed}, its table has {sum(audit.values())}"
