"""Questions residents ask, sent to the trained assistant through the REST channel.

None of these questions is in the training data; every expected fact is read from
data/facts.yml, so a changed fact changes what these tests expect.
"""
import re
import sqlite3
import uuid

import pytest
import requests

QUESTIONS_AND_FACTS = [
    ("流出したのはどういう情報ですか", ["leaked_items", "items_vary"]),
    ("電話番号まで漏れてしまったんですか", ["items_vary"]),
    ("何件漏れたの？", ["record_count"]),
    ("どうしてこんなことになったのか理由を教えて", ["cause_insider", "cause_controls"]),
    ("情報が盗まれたのはいつのことなんですか", ["taken_when"]),
    ("どういういきさつで分かったんですか", ["police_investigation", "internal_investigation"]),
    ("私の情報が悪い人に売られていないか心配です", ["third_party"]),
    ("対象になっているのはどの保険の人ですか", ["insured_group", "contract_work"]),
    ("業者との契約はいつからいつまでだったの", ["contract_period"]),
    ("委託していた業者はどこの会社ですか", ["contractor_then", "contractor_now", "maintenance_company"]),
    ("市はこれまでどんな対応をしてきたんですか", ["reported_to_ppc", "reviewing_contractor", "city_stance"]),
    ("同じことが起きないように何か対策はしたの", ["contractor_measure_devices", "contractor_measure_detection", "city_measure"]),
    ("対象者には何か通知が送られてくるのですか", ["letter"]),
    ("電話で相談したいのですが番号を教えてください", ["city_window_phone", "city_window_hours", "call_center_phone", "call_center_hours"]),
    ("メールで問い合わせたいのですがアドレスは", ["section_email"]),
    ("土日でも電話できますか", ["city_window_hours", "call_center_hours"]),
    ("県の危機管理連絡会議はいつどこで開かれたの", ["meeting_datetime", "meeting_place", "meeting_agenda"]),
    ("人と直接話したいんですが", ["city_window_phone", "call_center_phone"]),
]


@pytest.mark.parametrize("question, fact_ids", QUESTIONS_AND_FACTS)
def test_question_gets_the_announced_fact(ask, facts, question, fact_ids):
    reply = ask(question)
    for fact_id in fact_ids:
        assert facts[fact_id].value in reply, f"{question!r} → {reply!r} lacks {fact_id}"


def test_compensation_is_not_invented(ask, facts):
    reply = ask("補償金はいくらもらえるんですか")
    assert "公表されていません" in reply
    assert facts["city_window_phone"].value in reply
    assert not re.search(r"\d+円", reply)


def test_caution_says_the_chat_never_asks_for_bank_data(ask):
    reply = ask("市役所を名乗る人から口座番号を聞かれたのですが")
    assert "口座" in reply and "答えないでください" in reply


# Residents who type without converting to kanji; none of these is in the training data.
HIRAGANA_QUESTIONS_AND_FACTS = [
    ("どんなじょうほうがもれたの", "leaked_items"),
    ("でんわばんごうまでもれたんですか", "items_vary"),
    ("ぜんぶでなんにんぶんもれたのですか", "record_count"),
    ("いつごろぬすまれたの", "taken_when"),
    ("ほかにひろまっていませんか", "third_party"),
    ("いたくがいしゃのなまえをおしえて", "contractor_then"),
    ("しはどんなたいおうをしたの", "reported_to_ppc"),
    ("さいはつぼうしのたいさくは", "city_measure"),
    ("まどぐちのでんわばんごう", "city_window_phone"),
    ("どようびもでんわできますか", "call_center_hours"),
    ("めーるあどれすをおしえて", "section_email"),
]


@pytest.mark.parametrize("question, fact_id", HIRAGANA_QUESTIONS_AND_FACTS)
def test_questions_typed_in_hiragana_get_the_fact(assistant, facts, question, fact_id):
    """The fact at once, or (when the model is not sure) a choice whose button gives it:
    never another question's fact."""
    sender = uuid.uuid4().hex
    messages = assistant.post({"sender": sender, "message": question}).json()
    reply = "\n".join(m.get("text", "") for m in messages)
    if facts[fact_id].value in reply:
        return
    assert "次のどれについて" in reply, reply
    answers = [assistant.ask(b["payload"], sender) for m in messages for b in m.get("buttons", [])
               if b["payload"] != "/request_human"]
    assert any(facts[fact_id].value in answer for answer in answers)


def test_half_width_kana_and_repeated_marks_are_understood(ask, facts):
    assert facts["leaked_items"].value in ask("ﾅﾆｶﾞﾓﾚﾀﾉ")
    assert facts["cause_insider"].value in ask("げんいんはなに？？？")


def test_hours_follow_up_right_after_the_contacts(assistant, facts):
    sender = "follow-up"
    assistant.ask("問い合わせ先はどこですか", sender)
    reply = assistant.ask("それは何時まで？", sender)
    assert facts["city_window_hours"].value in reply
    assert facts["call_center_hours"].value in reply


def test_is_it_open_now_names_both_windows(ask, facts):
    reply = ask("今電話つながりますか？")
    assert facts["city_window_name"].value in reply
    assert facts["call_center_name"].value in reply
    assert re.search(r"受付時間(内|外)", reply)


def test_am_i_affected_asks_for_the_address(ask):
    reply = ask("自分の情報が漏れたかどうか確認できますか")
    assert "住所" in reply and "生年月日" in reply


def test_conversations_are_kept_in_the_sqlite_tracker_store(assistant):
    assistant.ask("こんにちは", "stored-conversation")
    with sqlite3.connect(assistant.tracker_db) as db:
        senders = {row[0] for row in db.execute("SELECT DISTINCT sender_id FROM events")}
    assert "stored-conversation" in senders


def test_the_server_reports_ready_only_once_warm(assistant):
    health = requests.get(f"{assistant.base_url}/webhooks/rest/health", timeout=10)
    assert health.status_code == 200 and health.json()["model"] == "ready"
