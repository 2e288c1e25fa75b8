"""LINE channel for Rasa: POST /webhooks/line/webhook on the Rasa server.

Each request's X-Line-Signature (base64 HMAC-SHA256 of the raw body under the
channel secret) is checked in constant time before anything else; a redelivered
event (same webhookEventId) is answered once; events older than an hour are
dropped. Text, follow and postback events reach the assistant; stickers, images
and the rest get a polite text answer.
"""
import asyncio
import base64
import hashlib
import hmac
import json
import logging
import time
from collections import OrderedDict
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.line_api import LineApi, LineApiError
from bot.channels.rest import NO_ANSWER_RESPONSE
from bot.messages import message
from bot.render import response_text

logger = logging.getLogger(__name__)

MAX_EVENT_AGE_SECONDS = 60 * 60
MAX_QUICK_REPLIES = 13
MAX_LABEL_CHARS = 20
MAX_TEXT_CHARS = 5000
REMEMBERED_EVENTS = 10_000
# Sent to the assistant when someone adds the account: its greeting says what it answers.
FOLLOW_MESSAGE = "/greet"


def valid_signature(secret: str, body: bytes, signature: Optional[str]) -> bool:
    if not secret or not signature:
        return False
    expected = base64.b64encode(hmac.new(secret.encode("utf-8"), body, hashlib.sha256).digest())
    return hmac.compare_digest(expected, signature.encode("utf-8", errors="replace"))


def quick_reply(buttons: List[Dict[str, Any]]) -> Dict[str, Any]:
    items = [
        {"type": "action", "action": {
            "type": "postback",
            "label": button["title"][:MAX_LABEL_CHARS],
            "data": button.get("payload") or button["title"],
            "displayText": button["title"],
        }}
        for button in buttons[:MAX_QUICK_REPLIES]
    ]
    return {"items": items}


class LineOutput(OutputChannel):
    """Collects the assistant's messages of one turn; flush() sends them."""

    @classmethod
    def name(cls) -> Text:
        return "line"

    def __init__(self, api: LineApi, reply_token: str, to: str):
        self.api, self.reply_token, self.to = api, reply_token, to
        self.messages: List[Dict[str, Any]] = []

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        self.messages.append({"type": "text", "text": text[:MAX_TEXT_CHARS]})

    async def send_text_with_buttons(self, recipient_id: Text, text: Text,
                                     buttons: List[Dict[Text, Any]], **kwargs: Any) -> None:
        self.messages.append({"type": "text", "text": text[:MAX_TEXT_CHARS],
                              "quickReply": quick_reply(buttons)})

    async def send_quick_replies(self, recipient_id: Text, text: Text,
                                 quick_replies: List[Dict[Text, Any]], **kwargs: Any) -> None:
        await self.send_text_with_buttons(recipient_id, text, quick_replies)

    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any],
                               **kwargs: Any) -> None:
        # Hints meant for the web widget (which input is sensitive) mean nothing here.
        return None

    async def flush(self) -> None:
        try:
            await self.api.send(self.reply_token, self.to, self.messages)
        except LineApiError as error:
            logger.error("could not deliver a LINE answer: %s", error)


class RecentEvents:
    """The webhookEventIds seen lately, so a redelivered event is answered once."""

    def __init__(self, size: int = REMEMBERED_EVENTS):
        self.size, self.ids = size, OrderedDict()

    def first_time(self, event_id: str) -> bool:
        if event_id in self.ids:
            return False
        self.ids[event_id] = None
        if len(self.ids) > self.size:
            self.ids.popitem(last=False)
        return True


def sender_of(event: Dict[str, Any]) -> Optional[str]:
    source = event.get("source") or {}
    return source.get("userId") or source.get("groupId") or source.get("roomId")


class LineInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "line"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "LineInput":
        credentials = credentials or {}
        return cls(credentials.get("channel_secret") or "",
                   credentials.get("channel_access_token") or "")

    def __init__(self, channel_secret: str, channel_access_token: str):
        self.secret = channel_secret
        self.api = LineApi(channel_access_token)
        self.recent = RecentEvents()

    def _user_text(self, event: Dict[str, Any]) -> Optional[str]:
        kind = event.get("type")
        if kind == "follow":
            return FOLLOW_MESSAGE
        if kind == "postback":
            return (event.get("postback") or {}).get("data")
        if kind == "message" and (event.get("message") or {}).get("type") == "text":
            return event["message"].get("text", "")
        return None

    async def handle_event(self, event: Dict[str, Any],
                           on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        sender, reply_token = sender_of(event), event.get("replyToken", "")
        if not sender:
            return
        output = LineOutput(self.api, reply_token, sender)
        text = self._user_text(event)
        if text is None:
            if event.get("type") == "message":
                await output.send_text_message(sender, message("line_unsupported"))
                await output.flush()
            return
        await on_new_message(UserMessage(text, output, sender, input_channel=self.name()))
        if not output.messages:
            await output.send_text_message(sender, response_text(NO_ANSWER_RESPONSE))
        await output.flush()

    @staticmethod
    def fresh(events: List[Any]) -> List[Dict[str, Any]]:
        now_ms = time.time() * 1000
        return [event for event in events if isinstance(event, dict)
                and now_ms - event.get("timestamp", 0) <= MAX_EVENT_AGE_SECONDS * 1000]

    def not_yet_answered(self, events: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        return [event for event in events
                if not event.get("webhookEventId") or self.recent.first_time(event["webhookEventId"])]

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("line_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.secret else "not configured"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self.secret:
                return response.json({"error": "LINE is not configured"}, status=503)
            if not valid_signature(self.secret, request.body, request.headers.get("X-Line-Signature")):
                return response.json({"error": "invalid signature"}, status=401)
            try:
                payload = json.loads(request.body)
            except ValueError:
                return response.json({"error": "not JSON"}, status=400)
            if not isinstance(payload, dict):
                return response.json({"error": "not an object"}, status=400)
            received = payload.get("events") or []
            fresh = self.fresh(received if isinstance(received, list) else [])
            if received and not fresh:
                return response.json({"error": "stale events"}, status=400)
            events = self.not_yet_answered(fresh)
            # Answer LINE at once; the assistant replies through the API.
            for event in events:
                asyncio.get_running_loop().create_task(self.handle_event(event, on_new_message))
            return response.json({"status": "ok"})

        return webhook
