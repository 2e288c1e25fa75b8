"""Rasa's REST channel with its input checked first (POST /webhooks/rest/webhook).

The built-in channel answers a body that is not a JSON object with a 500, lets the
client choose the input channel name (which the address check's channel policy
relies on), and stores client metadata in the tracker. This one refuses malformed
requests with a 400 and a Japanese message, and keeps neither.
"""
from typing import Any, Callable, Awaitable, Dict, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.exceptions import InvalidUsage
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.messages import message

MAX_MESSAGE_CHARS = 20_000
MAX_SENDER_CHARS = 128


def _payload(request: Request) -> Optional[Dict[Text, Any]]:
    try:
        payload = request.json
    except (InvalidUsage, ValueError):
        return None
    return payload if isinstance(payload, dict) else None


def refusal(request: Request) -> Optional[HTTPResponse]:
    """A 4xx response for a request that cannot be a resident's message, else None."""
    try:
        # Sanic would decode other encodings lossily; a garbled question is worse than none.
        request.body.decode("utf-8")
    except UnicodeDecodeError:
        return response.json({"error": message("not_utf8")}, status=400)
    payload = _payload(request)
    if payload is None:
        return response.json({"error": message("bad_request")}, status=400)
    sender, text = payload.get("sender"), payload.get("message")
    if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER_CHARS:
        return response.json({"error": message("bad_request")}, status=400)
    if not isinstance(text, str):
        return response.json({"error": message("bad_request")}, status=400)
    if len(text) > MAX_MESSAGE_CHARS:
        error = message("message_too_long", max_chars=f"{MAX_MESSAGE_CHARS:,}")
        return response.json({"error": error}, status=413)
    return None


class CheckedRestInput(RestInput):
    @classmethod
    def name(cls) -> Text:
        return "rest"

    def _extract_input_channel(self, req: Request) -> Text:
        return self.name()

    def get_metadata(self, request: Request) -> Optional[Dict[Text, Any]]:
        return None

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        webhook = super().blueprint(on_new_message)

        @webhook.middleware("request")
        async def check_input(request: Request) -> Optional[HTTPResponse]:
            if request.method == "POST":
                return refusal(request)
            return None

        return webhook
