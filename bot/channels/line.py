"""LINE channel for Rasa: POST /webhooks/line/webhook on the Rasa server.

Each request's X-Line-Signature (base64 HMAC-SHA256 of the raw body under the
channel secret) is checked in constant time before anything else; a redelivered
event (same webhookEventId, remembered in the shared database so that no two
replicas both answer it) is answered once; events older than an hour are dropped.
Text, follow and postback events reach the assistant, with the user's profile language
as the conversation's starting choice of language; stickers, images and the rest
get a polite text answer. An event whose fields are not what LINE documents is
skipped with a log line (its type only) and LINE still gets its 200.
"""
import asyncio
import base64
import hashlib
import hmac
import inspect
import json
import logging
import time
from typing import Any, Awaitable, Callable, Dict, List, Optional, Set, Text, Tuple

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.line_api import LineApi, LineApiError
from bot.channels.rest import NO_ANSWER_RESPONSE
from bot.facts.checks import PHONE_NUMBER
from bot.inbound import problem
from bot.language import ANSWER_LANGUAGE, CHANNEL_LANGUAGE, JAPANESE, from_profile
from bot.messages import message
from bot.registry.store import RegistryStore
from bot.render import response_text
from bot.settings import settings

logger = logging.getLogger(__name__)

MAX_EVENT_AGE_SECONDS = 60 * 60
MAX_QUICK_REPLIES = 13
MAX_LABEL_CHARS = 20
MAX_TEXT_CHARS = 5000
MAX_ID_CHARS = 128
# Sent to the assistant when someone adds the account: its greeting says what it answers.
FOLLOW_MESSAGE = "/greet"


def valid_signature(secret: str, body: bytes, signature: Optional[str]) -> bool:
    if not secret or not signature:
        return False
    expected = base64.b64encode(hmac.new(secret.encode("utf-8"), body, hashlib.sha256).digest())
    return hmac.compare_digest(expected, signature.encode("utf-8", errors="replace"))



def dial_items(text: str, language: str = JAPANESE) -> List[Dict[str, Any]]:
    """Phone numbers in an answer, as buttons that open the dialer, labelled in the
    answer's language."""
    numbers = list(dict.fromkeys(PHONE_NUMBER.findall(text)))
    return [{"type": "action", "action": {"type": "uri",
                                          "label": message("line_dial", language, number=number)[:MAX_LABEL_CHARS],
                                          "uri": "tel:" + number.replace("-", "")}}
            for number in numbers]


async def starts_a_session(agent: Any, sender: str) -> bool:
    """Whether this sender's next message starts a new session (none yet, or the last
    event is older than the domain's session expiration)."""
    try:
        tracker = agent.tracker_store.retrieve(sender)
        tracker = await tracker if inspect.isawaitable(tracker) else tracker
    except Exception as error:  # the store is away: Rasa's own handling follows
        logger.warning("could not read a LINE conversation's session: %s", type(error).__name__)
        return False
    if tracker is None or not tracker.events:
        return True
    expiry_minutes = agent.domain.session_config.session_expiration_time
    return bool(expiry_minutes) and time.time() - tracker.events[-1].timestamp > expiry_minutes * 60


class ProfileLanguages:
    """Users' profile languages as starting choices, asked of LINE once a day per user;
    in memory only, a bounded number of users."""
    MAX_USERS = 10_000
    KEEP_SECONDS = 24 * 60 * 60

    def __init__(self, api: LineApi):
        self.api = api
        self.known: Dict[str, Tuple[float, Optional[str]]] = {}

    async def get(self, user_id: str) -> Optional[str]:
        held = self.known.get(user_id)
        if held and time.monotonic() - held[0] < self.KEEP_SECONDS:
            return held[1]
        language = from_profile(await self.api.profile_language(user_id))
        if len(self.known) >= self.MAX_USERS:
            self.known.pop(next(iter(self.known)))
        self.known[user_id] = (time.monotonic(), language)
        return language


def quick_reply(buttons: List[Dict[str, Any]], text: str = "", language: str = JAPANESE) -> Dict[str, Any]:
    items = [
        {"type": "action", "action": {
            "type": "postback",
            "label": button["title"][:MAX_LABEL_CHARS],
            "data": button.get("payload") or button["title"],
            "displayText": button["title"],
        }}
        for button in buttons
    ]
    return {"items": (items + dial_items(text, language))[:MAX_QUICK_REPLIES]}


