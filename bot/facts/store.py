"""The versioned facts store, in the registry's database (SQLite, or DATABASE_URL).

Every version of a fact is a row: its value and structured fields, the announcement's
sentence and date it comes from, who proposed it and why, who reviewed it and when.
Answers use, per fact, the approved version with the highest `generation`. The
one-row `facts_generation` counter moves with every approval, so a replica learns
whether anything changed by reading one number.
"""
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Dict, List, Mapping, Optional

from sqlalchemy import (Column, Date, DateTime, Integer, MetaData, String, Table, Text,
                        insert, inspect, select, text, update)
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DatabaseError, IntegrityError

from bot.facts import Fact
from bot.registry.store import RegistryStore, now, record_event

FILE_AUTHOR = "data/facts.yml"
PROPOSED, APPROVED, REJECTED = "proposed", "approved", "rejected"

metadata = MetaData()
fact_versions = Table(
    "fact_versions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("fact_id", String(64), nullable=False, index=True),
    Column("value", Text, nullable=False),
    Column("extra", Text, nullable=False, default="{}"),
    # {"easy": ..., "en": ...}: reviewed with the value, in the same version.
    Column("translations", Text, nullable=False, default="{}"),
    Column("source", Text, nullable=False),
    Column("as_of", Date, nullable=False),
    Column("status", String(16), nullable=False, index=True),
    # The approved version this proposal replaces: approving it after another change
    # of the same fact went live would silently undo that change, so it is refused.
    Column("base_id", Integer),
    Column("rollback_of", Integer),
    Column("proposed_by", String(64), nullable=False),
    Column("proposed_at", DateTime(timezone=True), nullable=False),
    Column("reason", String(500), nullable=False),
    Column("reviewed_by", String(64)),
    Column("reviewed_at", DateTime(timezone=True)),
    Column("review_comment", String(500)),
    Column("generation", Integer, index=True),
    # Set only on a version imported from data/facts.yml: two replicas starting at
    # once import each fact once.
    Column("imported", String(64), unique=True),
)
facts_generation = Table(
    "facts_generation", metadata,
    Column("id", Integer, primary_key=True),
    Column("number", Integer, nullable=False),
)


class ReviewError(ValueError):
    """A review step that cannot happen; the key names the Japanese message."""


@dataclass(frozen=True)
class FactVersion:
    id: int
    fact_id: str
    fact: Fact
    status: str
    base_id: Optional[int]
    rollback_of: Optional[int]
    proposed_by: str
    proposed_at: datetime
    reason: str
    reviewed_by: Optional[str]
    reviewed_at: Optional[datetime]
    review_comment: Optional[str]
    generation: Optional[int]


def _version(row: Mapping) -> FactVersion:
    fact = Fact(value=row["value"], source=row["source"], as_of=row["as_of"],
                extra=json.loads(row["extra"] or "{}"),
                translations=json.loads(row["translations"] or "{}"))
    return FactVersion(
        id=row["id"], fact_id=row["fact_id"], fact=fact, status=row["status"],
        base_id=row["base_id"], rollback_of=row["rollback_of"], proposed_by=row["proposed_by"],
        proposed_at=row["proposed_at"], reason=row["reason"], reviewed_by=row["reviewed_by"],
        reviewed_at=row["reviewed_at"], review_comment=row["review_comment"],
        generation=row["generation"])


def _fact_row(fact: Fact) -> dict:
    return {"value": fact.value, "source": fact.source, "as_of": fact.as_of,
            "extra": json.dumps(dict(fact.extra), ensure_ascii=False),
            "translations": json.dumps(dict(fact.translations), ensure_ascii=False)}


