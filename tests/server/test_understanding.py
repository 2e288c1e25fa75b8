"""Residents' own words through the REST channel: a question in English, two questions
at once, a question in the middle of the address check, a topic picked from buttons."""
import uuid

import pytest

from bot.language import ENGLISH, JAPANESE
from bot.registry import demo
from bot.render import response_text
from bot.topics import topics

FIRST = next(demo.records(1))


def post(assistant, text, sender):
    response = assistant.post({"sender": sender, "message": text})
    response.raise_for_status()
    return response.json()


def texts(messages):
    return "\n".join(m.get("text", "") for m in messages)


def test_a_question_in_english_gets_the_answer_in_english(assistant, facts):
    reply = texts(post(assistant, "How many people were affected?", uuid.uuid4().hex))
    assert facts["record_count"].translations["en"] in reply
    reply = texts(post(assistant, "Who should I call about this?", uuid.uuid4().hex))
    assert facts["city_window_phone"].value in reply and facts["call_center_phone"].value in reply


@pytest.mark.parametrize("question", ["개인정보가 유출됐나요?", "我的个人信息泄露了吗？", "我的資料有沒有被洩漏",
                                      "國民健康保險資料外洩"])
def test_a_question_in_another_language_gets_english_with_both_numbers(assistant, facts, question):
    reply = texts(post(assistant, question, uuid.uuid4().hex))
    assert "Japanese and English" in reply
    assert facts["city_window_phone"].value in reply and facts["call_center_phone"].value in reply


def test_two_questions_at_once_get_a_choice_or_one_right_answer(assistant, facts):
    messages = post(assistant, "いつ漏れて、何件ですか", uuid.uuid4().hex)
    # The clarifying question's buttons, not 「役に立ちましたか」 under an answer.
    payloads = [b["payload"] for m in messages for b in m.get("buttons", [])
                if not b["payload"].startswith("/feedback_")]
    if payloads:
        assert "次のどれについて" in texts(messages)
        assert {"/ask_when_taken", "/ask_record_count"} & set(payloads)
    else:
        reply = texts(messages)
        assert facts["taken_when"].value in reply or facts["record_count"].value in reply


def test_a_topic_picked_from_the_buttons_is_answered(assistant, facts):
    reply = texts(post(assistant, "/ask_record_count", uuid.uuid4().hex))
    assert facts["record_count"].value in reply


def test_a_question_during_the_check_is_answered_and_the_check_goes_on(assistant, facts):
    sender = uuid.uuid4().hex
    post(assistant, "私は対象ですか", sender)
    reply = texts(post(assistant, "ちなみに何件漏れたんですか", sender))
    assert facts["record_count"].value in reply and "ご住所" in reply
    assert "住所を読み取れませんでした" not in reply
    assert "生年月日" in texts(post(assistant, FIRST[2], sender))
    assert "一致しました" in texts(post(assistant, FIRST[3], sender))


def test_the_clarifying_question_offers_labels_residents_can_read(assistant):
    labels = {topic.label for topic in topics().values()}
    for text in ("それって大丈夫なん", "どうなっとるん"):
        for message in post(assistant, text, uuid.uuid4().hex):
            for button in message.get("buttons", []):
                assert button["title"] in labels | {"どれでもない"}
    assert "次のどれについて" in response_text("utter_clarify")


@pytest.mark.parametrize("typed, response, language", [
    # Set phrases the model alone asks about, or takes for another one.
    ("おはよう！", "utter_greet", JAPANESE), ("バイバイ👋", "utter_goodbye", JAPANESE),
    ("おおきに", "utter_thank", JAPANESE), ("Good night.", "utter_goodbye", ENGLISH),
])
def test_small_talk_gets_its_answer_not_a_question_back(assistant, typed, response, language):
    reply = texts(post(assistant, typed, uuid.uuid4().hex))
    assert response_text(response, language).splitlines()[0] in reply
