"""The LINE channel, through the Rasa server, against a fake LINE API on loopback."""
import base64
import hashlib
import hmac
import json
import time
import uuid

import pytest
import requests

from bot.channels.line import MAX_LABEL_CHARS, MAX_QUICK_REPLIES, quick_reply
from bot.registry import check_link
from bot.registry.store import RegistryStore
from tests.support import LINE_SECRET, LINE_TOKEN, TEST_REGISTRY_KEY


def sign(body: bytes, secret: str = LINE_SECRET) -> str:
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def text_event(text: str, user: str, reply_token: str, **extra) -> dict:
    return {"type": "message", "mode": "active", "timestamp": int(time.time() * 1000),
            "webhookEventId": uuid.uuid4().hex, "deliveryContext": {"isRedelivery": False},
            "source": {"type": "user", "userId": user}, "replyToken": reply_token,
            "message": {"type": "text", "id": "1", "text": text}, **extra}


def post(assistant, events, signature=None, secret=LINE_SECRET):
    body = json.dumps({"destination": "Uxxxx", "events": events}).encode()
    headers = {"Content-Type": "application/json"}
    if signature != "omit":
        headers["X-Line-Signature"] = signature or sign(body, secret)
    return requests.post(f"{assistant.base_url}/webhooks/line/webhook", data=body,
                         headers=headers, timeout=30)


def texts(messages):
    return "\n".join(message.get("text", "") for message in messages)


def new_user():
    return "U" + uuid.uuid4().hex


def test_a_signed_question_is_answered_through_the_reply_api(assistant, fake_line, facts):
    user, token = new_user(), uuid.uuid4().hex
    assert post(assistant, [text_event("何件漏れたの？", user, token)]).status_code == 200
    messages = fake_line.wait_for(lambda: fake_line.delivered(reply_token=token))
    assert facts["record_count"].value in texts(messages)
    request = next(r for r in fake_line.requests if r["body"].get("replyToken") == token)
    assert request["headers"]["Authorization"] == f"Bearer {LINE_TOKEN}"


@pytest.mark.parametrize("signature", ["omit", "bm90IGEgc2lnbmF0dXJl", "wrong-secret"])
def test_forged_or_unsigned_requests_are_refused(assistant, fake_line, signature):
    user = new_user()
    if signature == "wrong-secret":
        response = post(assistant, [text_event("何件？", user, "t1")], secret="another-secret")
    else:
        response = post(assistant, [text_event("何件？", user, "t1")], signature=signature)
    assert response.status_code in (400, 401)
    time.sleep(1)
    assert not fake_line.delivered(to_user=user, reply_token="t1")


def test_a_stale_event_is_refused(assistant, fake_line):
    user, token = new_user(), uuid.uuid4().hex
    event = text_event("何件？", user, token, timestamp=int((time.time() - 3 * 3600) * 1000))
    assert post(assistant, [event]).status_code == 400
    time.sleep(1)
    assert not fake_line.delivered(reply_token=token)


def test_a_redelivered_event_is_answered_once(assistant, fake_line):
    user, token = new_user(), uuid.uuid4().hex
    event = text_event("原因は何ですか", user, token)
    assert post(assistant, [event]).status_code == 200
    again = {**event, "deliveryContext": {"isRedelivery": True}}
    assert post(assistant, [again]).status_code == 200
    fake_line.wait_for(lambda: fake_line.delivered(reply_token=token))
    time.sleep(2)
    replies = [r for r in fake_line.requests if r["body"].get("replyToken") == token]
    assert len(replies) == 1


def test_follow_gets_a_greeting_with_quick_replies_within_limits(assistant, fake_line):
    user, token = new_user(), uuid.uuid4().hex
    event = {"type": "follow", "timestamp": int(time.time() * 1000), "webhookEventId": uuid.uuid4().hex,
             "source": {"type": "user", "userId": user}, "replyToken": token, "mode": "active"}
    post(assistant, [event])
    messages = fake_line.wait_for(lambda: fake_line.delivered(reply_token=token))
    assert "お答えします" in texts(messages)
    items = [item for m in messages for item in m.get("quickReply", {}).get("items", [])]
    assert 0 < len(items) <= MAX_QUICK_REPLIES
    assert all(len(item["action"]["label"]) <= MAX_LABEL_CHARS for item in items)


def test_a_quick_reply_postback_is_understood(assistant, fake_line, facts):
    user, token = new_user(), uuid.uuid4().hex
    event = {"type": "postback", "timestamp": int(time.time() * 1000), "webhookEventId": uuid.uuid4().hex,
             "source": {"type": "user", "userId": user}, "replyToken": token, "mode": "active",
             "postback": {"data": "/ask_contact"}}
    post(assistant, [event])
    messages = fake_line.wait_for(lambda: fake_line.delivered(reply_token=token))
    assert facts["call_center_phone"].value in texts(messages)


def test_a_sticker_gets_a_polite_text(assistant, fake_line):
    user, token = new_user(), uuid.uuid4().hex
    event = text_event("", user, token)
    event["message"] = {"type": "sticker", "id": "2", "packageId": "1", "stickerId": "1"}
    post(assistant, [event])
    messages = fake_line.wait_for(lambda: fake_line.delivered(reply_token=token))
    assert "スタンプ" in texts(messages)