class FactStore:
    def __init__(self, registry: Optional[RegistryStore] = None):
        self.engine = (registry or RegistryStore()).engine
        metadata.create_all(self.engine)
        self._add_translations_column()
        try:
            with self.engine.begin() as connection:
                connection.execute(insert(facts_generation).values(id=1, number=0))
        except IntegrityError:
            pass  # there already, or another replica just made it

    def _add_translations_column(self) -> None:
        # Stores made before translations existed: every version starts without any.
        if "translations" not in {c["name"] for c in inspect(self.engine).get_columns("fact_versions")}:
            try:
                with self.engine.begin() as connection:
                    connection.execute(text("ALTER TABLE fact_versions ADD COLUMN translations TEXT "
                                            "NOT NULL DEFAULT '{}'"))
            except DatabaseError:
                pass  # another replica starting at the same moment added it

    # Reading.
    def generation(self) -> int:
        with self.engine.connect() as connection:
            return connection.execute(select(facts_generation.c.number)).scalar() or 0

    def approved(self) -> Dict[str, FactVersion]:
        """The live version of every fact."""
        query = (select(fact_versions).where(fact_versions.c.status == APPROVED)
                 .order_by(fact_versions.c.generation))
        with self.engine.connect() as connection:
            return {row["fact_id"]: _version(row)
                    for row in connection.execute(query).mappings()}

    def version(self, version_id: int) -> Optional[FactVersion]:
        with self.engine.connect() as connection:
            row = connection.execute(select(fact_versions).where(
                fact_versions.c.id == version_id)).mappings().first()
        return _version(row) if row else None

    def history(self, fact_id: str) -> List[FactVersion]:
        query = (select(fact_versions).where(fact_versions.c.fact_id == fact_id)
                 .order_by(fact_versions.c.id.desc()))
        with self.engine.connect() as connection:
            return [_version(row) for row in connection.execute(query).mappings()]

    def pending(self) -> List[FactVersion]:
        query = (select(fact_versions).where(fact_versions.c.status == PROPOSED)
                 .order_by(fact_versions.c.id))
        with self.engine.connect() as connection:
            return [_version(row) for row in connection.execute(query).mappings()]

    # The reviewed first version.
    def import_missing(self, facts: Mapping[str, Fact]) -> int:
        """Facts of data/facts.yml the store has never held, approved as they are
        (the file is reviewed). A fact the store already holds keeps its versions."""
        with self.engine.connect() as connection:
            held = set(connection.execute(select(fact_versions.c.fact_id).distinct()).scalars())
        imported = 0
        for fact_id, fact in facts.items():
            if fact_id in held:
                continue
            try:
                with self.engine.begin() as connection:
                    connection.execute(insert(fact_versions).values(
                        fact_id=fact_id, **_fact_row(fact), status=APPROVED, proposed_by=FILE_AUTHOR,
                        proposed_at=now(), reason="初版（data/facts.yml）", reviewed_by=FILE_AUTHOR,
                        reviewed_at=now(), generation=self._next_generation(connection),
                        imported=fact_id))
            except IntegrityError:
                continue
            imported += 1
        return imported + self._translate_untouched(facts)

    def _translate_untouched(self, facts: Mapping[str, Fact]) -> int:
        """Give the file's reviewed translations to live versions that have none and
        still say what the file says (stores made before translations existed); a value
        changed since is left untranslated (answered in Japanese) rather than mistranslated."""
        live = self.approved()
        stale = {fact_id: fact for fact_id, fact in facts.items()
                 if fact.translations and fact_id in live and not live[fact_id].fact.translations
                 and live[fact_id].fact.value == fact.value}
        if not stale:
            return 0
        with self.engine.begin() as connection:
            self._next_generation(connection)
            for fact_id, fact in stale.items():
                connection.execute(update(fact_versions).where(fact_versions.c.id == live[fact_id].id).values(
                    translations=json.dumps(dict(fact.translations), ensure_ascii=False)))
                record_event(connection, FILE_AUTHOR, "fact_translations", fact_id,
                             f"version {live[fact_id].id}")
        return len(stale)

    # Review.
    def propose(self, fact_id: str, fact: Fact, reason: str, by: str,
                rollback_of: Optional[int] = None) -> int:
        with self.engine.begin() as connection:
            base = self._live_id(connection, fact_id)
            if base is None:
                raise ReviewError("fact_unknown")
            version_id = connection.execute(insert(fact_versions).values(
                fact_id=fact_id, **_fact_row(fact), status=PROPOSED, base_id=base,
                rollback_of=rollback_of, proposed_by=by, proposed_at=now(),
                reason=reason)).inserted_primary_key[0]
            record_event(connection, by, "fact_rollback" if rollback_of else "fact_propose",
                         fact_id, f"version {version_id}")
        return version_id

    def approve(self, version_id: int, by: str, comment: str) -> FactVersion:
        with self.engine.begin() as connection:
            # Taking the next generation first holds the counter's row lock (PostgreSQL)
            # or the write lock (SQLite): two approvals run one after the other.
            generation = self._next_generation(connection)
            proposal = self._decidable(connection, version_id, by)
            if self._live_id(connection, proposal.fact_id) != proposal.base_id:
                raise ReviewError("fact_stale")
            connection.execute(update(fact_versions).where(fact_versions.c.id == version_id).values(
                status=APPROVED, reviewed_by=by, reviewed_at=now(), review_comment=comment,
                generation=generation))
            record_event(connection, by, "fact_approve", proposal.fact_id, f"version {version_id}")
        return self.version(version_id)

    def reject(self, version_id: int, by: str, comment: str) -> FactVersion:
        with self.engine.begin() as connection:
            proposal = self._decidable(connection, version_id, by)
            connection.execute(update(fact_versions).where(fact_versions.c.id == version_id).values(
                status=REJECTED, reviewed_by=by, reviewed_at=now(), review_comment=comment))
            record_event(connection, by, "fact_reject", proposal.fact_id, f"version {version_id}")
        return self.version(version_id)

    def _decidable(self, connection: Connection, version_id: int, by: str) -> FactVersion:
        row = connection.execute(select(fact_versions).where(
            fact_versions.c.id == version_id)).mappings().first()
        if row is None or row["status"] != PROPOSED:
            raise ReviewError("fact_not_pending")
        if row["proposed_by"] == by:
            raise ReviewError("fact_own_proposal")
        return _version(row)

    @staticmethod
    def _live_id(connection: Connection, fact_id: str) -> Optional[int]:
        return connection.execute(
            select(fact_versions.c.id).where(fact_versions.c.fact_id == fact_id,
                                             fact_versions.c.status == APPROVED)
            .order_by(fact_versions.c.generation.desc()).limit(1)).scalar()

    @staticmethod
    def _next_generation(connection: Connection) -> int:
        connection.execute(update(facts_generation).where(facts_generation.c.id == 1)
                           .values(number=facts_generation.c.number + 1))
        return connection.execute(select(facts_generation.c.number)).scalar_one()
