"""Seal a value for the conversation's slots: AES-GCM under a key derived from
REGISTRY_HMAC_KEY, with an age limit.

Between the resident's address and birth date answers the address must survive a
turn, so it is kept in the slot sealed: the tracker store holds only ciphertext,
and the check clears it.
"""
import base64
import json
import os
import time
from typing import Optional

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from bot.registry.keys import derived_key

PREFIX = "sealed:v1:"
MAX_AGE_SECONDS = 30 * 60
_ASSOCIATED_DATA = b"slot"


def _cipher(key: bytes) -> AESGCM:
    return AESGCM(derived_key(key, "slot-seal"))


def is_sealed(value: object) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


def seal(value: str, key: bytes) -> str:
    nonce = os.urandom(12)
    payload = json.dumps({"v": value, "t": int(time.time())}).encode("utf-8")
    token = nonce + _cipher(key).encrypt(nonce, payload, _ASSOCIATED_DATA)
    return PREFIX + base64.urlsafe_b64encode(token).decode("ascii")


def unseal(value: object, key: bytes, max_age: int = MAX_AGE_SECONDS) -> Optional[str]:
    """The sealed value, or None if it is missing, forged, or older than max_age."""
    if not is_sealed(value):
        return None
    try:
        token = base64.urlsafe_b64decode(value[len(PREFIX):].encode("ascii"))
        payload = json.loads(_cipher(key).decrypt(token[:12], token[12:], _ASSOCIATED_DATA))
    except (InvalidTag, ValueError):
        return None
    if time.time() - payload["t"] > max_age:
        return None
    return payload["v"]
