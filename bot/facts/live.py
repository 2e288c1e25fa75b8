"""The facts answers use now: the latest approved versions, re-read when they change.

Each process asks the store for its generation number at most every
FACTS_REFRESH_SECONDS and reads the versions again only when the number moved. When
the database cannot be read, answers keep coming from the last versions read (from
the reviewed file on a start without the database), and health() says so.
"""
import logging
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from typing import Callable, Dict, Optional

from sqlalchemy.exc import SQLAlchemyError

from bot.facts import Fact, load_facts
from bot.facts.store import FactStore
from bot.settings import settings

logger = logging.getLogger(__name__)
# The generation of facts read from the file because the store could not be read.
FROM_FILE = -1


@dataclass(frozen=True)
class Snapshot:
    generation: int
    facts: Dict[str, Fact]


class LiveFacts:
    def __init__(self, store: Callable[[], FactStore] = FactStore,
                 refresh_seconds: Optional[float] = None,
                 clock: Callable[[], float] = time.monotonic):
        self._open_store = store
        self._store: Optional[FactStore] = None
        self._refresh_seconds = (settings().facts_refresh_seconds
                                 if refresh_seconds is None else refresh_seconds)
        self._clock = clock
        self._lock = threading.Lock()
        self._snapshot: Optional[Snapshot] = None
        self._checked_at = 0.0
        self._unreachable_since: Optional[datetime] = None

    def snapshot(self) -> Snapshot:
        with self._lock:
            if self._snapshot is None or self._clock() - self._checked_at >= self._refresh_seconds:
                self._refresh()
            return self._snapshot

    def expire(self) -> None:
        """Read the store again on the next use (this process just changed it)."""
        with self._lock:
            self._checked_at = float("-inf")

    def facts(self) -> Dict[str, Fact]:
        return self.snapshot().facts

    def health(self) -> dict:
        snapshot = self.snapshot()
        return {"facts_generation": snapshot.generation,
                "facts_store": "unreachable" if self._unreachable_since else "ok",
                **({"facts_unreachable_since": self._unreachable_since.isoformat()}
                   if self._unreachable_since else {})}

    def _refresh(self) -> None:
        self._checked_at = self._clock()
        try:
            if self._store is None:
                store = self._open_store()
                store.import_missing(load_facts())
                self._store = store
            generation = self._store.generation()
            if self._snapshot is None or generation != self._snapshot.generation:
                versions = self._store.approved()
                self._snapshot = Snapshot(generation, {key: version.fact
                                                       for key, version in versions.items()})
            if self._unreachable_since:
                logger.warning("facts store reachable again (generation %d)", generation)
            self._unreachable_since = None
        except SQLAlchemyError as error:
            if self._unreachable_since is None:
                self._unreachable_since = datetime.now(timezone.utc)
                logger.error("facts store unreachable (%s); answering from the last facts read",
                             type(error).__name__)
            if self._snapshot is None:
                self._snapshot = Snapshot(FROM_FILE, dict(load_facts()))


@lru_cache(maxsize=None)
def live_facts() -> LiveFacts:
    return LiveFacts()
