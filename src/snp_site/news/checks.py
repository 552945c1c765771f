"""Checks that need all news items together: dates too far ahead, one slug twice, unknown gemeenten."""

from __future__ import annotations

import datetime as dt

from snp_site.content.models import NewsItem
from snp_site.content.schema import suggest
from snp_site.dates import PartialDate
from snp_site.errors import ContentError


def a_year_after(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def future_dates(items: list[NewsItem], today: dt.date) -> list[ContentError]:
    """An item may announce something up to a year ahead; further is almost always a typo."""
    limit = a_year_after(today)
    return [ContentError(i.path, i.line_of("date"), "datum-te-ver-vooruit",
                         f"'date' is {i.date.iso()} ({i.date.dutch()}): dat is meer dan een jaar na "
                         f"vandaag ({PartialDate.of(today).dutch()}).",
                         "Controleer het jaartal. Een bericht mag hooguit een jaar vooruit gedateerd zijn.")
            for i in items if i.date.first_day() > limit]


def duplicate_slugs(items: list[NewsItem]) -> tuple[list[ContentError], set[str]]:
    """Two files whose names differ only in the date get one address; the later file is reported."""
    first: dict[str, NewsItem] = {}
    errors, losers = [], set()
    for item in sorted(items, key=lambda i: i.src_uri):
        other = first.setdefault(item.slug, item)
        if other is not item:
            losers.add(item.src_uri)
            errors.append(ContentError(
                item.path, None, "dubbele-slug",
                f"dit bericht heeft dezelfde naam '{item.slug}' als {other.path}; de datum in de "
                "bestandsnaam telt niet mee voor het adres.",
                "Geef een van de twee bestanden een andere naam na de datum, bijvoorbeeld "
                f"{item.src_uri.rsplit('/', 1)[-1].removesuffix('.md')}-2.md."))
    return errors, losers


def unknown_gemeenten(items: list[NewsItem], known: dict[str, int], data_path: str) -> list[ContentError]:
    """With an adoption file, every gemeente tag must be a gemeente that file lists."""
    names = sorted(known)
    return [ContentError(i.path, i.line_of("gemeenten"), "onbekende-gemeente",
                         f"gemeente '{name}' staat niet in {data_path}.",
                         suggest(name, names, "gemeenten")
                         + f" Voeg een nieuwe gemeente eerst toe aan {data_path}.")
            for i in items for name in i.gemeenten if name not in known]
