"""Rate limits that survive a restart, and an audit log with nothing personal in it."""
from datetime import date

import pytest

from bot.registry.checker import Checker, Limits, Outcome, RegistryUnavailableError
from bot.registry.keys import affected_digest, key_fingerprint
from bot.registry.store import RegistryStore

ADDRESS = "徳島県鳴門市撫養町南浜東浜170"
BORN = date(1950, 1, 2)


@pytest.fixture
def filled(store, key):
    store.replace_affected([affected_digest(key, ADDRESS, BORN)], key_fingerprint(key))
    return store


def test_match_and_no_match(filled, key):
    checker = Checker(filled, key, Limits(5, 100))
    assert checker.check(ADDRESS, BORN, actor="a", channel="rest") is Outcome.AFFECTED
    assert checker.check(ADDRESS, date(1950, 1, 3), actor="a", channel="rest") is Outcome.NOT_AFFECTED


def test_per_sender_limit_holds_across_a_restart(filled, key):
    for _ in range(5):
        Checker(filled, key, Limits(5, 100)).check(ADDRESS, BORN, actor="a", channel="rest")
    restarted = Checker(RegistryStore(str(filled.engine.url)), key, Limits(5, 100))
    assert restarted.check(ADDRESS, BORN, actor="a", channel="rest") is Outcome.RATE_LIMITED
    assert restarted.check(ADDRESS, BORN, actor="b", channel="rest") is Outcome.AFFECTED


def test_global_limit_per_minute(filled, key):
    checker = Checker(filled, key, Limits(5, 3))
    outcomes = [checker.check(ADDRESS, BORN, actor=f"s{i}", channel="rest") for i in range(4)]
    assert outcomes[-1] is Outcome.RATE_LIMITED


def test_cli_checks_are_audited_but_not_limited(filled, key):
    checker = Checker(filled, key, Limits(1, 1))
    for _ in range(3):
        assert checker.check(ADDRESS, BORN, actor="op", channel="cli", limited=False) is Outcome.AFFECTED
    assert len(filled.audit_rows()) == 3


def test_audit_rows_hold_time_channel_hashed_sender_and_result_only(filled, key):
    checker = Checker(filled, key, Limits(5, 100))
    checker.check(ADDRESS, BORN, actor=checker.actor("resident-42"), channel="rest")
    (row,) = filled.audit_rows()
    assert set(row) == {"id", "at", "channel", "actor", "result"}
    assert row["channel"] == "rest" and row["result"] == "affected"
    assert "resident-42" not in row["actor"] and len(row["actor"]) == 32


def test_a_registry_from_another_key_is_refused(filled):
    with pytest.raises(RegistryUnavailableError):
        Checker(filled, b"another-key-" + b"y" * 32, Limits(5, 100))


def test_an_empty_registry_is_refused(store, key):
    with pytest.raises(RegistryUnavailableError):
        Checker(store, key, Limits(5, 100))
