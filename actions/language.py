"""The conversation's answer language as an action sees it (bot.language's rule)."""
from rasa_sdk import Tracker

from bot.language import CHANNEL_LANGUAGE, answer_language


def tracker_language(tracker: Tracker) -> str:
    metadata = (tracker.latest_message or {}).get("metadata") or {}
    return answer_language(tracker.slots, metadata.get(CHANNEL_LANGUAGE))
