"""Keyed hashes: HMAC-SHA256 under REGISTRY_HMAC_KEY, so a stolen database reveals nothing."""
import hashlib
import hmac
from datetime import date

from bot.address import ADDRESS_RULES_VERSION
from bot.settings import settings


def registry_key() -> bytes:
    return settings().registry_hmac_key


def _hmac(key: bytes, purpose: str, value: str) -> str:
    # The purpose keeps hashes made for one use from being compared with another's.
    return hmac.new(key, f"{purpose}\x1f{value}".encode("utf-8"), hashlib.sha256).hexdigest()


def affected_digest(key: bytes, canonical_address: str, birthdate: date) -> str:
    return _hmac(key, "affected", f"{canonical_address}\x1f{birthdate.isoformat()}")


def sender_digest(key: bytes, sender_id: str) -> str:
    return _hmac(key, "sender", sender_id)[:32]


def subject_digest(key: bytes, scope: str, value: str) -> str:
    """What a limit counts (a client's address, a resident's address), unreadable."""
    return _hmac(key, f"limit:{scope}", value)[:32]


def key_fingerprint(key: bytes) -> str:
    """The key and the address rules a registry was imported under: a check under other
    ones would silently miss, so it is refused instead."""
    return _hmac(key, "fingerprint", f"address-rules:{ADDRESS_RULES_VERSION}")[:16]


def derived_key(key: bytes, purpose: str) -> bytes:
    return hmac.new(key, f"derive\x1f{purpose}".encode("utf-8"), hashlib.sha256).digest()
