"""Time order of news items: the one sort rule that the timeline, item pages and feed share.

Newest first. A month-only item counts as the start of its month: it sorts below every item
with a day in that month (also below one on the 1st), which matches its feed date, the first of
the month. Items with the same date sort by slug, so the order never depends on the file system.
See docs/nieuws-volgorde.md.
"""

from __future__ import annotations

from collections.abc import Iterable

from snp_site.content.models import NewsItem


def newest_first(items: Iterable[NewsItem]) -> list[NewsItem]:
    by_slug = sorted(items, key=lambda i: i.slug)
    return sorted(by_slug, key=lambda i: i.date.sort_key(), reverse=True)


def by_year(ordered: list[NewsItem]) -> list[tuple[int, list[NewsItem]]]:
    """Groups of a newest-first list, newest year first."""
    groups: list[tuple[int, list[NewsItem]]] = []
    for item in ordered:
        if not groups or groups[-1][0] != item.date.year:
            groups.append((item.date.year, []))
        groups[-1][1].append(item)
    return groups


def neighbours(ordered: list[NewsItem], i: int) -> tuple[NewsItem | None, NewsItem | None]:
    """(older, newer) of the item at index i of a newest-first list."""
    older = ordered[i + 1] if i + 1 < len(ordered) else None
    newer = ordered[i - 1] if i > 0 else None
    return older, newer
