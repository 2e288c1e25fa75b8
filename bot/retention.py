"""python -m bot.retention: delete what is no longer needed.

Run by the launcher at start and daily. What is kept, and how long:
- conversations (redacted already): CONVERSATION_RETENTION_DAYS (30); a sealed address
  or birth date left by a check that never finished: 30 minutes (its seal's own limit);
- the audit log of checks, the staff's call log and their audit of roles and fact
  reviews: AUDIT_RETENTION_DAYS (400); fact versions themselves are kept (the history);
- the limits' counters, answered LINE event ids, used check links, failed logins:
  two days (the longest any of them is consulted is one day);
- staff sessions: until they expire.
"""
import json
import logging
import sys
import time
from datetime import timedelta
from typing import Dict

from sqlalchemy import create_engine, delete, inspect, text

from bot.log_redaction import install
from bot.privacy import REDACTED
from bot.registry.sealed import MAX_AGE_SECONDS
from bot.registry.store import (RegistryStore, check_counts, checks, line_events, now, staff_events,
                                used_links)
from bot.settings import Settings, settings
from bot.staff.store import StaffStore, call_log, failed_logins, staff_sessions

logger = logging.getLogger(__name__)

SHORT_LIVED = timedelta(days=2)


def purge_registry(config: Settings) -> Dict[str, int]:
    engine = StaffStore(RegistryStore()).engine  # creates the staff tables if need be
    audit_cutoff = now() - timedelta(days=config.audit_retention_days)
    short_cutoff = now() - SHORT_LIVED
    statements = {
        "audit rows": delete(checks).where(checks.c.at < audit_cutoff),
        "call log rows": delete(call_log).where(call_log.c.at < audit_cutoff),
        "staff audit rows": delete(staff_events).where(staff_events.c.at < audit_cutoff),
        "limit counters": delete(check_counts).where(check_counts.c.at < short_cutoff),
        "LINE event ids": delete(line_events).where(line_events.c.at < short_cutoff),
        "used check links": delete(used_links).where(used_links.c.used_at < short_cutoff),
        "failed logins": delete(failed_logins).where(failed_logins.c.at < short_cutoff),
        "staff sessions": delete(staff_sessions).where(staff_sessions.c.expires_at < now()),
    }
    with engine.begin() as connection:
        return {name: connection.execute(statement).rowcount for name, statement in statements.items()}


def purge_conversations(config: Settings) -> Dict[str, int]:
    url = config.tracker_postgres_url or f"sqlite:///{config.tracker_sqlite_path}"
    if url.startswith("sqlite:///") and not config.tracker_sqlite_path.exists():
        return {"conversation events": 0, "sealed values": 0}
    engine = create_engine(url, future=True)
    if not inspect(engine).has_table("events"):
        return {"conversation events": 0, "sealed values": 0}
    cutoff = time.time() - config.conversation_retention_days * 86400
    sealed_cutoff = time.time() - MAX_AGE_SECONDS
    with engine.begin() as connection:
        deleted = connection.execute(text("DELETE FROM events WHERE timestamp < :cutoff"),
                                     {"cutoff": cutoff}).rowcount
        rows = connection.execute(text(
            "SELECT id, data FROM events WHERE type_name = 'slot' AND timestamp < :cutoff "
            "AND action_name IN ('address', 'birthdate') AND data LIKE '%sealed:%'"),
            {"cutoff": sealed_cutoff}).all()
        for row_id, data in rows:
            value = json.loads(data)
            value["value"] = REDACTED
            connection.execute(text("UPDATE events SET data = :data WHERE id = :id"),
                               {"data": json.dumps(value), "id": row_id})
    return {"conversation events": deleted, "sealed values": len(rows)}


def main() -> int:
    install()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    config = settings()
    counts = {**purge_conversations(config), **purge_registry(config)}
    logger.info("retention: deleted or cleared %s",
                ", ".join(f"{count} {name}" for name, count in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
