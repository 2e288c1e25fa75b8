"""The city offices' calendar: weekends, national holidays and the city's own closed days.

National holidays come from the maintained `holidays` package; the city's own closed
days (年末年始, a temporary closure) from data/calendar.yml, so the city can add a day
without touching code.
"""
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Optional, Tuple

import holidays
import yaml

from bot.facts import REPO_ROOT, TRANSLATED
from bot.language import ENGLISH, JAPANESE

CALENDAR_FILE = REPO_ROOT / "data" / "calendar.yml"
WEEKDAY_NAMES = "月火水木金土日"
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")


def english_day_month(month: int, day: int) -> str:
    """「12月29日」 in English: "29 December"."""
    return f"{day} {MONTHS_EN[month - 1]}"


def name_in(name: str, names: Tuple[Tuple[str, str], ...], language: str) -> str:
    """A closure's name in `language`, where the calendar file gives one; else Japanese."""
    return dict(names).get(language, name)


@dataclass(frozen=True)
class Closure:
    """A run of days the city offices are closed, as residents are told about it."""

    name: str
    first: date
    last: date
    # The name in the other answer languages, where the calendar file gives it.
    names: Tuple[Tuple[str, str], ...] = ()

    def name_in(self, language: str) -> str:
        return name_in(self.name, self.names, language)

    def covers(self, day: date) -> bool:
        return self.first <= day <= self.last


@dataclass(frozen=True)
class YearlyClosure:
    name: str
    start: Tuple[int, int]  # (month, day)
    end: Tuple[int, int]
    # The name in the other answer languages ("easy", "en"), where the file gives it.
    names: Tuple[Tuple[str, str], ...] = ()

    def in_year(self, year: int) -> Closure:
        """The closure that starts in `year` (it may end in the next one)."""
        first = date(year, *self.start)
        last = date(year, *self.end)
        if last < first:
            last = date(year + 1, *self.end)
        return Closure(self.name, first, last, self.names)

    def describe(self, language: str = JAPANESE) -> str:
        name = name_in(self.name, self.names, language)
        if language == ENGLISH:
            return f"{name} ({english_day_month(*self.start)} – {english_day_month(*self.end)})"
        return f"{name}（{self.start[0]}月{self.start[1]}日～{self.end[0]}月{self.end[1]}日）"


@dataclass(frozen=True)
class CityCalendar:
    yearly: Tuple[YearlyClosure, ...]
    dates: Tuple[Closure, ...]

    def closures_near(self, day: date) -> Iterator[Closure]:
        # A yearly closure that covers `day` started this year or the year before.
        for rule in self.yearly:
            yield rule.in_year(day.year - 1)
            yield rule.in_year(day.year)
        yield from self.dates

    def closure_on(self, day: date) -> Optional[Closure]:
        return next((c for c in self.closures_near(day) if c.covers(day)), None)

    def next_closure(self, after: date, within_days: int) -> Optional[Closure]:
        """The first closure starting in (after, after + within_days]."""
        last_day = after + timedelta(days=within_days)
        starting = [c for c in self.closures_near(last_day) if after < c.first <= last_day]
        return min(starting, key=lambda c: c.first, default=None)

    def is_business_day(self, day: date) -> bool:
        return (
            day.weekday() < 5
            and day not in holidays.country_holidays("JP", years=day.year)
            and self.closure_on(day) is None
        )

    def yearly_text(self, language: str = JAPANESE) -> str:
        return (", " if language == ENGLISH else "、").join(rule.describe(language) for rule in self.yearly)


def _month_day(text: str, where: str) -> Tuple[int, int]:
    try:
        month, day = (int(part) for part in str(text).split("-"))
        date(2000, month, day)  # a leap year: 02-29 is a valid yearly day
    except ValueError:
        raise ValueError(f"{where}: '{text}' is not a month and day (MM-DD)") from None
    return month, day


def parse_calendar(raw: dict) -> CityCalendar:
    closed = (raw or {}).get("city_closed") or {}
    yearly = tuple(
        YearlyClosure(
            name=str(entry["name"]),
            start=_month_day(entry["from"], f"yearly closure {entry['name']}"),
            end=_month_day(entry["to"], f"yearly closure {entry['name']}"),
            names=tuple((language, str(entry[language])) for language in TRANSLATED if language in entry),
        )
        for entry in closed.get("yearly") or []
    )
    dates = []
    for entry in closed.get("dates") or []:
        try:
            day = date.fromisoformat(str(entry["date"]))
        except ValueError:
            raise ValueError(f"closed day {entry['name']}: '{entry['date']}' is not YYYY-MM-DD") from None
        dates.append(Closure(str(entry["name"]), day, day))
    return CityCalendar(yearly, tuple(dates))


@lru_cache(maxsize=None)
def load_calendar(path: Path = CALENDAR_FILE) -> CityCalendar:
    return parse_calendar(yaml.safe_load(Path(path).read_text(encoding="utf-8")))


def format_day(day: date, language: str = JAPANESE) -> str:
    if language == ENGLISH:
        return f"{day.strftime('%a')} {day.day} {MONTHS_EN[day.month - 1][:3]}"
    return f"{day.month}月{day.day}日（{WEEKDAY_NAMES[day.weekday()]}）"


def describe_closure(closure: Closure, language: str = JAPANESE) -> str:
    name = closure.name_in(language)
    days = (format_day(closure.first, language) if closure.first == closure.last else
            f"{format_day(closure.first, language)}{' – ' if language == ENGLISH else '～'}"
            f"{format_day(closure.last, language)}")
    return f"{days} ({name})" if language == ENGLISH else f"{days}は{name}"
