"""Slot values are sealed: readable only with the key, and only for a while."""
import time

from bot.registry.sealed import is_sealed, seal, unseal


def test_round_trip_and_no_clear_text(key):
    sealed = seal("徳島県鳴門市撫養町南浜東浜170", key)
    assert is_sealed(sealed) and "撫養" not in sealed and "170" not in sealed
    assert unseal(sealed, key) == "徳島県鳴門市撫養町南浜東浜170"


def test_other_key_tampering_and_age_are_refused(key, monkeypatch):
    sealed = seal("1950-01-02", key)
    assert unseal(sealed, b"another-key-" + b"q" * 32) is None
    assert unseal(sealed[:-4] + "AAAA", key) is None
    assert unseal("1950-01-02", key) is None
    later = time.time() + 31 * 60
    monkeypatch.setattr(time, "time", lambda: later)
    assert unseal(sealed, key) is None
