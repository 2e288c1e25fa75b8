"""「今電話つながりますか？」: opening hours in Japan time, weekends and public holidays."""
from datetime import datetime, timezone

import pytest

from bot.phone_windows import JAPAN, format_moment, inquiry_windows, status_at


def windows():
    city, call_center = inquiry_windows()
    return city, call_center


def jst(*args) -> datetime:
    return datetime(*args, tzinfo=JAPAN)


@pytest.mark.parametrize(
    "now, city_open, call_center_open",
    [
        (jst(2026, 11, 25, 10, 0), True, True),  # Wednesday morning
        (jst(2026, 11, 25, 8, 45), True, False),  # city opens 8:30, call center 9:00
        (jst(2026, 11, 25, 17, 15), False, True),  # city closes at 17:15 sharp
        (jst(2026, 11, 25, 20, 0), False, False),  # call center closes at 20:00
        (jst(2026, 11, 28, 11, 0), False, True),  # Saturday: city closed
        (jst(2026, 11, 23, 11, 0), False, True),  # Monday, 勤労感謝の日
        (jst(2027, 1, 1, 11, 0), False, True),  # 元日
    ],
)
def test_which_windows_are_open(now, city_open, call_center_open):
    city, call_center = windows()
    assert status_at(city, now).is_open is city_open
    assert status_at(call_center, now).is_open is call_center_open


def test_next_opening_skips_weekend_and_holiday():
    city, _ = windows()
    # Friday 2026-11-20 evening; Monday 11-23 is a public holiday.
    status = status_at(city, jst(2026, 11, 20, 18, 0))
    assert status.next_open == jst(2026, 11, 24, 8, 30)


def test_next_opening_later_today():
    city, _ = windows()
    status = status_at(city, jst(2026, 11, 25, 7, 0))
    assert status.next_open == jst(2026, 11, 25, 8, 30)


def test_no_next_opening_is_guessed_where_the_days_are_not_announced():
    _, call_center = windows()
    assert status_at(call_center, jst(2026, 11, 28, 21, 0)).next_open is None


@pytest.mark.parametrize(
    "now, city_open",
    [
        (jst(2026, 12, 28, 17, 0), True),
        (jst(2026, 12, 29, 10, 0), False),
        (jst(2027, 1, 4, 8, 29), False),
        (jst(2027, 1, 4, 8, 30), True),
    ],
)
def test_the_city_window_keeps_the_new_year_closure(now, city_open):
    city, _ = windows()
    status = status_at(city, now)
    assert status.is_open is city_open
    if not city_open:
        assert status.next_open == jst(2027, 1, 4, 8, 30)


def test_time_is_read_in_japan_whatever_the_server_clock():
    city, _ = windows()
    # 01:00 UTC is 10:00 in Japan.
    assert status_at(city, datetime(2026, 11, 25, 1, 0, tzinfo=timezone.utc)).is_open


@pytest.mark.parametrize(
    "moment, now, shown",
    [
        (jst(2026, 11, 25, 9, 0), jst(2026, 11, 25, 7, 0), "本日9時"),
        (jst(2026, 11, 26, 8, 30), jst(2026, 11, 25, 18, 0), "明日11月26日（木）8時30分"),
        (jst(2026, 11, 24, 8, 30), jst(2026, 11, 20, 18, 0), "11月24日（火）8時30分"),
    ],
)
def test_moments_read_naturally(moment, now, shown):
    assert format_moment(moment, now) == shown
