"""The staff tool during a live call, over HTTP: scripts to read aloud, the live phone
status, taking back a wrongly logged call, grouped unanswered questions, facts by kind."""
import uuid

import pytest

from tests.conftest import add_staff
from tests.server.test_staff import log_in, staff  # noqa: F401 (fixture)
from tests.support import STAFF_PASSWORD


def suggestion(web, staff, text):
    return staff.post(f"{web}/staff/api/suggest", json={"text": text}).json()["suggestions"][0]


def test_the_suggestion_carries_a_script_for_the_phone_and_the_chat_answer(web, staff, facts):
    top = suggestion(web, staff, "問い合わせ先を教えてください")
    assert top["intent"] == "ask_contact"
    assert facts["city_window_phone"].value in top["script"]
    # The caller is on the phone to the call center: its number is not read back to them.
    assert facts["call_center_phone"].value not in top["script"] and "お電話ください" not in top["script"]
    assert "私どもの窓口" in top["script"]
    assert facts["call_center_phone"].value in top["answer"]


def test_the_phone_status_topic_shows_the_live_status_like_the_chat(web, staff, assistant, facts):
    top = suggestion(web, staff, "今電話つながりますか")
    assert top["intent"] == "ask_open_now"
    chat = assistant.ask("今電話つながりますか")
    for phone in (facts["city_window_phone"].value, facts["call_center_phone"].value):
        assert phone in top["answer"]
    assert ("受付時間内" in top["answer"]) == ("受付時間内" in chat)
    assert top["answer"].splitlines()[0] in chat


def test_a_call_logged_by_mistake_can_be_taken_back_once_and_only_by_its_operator(web, staff, assistant):
    def count(topic):
        calls = staff.get(f"{web}/staff/api/summary").json()["calls"]
        return next((c["count"] for c in calls if c["topic"] == topic), 0)
    before = count("ask_meeting")
    logged = staff.post(f"{web}/staff/api/calls", json={"topic": "ask_meeting"}).json()
    assert logged["label"] == "県の会議" and count("ask_meeting") == before + 1
    add_staff(assistant.env, "colleague", STAFF_PASSWORD)
    colleague = log_in(web, "colleague")
    assert colleague.post(f"{web}/staff/api/calls/undo", json={"id": logged["id"]}).status_code == 409
    assert staff.post(f"{web}/staff/api/calls/undo", json={"id": logged["id"]}).json()["ok"]
    assert count("ask_meeting") == before
    again = staff.post(f"{web}/staff/api/calls/undo", json={"id": logged["id"]})
    assert again.status_code == 409 and "取り消せませんでした" in again.json()["error"]


@pytest.mark.parametrize("body", [{"id": "1"}, {"id": None}, {"id": True}, {}, {"id": 1.5}, {"id": [1]}])
def test_an_undo_of_the_wrong_shape_is_a_400(web, staff, body):
    response = staff.post(f"{web}/staff/api/calls/undo", json=body)
    assert response.status_code == 400 and response.json()["error"]


def test_the_same_unanswered_question_is_listed_once_with_its_count(web, staff, assistant):
    word = "もにょもにょ" + uuid.uuid4().hex[:4]
    for variant in (word, f" {word} ", word.replace("もにょ", "モニョ", 0)):
        assistant.ask(variant)
    listed = [q for q in staff.get(f"{web}/staff/api/unanswered").json()["questions"]
              if q["text"].strip() == word]
    assert len(listed) == 1 and listed[0]["count"] == 3


def test_residents_in_the_audit_have_short_readable_ids(web, staff, assistant):
    sender = uuid.uuid4().hex
    assistant.ask("私は対象ですか", sender)
    assistant.ask("徳島県鳴門市撫養町南浜字東浜170", sender)
    assistant.ask("昭和25年1月2日", sender)
    rows = staff.get(f"{web}/staff/api/audit").json()["rows"]
    residents = [row["actor"] for row in rows if row["channel"] == "rest"]
    assert residents and all(len(actor) == 9 and actor[4] == "-" for actor in residents)


def test_the_facts_sheet_says_which_topics_use_each_fact(web, staff):
    sheet = {fact["id"]: fact for fact in staff.get(f"{web}/staff/api/facts").json()["facts"]}
    assert "問い合わせ先" in sheet["call_center_phone"]["topics"]
    assert "電話" in sheet["call_center_phone"]["words"]
    assert "電話" not in sheet["contract_period"]["words"]
