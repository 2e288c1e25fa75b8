"""A proposal that fails a check is refused with a reason an editor can act on."""
import dataclasses
from datetime import date

import pytest
from hypothesis import given, strategies as st

from bot.facts.checks import answers_using, problems
from bot.render import all_templates

TODAY = date(2026, 11, 29)


def check(facts, fact_id, **changes):
    fact = dataclasses.replace(facts[fact_id], **{"source": "新しい発表の文", **changes})
    return problems(fact_id, fact, facts, all_templates(), TODAY)


def hours(facts, opens, closes, value):
    return {"value": value, "extra": {**facts["call_center_hours"].extra, "opens": opens, "closes": closes}}


def test_a_sound_change_passes(facts):
    assert check(facts, "call_center_hours", **hours(facts, "09:00", "21:00", "9時～21時")) == []
    assert check(facts, "call_center_phone", value="0120-220-615") == []


@pytest.mark.parametrize("changes, expected", [
    ({"value": ""}, "value_empty"),
    ({"value": "あ" * 301}, "value_too_long"),
    ({"value": "9時\n～20時"}, "value_too_long"),
    ({"source": " "}, "source_missing"),
    ({"value": "<script>alert(1)</script>"}, "markup"),
    ({"value": "{record_count}件"}, "markup"),
    ({"value": "javascript:alert(1)"}, "markup"),
    ({"as_of": date(2027, 1, 1)}, "as_of_range"),
    ({"as_of": date(2015, 12, 31)}, "as_of_range"),
])
def test_bad_values_are_refused(facts, changes, expected):
    assert expected in check(facts, "record_count", **changes)


def malformed(number: str) -> list:
    """The announced number cut short, lengthened, in full-width digits, as a URI, or
    with the leading 0 changed; and a mobile number one digit short."""
    full_width = number.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    return [number[:number.rindex("-")], number + "0", full_width, "tel:" + number.replace("-", ""),
            "1" + number[1:], "090-1234-567"]


@pytest.mark.parametrize("fact_id", ["call_center_phone", "city_window_phone"])
def test_phone_numbers_must_be_japanese_numbers(facts, fact_id):
    for number in malformed(facts[fact_id].value):
        assert "phone_format" in check(facts, fact_id, value=number), number


def test_email_must_look_like_one(facts):
    assert "email_format" in check(facts, "section_email", value="hoken at city")


@pytest.mark.parametrize("opens, closes, value, expected", [
    ("9:00", "21:00", "9時～21時", "hours_unreadable"),
    ("21:00", "09:00", "21時～9時", "hours_order"),
    ("09:00", "21:00", "9時～20時", "hours_disagree"),
])
def test_hours_must_parse_and_agree_with_their_text(facts, opens, closes, value, expected):
    assert expected in check(facts, "call_center_hours", **hours(facts, opens, closes, value))


def test_structured_fields_keep_their_names(facts):
    assert "fields_changed" in check(facts, "call_center_hours", extra={"opens": "09:00"})


def test_the_same_version_again_is_no_change(facts):
    assert problems("record_count", facts["record_count"], facts, all_templates(), TODAY) == ["no_change"]


def test_an_answer_that_outgrows_the_phone_screen_is_refused(facts):
    # One long value fits; a second long one in the same answer does not.
    assert check(facts, "dedicated_window", value="あ" * 300) == []
    grown = {**facts, "dedicated_window": dataclasses.replace(facts["dedicated_window"], value="あ" * 300)}
    assert "answer_too_long_for_phone" in check(grown, "city_stance", value="い" * 300)


def test_the_preview_shows_every_answer_using_the_fact(facts):
    new = dataclasses.replace(facts["call_center_hours"], value="9時～21時")
    answers = answers_using("call_center_hours", all_templates(), facts, new)
    assert {"utter_contact", "utter_hours", "utter_email"} <= set(answers)
    assert all("9時～21時" in text for text in answers.values())


@given(st.text(max_size=400))
def test_any_text_gets_a_verdict_not_a_crash(facts, text):
    assert isinstance(check(facts, "call_center_phone", value=text), list)
