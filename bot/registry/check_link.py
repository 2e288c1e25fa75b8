"""Signed, single-use, expiring links to the city's check page (for LINE, where the
address must not be typed into the chat).

A token carries the hashed sender, an expiry and a nonce, signed with a key derived
from REGISTRY_HMAC_KEY; the page consumes it once (RegistryStore.use_link).
"""
import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass
from typing import Optional
from urllib.parse import urlencode

from bot.language import JAPANESE
from bot.registry.keys import derived_key
from bot.registry.store import RegistryStore
from bot.settings import settings


@dataclass(frozen=True)
class LinkClaims:
    actor: str
    nonce: str
    expires: int


def ttl_minutes() -> int:
    return settings().check_link_ttl_minutes


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _signature(key: bytes, body: str) -> str:
    return _b64(hmac.new(derived_key(key, "check-link"), body.encode("ascii"), hashlib.sha256).digest())


def issue(key: bytes, actor: str, now: Optional[float] = None) -> str:
    claims = {"a": actor, "n": secrets.token_hex(16),
              "e": int((now or time.time()) + ttl_minutes() * 60)}
    body = _b64(json.dumps(claims, separators=(",", ":")).encode("utf-8"))
    return f"{body}.{_signature(key, body)}"


def link_url(token: str, language: str = JAPANESE) -> str:
    """The page's address; it is worded in the conversation's language (not signed: the
    language is the resident's own choice, nothing to protect)."""
    query = {"t": token} if language == JAPANESE else {"t": token, "lang": language}
    return f"{settings().check_page_url}?{urlencode(query)}"


def verify(key: bytes, token: str, now: Optional[float] = None) -> Optional[LinkClaims]:
    """The claims of a genuine, unexpired token, or None (whatever text arrives). Does
    not consume it."""
    if not isinstance(token, str) or not token.isascii():
        return None
    body, _, signature = token.partition(".")
    if not body or not hmac.compare_digest(signature, _signature(key, body)):
        return None
    try:
        claims = json.loads(_unb64(body))
        link = LinkClaims(actor=str(claims["a"]), nonce=str(claims["n"]), expires=int(claims["e"]))
    except (ValueError, KeyError, TypeError):
        return None
    return link if link.expires >= (now or time.time()) else None


def usable(key: bytes, token: str, store: RegistryStore, now: Optional[float] = None) -> Optional[LinkClaims]:
    """The claims of a genuine, unexpired, unused token, or None. Does not consume it."""
    claims = verify(key, token, now)
    return None if claims is None or store.link_used(claims.nonce) else claims


def consume(key: bytes, token: str, store: RegistryStore, now: Optional[float] = None) -> Optional[LinkClaims]:
    """Verify and use up a token: the second use of the same link gets None."""
    claims = verify(key, token, now)
    if claims is None or not store.use_link(claims.nonce):
        return None
    return claims
