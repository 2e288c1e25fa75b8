"""Seal a value for the conversation's slots: AES-GCM under a key derived from
REGISTRY_HMAC_KEY, bound to one conversation and one slot, with an age limit.

Between the resident's address and birth date answers the address must survive a
turn, so it is kept in the slot sealed: the tracker store holds only ciphertext until
the check, and then not even that (bot.tracker_store scrubs it). A sealed value is
opened only for the conversation and slot it was sealed for, so one copied from
another conversation opens nothing.
"""
import base64
import json
import os
import time
from typing import Optional

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from bot.registry.keys import derived_key

PREFIX = "sealed:v2:"
MAX_AGE_SECONDS = 30 * 60


def _cipher(key: bytes) -> AESGCM:
    return AESGCM(derived_key(key, "slot-seal"))


def _binding(sender_id: str, slot: str) -> bytes:
    return json.dumps(["slot", sender_id, slot]).encode("utf-8")


def is_sealed(value: object) -> bool:
    return isinstance(value, str) and value.startswith("sealed:")


def seal(value: str, key: bytes, sender_id: str, slot: str) -> str:
    nonce = os.urandom(12)
    payload = json.dumps({"v": value, "t": int(time.time())}).encode("utf-8")
    token = nonce + _cipher(key).encrypt(nonce, payload, _binding(sender_id, slot))
    return PREFIX + base64.urlsafe_b64encode(token).decode("ascii")


def unseal(value: object, key: bytes, sender_id: str, slot: str,
           max_age: int = MAX_AGE_SECONDS) -> Optional[str]:
    """The sealed value, or None if it is missing, forged, another conversation's or
    slot's, or older than max_age."""
    if not isinstance(value, str) or not value.startswith(PREFIX):
        return None
    try:
        token = base64.urlsafe_b64decode(value[len(PREFIX):].encode("ascii"))
        payload = json.loads(_cipher(key).decrypt(token[:12], token[12:], _binding(sender_id, slot)))
        if time.time() - payload["t"] > max_age:
            return None
        return str(payload["v"])
    except (InvalidTag, ValueError, KeyError, TypeError):
        return None
