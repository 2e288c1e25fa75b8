"""Birth dates in the western and the Japanese calendar."""
from datetime import date

import pytest
from hypothesis import given, settings, strategies as st

from bot.birthdate import BirthdateError, is_ambiguous, parse_birthdate, to_japanese_era
from tests.variants import typed_birthdate

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    "text",
    ["1950-01-02", "1950/1/2", "1950年1月2日", "1950.1.2", "19500102", "昭和25年1月2日",
     "S25.1.2", "s25/1/2", "昭和二十五年一月二日", "１９５０年１月２日", "Ｓ２５．１．２",
     "昭和 25年 1月 2日生まれ"],
)
def test_one_day_written_many_ways(text):
    assert parse_birthdate(text, TODAY) == date(1950, 1, 2)


@pytest.mark.parametrize(
    "text, expected",
    [("平成元年2月1日", date(1989, 2, 1)), ("H1.2.1", date(1989, 2, 1)),
     ("令和元年5月1日", date(2019, 5, 1)), ("大正15年12月25日", date(1926, 12, 25)),
     ("昭和元年12月25日", date(1926, 12, 25)), ("昭和64年1月7日", date(1989, 1, 7)),
     ("明治45年7月30日", date(1912, 7, 30))],
)
def test_era_years_and_boundaries(text, expected):
    assert parse_birthdate(text, TODAY) == expected


@pytest.mark.parametrize(
    "text",
    ["", "あした", "昭和25年", "1950/2/30", "1950/13/1", "2099/1/1", "昭和64年1月9日",
     "平成32年1月1日", "令和0年1月1日", "大正16年1月1日", "1800/1/1", "12/31", "<b>1950/1/2</b>"],
)
def test_unreadable_or_impossible_dates_are_refused(text):
    with pytest.raises(BirthdateError) as error:
        parse_birthdate(text, TODAY)
    assert text not in str(error.value) or text == ""


@settings(max_examples=400, deadline=None)
@given(st.dates(min_value=date(1912, 7, 30), max_value=TODAY), st.randoms(use_true_random=False))
def test_every_way_of_writing_a_date_reads_back(born, rng):
    assert parse_birthdate(typed_birthdate(born, rng), TODAY) == born


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1868, 10, 23), max_value=TODAY))
def test_japanese_era_round_trip(born):
    assert parse_birthdate(to_japanese_era(born), TODAY) == born
    assert parse_birthdate(to_japanese_era(born, letters=True), TODAY) == born


@pytest.mark.parametrize("text", ["Jan 2 1950", "January 2, 1950", "2 Jan 1950", "2nd of January 1950",
                                  "jan. 2 1950", "  JANUARY 2 1950 ", "1950-01-02", "2 January 1950"])
def test_english_dates_are_read(text):
    assert parse_birthdate(text) == date(1950, 1, 2)


@pytest.mark.parametrize("text, expected", [("25/12/1950", date(1950, 12, 25)), ("12/25/1950", date(1950, 12, 25)),
                                            ("1/1/1950", date(1950, 1, 1))])
def test_day_and_month_by_numbers_only_when_they_cannot_be_swapped(text, expected):
    assert parse_birthdate(text) == expected


@pytest.mark.parametrize("text", ["2/1/1950", "01-02-1950", "Jan 32 1950", "Smarch 2 1950", "2 Jan 19500"])
def test_a_date_that_could_be_two_days_or_none_is_refused_so_the_resident_is_asked(text):
    with pytest.raises(BirthdateError):
        parse_birthdate(text)


def test_only_a_swappable_day_and_month_is_called_ambiguous():
    assert is_ambiguous("2/1/1950") and is_ambiguous("10-06-1983")
    assert not any(is_ambiguous(text) for text in ("25/12/1950", "1/1/1950", "Jan 2 1950", "昭和25年1月2日", ""))
