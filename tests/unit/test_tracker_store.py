"""What reaches the tracker store: no address, no birth date."""
import pytest
from rasa.shared.core.events import ActiveLoop, SlotSet, UserUttered

from bot.tracker_store import REDACTED, looks_personal, redact_events


def user(text):
    return UserUttered(text, {"name": "nlu_fallback", "confidence": 0.3}, parse_data={"text": text})


def test_answers_to_the_check_are_redacted_and_sealed_slots_kept():
    events = [
        user("私は対象ですか"),
        ActiveLoop("check_form"), SlotSet("requested_slot", "address"),
        user("東浜の百七十"), SlotSet("address", "東浜の百七十"), SlotSet("address", "sealed:v1:abc"),
        SlotSet("requested_slot", "birthdate"),
        user("きのう"), SlotSet("birthdate", "きのう"),
        ActiveLoop(None), SlotSet("requested_slot", None),
        user("何件漏れたの"),
    ]
    redacted = redact_events(events)
    texts = [e.text for e in redacted if isinstance(e, UserUttered)]
    assert texts == ["私は対象ですか", REDACTED, REDACTED, "何件漏れたの"]
    assert all(e.parse_data["text"] != "東浜の百七十" for e in redacted if isinstance(e, UserUttered))
    slots = [(e.key, e.value) for e in redacted if isinstance(e, SlotSet) and e.key != "requested_slot"]
    assert slots == [("address", None), ("address", "sealed:v1:abc"), ("birthdate", None)]
    assert events[3].text == "東浜の百七十", "the tracker of the turn itself is left alone"


@pytest.mark.parametrize(
    "text, personal",
    [("撫養町南浜字東浜170", True), ("鳴門市撫養町立岩松原２１５－１０", True), ("東浜170番地", True),
     ("昭和25年1月2日", True), ("1950/1/2", True), ("S25.1.2", True),
     ("09012345678", True), ("私の電話は090-1234-5678です", True), ("088(612)3456", True),
     ("何件漏れたの", False), ("1,234件って本当？", False), ("平成28年12月頃に漏れたの？", False),
     ("7月13日に何があった", False), ("今電話つながる？", False)],
)
def test_what_looks_like_an_address_or_birth_date(text, personal):
    assert looks_personal(text) is personal


def test_outside_the_form_a_typed_address_is_redacted_too():
    (event,) = redact_events([user("撫養町南浜字東浜170に住んでいますが対象ですか")])
    assert event.text == REDACTED
