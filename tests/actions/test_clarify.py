"""Clarify instead of guessing: plausible topics become buttons; none, the generic answer."""

import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.clarify import MARGIN_OVER_NO_TOPIC, ActionClarify
from bot.facts import REPO_ROOT
from bot.topics import topics
from tests.support import run_async


def ask(ranking):
    tracker = Tracker("c", {}, {"text": "x", "intent_ranking": ranking}, [], False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    run_async(ActionClarify().run(dispatcher, tracker, {}))
    return dispatcher.messages


def test_two_close_topics_are_offered_with_a_way_out():
    (message,) = ask([{"name": "nlu_fallback", "confidence": 0.9},
                      {"name": "ask_when_taken", "confidence": 0.41},
                      {"name": "ask_record_count", "confidence": 0.38},
                      {"name": "greet", "confidence": 0.15},
                      {"name": "ask_cause", "confidence": 0.02}])
    assert message["response"] == "utter_clarify"
    titles = [button["title"] for button in message["buttons"]]
    assert titles == [topics()["ask_when_taken"].label, topics()["ask_record_count"].label, "どれでもない"]
    assert message["buttons"][0]["payload"] == "/ask_when_taken"


def test_no_plausible_topic_gets_the_generic_answer():
    (message,) = ask([{"name": "ask_cause", "confidence": 0.05}, {"name": "out_of_scope", "confidence": 0.9}])
    assert message["response"] == "utter_default"


def test_a_topic_no_likelier_than_none_of_them_is_not_offered():
    # As the model ranked a phone number typed alone: a guess, not a question worth a button.
    (message,) = ask([{"name": "nlu_fallback", "confidence": 0.64},
                      {"name": "ask_how_found", "confidence": 0.47},
                      {"name": "out_of_scope", "confidence": 0.45},
                      {"name": "ask_meeting", "confidence": 0.01}])
    assert message["response"] == "utter_default"


def test_a_topic_clearly_likelier_than_none_of_them_is_offered():
    (message,) = ask([{"name": "nlu_fallback", "confidence": 0.64},
                      {"name": "ask_unannounced", "confidence": 0.55},
                      {"name": "out_of_scope", "confidence": 0.3}])
    assert [button["payload"] for button in message["buttons"]] == ["/ask_unannounced", "/request_human"]


def test_the_margin_over_no_topic_is_the_fallback_classifiers_ambiguity_threshold():
    pipeline = yaml.safe_load((REPO_ROOT / "config.yml").read_text(encoding="utf-8"))["pipeline"]
    (fallback,) = [step for step in pipeline if step["name"] == "FallbackClassifier"]
    assert MARGIN_OVER_NO_TOPIC == fallback["ambiguity_threshold"]
