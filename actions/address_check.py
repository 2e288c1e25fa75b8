"""「私は対象ですか？」: the form that asks for the address and birth date, and the check.

The address and birth date live in their slots only sealed to this conversation
(bot.registry.sealed), are cleared as soon as the check has run, and never reach a
log. The check itself, its limits and its audit row are bot.check_service's.
"""
from datetime import date
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.guard import forget_check, guarded, stop_check
from actions.language import tracker_language
from bot.check_service import RESPONSES, CheckService, Outcome, Requester, open_service, \
    read_address, read_birthdate, unreadable_birthdate_response
from bot.registry import check_link
from bot.registry.keys import registry_key
from bot.registry.sealed import is_sealed, seal, unseal
from bot.settings import settings
from bot.topics import topics

MAX_FAILURES = 3
# Below this, typed text during the check is read as a (mistyped) answer, not a question.
QUESTION_CONFIDENCE = 0.8
# Intents that are the check itself, or chit-chat, rather than a question to answer.
NOT_A_QUESTION = ("check_affected", "out_of_scope", "greet", "thank", "stop", "goodbye")
# LINE keeps messages on its servers: residents there check on the city's own page.
LINK_CHANNELS = ("line",)


def requester(tracker: Tracker) -> Requester:
    metadata = (tracker.latest_message or {}).get("metadata") or {}
    client = metadata.get("client") if isinstance(metadata, dict) else None
    return Requester(channel=tracker.get_latest_input_channel() or "unknown",
                     sender=tracker.sender_id, client=client if isinstance(client, str) else None)


def service_or_apology(dispatcher: CollectingDispatcher) -> Optional[CheckService]:
    service = open_service()
    if service is None:
        dispatcher.utter_message(response=RESPONSES[Outcome.UNAVAILABLE])
    return service


class ActionStartCheck(Action):
    def name(self) -> Text:
        return "action_start_check"

    @guarded
    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> List[EventType]:
        elsewhere = [SlotSet("check_mode", "elsewhere")]
        service = service_or_apology(dispatcher)
        if service is None:
            return elsewhere
        who = requester(tracker)
        if not service.may_start(who):
            dispatcher.utter_message(response=RESPONSES[Outcome.RATE_LIMITED])
            return elsewhere
        if who.channel in LINK_CHANNELS:
            token = check_link.issue(service.key, service.actor(who))
            dispatcher.utter_message(response="utter_check_on_web",
                                     url=check_link.link_url(token, tracker_language(tracker)),
                                     minutes=check_link.ttl_minutes())
            return elsewhere
        dispatcher.utter_message(response="utter_check_affected_intro",
                                 privacy_url=settings().privacy_notice_url)
        return [SlotSet("check_mode", "chat")] + forget_check()


class ValidateCheckForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_check_form"

    @guarded
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        return await super().run(dispatcher, tracker, domain)

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

    @staticmethod
    def _answered_a_question(dispatcher: CollectingDispatcher, tracker: Tracker, slot: str) -> bool:
        """A fact question typed while an answer is asked for is answered, and the
        question asked again; it is never stored as the answer, nor counted as a miss."""
        intent = (tracker.latest_message or {}).get("intent") or {}
        topic = topics().get(intent.get("name", ""))
        if topic is None or topic.intent in NOT_A_QUESTION or intent.get("confidence", 0) < QUESTION_CONFIDENCE:
            return False
        dispatcher.utter_message(response=topic.response)
        dispatcher.utter_message(response=f"utter_check_resume_{slot}")
        return True

    def validate_address(self, value: Any, dispatcher: CollectingDispatcher,
                         tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        # None arrives when the form starts (the slots were just cleared): not an answer.
        if value is None:
            return {"address": None}
        # Whatever arrives here was typed: a pasted sealed value (another conversation's,
        # say) is refused like any text that is not an address, never opened.
        canonical = None if is_sealed(value) else read_address(str(value))
        if canonical is None:
            if self._answered_a_question(dispatcher, tracker, "address"):
                return {"address": None}
            return self._failed(dispatcher, tracker, "address", "utter_address_invalid")
        return {"address": seal(canonical, registry_key(), tracker.sender_id, "address")}

    def validate_birthdate(self, value: Any, dispatcher: CollectingDispatcher,
                           tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if value is None:
            return {"birthdate": None}
        born = None if is_sealed(value) else read_birthdate(str(value))
        if born is None:
            if self._answered_a_question(dispatcher, tracker, "birthdate"):
                return {"birthdate": None}
            return self._failed(dispatcher, tracker, "birthdate", unreadable_birthdate_response(str(value)))
        return {"birthdate": seal(born.isoformat(), registry_key(), tracker.sender_id, "birthdate")}


class ActionCheckRegistry(Action):
    def name(self) -> Text:
        return "action_check_registry"

    @guarded
    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> List[EventType]:
        service = service_or_apology(dispatcher)
        if service is None:
            return forget_check()
        address = unseal(tracker.get_slot("address"), service.key, tracker.sender_id, "address")
        birthdate = unseal(tracker.get_slot("birthdate"), service.key, tracker.sender_id, "birthdate")
        if address is None or birthdate is None:
            dispatcher.utter_message(response="utter_check_handover")
            return forget_check()
        outcome = service.check(address, date.fromisoformat(birthdate), requester(tracker))
        dispatcher.utter_message(response=RESPONSES[outcome])
        return forget_check()


class ActionCancelCheck(Action):
    def name(self) -> Text:
        return "action_cancel_check"

    @guarded
    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(response="utter_check_cancelled")
        return stop_check()
