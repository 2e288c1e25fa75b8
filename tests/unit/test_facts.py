"""The facts file is the only source of facts: each fact must come from the announcement."""
import re

import pytest
import yaml

from bot.facts import FACTS_FILE, REPO_ROOT

SEED_DIR = REPO_ROOT.parent / "shared" / "seed"


def squash(text: str) -> str:
    # The page spaces out some letters (N T T) and breaks lines mid-item; compare without spaces.
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def announcement() -> str:
    files = sorted(SEED_DIR.glob("*.txt"))
    if not files:
        pytest.skip(f"the announcement is not beside the repository ({SEED_DIR})")
    return squash("".join(path.read_text(encoding="utf-8") for path in files))


def test_every_source_sentence_is_quoted_from_the_announcement(facts, announcement):
    for fact_id, fact in facts.items():
        assert squash(fact.source) in announcement, f"{fact_id}: source not in the announcement"


@pytest.mark.parametrize(
    "fact_id", ["record_count", "city_window_phone", "call_center_phone", "section_phone",
                "section_email", "city_hall_phone", "meeting_place", "leaked_items"]
)
def test_numbers_and_names_are_exactly_as_announced(facts, announcement, fact_id):
    assert squash(facts[fact_id].value) in announcement


@pytest.mark.parametrize("fact_id", ["city_window_hours", "call_center_hours"])
def test_opening_hours_agree_with_their_text(facts, fact_id):
    fact = facts[fact_id]
    opens_hour, opens_minute = (int(x) for x in fact.extra["opens"].split(":"))
    closes_hour, closes_minute = (int(x) for x in fact.extra["closes"].split(":"))
    shown = re.findall(r"(\d+)時(?:(\d+)分)?", fact.value)
    assert [(int(h), int(m or 0)) for h, m in shown] == [
        (opens_hour, opens_minute), (closes_hour, closes_minute)
    ]
    assert fact.extra["days"] == ("city_calendar" if "平日" in fact.value else "not_announced")


def test_dates_stay_true_in_later_years(facts):
    """「本年」 or a date without a year, read in a later year, would be that year: a fact
    states the year the announcement meant, with the reasoning beside its source; the
    announcement's own 「10月18日現在」 gets its year the same way."""
    announced = yaml.safe_load(FACTS_FILE.read_text(encoding="utf-8"))["announced"]
    assert announced["date"].year == 2023 and "令和5年" in announced["year_reasoning"]
    for fact_id, fact in facts.items():
        assert "本年" not in fact.value, fact_id
        source_has_yearless_date = "本年" in fact.source or re.search(r"(?<![年\d])\d{1,2}月\d{1,2}日現在", fact.source)
        if source_has_yearless_date:
            assert re.search(r"令和\d+年", fact.value), fact_id
            assert fact.extra.get("year_reasoning"), f"{fact_id}: say why this year"


def test_announced_date_is_the_dated_section_of_the_announcement(announcement):
    announced = yaml.safe_load(FACTS_FILE.read_text(encoding="utf-8"))["announced"]
    assert squash(announced["source"]) in announcement
    assert f"{announced['date'].month}月{announced['date'].day}日現在" in announced["source"]
