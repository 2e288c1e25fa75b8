"""What a proposed version of a fact must pass before it can be proposed or approved.

Each problem is a key of `fact_checks` in data/staff.yml (a Japanese sentence for
the editor); no problem, no change. The templates that use the fact are rendered with
the new value, so an answer that would break or outgrow a LINE message is caught here.
"""
import re
from datetime import date, time
from typing import Dict, Iterable, List, Mapping, Optional

from bot.facts import Fact
from bot.phone_windows import DAYS_KINDS
from bot.render import UnknownFactError, facts_named, fill_facts, template_values

# A value is one line of an answer read on a phone.
MAX_VALUE_CHARS = 300
MAX_SOURCE_CHARS = 2_000
# LINE's limit for one text message.
MAX_ANSWER_CHARS = 5_000
# An answer longer than this takes more than two screens of a 360 px phone.
MAX_SCREEN_CHARS = 600
# Markup or script has no place in a fact: answers are plain text on every channel, and
# braces are Rasa's placeholders.
MARKUP = re.compile(r"[<>{}]|javascript:|&#|&[a-z]+;", re.IGNORECASE)
# Hyphenated as the announcement writes them (and as the LINE channel finds them in an
# answer). Mobile, IP (050) and 0800 numbers have eleven digits; fixed lines, 0120 and
# 0570 numbers ten.
PHONE_NUMBER = re.compile(r"0\d{1,4}-\d{1,4}-\d{3,4}")
ELEVEN_DIGITS = ("070", "080", "090", "050", "0800")
EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")
SHOWN_TIME = re.compile(r"(\d+)時(?:(\d+)分)?")
# No announcement of this incident predates the theft it reports.
EARLIEST_AS_OF = date(2016, 1, 1)


def _clock(raw: object) -> Optional[time]:
    return time.fromisoformat(str(raw)) if re.fullmatch(r"\d{2}:\d{2}", str(raw)) else None


def _hours_problems(fact: Fact) -> List[str]:
    opens, closes = _clock(fact.extra.get("opens")), _clock(fact.extra.get("closes"))
    if opens is None or closes is None:
        return ["hours_unreadable"]
    if not opens < closes:
        return ["hours_order"]
    problems = []
    shown = [(int(hour), int(minute or 0)) for hour, minute in SHOWN_TIME.findall(fact.value)]
    if shown != [(opens.hour, opens.minute), (closes.hour, closes.minute)]:
        problems.append("hours_disagree")
    if fact.extra.get("days") not in DAYS_KINDS:
        problems.append("hours_days")
    return problems


def _japanese_phone(text: str) -> bool:
    digits = text.replace("-", "")
    return bool(PHONE_NUMBER.fullmatch(text)) and len(digits) == (11 if digits.startswith(ELEVEN_DIGITS) else 10)


def _texts(fact: Fact) -> Iterable[str]:
    yield fact.value
    yield fact.source
    yield from (str(value) for value in fact.extra.values())
    yield from fact.translations.values()


def problems(fact_id: str, fact: Fact, facts: Mapping[str, Fact],
             templates: Mapping[str, str], today: date) -> List[str]:
    """What is wrong with `fact` as the next version of `fact_id`, given the current
    facts and every template (name -> text) that may use it."""
    current = facts.get(fact_id)
    if current is None:
        return ["unknown_fact"]
    found: List[str] = []
    if not fact.value.strip():
        found.append("value_empty")
    elif any(len(text) > MAX_VALUE_CHARS or "\n" in text
             for text in (fact.value, *fact.translations.values())):
        found.append("value_too_long")
    if not fact.source.strip():
        found.append("source_missing")
    elif len(fact.source) > MAX_SOURCE_CHARS:
        found.append("source_too_long")
    if any(MARKUP.search(text) for text in _texts(fact)):
        found.append("markup")
    if not EARLIEST_AS_OF <= fact.as_of <= today:
        found.append("as_of_range")
    if fact_id.endswith("_phone") and not _japanese_phone(fact.value):
        found.append("phone_format")
    if fact_id.endswith("_email") and not EMAIL.match(fact.value):
        found.append("email_format")
    if set(fact.extra) != set(current.extra):
        found.append("fields_changed")
    elif "opens" in current.extra:
        found.extend(_hours_problems(fact))
    if fact == current:
        found.append("no_change")
    if not found:
        found.extend(_answer_problems(fact_id, fact, facts, templates))
    return found


def _answer_problems(fact_id: str, fact: Fact, facts: Mapping[str, Fact],
                     templates: Mapping[str, str]) -> List[str]:
    values = template_values({**facts, fact_id: fact})
    for text in templates.values():
        try:
            answer = fill_facts(text, values)
        except UnknownFactError:
            return ["template_broken"]
        if len(answer) > MAX_ANSWER_CHARS:
            return ["answer_too_long_for_line"]
        if len(answer) > MAX_SCREEN_CHARS:
            return ["answer_too_long_for_phone"]
    return []


def answers_using(fact_id: str, templates: Mapping[str, str], facts: Mapping[str, Fact],
                  fact: Fact) -> Dict[str, str]:
    """Every template naming the fact, rendered with `fact` in its place: the preview."""
    values = template_values({**facts, fact_id: fact})
    return {name: fill_facts(text, values) for name, text in templates.items()
            if fact_id in facts_named(text)}
