"""The city offices' calendar: the city's own closed days are read from data, not code."""
from datetime import date

import pytest

from bot.city_calendar import describe_closure, load_calendar, parse_calendar


@pytest.mark.parametrize(
    "day, open_",
    [
        (date(2026, 12, 28), True),  # Monday, the last working day of the year
        (date(2026, 12, 29), False),  # Tuesday, 年末年始
        (date(2026, 12, 31), False),
        (date(2027, 1, 1), False),  # 元日 and 年末年始
        (date(2027, 1, 3), False),
        (date(2027, 1, 4), True),  # Monday, offices open again
        (date(2027, 1, 11), False),  # 成人の日 (a national holiday)
        (date(2026, 11, 28), False),  # Saturday
    ],
)
def test_business_days_of_the_city(day, open_):
    assert load_calendar().is_business_day(day) is open_


def test_the_closure_is_named_and_dated_as_residents_read_it():
    closure = load_calendar().closure_on(date(2027, 1, 2))
    assert describe_closure(closure) == "12月29日（火）～1月3日（日）は年末年始"


def test_a_day_added_in_data_closes_the_offices():
    calendar = parse_calendar(
        {"city_closed": {"yearly": [], "dates": [{"name": "臨時休業", "date": "2027-05-06"}]}}
    )
    assert not calendar.is_business_day(date(2027, 5, 6))
    assert calendar.is_business_day(date(2027, 5, 7))
    assert describe_closure(calendar.closure_on(date(2027, 5, 6))) == "5月6日（木）は臨時休業"


@pytest.mark.parametrize(
    "raw",
    [
        {"city_closed": {"yearly": [{"name": "x", "from": "13-01", "to": "01-03"}]}},
        {"city_closed": {"yearly": [{"name": "x", "from": "12/29", "to": "01-03"}]}},
        {"city_closed": {"dates": [{"name": "x", "date": "2027-02-30"}]}},
    ],
)
def test_a_malformed_calendar_is_refused_with_the_place_named(raw):
    with pytest.raises(ValueError, match="x"):
        parse_calendar(raw)


def test_the_yearly_closure_is_described_for_the_hours_answer():
    assert load_calendar().yearly_text() == "年末年始（12月29日～1月3日）"
