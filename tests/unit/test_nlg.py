"""Rasa's answers come from the custom generator: the current facts, slots filled by Rasa."""
import dataclasses

from rasa.shared.core.trackers import DialogueStateTracker

from bot.facts.live import live_facts
from bot.facts.store import FactStore
from bot.nlg import FactsNLG
from tests.support import run_async


def generate(name: str, **kwargs) -> dict:
    tracker = DialogueStateTracker.from_events("resident", [])
    return run_async(FactsNLG().generate(name, tracker, "rest", **kwargs))


def test_answers_carry_the_current_facts_and_rasa_placeholders(facts):
    assert facts["record_count"].value in generate("utter_record_count")["text"]
    status = generate("utter_window_open", window="保険課", phone="088", closes="17時15分")["text"]
    assert status == "今は保険課の受付時間内です。電話 088（本日17時15分まで）"
    assert generate("utter_greet")["buttons"]


def test_an_approved_change_is_the_next_answer_without_a_restart(facts):
    store = FactStore()
    changed = dataclasses.replace(facts["record_count"], value="3,072件", source="3,072件")
    version = store.propose("record_count", changed, "訂正", "editor")
    store.approve(version, "approver", "")
    live_facts().expire()
    try:
        assert "3,072件" in generate("utter_record_count")["text"]
    finally:
        back = store.propose("record_count", facts["record_count"], "戻す", "editor")
        store.approve(back, "approver", "")
        live_facts().expire()
    assert facts["record_count"].value in generate("utter_record_count")["text"]


def test_an_unknown_response_is_none():
    assert generate("utter_nothing_like_this") is None


def test_with_an_announcement_url_answers_link_it_and_the_greeting_names_it(configure):
    configure(ANNOUNCEMENT_URL="https://www.city.example.jp/kokuho/leak.html")
    assert "市の発表を見る：https://www.city.example.jp/kokuho/leak.html" in generate("utter_cause")["text"]
    assert "https://www.city.example.jp/kokuho/leak.html" in generate("utter_greet")["text"]


def test_without_it_no_link_is_shown(configure):
    configure(ANNOUNCEMENT_URL="")
    assert "市の発表を見る" not in generate("utter_cause")["text"]


def test_during_the_address_check_an_answer_asks_no_feedback():
    tracker = DialogueStateTracker.from_dict("resident", [], slots=[])
    tracker.change_loop_to("check_form")
    answer = run_async(FactsNLG().generate("utter_record_count", tracker, "rest"))
    assert "buttons" not in answer and "役に立ちましたか" not in answer["text"]
