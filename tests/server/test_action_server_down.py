"""With the action server down, facts are still answered and the check says it is unavailable."""
import uuid

import pytest
import requests

from bot.devservers import running_assistant


@pytest.fixture(scope="module")
def without_actions(tmp_path_factory):
    with running_assistant(tmp_path_factory.mktemp("no-actions"), {}, with_actions=False) as running:
        yield running


def ask(base_url: str, text: str) -> str:
    response = requests.post(f"{base_url}/webhooks/rest/webhook",
                             json={"sender": uuid.uuid4().hex, "message": text}, timeout=60)
    assert response.status_code == 200
    return "\n".join(item.get("text", "") for item in response.json())


def test_fact_questions_need_no_action_server(without_actions, facts):
    assert facts["record_count"].value in ask(without_actions.base_url, "何件漏れたの？")
    assert facts["cause_insider"].value in ask(without_actions.base_url, "原因は何ですか")


@pytest.mark.parametrize("question", ["私は対象ですか", "今電話つながりますか？"])
def test_custom_actions_say_unavailable_with_the_phones(without_actions, facts, question):
    reply = ask(without_actions.base_url, question)
    assert "一時的に使えません" in reply
    assert facts["city_window_phone"].value in reply and facts["call_center_phone"].value in reply
    assert "Traceback" not in reply and "Exception" not in reply
