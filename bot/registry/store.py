"""Where the registry, the audit log, the limits' counters, used check links and
answered LINE events live.

SQLite under var/registry/ by default; PostgreSQL when DATABASE_URL is set. The
database holds keyed hashes, hashed sender ids and results: nothing readable.
"""
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional, Sequence

from sqlalchemy import (
    Column, DateTime, Integer, MetaData, String, Table, create_engine, delete, func,
    insert, select,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from bot.settings import settings

metadata = MetaData()
affected = Table("affected", metadata, Column("digest", String(64), primary_key=True))
registry_info = Table(
    "registry_info", metadata,
    Column("id", Integer, primary_key=True),
    Column("key_fingerprint", String(16), nullable=False),
    Column("records", Integer, nullable=False),
    Column("imported_at", DateTime(timezone=True), nullable=False),
)
checks = Table(
    "checks", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False, index=True),
    Column("channel", String(32), nullable=False),
    Column("actor", String(64), nullable=False, index=True),
    Column("result", String(32), nullable=False),
)
# Checks that ran, by a keyed hash of who or what they were about (the client's
# address, the resident's address): kept a day or two, only to count.
check_counts = Table(
    "check_counts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False, index=True),
    Column("scope", String(16), nullable=False),
    Column("subject", String(64), nullable=False, index=True),
)
used_links = Table(
    "used_links", metadata,
    Column("nonce", String(64), primary_key=True),
    Column("used_at", DateTime(timezone=True), nullable=False),
)
# LINE redelivers an event it is not sure arrived: shared by every replica, so one
# event is answered once whichever replica receives it.
line_events = Table(
    "line_events", metadata,
    Column("event_id", String(64), primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False, index=True),
)
# What staff did besides checks: role changes, and each step of a fact's review.
staff_events = Table(
    "staff_events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False, index=True),
    Column("actor", String(64), nullable=False),
    Column("action", String(32), nullable=False),
    Column("subject", String(64), nullable=False),
    Column("detail", String(200), nullable=False, default=""),
)
RAN = ("affected", "not_affected")


def record_event(connection: Connection, actor: str, action: str, subject: str,
                 detail: str = "") -> None:
    """An audit row, written in the caller's transaction so the step and its record
    land together or not at all."""
    connection.execute(insert(staff_events).values(
        at=now(), actor=actor[:64], action=action[:32], subject=subject[:64], detail=detail[:200]))


@lru_cache(maxsize=None)
def _engine(url: str) -> Engine:
    if url.startswith("sqlite:///"):
        Path(url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, future=True)
    metadata.create_all(engine)
    return engine


def now() -> datetime:
    return datetime.now(timezone.utc)


class RegistryStore:
    def __init__(self, url: Optional[str] = None):
        self.engine = _engine(url or settings().database_url)

    # The affected set.
    def replace_affected(self, digests: Iterable[str], fingerprint: str) -> int:
        rows = [{"digest": digest} for digest in sorted(set(digests))]
        # One transaction: a reader sees the old set or the new one, never a mix.
        with self.engine.begin() as connection:
            connection.execute(delete(affected))
            if rows:
                connection.execute(insert(affected), rows)
            connection.execute(delete(registry_info))
            connection.execute(insert(registry_info).values(
                id=1, key_fingerprint=fingerprint, records=len(rows), imported_at=now()
            ))
        return len(rows)

    def info(self) -> Optional[dict]:
        with self.engine.connect() as connection:
            row = connection.execute(select(registry_info)).mappings().first()
        return dict(row) if row else None

    def contains(self, digest: str) -> bool:
        with self.engine.connect() as connection:
            return connection.execute(
                select(affected.c.digest).where(affected.c.digest == digest)
            ).first() is not None

    # The audit log, which also counts checks for the rate limits.
    def record_check(self, channel: str, actor: str, result: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(insert(checks).values(
                at=now(), channel=channel, actor=actor, result=result
            ))

    def count_checks(self, since: timedelta, actor: Optional[str] = None) -> int:
        """Checks that ran (refusals do not count: a refused attacker locks nobody out)."""
        query = select(func.count()).select_from(checks).where(
            checks.c.at >= now() - since, checks.c.result.in_(RAN))
        if actor is not None:
            query = query.where(checks.c.actor == actor)
        with self.engine.connect() as connection:
            return connection.execute(query).scalar_one()

    def record_counts(self, subjects: Sequence[tuple]) -> None:
        """(scope, subject) pairs of a check that ran."""
        with self.engine.begin() as connection:
            connection.execute(insert(check_counts), [
                {"at": now(), "scope": scope, "subject": subject} for scope, subject in subjects])

    def count_subject(self, scope: str, subject: str, since: timedelta) -> int:
        with self.engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(check_counts).where(
                check_counts.c.scope == scope, check_counts.c.subject == subject,
                check_counts.c.at >= now() - since)).scalar_one()

    def staff_events(self, limit: int = 200) -> list:
        with self.engine.connect() as connection:
            return [dict(row) for row in connection.execute(
                select(staff_events).order_by(staff_events.c.id.desc()).limit(limit)).mappings()]

    def audit_rows(self) -> list:
        with self.engine.connect() as connection:
            return [dict(row) for row in connection.execute(select(checks)).mappings()]

    # Single-use check links.
    def link_used(self, nonce: str) -> bool:
        with self.engine.connect() as connection:
            return connection.execute(
                select(used_links.c.nonce).where(used_links.c.nonce == nonce)
            ).first() is not None

    def use_link(self, nonce: str) -> bool:
        """True the first time a nonce is used, False ever after."""
        return self._first_insert(used_links, nonce=nonce, used_at=now())

    def first_delivery(self, event_id: str) -> bool:
        """True the first time any replica sees this LINE event, False for a redelivery."""
        return self._first_insert(line_events, event_id=event_id[:64], at=now())

    def _first_insert(self, table: Table, **row: object) -> bool:
        try:
            with self.engine.begin() as connection:
                connection.execute(insert(table).values(**row))
        except IntegrityError:
            return False
        return True
