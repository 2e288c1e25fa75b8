"""Foreign residents: English and やさしい日本語, over REST as the widget uses it and over
LINE with a profile language. Questions in, answers with the facts in that language out."""
import json
import re
import uuid
from datetime import date
from urllib.parse import parse_qs, urlparse

import requests

from bot.registry import demo
from tests.server.test_line import new_user, post, text_event, texts

JAPANESE_LETTERS = re.compile(r"[\u3040-\u30ff]")
RECORD = next(demo.records(1))


def chat(assistant, sender, text):
    replies = assistant.post({"sender": sender, "message": text}).json()
    return "\n".join(reply.get("text", "") for reply in replies), replies


def choose(assistant, sender, language):
    """What the widget's language switch sends."""
    detected = "en" if language == "en" else "ja"
    payload = "/choose_language" + json.dumps({"language": language, "detected_language": detected})
    return chat(assistant, sender, payload)


def test_a_question_in_english_is_answered_in_english_with_the_facts(assistant, facts):
    sender = uuid.uuid4().hex
    answer, replies = chat(assistant, sender, "What information was leaked?")
    assert facts["leaked_items"].translations["en"] in answer
    assert "Was this answer helpful?" in answer
    assert [b["title"] for b in replies[-1]["buttons"]] == ["Yes", "No"]
    answer, _ = chat(assistant, sender, "who do i call about this")
    assert facts["city_window_phone"].value in answer and facts["call_center_phone"].value in answer
    assert "(special call center)" in answer
    # A Japanese message afterwards is answered in Japanese again.
    answer, _ = chat(assistant, sender, "何件漏れたの？")
    assert facts["record_count"].value in answer and "役に立ちましたか" in answer


def test_english_chosen_in_the_widget_stays_for_the_conversation(assistant, facts):
    sender = uuid.uuid4().hex
    answer, _ = choose(assistant, sender, "en")
    assert answer.startswith("I will answer in English")
    answer, _ = chat(assistant, sender, "原因は？")
    assert facts["cause_insider"].translations["en"] in answer
    answer, replies = chat(assistant, sender, "/feedback_unhelpful")
    assert "Sorry it did not help" in answer


def test_an_english_speaker_checks_whether_they_are_affected(assistant, facts):
    sender = uuid.uuid4().hex
    answer, _ = chat(assistant, sender, "am I affected?")
    assert "address and your date of birth" in answer and "type your address" in answer
    answer, _ = chat(assistant, sender, RECORD[2])
    assert "date of birth" in answer
    born = date.fromisoformat(RECORD[3].replace("/", "-"))
    # Day and month by numbers that could be swapped: asked, not guessed, not repeated back.
    swappable = f"{born.month}/{born.day}/{born.year}"
    assert born.day <= 12 and born.month <= 12 and born.day != born.month
    answer, _ = chat(assistant, sender, swappable)
    assert "can be read two ways" in answer and swappable not in answer
    answer, _ = chat(assistant, sender, born.strftime("%b %d %Y"))
    assert "match a record of the leaked information" in answer
    assert facts["letter"].translations["en"] in answer


def test_easy_japanese_is_chosen_by_typing_and_answers_in_short_words(assistant, facts):
    sender = uuid.uuid4().hex
    answer, _ = chat(assistant, sender, "やさしい日本語で")
    assert "やさしい　にほんごで　こたえます" in answer
    answer, replies = chat(assistant, sender, "何が漏れたの？")
    assert facts["leaked_items"].translations["easy"] in answer
    assert [b["title"] for b in replies[-1]["buttons"]] == ["はい", "いいえ"]
    answer, _ = chat(assistant, sender, "どこに電話すればいい？")
    assert facts["call_center_phone"].value in answer and "とくべつな　でんわの　まどぐち" in answer
    answer, _ = chat(assistant, sender, "私は対象ですか")
    assert "じゅうしょと　うまれた　日（ひ）" in answer
    answer, _ = chat(assistant, sender, "やめる")
    assert "しらべるのを　やめました" in answer


def test_a_clarifying_question_in_english_offers_english_buttons(assistant):
    sender = uuid.uuid4().hex
    answer, replies = chat(assistant, sender, "something about the data thing")
    if "Which of these" in answer:  # the model was unsure: the choices are in English
        titles = [b["title"] for b in replies[-1]["buttons"]]
        assert titles[-1] == "None of these" and not any(JAPANESE_LETTERS.search(t) for t in titles)
    else:
        assert not JAPANESE_LETTERS.search(answer.replace("株式会社", ""))


def test_line_with_an_english_profile_gets_english(assistant, fake_line, facts):
    user, token = new_user(), uuid.uuid4().hex
    fake_line.languages[user] = "en"
    post(assistant, [text_event("何件漏れたの？", user, token)])
    messages = fake_line.wait_for(lambda: fake_line.delivered(reply_token=token))
    assert messages[0]["text"].startswith("Hello.")
    assert facts["record_count"].translations["en"] in texts(messages)
    labels = [item["action"]["label"] for item in messages[-1]["quickReply"]["items"]
              if item["action"]["type"] != "uri"]
    assert labels == ["Yes", "No"]


