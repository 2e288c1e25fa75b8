"""The conversation's answer language as an action sees it (bot.language's rule)."""
from rasa_sdk import Tracker

from bot.language import answer_language


def tracker_language(tracker: Tracker) -> str:
    return answer_language(tracker.slots, (tracker.latest_message or {}).get("metadata"))
