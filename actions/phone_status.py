"""「今電話つながりますか？」: which inquiry windows are open now, and when the next opens."""
from datetime import datetime
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.guard import guarded
from bot.city_calendar import describe_closure
from bot.phone_windows import (
    WindowStatus,
    format_clock,
    format_moment,
    inquiry_windows,
    now_in_japan,
    status_at,
)


def utter_status(dispatcher: CollectingDispatcher, status: WindowStatus, now: datetime) -> None:
    window = status.window
    names = dict(window=window.name, phone=window.phone, hours=window.hours)
    if not window.days_known:
        state = "open" if status.is_open else "closed"
        dispatcher.utter_message(response=f"utter_window_hours_only_{state}", **names)
        return
    if status.is_open:
        dispatcher.utter_message(
            response="utter_window_open", closes=format_clock(status.closes_at), **names
        )
    elif status.next_open is None:
        dispatcher.utter_message(response="utter_window_closed_no_date", **names)
    else:
        dispatcher.utter_message(
            response="utter_window_closed", next_open=format_moment(status.next_open, now), **names
        )
    if status.closure is not None:
        dispatcher.utter_message(response="utter_city_closure", closure=describe_closure(status.closure))


class ActionPhoneStatus(Action):
    def name(self) -> Text:
        return "action_phone_status"

    @guarded
    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        now = now_in_japan()
        for window in inquiry_windows():
            utter_status(dispatcher, status_at(window, now), now)
        return []
