"""「今電話つながりますか？」: which inquiry windows are open now, and when the next opens."""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.guard import guarded
from actions.language import tracker_language
from bot.phone_windows import now_in_japan, status_messages


class ActionPhoneStatus(Action):
    def name(self) -> Text:
        return "action_phone_status"

    @guarded
    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        for response, values in status_messages(now_in_japan(), tracker_language(tracker)):
            dispatcher.utter_message(response=response, **values)
        return []
