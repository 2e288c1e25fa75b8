"""Which inquiry windows answer the phone at a given moment in Japan (pure logic).

Hours come from the current facts (bot.facts.live). The city window keeps the city offices' calendar
(bot.city_calendar: weekends, national holidays, 年末年始). The special call center's
days are not announced: for it only the hours are known, and nothing is said about
which day it next opens.
"""
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Dict, List, Optional, Tuple
from zoneinfo import ZoneInfo

from bot.city_calendar import Closure, describe_closure, format_day, load_calendar
from bot.facts import current_facts
from bot.language import ENGLISH, JAPANESE

JAPAN = ZoneInfo("Asia/Tokyo")
# How far ahead to look for the next opening; covers Golden Week and New Year.
SEARCH_DAYS = 14
# An open window mentions a city closure starting within this many days.
CLOSURE_NOTICE_DAYS = 7
DAYS_KINDS = ("city_calendar", "not_announced")


@dataclass(frozen=True)
class Window:
    prefix: str
    opens: time
    closes: time
    # "city_calendar": open on the city's business days. "not_announced": the
    # announcement gives only the hours, so only the hours are applied.
    days: str

    @property
    def days_known(self) -> bool:
        return self.days == "city_calendar"


@dataclass(frozen=True)
class WindowStatus:
    window: Window
    # Within the hours now (for a window whose days are not announced: by the clock only).
    is_open: bool
    closes_at: Optional[datetime]
    # The next opening; None where the days are not announced.
    next_open: Optional[datetime]
    # The city closure that keeps the window closed now, or that starts soon while it is open.
    closure: Optional[Closure] = None


def _window(prefix: str) -> Window:
    hours = current_facts()[f"{prefix}_hours"].extra
    if hours.get("days") not in DAYS_KINDS:
        raise ValueError(f"{prefix}_hours: days must be one of {DAYS_KINDS}")
    return Window(
        prefix=prefix,
        opens=time.fromisoformat(hours["opens"]),
        closes=time.fromisoformat(hours["closes"]),
        days=hours["days"],
    )


def inquiry_windows() -> List[Window]:
    return [_window("city_window"), _window("call_center")]


def _within_hours(window: Window, now: datetime) -> bool:
    return window.opens <= now.time() < window.closes


def status_at(window: Window, now: datetime) -> WindowStatus:
    now = now.astimezone(JAPAN)
    today = now.date()
    if not window.days_known:
        closes_at = datetime.combine(today, window.closes, tzinfo=JAPAN)
        is_open = _within_hours(window, now)
        return WindowStatus(window, is_open, closes_at if is_open else None, None)
    calendar = load_calendar()
    if calendar.is_business_day(today) and _within_hours(window, now):
        closes_at = datetime.combine(today, window.closes, tzinfo=JAPAN)
        soon = calendar.next_closure(today, CLOSURE_NOTICE_DAYS)
        return WindowStatus(window, True, closes_at, None, soon)
    for offset in range(SEARCH_DAYS + 1):
        day = today + timedelta(days=offset)
        opening = datetime.combine(day, window.opens, tzinfo=JAPAN)
        if calendar.is_business_day(day) and opening > now:
            closure = calendar.closure_on(today) or calendar.next_closure(today, offset)
            return WindowStatus(window, False, None, opening, closure)
    return WindowStatus(window, False, None, None, calendar.closure_on(today))


def now_in_japan() -> datetime:
    return datetime.now(JAPAN)


def format_clock(moment: datetime, language: str = JAPANESE) -> str:
    if language == ENGLISH:
        return f"{moment.hour}:{moment.minute:02d}"
    return f"{moment.hour}時{moment.minute}分" if moment.minute else f"{moment.hour}時"


def format_moment(moment: datetime, now: datetime, language: str = JAPANESE) -> str:
    today = now.astimezone(JAPAN).date()
    clock = format_clock(moment, language)
    if language == ENGLISH:
        day = ("today" if moment.date() == today else "tomorrow, " + format_day(moment.date(), language)
               if moment.date() == today + timedelta(days=1) else format_day(moment.date(), language))
        return f"{clock} {day}"
    if moment.date() == today:
        return f"本日{clock}"
    tomorrow = "明日" if moment.date() == today + timedelta(days=1) else ""
    return f"{tomorrow}{format_day(moment.date())}{clock}"


def status_messages(now: datetime, language: str = JAPANESE) -> List[Tuple[str, Dict[str, str]]]:
    """What to say about each inquiry window at `now`: a response's name and the values
    for its {placeholders}, in the answer's language. The chat's action and the staff
    tool both say this."""
    messages: List[Tuple[str, Dict[str, str]]] = []
    facts = current_facts()
    for window in inquiry_windows():
        status = status_at(window, now)
        names = {"window": facts[f"{window.prefix}_name"].value_in(language),
                 "phone": facts[f"{window.prefix}_phone"].value_in(language),
                 "hours": facts[f"{window.prefix}_hours"].value_in(language)}
        if not window.days_known:
            messages.append((f"utter_window_hours_only_{'open' if status.is_open else 'closed'}", names))
            continue
        if status.is_open:
            messages.append(("utter_window_open", dict(names, closes=format_clock(status.closes_at, language))))
        elif status.next_open is None:
            messages.append(("utter_window_closed_no_date", names))
        else:
            messages.append(("utter_window_closed",
                             dict(names, next_open=format_moment(status.next_open, now, language))))
        if status.closure is not None:
            messages.append(("utter_city_closure", {"closure": describe_closure(status.closure, language)}))
    return messages
