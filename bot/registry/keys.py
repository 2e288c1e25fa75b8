"""Keyed hashes: HMAC-SHA256 under REGISTRY_HMAC_KEY, so a stolen database reveals nothing."""
import hashlib
import hmac
import os
from datetime import date


class MissingKeyError(RuntimeError):
    pass


def registry_key() -> bytes:
    key = os.environ.get("REGISTRY_HMAC_KEY", "")
    if len(key) < 32:
        raise MissingKeyError(
            "REGISTRY_HMAC_KEY is missing or shorter than 32 characters; "
            "`make run` writes a random one into .env"
        )
    return key.encode("utf-8")


def _hmac(key: bytes, purpose: str, value: str) -> str:
    # The purpose keeps hashes made for one use from being compared with another's.
    return hmac.new(key, f"{purpose}\x1f{value}".encode("utf-8"), hashlib.sha256).hexdigest()


def affected_digest(key: bytes, canonical_address: str, birthdate: date) -> str:
    return _hmac(key, "affected", f"{canonical_address}\x1f{birthdate.isoformat()}")


def sender_digest(key: bytes, sender_id: str) -> str:
    return _hmac(key, "sender", sender_id)[:32]


def key_fingerprint(key: bytes) -> str:
    return _hmac(key, "fingerprint", "")[:16]


def derived_key(key: bytes, purpose: str) -> bytes:
    return hmac.new(key, f"derive\x1f{purpose}".encode("utf-8"), hashlib.sha256).digest()