def test_line_with_a_japanese_or_no_profile_language_stays_japanese(assistant, fake_line, facts):
    for language in ("ja", None):
        user, token = new_user(), uuid.uuid4().hex
        if language:
            fake_line.languages[user] = language
        post(assistant, [text_event("何件漏れたの？", user, token)])
        messages = fake_line.wait_for(lambda: fake_line.delivered(reply_token=token))
        assert facts["record_count"].value in texts(messages) and "役に立ちましたか" in texts(messages)


def test_staff_see_the_language_of_the_days_conversations(assistant, web):
    from tests.server.test_staff import log_in
    staff = log_in(web)
    before = staff.get(f"{web}/staff/api/summary").json()["languages"]
    chat(assistant, uuid.uuid4().hex, "how many people were affected?")
    easy = uuid.uuid4().hex
    chat(assistant, easy, "やさしい日本語で")
    chat(assistant, easy, "なにが　もれたの")
    after = staff.get(f"{web}/staff/api/summary").json()["languages"]
    assert after.get("en", 0) == before.get("en", 0) + 1
    assert after.get("easy", 0) == before.get("easy", 0) + 1
    assert "会話の言語,英語," in staff.get(f"{web}/staff/summary.csv").content.decode("utf-8-sig")


def test_a_reviewed_translation_change_reaches_english_answers_and_a_value_change_drops_stale_ones(
        assistant, web, reviewers, facts):
    from tests.server.test_fact_changes import WITHIN_SECONDS, wait_for
    from tests.server.test_staff import log_in
    editor, approver = log_in(web, "editor1"), log_in(web, "approver1")
    current = next(f for f in editor.get(f"{web}/staff/api/facts/review").json()["facts"]
                   if f["id"] == "meeting_place")
    assert current["translations"]["en"] == facts["meeting_place"].translations["en"]

    def change(translations, value=current["value"]):
        body = {"fact_id": "meeting_place", "value": value, "extra": {}, "source": current["source"],
                "as_of": "2023-10-18", "reason": "英訳の見直し（テスト）", "translations": translations}
        version = editor.post(f"{web}/staff/api/facts/propose", json=body).json()["version"]["id"]
        assert approver.post(f"{web}/staff/api/facts/versions/{version}/approve", json={}).status_code == 200

    ask_en = lambda: chat(assistant, uuid.uuid4().hex, "where was the prefecture meeting held")[0]
    change({"easy": current["translations"]["easy"], "en": "Room 405, Tokushima Prefectural Office"})
    wait_for(lambda: "Room 405, Tokushima Prefectural Office" in ask_en(), WITHIN_SECONDS)
    # A new Japanese value without its translations: English answers say the Japanese value.
    change({}, value="県庁406会議室")
    wait_for(lambda: "県庁406会議室" in ask_en(), WITHIN_SECONDS)
    change(current["translations"])
    wait_for(lambda: current["translations"]["en"] in ask_en(), WITHIN_SECONDS)


def test_line_in_english_dials_and_checks_in_english(assistant, fake_line, web, facts):
    user = new_user()
    fake_line.languages[user] = "en"

    def send(text):
        token = uuid.uuid4().hex
        post(assistant, [text_event(text, user, token)])
        return fake_line.wait_for(lambda: fake_line.delivered(reply_token=token))

    dials = [item["action"]["label"] for m in send("/ask_contact")
             for item in (m.get("quickReply") or {}).get("items", []) if item["action"]["type"] == "uri"]
    assert dials == [f"Call {facts[fact].value}" for fact in ("city_window_phone", "call_center_phone")]

    link = re.search(r"https?://\S+", texts(send("/check_affected"))).group(0)
    query = parse_qs(urlparse(link).query)
    assert query["lang"] == ["en"]
    page = requests.get(f"{web}/check", params={"t": query["t"][0], "lang": "en"}, timeout=10)
    assert page.status_code == 200 and '<html lang="en">' in page.text
    assert "Type your address and date of birth" in page.text and not JAPANESE_LETTERS.search(
        page.text.replace(facts["city_hall_address"].value, ""))
    born = date.fromisoformat(RECORD[3].replace("/", "-"))
    form = {"t": query["t"][0], "lang": "en", "address": RECORD[2]}
    swapped = requests.post(f"{web}/check", data={**form, "birthdate": f"{born.month}/{born.day}/{born.year}"},
                            timeout=10)
    assert swapped.status_code == 422 and "can be read two ways" in swapped.text
    result = requests.post(f"{web}/check", data={**form, "birthdate": born.strftime("%b %d %Y")}, timeout=10)
    assert "match a record of the leaked information" in result.text
    assert facts["letter"].translations["en"] in result.text
    used = requests.get(f"{web}/check", params={"t": query["t"][0], "lang": "en"}, timeout=10)
    assert used.status_code == 410 and "already been used" in used.text
