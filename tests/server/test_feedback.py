"""「役に立ちましたか」: one tap after a fact's answer, counted per topic for the staff."""
import uuid

from tests.server.test_staff import log_in


def say(assistant, sender, text):
    response = assistant.post({"sender": sender, "message": text})
    response.raise_for_status()
    return response.json()


def test_a_fact_answer_offers_yes_and_no_and_no_helps_with_the_phones(assistant, facts):
    sender = uuid.uuid4().hex
    answer = say(assistant, sender, "何件漏れたの？")[-1]
    assert facts["record_count"].value in answer["text"] and answer["text"].endswith("役に立ちましたか？")
    assert [button["title"] for button in answer["buttons"]] == ["はい", "いいえ"]
    reply = "\n".join(m["text"] for m in say(assistant, sender, answer["buttons"][1]["payload"]))
    assert "申し訳ありません" in reply
    assert facts["city_window_phone"].value in reply and facts["call_center_phone"].value in reply


def test_the_greeting_and_the_clarifying_question_ask_nothing(assistant):
    greeting = say(assistant, uuid.uuid4().hex, "/greet")[-1]
    assert "役に立ちましたか" not in greeting["text"]


def test_feedback_is_counted_per_topic_in_the_staff_summary(assistant, web):
    before = {row["topic"]: row for row in log_in(web).get(f"{web}/staff/api/summary").json()["feedback"]}
    for choice in ("/feedback_helpful", "/feedback_unhelpful", "/feedback_unhelpful"):
        sender = uuid.uuid4().hex
        say(assistant, sender, "原因は何ですか")
        say(assistant, sender, choice)
    after = {row["topic"]: row for row in log_in(web).get(f"{web}/staff/api/summary").json()["feedback"]}
    cause, earlier = after["ask_cause"], before.get("ask_cause", {"helpful": 0, "unhelpful": 0})
    assert (cause["helpful"] - earlier["helpful"], cause["unhelpful"] - earlier["unhelpful"]) == (1, 2)
    assert 0 < cause["unhelpful_share"] <= 1 and cause["label"] == "原因"
