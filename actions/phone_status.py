"""「今電話つながりますか？」: which inquiry windows are open now, and when the next opens."""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.phone_windows import (
    format_clock,
    format_moment,
    inquiry_windows,
    now_in_japan,
    status_at,
)


class ActionPhoneStatus(Action):
    def name(self) -> Text:
        return "action_phone_status"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        now = now_in_japan()
        for window in inquiry_windows():
            status = status_at(window, now)
            if status.is_open:
                dispatcher.utter_message(
                    response="utter_window_open",
                    window=window.name,
                    phone=window.phone,
                    closes=format_clock(status.closes_at),
                )
            else:
                dispatcher.utter_message(
                    response="utter_window_closed",
                    window=window.name,
                    phone=window.phone,
                    next_open=format_moment(status.next_open, now),
                )
            if window.weekdays_only is None:
                dispatcher.utter_message(response="utter_call_center_days_unknown")
        return []
