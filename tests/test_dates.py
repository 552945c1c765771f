"""The date parser and Dutch formatting: a table of cases plus generated inputs."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from snp_site.dates import DateProblem, PartialDate, build_date, parse_date


@pytest.mark.parametrize(("text", "dutch"), [
    ("2017-06-23", "23 juni 2017"),
    ("2017-02-10", "10 februari 2017"),
    ("2018-01", "januari 2018"),
    ("2017-12", "december 2017"),
    ("2016-02-29", "29 februari 2016"),
    (" 2017-03-01 ", "1 maart 2017"),
])
def test_valid_dates_in_dutch(text: str, dutch: str) -> None:
    assert parse_date(text).dutch() == dutch


@pytest.mark.parametrize(("text", "reason"), [
    ("2017-02-30", "februari 2017 heeft geen dag 30"),
    ("2017-02-29", "februari 2017 heeft geen dag 29"),
    ("2018-13", "maand 13 bestaat niet"),
    ("2018-00", "maand 0 bestaat niet"),
    ("2018-01-00", "januari 2018 heeft geen dag 0"),
    ("23 juni 2017", "dat is geen datum in de vorm jaar-maand-dag"),
    ("2018", "dat is geen datum in de vorm jaar-maand-dag"),
    ("2018-1-5", "dat is geen datum in de vorm jaar-maand-dag"),
    ("0999-01-01", "het jaar 999 is niet mogelijk"),
])
def test_impossible_dates_say_why(text: str, reason: str) -> None:
    with pytest.raises(DateProblem, match=reason):
        parse_date(text)


def test_month_only_sorts_before_days_of_that_month() -> None:
    items = [parse_date("2018-01-15"), parse_date("2018-01"), parse_date("2017-12-31")]
    assert [d.iso() for d in sorted(items, key=PartialDate.sort_key)] == ["2017-12-31", "2018-01", "2018-01-15"]


@given(st.dates(min_value=dt.date(1900, 1, 1)))
def test_every_real_date_round_trips(day: dt.date) -> None:
    parsed = parse_date(day.isoformat())
    assert parsed.first_day() == day and parsed.iso() == day.isoformat()


@given(st.text(max_size=20))
def test_any_text_is_a_date_or_a_dutch_problem(text: str) -> None:
    try:
        parse_date(text)
    except DateProblem as exc:
        assert str(exc)


def test_without_source_date_epoch_a_build_stands_for_today_not_this_second(monkeypatch: pytest.MonkeyPatch) -> None:
    # A preview rebuilds after every save: a moment that moved every second gave each rebuild a new
    # toolkit and new documents (their dates are part of what the cache keys on).
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    moment = build_date()
    assert moment == dt.datetime.combine(dt.datetime.now(tz=dt.timezone.utc).date(), dt.time(), dt.timezone.utc)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1500000000")
    assert build_date() == dt.datetime(2017, 7, 14, 2, 40, tzinfo=dt.timezone.utc)
