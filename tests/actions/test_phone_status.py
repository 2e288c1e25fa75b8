"""「今電話つながりますか？」 in process, at fixed moments: the Japanese answer a resident reads."""
from datetime import datetime
from typing import List

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import phone_status
from bot.phone_windows import JAPAN
from bot.render import rendered_responses
from tests.support import run_async


def answer_at(monkeypatch, *moment) -> List[str]:
    monkeypatch.setattr(phone_status, "now_in_japan", lambda: datetime(*moment, tzinfo=JAPAN))
    dispatcher = CollectingDispatcher()
    tracker = Tracker("t", {}, {}, [], False, None, {}, "action_listen")
    run_async(phone_status.ActionPhoneStatus().run(dispatcher, tracker, {}))
    responses = rendered_responses()
    return [
        responses[message["response"]][0]["text"].format(**message)
        for message in dispatcher.messages
    ]


@pytest.fixture()
def city_phone(facts):
    return facts["city_window_phone"].value


def test_last_afternoon_before_the_new_year_closure(monkeypatch, city_phone):
    texts = answer_at(monkeypatch, 2026, 12, 28, 17, 0)
    city = next(text for text in texts if city_phone in text)
    assert "受付時間内" in city and "本日17時15分まで" in city
    assert "※12月29日（火）～1月3日（日）は年末年始のお休みです。" in texts


def test_the_city_window_is_closed_on_december_29(monkeypatch, city_phone):
    texts = answer_at(monkeypatch, 2026, 12, 29, 10, 0)
    city = next(text for text in texts if city_phone in text)
    assert "受付時間外" in city and "1月4日（月）8時30分" in city
    assert "※12月29日（火）～1月3日（日）は年末年始のお休みです。" in texts


def test_january_4_before_and_at_opening(monkeypatch, city_phone):
    before = answer_at(monkeypatch, 2027, 1, 4, 8, 29)
    assert any("受付時間外" in t and "本日8時30分" in t and city_phone in t for t in before)
    assert not any("年末年始" in t for t in before if city_phone in t or t.startswith("※12月"))
    at = answer_at(monkeypatch, 2027, 1, 4, 8, 30)
    assert any("受付時間内" in t and "本日17時15分まで" in t and city_phone in t for t in at)


@pytest.mark.parametrize("moment", [(2026, 12, 27, 21, 0), (2026, 12, 31, 12, 0)])
def test_the_call_center_days_are_said_once_never_guessed(monkeypatch, facts, moment):
    phone = facts["call_center_phone"].value
    texts = [t for t in answer_at(monkeypatch, *moment) if phone in t]
    assert len(texts) == 1
    text = texts[0]
    assert text.count("発表されていません") == 1
    assert facts["call_center_hours"].value in text
    # No next opening on a day nobody announced, and no advice that contradicts it.
    assert "次の受付" not in text and "お確かめ" not in text
