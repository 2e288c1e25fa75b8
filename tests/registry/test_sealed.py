"""Slot values are sealed: readable only with the key, in their own conversation and
slot, and only for a while."""
import time

from bot.registry.sealed import is_sealed, seal, unseal

ADDRESS = "徳島県鳴門市撫養町南浜東浜170"


def test_round_trip_and_no_clear_text(key):
    sealed = seal(ADDRESS, key, "conversation-1", "address")
    assert is_sealed(sealed) and "撫養" not in sealed and "170" not in sealed
    assert unseal(sealed, key, "conversation-1", "address") == ADDRESS


def test_a_value_copied_to_another_conversation_or_slot_opens_nothing(key):
    sealed = seal(ADDRESS, key, "conversation-1", "address")
    assert unseal(sealed, key, "conversation-2", "address") is None
    assert unseal(sealed, key, "conversation-1", "birthdate") is None


def test_other_key_tampering_garbage_and_age_are_refused(key, monkeypatch):
    sealed = seal("1950-01-02", key, "c", "birthdate")
    assert unseal(sealed, b"another-key-" + b"q" * 32, "c", "birthdate") is None
    assert unseal(sealed[:-4] + "AAAA", key, "c", "birthdate") is None
    assert unseal("1950-01-02", key, "c", "birthdate") is None
    for garbage in ("sealed:v2:", "sealed:v2:!!!", "sealed:v2:" + "A" * 40, "sealed:v2:\ud800"):
        assert unseal(garbage, key, "c", "birthdate") is None
    later = time.time() + 31 * 60
    monkeypatch.setattr(time, "time", lambda: later)
    assert unseal(sealed, key, "c", "birthdate") is None