class LineOutput(OutputChannel):
    """Collects the assistant's messages of one turn; flush() sends them."""

    @classmethod
    def name(cls) -> Text:
        return "line"

    def __init__(self, api: LineApi, reply_token: str, to: str):
        self.api, self.reply_token, self.to = api, reply_token, to
        self.messages: List[Dict[str, Any]] = []

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        message = {"type": "text", "text": text[:MAX_TEXT_CHARS]}
        dials = quick_reply([], text, kwargs.get(ANSWER_LANGUAGE, JAPANESE))
        if dials["items"]:
            message["quickReply"] = dials
        self.messages.append(message)

    async def send_text_with_buttons(self, recipient_id: Text, text: Text,
                                     buttons: List[Dict[Text, Any]], **kwargs: Any) -> None:
        self.messages.append({"type": "text", "text": text[:MAX_TEXT_CHARS],
                              "quickReply": quick_reply(buttons, text, kwargs.get(ANSWER_LANGUAGE, JAPANESE))})

    async def send_quick_replies(self, recipient_id: Text, text: Text,
                                 quick_replies: List[Dict[Text, Any]], **kwargs: Any) -> None:
        await self.send_text_with_buttons(recipient_id, text, quick_replies, **kwargs)

    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any],
                               **kwargs: Any) -> None:
        # Hints meant for the web widget (which input is sensitive) mean nothing here.
        return None

    async def flush(self) -> None:
        try:
            await self.api.send(self.reply_token, self.to, self.messages)
        except LineApiError as error:
            logger.error("could not deliver a LINE answer: %s", error)


def _short_text(value: Any) -> Optional[str]:
    """An id or token from LINE: a short string, or None."""
    return value if isinstance(value, str) and 0 < len(value) <= MAX_ID_CHARS \
        and problem(value, MAX_ID_CHARS) is None else None


def sender_of(event: Dict[str, Any]) -> Optional[str]:
    source = event.get("source")
    if not isinstance(source, dict):
        return None
    return next((_short_text(source.get(key)) for key in ("userId", "groupId", "roomId")
                 if _short_text(source.get(key))), None)


class MalformedEvent(ValueError):
    """An event whose fields are not what LINE documents."""


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
        self.api = LineApi(channel_access_token, settings().line_api_base_url)
        self.profile_languages = ProfileLanguages(self.api)
        # Kept until done: a task nobody holds can be collected mid-flight.
        self.tasks: Set[asyncio.Task] = set()

    @staticmethod
    def _user_text(event: Dict[str, Any]) -> Optional[str]:
        """What the resident said (None: nothing to pass on), or MalformedEvent."""
        kind = event.get("type")
        if kind == "follow":
            return FOLLOW_MESSAGE
        if kind == "postback":
            data = (event.get("postback") or {}).get("data") if isinstance(event.get("postback"), dict) else None
            if not isinstance(data, str) or problem(data):
                raise MalformedEvent("postback")
            return data
        content = event.get("message")
        if kind == "message" and isinstance(content, dict) and content.get("type") == "text":
            text = content.get("text")
            if not isinstance(text, str) or problem(text, MAX_TEXT_CHARS):
                raise MalformedEvent("text")
            return text
        return None

    async def handle_event(self, event: Dict[str, Any],
                           on_new_message: Callable[[UserMessage], Awaitable[Any]],
                           agent: Any = None) -> None:
        sender = sender_of(event)
        reply_token = _short_text(event.get("replyToken")) or ""
        if not sender:
            logger.warning("skipped a LINE event without a usable sender (type=%s)",
                           str(event.get("type"))[:20])
            return
        output = LineOutput(self.api, reply_token, sender)
        try:
            text = self._user_text(event)
        except MalformedEvent as error:
            logger.warning("skipped a LINE event with unexpected fields (%s)", error)
            return
        if text is None:
            if event.get("type") == "message":
                await output.send_text_message(sender, message("line_unsupported"))
                await output.flush()
            return
        # The profile's language is the conversation's starting choice (bot.language).
        metadata = {CHANNEL_LANGUAGE: await self.profile_languages.get(sender)}
        # A conversation that starts again with a question (a new session) is greeted
        # first, as the follow event is.
        if text != FOLLOW_MESSAGE and agent is not None and await starts_a_session(agent, sender):
            await on_new_message(UserMessage(FOLLOW_MESSAGE, output, sender, input_channel=self.name(),
                                             metadata=metadata))
        await on_new_message(UserMessage(text, output, sender, input_channel=self.name(), metadata=metadata))
        if not output.messages:
            await output.send_text_message(sender, response_text(NO_ANSWER_RESPONSE))
        await output.flush()

    @staticmethod
    def fresh(events: List[Any]) -> List[Dict[str, Any]]:
        now_ms = time.time() * 1000
        return [event for event in events if isinstance(event, dict)
                and isinstance(event.get("timestamp"), (int, float))
                and not isinstance(event.get("timestamp"), bool)
                and now_ms - event["timestamp"] <= MAX_EVENT_AGE_SECONDS * 1000]

    @staticmethod
    def not_yet_answered(events: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        store = RegistryStore()
        answered = []
        for event in events:
            event_id = _short_text(event.get("webhookEventId"))
            try:
                first = event_id is None or store.first_delivery(event_id)
            except Exception as error:  # the database is away: answering twice beats not at all
                logger.error("could not record a LINE event id: %s", type(error).__name__)
                first = True
            if first:
                answered.append(event)
        return answered

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
            except (ValueError, RecursionError):
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
                task = asyncio.get_running_loop().create_task(
                    self.handle_event(event, on_new_message, getattr(request.app.ctx, "agent", None)))
                self.tasks.add(task)
                task.add_done_callback(self.tasks.discard)
            return response.json({"status": "ok"})

        return webhook
