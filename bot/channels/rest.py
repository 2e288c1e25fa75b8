"""Rasa's REST channel with its input checked first (POST /webhooks/rest/webhook).

The built-in channel answers a body that is not a JSON object with a 500, lets the
client choose the input channel name (which the address check's channel policy
relies on), and stores client metadata in the tracker. This one refuses malformed
requests with a 400 and a Japanese message, keeps neither, and never leaves a
resident without an answer.
"""
import hmac
import os
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.exceptions import InvalidUsage
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.messages import message
from bot.render import response_text
from bot.tracker_store import find_store

# Said when a turn produced no answer at all (a custom action failed, say).
NO_ANSWER_RESPONSE = "utter_temporarily_unavailable"

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
        async def answered(user_message: UserMessage) -> None:
            await on_new_message(user_message)
            output = user_message.output_channel
            if isinstance(output, CollectingOutputChannel) and not output.messages:
                await output.send_text_message(user_message.sender_id, response_text(NO_ANSWER_RESPONSE))

        webhook = super().blueprint(answered)

        @webhook.route("/parse", methods=["POST"])
        async def parse(request: Request) -> HTTPResponse:
            # For the staff tool (server to server): the three likeliest topics of a
            # caller's words, without a conversation. Rasa's HTTP API stays off.
            expected = os.environ.get("STAFF_API_TOKEN", "")
            given = request.headers.get("X-Staff-Token", "")
            if not expected or not hmac.compare_digest(expected.encode(), given.encode()):
                return response.json({"error": "forbidden"}, status=403)
            payload = _payload(request) or {}
            if not isinstance(payload.get("message"), str):
                return response.json({"error": message("bad_request")}, status=400)
            parsed = await request.app.ctx.agent.parse_message(payload["message"][:MAX_MESSAGE_CHARS])
            ranking = [{"intent": item["name"], "confidence": round(item["confidence"], 3)}
                       for item in parsed.get("intent_ranking", []) if item["name"] != "nlu_fallback"]
            return response.json({"ranking": ranking[:3]})

        @webhook.route("/health", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            # For load balancers: 503 while the conversation database cannot be reached.
            agent = getattr(request.app.ctx, "agent", None)
            store = find_store(agent.tracker_store) if agent else None
            ok = store is not None and store.database_ok()
            return response.json({"tracker_store": "ok" if ok else "unavailable"},
                                 status=200 if ok else 503)

        @webhook.middleware("request")
        async def check_input(request: Request) -> Optional[HTTPResponse]:
            if request.method == "POST" and request.path.endswith("/webhook"):
                return refusal(request)
            return None

        return webhook
