"""The door every channel's text passes: what cannot be a resident's message is refused
before anything else runs (REST, LINE, the web pages, the staff APIs).

Lone surrogates cannot be stored (SQLite and PostgreSQL refuse to encode them), NUL
ends strings in C libraries, control characters have no place in a question, and
over-long text only costs the other residents time.
"""
import hmac
import re
from typing import Optional

from bot.messages import message

MAX_MESSAGE_CHARS = 5_000
MAX_SENDER_CHARS = 128
# Lone surrogates, NUL and the C0/C1 controls except tab, newline and carriage return.
_FORBIDDEN = re.compile(r"[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class Refused(ValueError):
    """Input refused at the door; `reason` is a key of data/messages.yml."""

    def __init__(self, reason: str, status: int = 400):
        super().__init__(reason)
        self.reason, self.status = reason, status


def checked_text(value: object, max_chars: int = MAX_MESSAGE_CHARS) -> str:
    """`value` if it is text a person could have typed, else Refused."""
    if not isinstance(value, str):
        raise Refused("bad_request")
    if len(value) > max_chars:
        raise Refused("message_too_long", status=413)
    if _FORBIDDEN.search(value):
        raise Refused("bad_characters")
    return value


def checked_sender(value: object) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_SENDER_CHARS:
        raise Refused("bad_request")
    return checked_text(value, MAX_SENDER_CHARS)


def decoded_utf8(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused("not_utf8") from None


def refusal_text(refused: Refused) -> str:
    return message(refused.reason, max_chars=f"{MAX_MESSAGE_CHARS:,}")


def same_secret(given: object, expected: str) -> bool:
    """Constant-time comparison of a token from a request with the expected one; any
    text (non-ASCII, surrogates) or a non-string is simply not equal."""
    if not isinstance(given, str) or not given or not expected:
        return False
    return hmac.compare_digest(given.encode("utf-8", "surrogatepass"), expected.encode("utf-8"))


def problem(value: object, max_chars: int = MAX_MESSAGE_CHARS) -> Optional[str]:
    """The reason `value` would be refused, or None: for places that skip instead of refuse."""
    try:
        checked_text(value, max_chars)
    except Refused as refused:
        return refused.reason
    return None
