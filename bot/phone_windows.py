"""Which inquiry windows answer the phone at a given moment in Japan (pure logic).

Hours come from data/facts.yml; public holidays from the maintained `holidays`
library, so nobody has to type next year's holidays by hand.
"""
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import List, Optional
from zoneinfo import ZoneInfo

import holidays

from bot.facts import load_facts

JAPAN = ZoneInfo("Asia/Tokyo")
WEEKDAY_NAMES = "月火水木金土日"
# How far ahead to look for the next opening; covers Golden Week and New Year.
SEARCH_DAYS = 14


@dataclass(frozen=True)
class Window:
    name_fact: str
    phone_fact: str
    opens: time
    closes: time
    # True: weekdays only (no weekends or public holidays). None: the announcement
    # does not say which days, so only the hours are applied.
    weekdays_only: Optional[bool]

    @property
    def name(self) -> str:
        return load_facts()[self.name_fact].value

    @property
    def phone(self) -> str:
        return load_facts()[self.phone_fact].value


@dataclass(frozen=True)
class WindowStatus:
    window: Window
    is_open: bool
    closes_at: Optional[datetime]
    next_open: Optional[datetime]


def _window(prefix: str) -> Window:
    hours = load_facts()[f"{prefix}_hours"].extra
    return Window(
        name_fact=f"{prefix}_name",
        phone_fact=f"{prefix}_phone",
        opens=time.fromisoformat(hours["opens"]),
        closes=time.fromisoformat(hours["closes"]),
        weekdays_only=hours["weekdays_only"],
    )


def inquiry_windows() -> List[Window]:
    return [_window("city_window"), _window("call_center")]


def is_japanese_business_day(day: date) -> bool:
    return day.weekday() < 5 and day not in holidays.country_holidays("JP", years=day.year)


def _open_on(window: Window, day: date) -> bool:
    return not window.weekdays_only or is_japanese_business_day(day)


def status_at(window: Window, now: datetime) -> WindowStatus:
    now = now.astimezone(JAPAN)
    today = now.date()
    if _open_on(window, today) and window.opens <= now.time() < window.closes:
        closes_at = datetime.combine(today, window.closes, tzinfo=JAPAN)
        return WindowStatus(window, True, closes_at, None)
    for offset in range(SEARCH_DAYS + 1):
        day = today + timedelta(days=offset)
        opening = datetime.combine(day, window.opens, tzinfo=JAPAN)
        if _open_on(window, day) and opening > now:
            return WindowStatus(window, False, None, opening)
    return WindowStatus(window, False, None, None)


def now_in_japan() -> datetime:
    return datetime.now(JAPAN)


def format_clock(moment: datetime) -> str:
    return f"{moment.hour}時{moment.minute}分" if moment.minute else f"{moment.hour}時"


def format_moment(moment: datetime, now: datetime) -> str:
    if moment.date() == now.astimezone(JAPAN).date():
        return f"本日{format_clock(moment)}"
    if moment.date() == now.astimezone(JAPAN).date() + timedelta(days=1):
        day = "明日"
    else:
        day = ""
    weekday = WEEKDAY_NAMES[moment.weekday()]
    return f"{day}{moment.month}月{moment.day}日（{weekday}）{format_clock(moment)}"
