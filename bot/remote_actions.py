"""Rasa checks every reply of the action server with `jsonschema.validate`, which first
re-checks the (constant) schema itself against the JSON Schema meta-schema. Under load
that was half of the Rasa server's CPU (py-spy, 8-turn conversations). Here the
validator is compiled once; the schema, the errors and their messages stay Rasa's own.
"""
from typing import Any, Dict, Text

from jsonschema import exceptions, validators
from rasa.core.actions.action import RemoteAction

_original = RemoteAction._validate_action_result


def compile_reply_schema_once() -> None:
    if RemoteAction._validate_action_result is not _original:
        return
    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)

    def _validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
        error = exceptions.best_match(validator.iter_errors(result))
        if error is None:
            return True
        # Rasa's own handling of an invalid reply, with the same error.
        return _original(self, result)

    RemoteAction._validate_action_result = _validate_action_result
