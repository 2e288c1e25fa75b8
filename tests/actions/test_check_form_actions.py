"""The check's actions in process: whatever goes wrong, the resident gets an answer and
the typed answers are forgotten; a pasted sealed value is never trusted."""
from typing import List

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import address_check
from bot.registry.keys import registry_key
from bot.registry.sealed import seal
from tests.support import run_async


def tracker(sender: str = "c1", slots: dict = None, channel: str = "rest") -> Tracker:
    return Tracker(sender, slots or {}, {"text": "x", "metadata": {"client": "digest"}}, [], False,
                   None, {"name": "check_form"}, "action_listen")


def responses(dispatcher: CollectingDispatcher) -> List[str]:
    return [message["response"] for message in dispatcher.messages]


def test_an_action_that_raises_answers_with_the_phones_and_forgets_the_check(monkeypatch):
    def broken():
        raise ValueError("撫養町立岩字松原215番地10 昭和58年10月6日")
    monkeypatch.setattr(address_check, "open_service", broken)
    dispatcher = CollectingDispatcher()
    events = run_async(address_check.ActionCheckRegistry().run(
        dispatcher, tracker(slots={"address": "sealed:v2:x", "birthdate": "sealed:v2:y"}), {}))
    assert responses(dispatcher) == ["utter_temporarily_unavailable"]
    cleared = {event["name"]: event["value"] for event in events if event["event"] == "slot"}
    assert cleared["address"] is None and cleared["birthdate"] is None


def test_typed_text_is_read_never_trusted_as_sealed():
    validator, dispatcher = address_check.ValidateCheckForm(), CollectingDispatcher()
    stolen = seal("徳島県鳴門市撫養町南浜東浜170", registry_key(), "another-conversation", "address")
    result = validator.validate_address(stolen, dispatcher, tracker("c1"), {})
    assert result["address"] is None
    assert responses(dispatcher) == ["utter_address_invalid"]


@pytest.mark.parametrize("typed", ["二百一五", "撫養町二百一五番地の", "\u3000", "🏠"])
def test_odd_addresses_are_asked_again_not_raised(typed):
    validator, dispatcher = address_check.ValidateCheckForm(), CollectingDispatcher()
    assert validator.validate_address(typed, dispatcher, tracker(), {})["address"] is None
    assert responses(dispatcher) == ["utter_address_invalid"]


def test_a_readable_address_is_sealed_for_this_conversation_only():
    validator, dispatcher = address_check.ValidateCheckForm(), CollectingDispatcher()
    sealed = validator.validate_address("撫養町南浜字東浜170", dispatcher, tracker("c1"), {})["address"]
    assert sealed.startswith("sealed:") and "170" not in sealed


def asking(slot: str, text: str, intent: str, confidence: float) -> Tracker:
    return Tracker("c1", {"requested_slot": slot, "check_failures": 0},
                   {"text": text, "intent": {"name": intent, "confidence": confidence}}, [], False,
                   None, {"name": "check_form"}, "action_listen")


def test_a_question_during_the_check_is_answered_and_the_check_goes_on():
    validator, dispatcher = address_check.ValidateCheckForm(), CollectingDispatcher()
    result = validator.validate_address("何件漏れたんですか", dispatcher,
                                        asking("address", "何件漏れたんですか", "ask_record_count", 0.93), {})
    assert result == {"address": None}, "not stored as an address, not counted as a miss"
    assert responses(dispatcher) == ["utter_record_count", "utter_check_resume_address"]


def test_a_mistyped_answer_is_still_asked_again_as_before():
    validator, dispatcher = address_check.ValidateCheckForm(), CollectingDispatcher()
    result = validator.validate_birthdate("きのう", dispatcher, asking("birthdate", "きのう", "out_of_scope", 0.7), {})
    assert result == {"birthdate": None, "check_failures": 1}
    assert responses(dispatcher) == ["utter_birthdate_invalid"]
