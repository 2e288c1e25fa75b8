"""Read a birth date the way residents and the city's exports write it. Pure functions.

Western: 1950-01-02, 1950/1/2, 1950年1月2日, 1950.1.2, 19500102.
Japanese: 昭和25年1月2日, S25.1.2, 平成元年2月1日, 昭和二十五年一月二日, with 明治・大正・
昭和・平成・令和 and their letters M/T/S/H/R; full-width digits.
English: Jan 2 1950, January 2, 1950, 2 Jan 1950, 2nd of January 1950; day and month
by numbers (25/12/1950, 12/25/1950) only when they cannot be swapped: 2/1/1950 could be
either, and is refused so that the resident is asked again.
"""
import re
import unicodedata
from datetime import date
from typing import Optional

from bot.kanji_numbers import KANJI_NUMBER, kanji_to_int

# (name, letter, first day). An era's last day is the next era's first day: on the
# two days the era changed mid-day (1912-07-30, 1926-12-25) both names are in use.
ERAS = [
    ("明治", "m", date(1868, 10, 23)),
    ("大正", "t", date(1912, 7, 30)),
    ("昭和", "s", date(1926, 12, 25)),
    ("平成", "h", date(1989, 1, 8)),
    ("令和", "r", date(2019, 5, 1)),
]
EARLIEST = ERAS[0][2]

_ERA_DATE = re.compile(
    r"^(?P<era>明治|大正|昭和|平成|令和|[mtshr])\.?(?P<year>元|\d{1,2})"
    r"(?:年|[./\-])(?P<month>\d{1,2})(?:月|[./\-])(?P<day>\d{1,2})日?$"
)
_WESTERN_DATE = re.compile(
    r"^(?P<year>\d{4})(?:年|[./\-])(?P<month>\d{1,2})(?:月|[./\-])(?P<day>\d{1,2})日?$"
)
_COMPACT_DATE = re.compile(r"^(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})$")
MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_ENGLISH_DATES = (
    re.compile(rf"^{_MONTH}\s*{_DAY},?\s*(?P<year>\d{{4}})$"),
    re.compile(rf"^{_DAY}\s*(?:of\s+)?{_MONTH},?\s*(?P<year>\d{{4}})$"),
)
_NUMERIC_DAY_MONTH = re.compile(r"^(?P<a>\d{1,2})[/.\-](?P<b>\d{1,2})[/.\-](?P<year>\d{4})$")


class BirthdateError(ValueError):
    """The text is not a readable birth date; the message never contains the text."""


class AmbiguousDate(BirthdateError):
    """Day and month by numbers that could be swapped (2/1/1950): the resident is asked."""


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = re.sub(r"\s+|生まれ|うまれ", "", text)
    return KANJI_NUMBER.sub(lambda m: str(kanji_to_int(m.group(0))), text)


def _era(name: str):
    for index, (era_name, letter, first_day) in enumerate(ERAS):
        if name in (era_name, letter):
            next_first = ERAS[index + 1][2] if index + 1 < len(ERAS) else None
            return first_day, next_first
    raise BirthdateError("unknown era")


def _date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise BirthdateError("no such day") from None


def _english(text: str) -> Optional[date]:
    """A date written in English, None if the text is not one; BirthdateError if it is
    one whose day and month cannot be told apart."""
    words = " ".join(unicodedata.normalize("NFKC", text or "").casefold().split())
    for pattern in _ENGLISH_DATES:
        match = pattern.match(words)
        if match:
            return _date(int(match["year"]), MONTH_NAMES.index(match["month"]) + 1, int(match["day"]))
    match = _NUMERIC_DAY_MONTH.match(words)
    if not match:
        return None
    first, second = int(match["a"]), int(match["b"])
    if first <= 12 and second <= 12 and first != second:
        raise AmbiguousDate("day and month ambiguous")
    day, month = (first, second) if first > 12 else (second, first)
    return _date(int(match["year"]), month, day)


def parse_birthdate(text: str, today: Optional[date] = None) -> date:
    born = _english(text)
    if born is not None:
        return _checked(born, today)
    cleaned = _clean(text)
    match = _ERA_DATE.match(cleaned)
    if match:
        first_day, next_first = _era(match["era"])
        era_year = 1 if match["year"] == "元" else int(match["year"])
        if era_year < 1:
            raise BirthdateError("era year 0")
        born = _date(first_day.year + era_year - 1, int(match["month"]), int(match["day"]))
        if born < first_day or (next_first and born > next_first):
            raise BirthdateError("date outside its era")
    else:
        match = _WESTERN_DATE.match(cleaned) or _COMPACT_DATE.match(cleaned)
        if not match:
            raise BirthdateError("not a date")
        born = _date(int(match["year"]), int(match["month"]), int(match["day"]))
    return _checked(born, today)


def is_ambiguous(text: str) -> bool:
    """Whether the text is a date whose day and month cannot be told apart."""
    try:
        _english(text)
    except AmbiguousDate:
        return True
    except BirthdateError:
        return False
    return False


def _checked(born: date, today: Optional[date]) -> date:
    if born < EARLIEST or born > (today or date.today()):
        raise BirthdateError("not a possible birth date")
    return born


def to_japanese_era(born: date, letters: bool = False) -> str:
    """1950-01-02 → '昭和25年1月2日' (or 'S25.1.2'); 元年 for an era's first year."""
    name, letter, first_day = next(era for era in reversed(ERAS) if born >= era[2])
    year = born.year - first_day.year + 1
    if letters:
        return f"{letter.upper()}{year}.{born.month}.{born.day}"
    shown_year = "元" if year == 1 else str(year)
    return f"{name}{shown_year}年{born.month}月{born.day}日"
