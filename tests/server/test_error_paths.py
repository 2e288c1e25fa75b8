"""Each error path happens for real, with marked personal data typed in; afterwards no
log of any server, and no file under the working folders, holds it.

- a client that gives up before the answer (Rasa logs the timeout);
- an action that raises (a malformed call straight to the action server, with the token);
- a database error (the registry file replaced by garbage while a check runs);
- a tracker store that cannot encode a value (a lone surrogate past the door).
"""
import shutil
import uuid

import pytest
import requests

from tests.support import ACTION_SERVER_TOKEN

# Marked so that no other test's text can match by chance.
MARKED_ADDRESS = "撫養町黒崎字松島四十八番地の七"
MARKED_BIRTH = "昭和三十七年四月二十九日"
MARKED_NAME = "名前は鳴門ハナコです"
MARKED_PHONE = "090-7713-2468"
MARKED_MAIL = "hanako.mark@example.jp"
MARKERS = ["四十八番地の七", "三十七年四月二十九", "ハナコ", "7713-2468", "77132468", "hanako.mark"]


def typed(extra: str = "") -> str:
    return f"{MARKED_NAME}。{MARKED_ADDRESS}に住んでいて{MARKED_BIRTH}生まれ、{MARKED_PHONE} {MARKED_MAIL} {extra}"


def action_server_url(assistant) -> str:
    return assistant.env["ACTION_ENDPOINT_URL"]


def test_a_client_that_gives_up_leaves_nothing(assistant):
    with pytest.raises(requests.exceptions.Timeout):
        requests.post(assistant.webhook, json={"sender": uuid.uuid4().hex, "message": typed("何件？")},
                      timeout=0.01)


def test_an_action_that_raises_leaves_nothing(assistant):
    call = {"next_action": "action_check_registry", "sender_id": "x", "version": "3.6.21",
            "tracker": {"sender_id": "x", "slots": {"address": typed()}, "latest_message": {"text": typed()},
                        "events": "not a list"}, "domain": {}}
    response = requests.post(action_server_url(assistant), json=call, timeout=30,
                             headers={"X-Action-Token": ACTION_SERVER_TOKEN})
    assert response.status_code < 600
    assert "ハナコ" not in response.text and "四十八" not in response.text


def test_the_action_server_answers_only_with_its_token(assistant):
    call = {"next_action": "action_start_check", "sender_id": "x", "tracker": {}, "domain": {}}
    for headers in ({}, {"X-Action-Token": "guess"}, {"X-Action-Token": "é"}):
        assert requests.post(action_server_url(assistant), json=call, headers=headers,
                             timeout=30).status_code == 401
    assert requests.get(action_server_url(assistant).replace("/webhook", "/actions"),
                        timeout=30).status_code == 401


def test_a_database_error_during_a_check_leaves_nothing(assistant, facts):
    registry = assistant.registry_dir / "registry.db"
    backup = registry.with_suffix(".bak")
    shutil.copy(registry, backup)
    sender = uuid.uuid4().hex
    try:
        registry.write_bytes(b"this is not a database " * 100)
        replies = [assistant.ask(text, sender) for text in ("私は対象ですか", MARKED_ADDRESS, MARKED_BIRTH)]
    finally:
        shutil.copy(backup, registry)
        backup.unlink()
    assert facts["city_window_phone"].value in replies[0]
    assert facts["record_count"].value in assistant.ask("何件漏れたの？")


def test_a_value_the_store_cannot_encode_does_not_stop_the_server(assistant, facts):
    body = ('{"sender": "%s", "message": "%s \\ud800"}' % (uuid.uuid4().hex, typed())).encode()
    response = requests.post(assistant.webhook, data=body, timeout=60,
                             headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert facts["record_count"].value in assistant.ask("何件漏れたの？")


def test_no_log_or_file_holds_the_marked_data(assistant):
    # Runs after the error paths above (pytest keeps the file's order).
    requests.post(assistant.webhook, json={"sender": uuid.uuid4().hex, "message": typed("補償は？")},
                  timeout=60)
    places = {log.name: log.read_text(encoding="utf-8", errors="replace") for log in assistant.logs}
    for path in assistant.registry_dir.parent.rglob("*"):
        if path.is_file() and path.suffix != ".log":
            raw = path.read_bytes()
            places[str(path)] = raw.decode("utf-8", errors="replace") + raw.decode("unicode_escape", errors="replace")
    found = [(place, marker) for place, text in places.items() for marker in MARKERS if marker in text]
    assert found == []
