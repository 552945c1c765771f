"""Dates as editors write them (2017-06-23, or 2018-01 when only the month is known).

The one place where Dutch month names live and where a date becomes text. A month-only
date stays month-only all the way to the page: we never invent a day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import re
from dataclasses import dataclass

MONTHS_NL = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
             "september", "oktober", "november", "december")

_PATTERN = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


class DateProblem(ValueError):
    """A date that cannot be right; the message is Dutch and names what is wrong."""


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date whose day may be unknown. Sorts a month-only date before its days."""

    year: int
    month: int
    day: int | None = None

    @classmethod
    def of(cls, day: dt.date) -> PartialDate:
        return cls(day.year, day.month, day.day)

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month, self.day or 0)

    def first_day(self) -> dt.date:
        """The date a feed or sitemap needs; for a month-only date the first of the month."""
        return dt.date(self.year, self.month, self.day or 1)

    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")

    def dutch(self) -> str:
        """'23 juni 2017', or 'januari 2018' when the day is unknown."""
        month = MONTHS_NL[self.month - 1]
        return f"{self.day} {month} {self.year}" if self.day else f"{month} {self.year}"


def parse_date(value: str) -> PartialDate:
    """Read YYYY-MM-DD or YYYY-MM; raise DateProblem with a Dutch reason otherwise."""
    match = _PATTERN.match(value.strip())
    if not match:
        raise DateProblem("dat is geen datum in de vorm jaar-maand-dag")
    year, month = int(match[1]), int(match[2])
    if not 1 <= month <= 12:
        raise DateProblem(f"maand {month} bestaat niet")
    if year < 1900:
        raise DateProblem(f"het jaar {year} is niet mogelijk")
    if match[3] is None:
        return PartialDate(year, month)
    day = int(match[3])
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DateProblem(f"{MONTHS_NL[month - 1]} {year} heeft geen dag {day}")
    return PartialDate(year, month, day)


def today() -> PartialDate:
    """The day the build stands for (build_date), as a date editors read."""
    return PartialDate.of(build_date().date())


def build_date() -> dt.datetime:
    """The moment a build stands for: SOURCE_DATE_EPOCH when set, so builds are reproducible; else the
    start of today (UTC). Every date a reader sees is a day, and a moment that changed every second
    made each preview rebuild (`properdocs serve` without make) a new toolkit and new documents that
    no cache entry could answer."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    return dt.datetime.now(tz=dt.timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