def test_an_old_reply_token_falls_back_to_push(assistant, fake_line, facts):
    user = new_user()
    post(assistant, [text_event("メールアドレスを教えて", user, "expired-" + uuid.uuid4().hex)])
    messages = fake_line.wait_for(lambda: fake_line.delivered(to_user=user))
    assert facts["section_email"].value in texts(messages)
    push = next(r for r in fake_line.requests if r["body"].get("to") == user)
    assert push["headers"].get("X-Line-Retry-Key")


def test_429_and_500_are_retried(assistant, fake_line, facts):
    user, token = new_user(), uuid.uuid4().hex
    fake_line.fail_next.extend([429, 500])
    post(assistant, [text_event("問い合わせ先を教えて", user, token)])
    messages = fake_line.wait_for(lambda: fake_line.delivered(reply_token=token)
                                  if len([r for r in fake_line.requests if r["body"].get("replyToken") == token]) >= 3
                                  else None)
    assert facts["city_window_phone"].value in texts(messages)


def test_on_line_the_check_sends_a_single_use_link(assistant, fake_line):
    user, token = new_user(), uuid.uuid4().hex
    post(assistant, [text_event("私は対象ですか", user, token)])
    messages = fake_line.wait_for(lambda: fake_line.delivered(reply_token=token))
    text = texts(messages)
    assert "?t=" in text and "住所" in text
    link_token = text.split("?t=")[1].split()[0]
    store = RegistryStore(assistant.registry_url)
    key = TEST_REGISTRY_KEY.encode()
    assert check_link.consume(key, link_token, store) is not None
    assert check_link.consume(key, link_token, store) is None


def test_quick_reply_limits_hold_for_long_button_lists():
    buttons = [{"title": f"とても長いボタンの名前です、その{i}番目のもの", "payload": f"/x{i}"} for i in range(20)]
    items = quick_reply(buttons)["items"]
    assert len(items) == MAX_QUICK_REPLIES
    assert all(len(item["action"]["label"]) <= MAX_LABEL_CHARS for item in items)


@pytest.mark.parametrize("broken", [
    {"timestamp": "yesterday"}, {"source": "U123"}, {"source": {"userId": 42}},
    {"message": {"type": "text", "text": 42}}, {"message": {"type": "text", "text": "何件\u0000"}},
    {"message": "text"}, {"replyToken": ["x"]}, {"webhookEventId": {"id": 1}},
    {"type": "postback", "postback": {"data": None}}, {"type": "postback", "postback": "x"},
])
def test_signed_events_with_unexpected_fields_are_skipped_with_a_200(assistant, fake_line, facts, broken):
    user, token = new_user(), uuid.uuid4().hex
    event = {**text_event("何件漏れたの？", user, token), **broken}
    assert post(assistant, [event]).status_code in (200, 400)
    # The next, ordinary event is answered as usual.
    good_token = uuid.uuid4().hex
    assert post(assistant, [text_event("何件漏れたの？", user, good_token)]).status_code == 200
    messages = fake_line.wait_for(lambda: fake_line.delivered(reply_token=good_token))
    assert facts["record_count"].value in texts(messages)


def test_a_redelivered_event_is_answered_once_whichever_replica_gets_it(configure, tmp_path):
    from bot.channels.line import LineInput
    configure(REGISTRY_SQLITE_PATH=str(tmp_path / "shared.db"))
    event = {"webhookEventId": "01HXYZ", "type": "message"}
    replica_a, replica_b = LineInput("secret", "token"), LineInput("secret", "token")
    assert replica_a.not_yet_answered([event]) == [event]
    assert replica_b.not_yet_answered([event]) == []
    assert replica_a.not_yet_answered([event]) == []


def test_the_contact_answer_carries_buttons_that_dial(assistant, fake_line, facts):
    user, token = new_user(), uuid.uuid4().hex
    post(assistant, [text_event("問い合わせ先を教えて", user, token)])
    messages = fake_line.wait_for(lambda: fake_line.delivered(reply_token=token))
    actions = [item["action"] for m in messages for item in (m.get("quickReply") or {}).get("items", [])]
    dial = {a["uri"] for a in actions if a["type"] == "uri"}
    for fact_id in ("city_window_phone", "call_center_phone"):
        assert "tel:" + facts[fact_id].value.replace("-", "") in dial
    assert all(len(a["label"]) <= MAX_LABEL_CHARS for a in actions)


def test_a_new_session_that_starts_with_a_question_greets_first(assistant, fake_line, facts):
    user, token = new_user(), uuid.uuid4().hex
    post(assistant, [text_event("何件漏れたの？", user, token)])
    messages = fake_line.wait_for(lambda: fake_line.delivered(reply_token=token))
    assert "お答えします" in messages[0]["text"] and facts["record_count"].value in messages[-1]["text"]
    # The same session's next question is answered without a second greeting.
    token = uuid.uuid4().hex
    post(assistant, [text_event("原因は？", user, token)])
    messages = fake_line.wait_for(lambda: fake_line.delivered(reply_token=token))
    assert "お答えします" not in texts(messages)


def test_a_fact_answer_asks_whether_it_helped_with_quick_replies(assistant, fake_line):
    user, token = new_user(), uuid.uuid4().hex
    post(assistant, [text_event("何件漏れたの？", user, token)])
    messages = fake_line.wait_for(lambda: fake_line.delivered(reply_token=token))
    items = messages[-1]["quickReply"]["items"]
    assert "役に立ちましたか" in messages[-1]["text"]
    assert [item["action"]["label"] for item in items if item["action"]["type"] != "uri"] == ["はい", "いいえ"]
