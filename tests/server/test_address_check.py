"""「私は対象ですか？」 through the REST channel, against the demo registry.

The demo record is read from the generator, the expected sentences from the
responses file's facts: nothing here is typed by hand twice.
"""
import json
import sqlite3
import uuid
from datetime import datetime
from pathlib import Path

import pytest

from bot.birthdate import to_japanese_era
from bot.registry import demo

FIRST_RECORD = next(demo.records(1))
ADDRESS, BIRTHDATE = FIRST_RECORD[2], datetime.strptime(FIRST_RECORD[3], "%Y/%m/%d").date()


SENDERS = []


def converse(assistant, *texts: str) -> list:
    sender = uuid.uuid4().hex
    SENDERS.append(sender)
    return [assistant.ask(text, sender) for text in texts]


def typed_variant(address: str) -> str:
    """The demo address as a resident might type it: no city, full-width digits, dashes."""
    return (address.replace("鳴門市", "").replace("字", "").replace("番地", "－")
            .translate(str.maketrans("0123456789", "０１２３４５６７８９")).rstrip("－"))


def test_a_match_says_so_and_that_a_letter_will_come(assistant, facts):
    replies = converse(assistant, "私の情報が漏れたか確認したい", typed_variant(ADDRESS),
                       to_japanese_era(BIRTHDATE))
    assert "住所" in replies[0] and "生年月日" in replies[0]
    assert "生年月日" in replies[1]
    assert "一致しました" in replies[2]
    assert facts["letter"].value in replies[2]
    assert facts["city_window_phone"].value in replies[2]


def test_no_match_never_says_safe(assistant, facts):
    replies = converse(assistant, "自分が対象か調べてほしい", ADDRESS, "1901/1/1")
    assert "見つかりませんでした" in replies[2]
    assert "書き方の違い" in replies[2] and "文書が届きます" in replies[2]
    assert facts["call_center_phone"].value in replies[2]
    assert "安心" not in replies[2] and "大丈夫" not in replies[2]


def test_a_different_number_does_not_match(assistant):
    number_changed = ADDRESS.replace("番地", "0番地", 1)
    replies = converse(assistant, "私は対象ですか", number_changed, BIRTHDATE.strftime("%Y/%m/%d"))
    assert "見つかりませんでした" in replies[2]


def test_unreadable_birthdate_is_asked_again_with_an_example(assistant):
    replies = converse(assistant, "私は対象ですか", ADDRESS, "きのう", BIRTHDATE.isoformat())
    assert "昭和25年1月2日" in replies[2]
    assert "一致しました" in replies[3]


def test_third_failure_hands_over_to_the_phones(assistant, facts):
    replies = converse(assistant, "私は対象ですか", ADDRESS, "あした", "ええと", "わからん")
    assert "お電話" in replies[4] and facts["city_window_phone"].value in replies[4]


@pytest.mark.parametrize("stop_word", ["やめる", "キャンセル", "やっぱりいいです"])
def test_the_resident_can_stop_at_any_point(assistant, stop_word):
    replies = converse(assistant, "私は対象ですか", stop_word)
    assert "中止しました" in replies[1]
    replies = converse(assistant, "私は対象ですか", ADDRESS, stop_word)
    assert "中止しました" in replies[2]


def test_sixth_check_of_a_sender_in_a_day_is_refused(assistant, facts):
    sender = uuid.uuid4().hex
    for _ in range(5):
        for text in ("私は対象ですか", ADDRESS, "1901/1/1"):
            reply = assistant.ask(text, sender)
        assert "見つかりませんでした" in reply
    reply = assistant.ask("もう一度確認したい、私は対象ですか", sender)
    assert "上限" in reply and facts["city_window_phone"].value in reply


def test_nothing_typed_is_kept_in_the_tracker_store_logs_or_registry(assistant):
    address_typed, birthdate_typed = typed_variant(ADDRESS), to_japanese_era(BIRTHDATE)
    converse(assistant, "私は対象ですか", address_typed, birthdate_typed)
    converse(assistant, "私は対象ですか", ADDRESS, BIRTHDATE.strftime("%Y/%m/%d"))
    secrets = [address_typed, birthdate_typed, ADDRESS, BIRTHDATE.strftime("%Y/%m/%d"),
               BIRTHDATE.isoformat(), ADDRESS.replace("字", "").replace("番地", "-")]
    with sqlite3.connect(assistant.tracker_db) as db:
        stored = "\n".join(row[0] for row in db.execute("SELECT data FROM events"))
        finished = "\n".join(row[0] for row in db.execute(
            "SELECT data FROM events WHERE sender_id IN (%s)" % ",".join("?" * 2), SENDERS[-2:]))
    places = {"tracker store": stored.encode("utf-8").decode("unicode_escape", "ignore")
              + stored}
    for log in assistant.logs:
        places[log.name] = log.read_text(encoding="utf-8", errors="replace")
    for path in Path(assistant.registry_dir).rglob("*"):
        if path.is_file():
            places[str(path)] = path.read_bytes().decode("utf-8", errors="replace")
    for place, content in places.items():
        for secret in secrets:
            assert secret not in content, f"{place} holds a typed address or birth date"
    assert "sealed:" not in finished, "a finished check left its sealed answers in the store"


def test_a_sealed_value_from_another_conversation_is_not_taken_as_an_address(assistant):
    first = uuid.uuid4().hex
    assistant.ask("私は対象ですか", first)
    assistant.ask(ADDRESS, first)  # sealed and stored while the birth date is asked
    with sqlite3.connect(assistant.tracker_db) as db:
        stolen = next(json.loads(data)["value"] for (data,) in db.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'slot' "
            "AND action_name = 'address'", (first,)) if "sealed:" in data)
    replies = converse(assistant, "私は対象ですか", stolen, BIRTHDATE.isoformat())
    assert "住所を読み取れませんでした" in replies[1]
    assert "一致しました" not in "".join(replies)
