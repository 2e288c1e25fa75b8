"""No message text, tracker or personal data in any log of any process.

install() is the first thing each server process does (Rasa, the action server, the
web pages, the launcher). It works where every log line is born, whoever logs it
(Rasa, the SDK, Sanic, aiohttp, SQLAlchemy, ours):
- every stdlib log record: the message is passed through bot.privacy and cut short
  (trackers and request bodies are long), and an exception is logged with its type
  and stack only, never its message or locals (an error about a bad value quotes it);
- Rasa's structured events: the fields that carry conversation content (the text,
  slots, events) are withheld before any renderer sees them.
"""
import logging
import sys
import traceback
from types import TracebackType
from typing import Any, Dict, MutableMapping, Optional, Tuple, Type

from bot.privacy import redact

WITHHELD = "[withheld]"
MAX_MESSAGE_CHARS = 300
# Structured fields that are plain facts about the event, never what a resident wrote.
SAFE_FIELDS = frozenset({"event", "event_key", "level", "timestamp", "logger", "logger_name",
                         "action_name", "intent_name", "policy_name", "channel", "status",
                         "code", "url", "path", "duration", "attempt", "count"})
ExcInfo = Tuple[Type[BaseException], BaseException, Optional[TracebackType]]


def safe_message(text: str) -> str:
    text = redact(text)
    if len(text) > MAX_MESSAGE_CHARS:
        return f"{text[:MAX_MESSAGE_CHARS]}… [{len(text) - MAX_MESSAGE_CHARS} characters withheld]"
    return text


def safe_traceback(exc_info: ExcInfo) -> str:
    """The stack (file, line, code) of each exception in the chain, and its type; no
    message and no locals."""
    error: Optional[BaseException] = exc_info[1]
    chain, seen = [], set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        chain.append(error)
        error = error.__cause__ or (None if error.__suppress_context__ else error.__context__)
    parts = []
    for error in reversed(chain):
        parts.append("Traceback (most recent call last):\n")
        parts.extend(traceback.format_tb(error.__traceback__))
        parts.append(f"{type(error).__module__}.{type(error).__qualname__}: {WITHHELD}\n")
    return "".join(parts).rstrip("\n")


def scrub_record(record: logging.LogRecord) -> logging.LogRecord:
    try:
        text = record.getMessage()
    except Exception:  # a malformed format string: its arguments are not shown either
        text = str(record.msg)
    record.msg, record.args = safe_message(text), ()
    if record.exc_info and record.exc_info[1] is not None:
        record.exc_text = safe_traceback(record.exc_info)
    record.exc_info = None
    return record


def scrub_event(logger: Any, method_name: str, event_dict: MutableMapping[str, Any]) -> Dict[str, Any]:
    """A structlog processor: Rasa's events keep their name and plain facts only."""
    exc_info = event_dict.pop("exc_info", None)
    if exc_info is True or method_name == "exception":
        exc_info = sys.exc_info()
    if isinstance(exc_info, BaseException):
        exc_info = (type(exc_info), exc_info, exc_info.__traceback__)
    if isinstance(exc_info, tuple) and exc_info[1] is not None:
        event_dict["exception"] = safe_traceback(exc_info)
    # Present and false: structlog's own renderers then add no traceback of their own.
    event_dict["exc_info"] = False
    for key, value in list(event_dict.items()):
        if key in ("exception", "exc_info") or value is None or isinstance(value, (bool, int, float)):
            continue
        if key in SAFE_FIELDS and isinstance(value, str):
            event_dict[key] = safe_message(value)
        else:
            event_dict[key] = WITHHELD
    return dict(event_dict)


def install() -> None:
    """Scrub every log record this process creates from now on (idempotent)."""
    factory = logging.getLogRecordFactory()
    if getattr(factory, "scrubs", False):
        return

    def scrubbing_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        return scrub_record(factory(*args, **kwargs))

    scrubbing_factory.scrubs = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(scrubbing_factory)


def install_in_rasa() -> None:
    """install(), and Rasa's structured events too (only the Rasa process imports Rasa)."""
    install()
    from rasa.utils import log_utils
    # Rasa builds its structlog pipeline around this processor when it configures
    # logging; ours replaces it, so its renderers only ever see scrubbed events.
    log_utils._anonymizer = scrub_event
