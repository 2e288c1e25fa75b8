"""Whatever arrives, the resident gets a polite Japanese answer and the server keeps serving."""
import re

import pytest

from bot.render import response_text

HIRAGANA = re.compile(r"[ぁ-ん]")

ODD_MESSAGES = [
    "",
    "   \n\t ",
    "あ" * 5_000,
    "😀😀😀🙏",
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "ｈｅｌｌｏ　漏洩 leak です？？？！！！",
    "\u200b\ufeff",
    "Ω≈ç√∫˜µ≤≥÷",
]


@pytest.mark.parametrize("message", ODD_MESSAGES, ids=range(len(ODD_MESSAGES)))
def test_odd_message_gets_a_polite_reply(assistant, message):
    response = assistant.post({"sender": "odd-input", "message": message})
    assert response.status_code == 200
    texts = [item.get("text", "") for item in response.json()]
    assert texts and all(HIRAGANA.search(text) for text in texts), texts
    # The assistant's own words only: nothing of what was typed is echoed back.
    assert all("<script" not in text and "onerror" not in text for text in texts)


@pytest.mark.parametrize(
    "body, content_type",
    [
        (b"not json", "application/json"),
        ("{\"sender\": \"x\", \"message\": \"何件\"}".encode("cp932"), "application/json"),
        (b"\xff\xfe\x00", "application/json"),
        (b"", "application/json"),
    ],
    ids=["text", "cp932", "garbage-bytes", "empty-body"],
)
def test_malformed_request_is_refused_politely(assistant, body, content_type):
    response = assistant.post(data=body, headers={"Content-Type": content_type})
    assert response.status_code == 400
    assert HIRAGANA.search(response.json()["error"])


@pytest.mark.parametrize(
    "body, status",
    [('{"sender": "x", "message": "\\ud800"}', 400), ('{"sender": "\\udfff", "message": "何件"}', 400),
     ('{"sender": "x", "message": "何件\\u0000"}', 400), ('{"sender": "x", "message": "\\u001b[2J"}', 400),
     ('{"sender": "%s", "message": "何件"}' % ("x" * 200), 400),
     ('{"sender": "x", "message": "%s"}' % ("あ" * 10_000), 413),
     ("[" * 50_000 + "]" * 50_000, 400)],
    ids=["lone-surrogate", "surrogate-sender", "nul", "escape", "long-sender", "long-message", "deep"],
)
def test_what_cannot_be_a_message_is_refused_at_the_door_and_the_server_goes_on(assistant, facts, body, status):
    response = assistant.post(data=body.encode(), headers={"Content-Type": "application/json"})
    assert response.status_code == status
    assert HIRAGANA.search(response.json()["error"])
    assert facts["record_count"].value in assistant.ask("何件漏れたの？")


@pytest.mark.parametrize(
    "payload",
    [[], "何件", {"message": "何件"}, {"sender": "", "message": "何件"},
     {"sender": "x", "message": 42}, {"sender": "x"}, {"sender": ["x"], "message": "何件"}],
    ids=["list", "string", "no-sender", "empty-sender", "number", "no-message", "list-sender"],
)
def test_payload_without_sender_or_text_is_refused(assistant, payload):
    response = assistant.post(payload)
    assert response.status_code == 400
    assert HIRAGANA.search(response.json()["error"])


def test_message_over_the_limit_is_refused_politely(assistant):
    response = assistant.post({"sender": "long", "message": "あ" * 20_001})
    assert response.status_code == 413
    assert "文字以内" in response.json()["error"]


@pytest.mark.parametrize("message", ["080-2222-3333", "12345678", "ID: a1b2c3", "ぴよぴよ07a0"])
def test_a_number_or_code_alone_gets_no_fact_for_an_answer(ask, message):
    assert ask(message) in (response_text("utter_default"), response_text("utter_out_of_scope"))


def test_server_still_answers_after_odd_input(ask, facts):
    assert facts["record_count"].value in ask("何件漏れたんですか")
