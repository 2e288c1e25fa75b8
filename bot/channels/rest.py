"""Rasa's REST channel with its input checked first (POST /webhooks/rest/webhook).

The built-in channel answers a body that is not a JSON object with a 500, lets the
client choose the input channel name (which the address check's channel policy
relies on), and stores client metadata in the tracker. This one refuses malformed
requests with a 400 and a Japanese message, keeps neither, and never leaves a
resident without an answer.
"""
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.exceptions import InvalidUsage
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.client_address import client_digest
from bot.facts.live import live_facts
from bot.inbound import Refused, checked_sender, checked_text, decoded_utf8, refusal_text, same_secret
from bot.render import response_text
from bot.settings import settings
from bot.tracker_store import find_store

# Said when a turn produced no answer at all (a custom action failed, say).
NO_ANSWER_RESPONSE = "utter_temporarily_unavailable"
# Parsed at start so that the first residents do not wait for the model's first
# inferences (TensorFlow builds its graphs then: p95 743 ms cold against 92 ms warm).
WARM_UP_TEXTS = ("何件漏れたの？", "問い合わせ先を教えて", "こんにちは", "私は対象ですか",
                 "なにがもれたの", "How many?") * 3


def json_object(request: Request) -> Dict[Text, Any]:
    """The body as a JSON object in UTF-8, or Refused."""
    # Sanic would decode other encodings lossily; a garbled question is worse than none.
    decoded_utf8(request.body)
    try:
        payload = request.json
    except (InvalidUsage, ValueError, RecursionError):
        raise Refused("bad_request") from None
    if not isinstance(payload, dict):
        raise Refused("bad_request")
    return payload


def refusal(request: Request) -> Optional[HTTPResponse]:
    """A 4xx response for a request that cannot be a resident's message, else None."""
    try:
        payload = json_object(request)
        checked_sender(payload.get("sender"))
        checked_text(payload.get("message"))
    except Refused as refused:
        return response.json({"error": refusal_text(refused)}, status=refused.status)
    return None


class CheckedRestInput(RestInput):
    @classmethod
    def name(cls) -> Text:
        return "rest"

    def _extract_input_channel(self, req: Request) -> Text:
        return self.name()

    def get_metadata(self, request: Request) -> Optional[Dict[Text, Any]]:
        # Not the client's metadata: only where the request came from, as a keyed hash,
        # for the check's per-client limit.
        return {"client": client_digest(request.ip, request.headers.get("X-Forwarded-For"),
                                        settings().trusted_proxies)}

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
            if not same_secret(request.headers.get("X-Staff-Token"), settings().staff_api_token):
                return response.json({"error": "forbidden"}, status=403)
            try:
                text = checked_text(json_object(request).get("message"))
            except Refused as refused:
                return response.json({"error": refusal_text(refused)}, status=refused.status)
            parsed = await request.app.ctx.agent.parse_message(text)
            ranking = [{"intent": item["name"], "confidence": round(item["confidence"], 3)}
                       for item in parsed.get("intent_ranking", []) if item["name"] != "nlu_fallback"]
            return response.json({"ranking": ranking[:3]})

        @webhook.listener("after_server_start")
        async def warm_up(app, loop) -> None:
            agent = getattr(app.ctx, "agent", None)
            if agent is not None:
                for text in WARM_UP_TEXTS:
                    await agent.parse_message(text)
            app.ctx.warm = True

        @webhook.route("/health", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            # For load balancers: 503 while the model warms up at start, and while the
            # conversation database cannot be reached. The facts store being away is
            # reported but not fatal: answers come from the last facts read.
            agent = getattr(request.app.ctx, "agent", None)
            store = find_store(agent.tracker_store) if agent else None
            ok = store is not None and store.database_ok()
            warm = getattr(request.app.ctx, "warm", False)
            return response.json({"tracker_store": "ok" if ok else "unavailable",
                                  "model": "ready" if warm else "warming up",
                                  **live_facts().health()},
                                 status=200 if ok and warm else 503)

        @webhook.middleware("request")
        async def check_input(request: Request) -> Optional[HTTPResponse]:
            if request.method == "POST" and request.path.endswith("/webhook"):
                return refusal(request)
            return None

        return webhook
