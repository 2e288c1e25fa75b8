"""Staff accounts and their roles, sessions, failed logins and the call log, in the
registry's database.

Roles: `operator` uses the assist tool; `editor` also proposes changes to facts;
`approver` also approves or rejects other people's proposals. A role change is audited.
"""
import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Dict, Optional, Tuple

from sqlalchemy import (Column, Date, DateTime, Integer, MetaData, String, Table, delete,
                        func, inspect, insert, select, text, update)

from bot.registry.store import RegistryStore, now, record_event
from bot.settings import settings

metadata = MetaData()
staff_users = Table(
    "staff_users", metadata,
    Column("name", String(64), primary_key=True),
    Column("password_hash", String(256), nullable=False),
    Column("role", String(16), nullable=False, default="operator"),
)
ROLES = ("operator", "editor", "approver")
# What each role may do on the facts page (an approver may also propose, but never
# approve their own proposal).
CAN_PROPOSE = ("editor", "approver")
CAN_APPROVE = ("approver",)
staff_sessions = Table(
    "staff_sessions", metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("name", String(64), nullable=False),
    Column("csrf", String(64), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)
failed_logins = Table(
    "failed_logins", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False, index=True),
    Column("name", String(64), nullable=False),
    Column("client", String(64), nullable=False),
)
call_log = Table(
    "call_log", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("day", Date, nullable=False, index=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("staff", String(64), nullable=False),
    Column("topic", String(64), nullable=False),
)


def _hash_token(token: str) -> str:
    # Only a hash of the cookie is stored: a copy of the database opens no session.
    return hashlib.sha256(token.encode("ascii")).hexdigest()


@dataclass(frozen=True)
class Session:
    name: str
    csrf: str
    role: str = "operator"


class StaffStore:
    def __init__(self, registry: Optional[RegistryStore] = None):
        self.engine = (registry or RegistryStore()).engine
        metadata.create_all(self.engine)
        self._add_role_column()

    def _add_role_column(self) -> None:
        # Accounts made before roles existed become operators.
        if "role" not in {column["name"] for column in inspect(self.engine).get_columns("staff_users")}:
            with self.engine.begin() as connection:
                connection.execute(text("ALTER TABLE staff_users ADD COLUMN role VARCHAR(16) "
                                        "NOT NULL DEFAULT 'operator'"))

    def set_password_hash(self, name: str, password_hash: str) -> None:
        with self.engine.begin() as connection:
            if connection.execute(update(staff_users).where(staff_users.c.name == name)
                                  .values(password_hash=password_hash)).rowcount == 0:
                connection.execute(insert(staff_users).values(
                    name=name, password_hash=password_hash, role="operator"))

    def role(self, name: str) -> Optional[str]:
        with self.engine.connect() as connection:
            return connection.execute(select(staff_users.c.role)
                                      .where(staff_users.c.name == name)).scalar()

    def set_role(self, name: str, role: str, by: str) -> bool:
        """True when the role changed; the change and who made it are audited."""
        if role not in ROLES:
            raise ValueError(f"a role is one of {', '.join(ROLES)}")
        with self.engine.begin() as connection:
            before = connection.execute(select(staff_users.c.role)
                                        .where(staff_users.c.name == name)).scalar()
            if before is None:
                raise ValueError(f"no staff account {name}")
            if before == role:
                return False
            connection.execute(update(staff_users).where(staff_users.c.name == name).values(role=role))
            record_event(connection, by, "role_change", name, f"{before} -> {role}")
        return True

    def password_hash(self, name: str) -> Optional[str]:
        with self.engine.connect() as connection:
            return connection.execute(select(staff_users.c.password_hash)
                                      .where(staff_users.c.name == name)).scalar()

    def open_session(self, name: str) -> str:
        token = secrets.token_urlsafe(32)
        with self.engine.begin() as connection:
            connection.execute(insert(staff_sessions).values(
                token_hash=_hash_token(token), name=name, csrf=secrets.token_urlsafe(32),
                expires_at=now() + timedelta(minutes=settings().staff_session_minutes)))
        return token

    def session(self, token: str) -> Optional[Session]:
        if not token:
            return None
        with self.engine.connect() as connection:
            row = connection.execute(
                select(staff_sessions.c.name, staff_sessions.c.csrf, staff_users.c.role)
                .join(staff_users, staff_users.c.name == staff_sessions.c.name)
                .where(staff_sessions.c.token_hash == _hash_token(token),
                       staff_sessions.c.expires_at > now())).mappings().first()
        return Session(row["name"], row["csrf"], row["role"]) if row else None

    def close_session(self, token: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(delete(staff_sessions).where(
                staff_sessions.c.token_hash == _hash_token(token or "")))

    def record_failed_login(self, name: str, client: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(insert(failed_logins).values(at=now(), name=name[:64], client=client[:64]))

    def recent_failures(self, name: str, client: str, within: timedelta) -> Tuple[int, int]:
        """Failed logins lately: (for this name, from this client)."""
        since = now() - within
        with self.engine.connect() as connection:
            by_name = connection.execute(select(func.count()).select_from(failed_logins).where(
                failed_logins.c.at >= since, failed_logins.c.name == name[:64])).scalar_one()
            by_client = connection.execute(select(func.count()).select_from(failed_logins).where(
                failed_logins.c.at >= since, failed_logins.c.client == client[:64])).scalar_one()
        return by_name, by_client

    def record_call(self, staff: str, topic: str, day: date) -> int:
        with self.engine.begin() as connection:
            result = connection.execute(insert(call_log).values(day=day, at=now(), staff=staff, topic=topic))
            return result.inserted_primary_key[0]

    def undo_call(self, staff: str, call_id: int, within: timedelta) -> bool:
        """Take back one's own call just logged (a wrong topic key); older ones stay."""
        with self.engine.begin() as connection:
            return connection.execute(delete(call_log).where(
                call_log.c.id == call_id, call_log.c.staff == staff,
                call_log.c.at >= now() - within)).rowcount == 1

    def calls_by_topic(self, day: date) -> Dict[str, int]:
        with self.engine.connect() as connection:
            rows = connection.execute(select(call_log.c.topic, func.count())
                                      .where(call_log.c.day == day).group_by(call_log.c.topic))
            return {topic: count for topic, count in rows}
