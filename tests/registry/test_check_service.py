"""The one door for the check: limits an attacker cannot dodge, that hold across a
restart and never lock residents out, and an audit log with nothing personal in it."""
from datetime import date, timedelta

import pytest

from bot.check_service import CheckService, Limits, Outcome, Requester, Unavailable
from bot.registry.keys import affected_digest, key_fingerprint
from bot.registry.store import RegistryStore

ADDRESS = "徳島県鳴門市撫養町南浜東浜170"
BORN = date(1950, 1, 2)
GENEROUS = Limits(per_sender_per_day=5, per_client_per_day=100, per_address_per_day=100,
                  global_per_minute=1000, staff_per_hour=100)


def limits(**changes) -> Limits:
    return Limits(**{**GENEROUS.__dict__, **changes})


def chat(sender: str, client: str = "client-1") -> Requester:
    return Requester("rest", sender, client=client)


@pytest.fixture
def filled(store, key):
    store.replace_affected([affected_digest(key, ADDRESS, BORN)], key_fingerprint(key))
    return store


def test_match_and_no_match(filled, key):
    service = CheckService(filled, key, GENEROUS)
    assert service.check(ADDRESS, BORN, chat("a")) is Outcome.AFFECTED
    assert service.check(ADDRESS, date(1950, 1, 3), chat("a")) is Outcome.NOT_AFFECTED


def test_typed_text_is_read_or_reported_unreadable_without_counting(filled, key):
    service = CheckService(filled, key, GENEROUS)
    assert service.check_typed("撫養町南浜字東浜170", "昭和25年1月2日", chat("a")) is Outcome.AFFECTED
    assert service.check_typed("二百一五", "昭和25年1月2日", chat("a")) is Outcome.UNREADABLE_ADDRESS
    assert service.check_typed("撫養町南浜字東浜170", "きのう", chat("a")) is Outcome.UNREADABLE_BIRTHDATE
    assert len(filled.audit_rows()) == 1


def test_per_sender_limit_holds_across_a_restart(filled, key):
    for _ in range(5):
        CheckService(filled, key, GENEROUS).check(ADDRESS, BORN, chat("a"))
    restarted = CheckService(RegistryStore(str(filled.engine.url)), key, GENEROUS)
    assert restarted.check(ADDRESS, BORN, chat("a")) is Outcome.RATE_LIMITED
    assert restarted.check(ADDRESS, BORN, chat("b")) is Outcome.AFFECTED


def test_a_new_sender_id_does_not_dodge_the_client_limit(filled, key):
    service = CheckService(filled, key, limits(per_client_per_day=3))
    outcomes = [service.check(ADDRESS, BORN, chat(f"fresh-id-{i}", client="attacker")) for i in range(4)]
    assert outcomes[-1] is Outcome.RATE_LIMITED
    assert service.check(ADDRESS, BORN, chat("resident", client="resident")) is Outcome.AFFECTED


def test_one_address_cannot_be_walked_through_birth_dates(filled, key):
    service = CheckService(filled, key, limits(per_address_per_day=3))
    tries = [service.check(ADDRESS, BORN + timedelta(days=i), chat(f"s{i}", client=f"c{i}"))
             for i in range(1, 6)]
    assert tries[:3] == [Outcome.NOT_AFFECTED] * 3
    assert tries[3:] == [Outcome.RATE_LIMITED] * 2
    # Other addresses are not touched by it.
    assert service.check("徳島県鳴門市撫養町南浜東浜171", BORN, chat("x", "cx")) is Outcome.NOT_AFFECTED


def test_refusals_do_not_count_so_an_attacker_locks_nobody_out(filled, key):
    service = CheckService(filled, key, limits(per_client_per_day=2, global_per_minute=5))
    for i in range(50):
        service.check(ADDRESS, BORN + timedelta(days=i), chat(f"bot-{i}", client="attacker"))
    # Two ran, 48 were refused: the global ceiling of 5 a minute is far from reached.
    assert service.check(ADDRESS, BORN, chat("resident", client="resident")) is Outcome.AFFECTED


def test_global_ceiling_per_minute(filled, key):
    service = CheckService(filled, key, limits(global_per_minute=3))
    outcomes = [service.check(ADDRESS, BORN, chat(f"s{i}", client=f"c{i}")) for i in range(4)]
    assert outcomes[-1] is Outcome.RATE_LIMITED


def test_staff_checks_are_limited_per_account_and_audited_by_name(filled, key):
    service = CheckService(filled, key, limits(staff_per_hour=2))
    yamada = Requester("staff", "yamada")
    outcomes = [service.check(ADDRESS, BORN, yamada) for _ in range(3)]
    assert outcomes == [Outcome.AFFECTED, Outcome.AFFECTED, Outcome.RATE_LIMITED]
    assert service.check(ADDRESS, BORN, Requester("staff", "sato")) is Outcome.AFFECTED
    assert {row["actor"] for row in filled.audit_rows()} == {"staff:yamada", "staff:sato"}


def test_the_command_line_is_audited_but_not_limited(filled, key):
    service = CheckService(filled, key, limits(per_sender_per_day=1, per_address_per_day=1,
                                               global_per_minute=1))
    for _ in range(3):
        assert service.check(ADDRESS, BORN, Requester("cli", "operator")) is Outcome.AFFECTED
    assert len(filled.audit_rows()) == 3


def test_audit_rows_hold_time_channel_hashed_sender_and_result_only(filled, key):
    service = CheckService(filled, key, GENEROUS)
    service.check(ADDRESS, BORN, chat("resident-42"))
    (row,) = filled.audit_rows()
    assert set(row) == {"id", "at", "channel", "actor", "result"}
    assert row["channel"] == "rest" and row["result"] == "affected"
    assert "resident-42" not in row["actor"] and len(row["actor"]) == 32


def test_a_registry_from_another_key_or_none_is_unavailable(filled, store, key, tmp_path):
    with pytest.raises(Unavailable):
        CheckService(filled, b"another-key-" + b"y" * 32, GENEROUS)
    with pytest.raises(Unavailable):
        CheckService(RegistryStore(f"sqlite:///{tmp_path / 'empty.db'}"), key, GENEROUS)
