"""The action server's replies are still checked against Rasa's schema, compiled once."""
import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

import bot.channels  # noqa: F401  (what every Rasa server of the project loads)


def remote_action() -> RemoteAction:
    return RemoteAction("action_check_registry", action_endpoint=None)


def test_a_valid_reply_passes():
    reply = {"events": [{"event": "slot", "name": "address", "value": None}],
             "responses": [{"text": "確認しました", "buttons": []}]}
    assert remote_action()._validate_action_result(reply) is True


@pytest.mark.parametrize("reply", [{"events": [{"name": "no event type"}]}, {"responses": "text"}])
def test_a_malformed_reply_is_refused_with_rasa_s_message(reply):
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        remote_action()._validate_action_result(reply)
