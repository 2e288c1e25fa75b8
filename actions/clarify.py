"""Clarify instead of guessing: when the two likeliest topics are close or the best is
not sure enough (the FallbackClassifier says nlu_fallback), ask which one was meant.

The two or three plausible topics become buttons (quick replies on LINE) with
「どれでもない」 beside them; the topic picked is answered by its own rule. Only text
with no plausible topic gets the generic 「うまく理解できませんでした」.
"""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.guard import guarded
from actions.language import tracker_language
from bot.language import JAPANESE
from bot.messages import message
from bot.topics import topics

# A topic below this share of the model's belief is not offered.
PLAUSIBLE = 0.12
# Nor one that is not clearly likelier than "none of the topics" (out of scope, a greeting):
# a code typed alone (080-…, ID: a1b2) half-resembles some topic, and a button for that
# topic would be a guess. The margin is the FallbackClassifier's ambiguity_threshold
# (config.yml; a test keeps the two equal).
MARGIN_OVER_NO_TOPIC = 0.15
MAX_CHOICES = 3
NONE_OF_THEM_PAYLOAD = "/request_human"


def plausible_topics(ranking: List[Dict[str, Any]]) -> List[str]:
    """The intents worth a button, likeliest first."""
    known = topics()
    ranked = [(item["name"], item.get("confidence", 0)) for item in ranking if item.get("name") in known]
    no_topic = max((belief for name, belief in ranked if not known[name].offered), default=0.0)
    floor = max(PLAUSIBLE, no_topic + MARGIN_OVER_NO_TOPIC)
    offered = [name for name, belief in ranked if known[name].offered and belief >= floor]
    return offered[:MAX_CHOICES]


def choices(ranking: List[Dict[str, Any]], language: str = JAPANESE) -> List[Dict[str, str]]:
    known = topics()
    return [{"title": known[intent].label_in(language), "payload": f"/{intent}"}
            for intent in plausible_topics(ranking)]


class ActionClarify(Action):
    def name(self) -> Text:
        return "action_clarify"

    @guarded
    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        language = tracker_language(tracker)
        buttons = choices((tracker.latest_message or {}).get("intent_ranking") or [], language)
        if buttons:
            dispatcher.utter_message(response="utter_clarify", buttons=buttons + [
                {"title": message("clarify_none_of_them", language), "payload": NONE_OF_THEM_PAYLOAD}])
        else:
            dispatcher.utter_message(response="utter_default")
        return []
