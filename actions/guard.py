"""Every action answers, whatever goes wrong inside it.

An exception that left an action would reach the SDK, which sends the whole tracker
(slots included) back to Rasa, which logs it. Here it is caught: the log gets the
action's name and the exception's type only (its message may hold what was typed),
and the resident gets 「ただいま、その操作ができません」 with the phone numbers; a
running check is stopped and its answers are forgotten.
"""
import functools
import inspect
import logging
from typing import Any, Callable, Dict, List, Text

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

logger = logging.getLogger(__name__)

UNAVAILABLE_RESPONSE = "utter_temporarily_unavailable"
PERSONAL_SLOTS = ("address", "birthdate")


def forget_check() -> List[EventType]:
    return [SlotSet(slot, None) for slot in PERSONAL_SLOTS] + [SlotSet("check_failures", 0)]


def stop_check() -> List[EventType]:
    return [ActiveLoop(None), SlotSet("requested_slot", None)] + forget_check()


def guarded(run: Callable) -> Callable:
    @functools.wraps(run)
    async def safe_run(self: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                       domain: Dict[Text, Any]) -> List[EventType]:
        try:
            events = run(self, dispatcher, tracker, domain)
            return await events if inspect.isawaitable(events) else events
        except Exception as error:  # noqa: BLE001 - the point is that nothing escapes
            logger.error("action %s failed: %s", self.name(), type(error).__name__)
            dispatcher.messages.clear()
            dispatcher.utter_message(response=UNAVAILABLE_RESPONSE)
            return stop_check()
    return safe_run
