"""「私は対象ですか？」: the form that asks for the address and birth date, and the check.

The address and birth date live in their slots only sealed (bot.registry.sealed),
are cleared as soon as the check has run, and never reach a log.
"""
import logging
from datetime import date
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.address import AddressError
from bot.birthdate import BirthdateError, parse_birthdate
from bot.registry import check_link
from bot.registry.checker import Checker, Outcome, RegistryUnavailableError
from bot.registry.keys import MissingKeyError, registry_key
from bot.registry.locality import canonical_address
from bot.registry.sealed import is_sealed, seal, unseal

logger = logging.getLogger(__name__)

MAX_FAILURES = 3
# LINE keeps messages on its servers: residents there check on the city's own page.
LINK_CHANNELS = ("line",)
OUTCOME_RESPONSES = {
    Outcome.AFFECTED: "utter_check_match",
    Outcome.NOT_AFFECTED: "utter_check_no_match",
    Outcome.RATE_LIMITED: "utter_check_rate_limited",
}


def clear_check() -> List[EventType]:
    return [SlotSet("address", None), SlotSet("birthdate", None), SlotSet("check_failures", 0)]


def open_checker(dispatcher: CollectingDispatcher) -> Optional[Checker]:
    try:
        return Checker.from_environment()
    except (MissingKeyError, RegistryUnavailableError) as error:
        logger.error("address check unavailable: %s", error)
        dispatcher.utter_message(response="utter_check_unavailable")
        return None


class ActionStartCheck(Action):
    def name(self) -> Text:
        return "action_start_check"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> List[EventType]:
        elsewhere = [SlotSet("check_mode", "elsewhere")]
        checker = open_checker(dispatcher)
        if checker is None:
            return elsewhere
        actor = checker.actor(tracker.sender_id)
        if not checker.within_limits(actor):
            dispatcher.utter_message(response="utter_check_rate_limited")
            return elsewhere
        if tracker.get_latest_input_channel() in LINK_CHANNELS:
            token = check_link.issue(checker.key, actor)
            dispatcher.utter_message(response="utter_check_on_web",
                                     url=check_link.link_url(token),
                                     minutes=check_link.ttl_minutes())
            return elsewhere
        dispatcher.utter_message(response="utter_check_affected_intro")
        return [SlotSet("check_mode", "chat")] + clear_check()


class ValidateCheckForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_check_form"

    async def required_slots(self, domain_slots: List[Text], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> List[Text]:
        # After the third unreadable answer the form ends; the check hands over to the phones.
        if (tracker.get_slot("check_failures") or 0) >= MAX_FAILURES:
            return []
        return domain_slots

    def _failed(self, dispatcher: CollectingDispatcher, tracker: Tracker, slot: str,
                response: str) -> Dict[Text, Any]:
        failures = (tracker.get_slot("check_failures") or 0) + 1
        if failures < MAX_FAILURES:
            dispatcher.utter_message(response=response)
        return {slot: None, "check_failures": failures}

    def validate_address(self, value: Any, dispatcher: CollectingDispatcher,
                         tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        # None arrives when the form starts (the slots were just cleared): not an answer.
        if value is None or is_sealed(value):
            return {"address": value}
        try:
            return {"address": seal(canonical_address(str(value)), registry_key())}
        except AddressError:
            return self._failed(dispatcher, tracker, "address", "utter_address_invalid")

    def validate_birthdate(self, value: Any, dispatcher: CollectingDispatcher,
                           tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if value is None or is_sealed(value):
            return {"birthdate": value}
        try:
            born = parse_birthdate(str(value))
        except BirthdateError:
            return self._failed(dispatcher, tracker, "birthdate", "utter_birthdate_invalid")
        return {"birthdate": seal(born.isoformat(), registry_key())}


class ActionCheckRegistry(Action):
    def name(self) -> Text:
        return "action_check_registry"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> List[EventType]:
        checker = open_checker(dispatcher)
        if checker is None:
            return clear_check()
        address = unseal(tracker.get_slot("address"), checker.key)
        birthdate = unseal(tracker.get_slot("birthdate"), checker.key)
        if address is None or birthdate is None:
            dispatcher.utter_message(response="utter_check_handover")
            return clear_check()
        outcome = checker.check(
            address, date.fromisoformat(birthdate),
            actor=checker.actor(tracker.sender_id),
            channel=tracker.get_latest_input_channel() or "unknown",
        )
        dispatcher.utter_message(response=OUTCOME_RESPONSES[outcome])
        return clear_check()


class ActionCancelCheck(Action):
    def name(self) -> Text:
        return "action_cancel_check"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(response="utter_check_cancelled")
        return [ActiveLoop(None), SlotSet("requested_slot", None)] + clear_check()
