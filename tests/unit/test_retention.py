"""What is no longer needed is deleted: backdated rows go, recent ones stay."""
import json
import sqlite3
import time
from datetime import timedelta

import pytest
from sqlalchemy import insert

from bot import retention
from bot.registry.store import RegistryStore, check_counts, checks, line_events, now, used_links
from bot.settings import settings
from bot.staff.store import StaffStore, failed_logins


@pytest.fixture
def stores(tmp_path, configure):
    configure(REGISTRY_SQLITE_PATH=str(tmp_path / "registry.db"),
              TRACKER_SQLITE_PATH=str(tmp_path / "tracker.db"),
              CONVERSATION_RETENTION_DAYS="30", AUDIT_RETENTION_DAYS="400")
    registry = RegistryStore()
    StaffStore(registry)
    with sqlite3.connect(tmp_path / "tracker.db") as connection:
        connection.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, type_name TEXT,"
                           " timestamp FLOAT, intent_name TEXT, action_name TEXT, data TEXT)")
    return registry, tmp_path / "tracker.db"


def add_event(path, age_seconds, type_name="user", action_name=None, data=None):
    with sqlite3.connect(path) as connection:
        connection.execute("INSERT INTO events (sender_id, type_name, timestamp, action_name, data) "
                           "VALUES ('s', ?, ?, ?, ?)",
                           (type_name, time.time() - age_seconds, action_name, json.dumps(data or {})))


def test_backdated_rows_are_deleted_and_recent_ones_kept(stores):
    registry, tracker = stores
    old, recent = now() - timedelta(days=401), now() - timedelta(hours=1)
    with registry.engine.begin() as connection:
        for at in (old, recent):
            connection.execute(insert(checks).values(at=at, channel="rest", actor="a", result="affected"))
            connection.execute(insert(check_counts).values(at=at - timedelta(days=2) if at == recent else at,
                                                           scope="client", subject="x"))
            connection.execute(insert(failed_logins).values(at=at, name="n", client="c"))
        connection.execute(insert(used_links).values(nonce="old", used_at=old))
        connection.execute(insert(line_events).values(event_id="old", at=old))
        connection.execute(insert(line_events).values(event_id="new", at=recent))
    add_event(tracker, 31 * 86400)
    add_event(tracker, 60)
    add_event(tracker, 3600, "slot", "address", {"event": "slot", "name": "address", "value": "sealed:v2:x"})
    add_event(tracker, 60, "slot", "birthdate", {"event": "slot", "name": "birthdate", "value": "sealed:v2:y"})

    counts = {**retention.purge_conversations(settings()), **retention.purge_registry(settings())}

    assert counts["conversation events"] == 1 and counts["sealed values"] == 1
    assert counts["audit rows"] == 1 and counts["limit counters"] == 2
    assert counts["LINE event ids"] == 1 and counts["used check links"] == 1
    assert counts["failed logins"] == 1
    assert len(registry.audit_rows()) == 1
    with sqlite3.connect(tracker) as connection:
        values = [json.loads(d).get("value") for (d,) in connection.execute("SELECT data FROM events")]
    assert values.count("[redacted]") == 1 and "sealed:v2:y" in values and len(values) == 3
