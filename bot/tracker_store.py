"""A SQL tracker store that never writes a resident's address, birth date or phone number.

Answers typed while the address check asks for them, and anything else bot.privacy finds
personal, are replaced before the events are written; unsealed values of the check's
slots are dropped. Sealed values are kept only while the check needs them: once the
check has run or stopped, the conversation's stored sealed values are replaced by the
redaction marker. The in-memory tracker of the turn is untouched; only what reaches
the database (SQLite or PostgreSQL) is redacted.
"""
import contextlib
import copy
import itertools
import json
import logging
from typing import Generator, Iterable, Iterator, List, Optional

from rasa.core.tracker_store import SQLTrackerStore, ensure_schema_exists
from rasa.shared.core.events import ActiveLoop, Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import update

from bot.privacy import REDACTED, looks_personal
from bot.registry.sealed import is_sealed

logger = logging.getLogger(__name__)

CHECK_FORM = "check_form"
PERSONAL_SLOTS = ("address", "birthdate")


class TrackerStoreError(RuntimeError):
    """A conversation could not be stored; the server goes on."""


def _redacted_utterance(event: UserUttered) -> UserUttered:
    redacted = copy.deepcopy(event)
    redacted.text = REDACTED
    redacted.parse_data = {**redacted.parse_data, "text": REDACTED, "entities": []}
    redacted.entities = []
    return redacted


def redact_events(events: Iterable[Event]) -> List[Event]:
    active_loop, requested_slot = None, None
    redacted: List[Event] = []
    for event in events:
        if isinstance(event, ActiveLoop):
            active_loop = event.name
        elif isinstance(event, SlotSet) and event.key == "requested_slot":
            requested_slot = event.value
        if isinstance(event, UserUttered) and (
            (active_loop == CHECK_FORM and requested_slot in PERSONAL_SLOTS)
            or looks_personal(event.text)
        ):
            event = _redacted_utterance(event)
        elif (isinstance(event, SlotSet) and event.key in PERSONAL_SLOTS
              and event.value is not None and not is_sealed(event.value)):
            event = SlotSet(event.key, None, timestamp=event.timestamp, metadata=event.metadata)
        redacted.append(event)
    return redacted


def check_is_over(tracker: DialogueStateTracker, new_events: Iterable[Event]) -> bool:
    """Whether this turn ended the check (it ran, stopped or failed): the form is not
    running and the turn cleared its slots. An unreadable answer also clears its slot,
    but with the form still running and the other answer still needed."""
    return (tracker.active_loop_name != CHECK_FORM
            and all(tracker.get_slot(slot) is None for slot in PERSONAL_SLOTS)
            and any(isinstance(event, SlotSet) and event.key in PERSONAL_SLOTS and event.value is None
                    for event in new_events))


class RedactingSQLTrackerStore(SQLTrackerStore):
    def database_ok(self) -> bool:
        try:
            with self.engine.connect() as connection:
                connection.exec_driver_sql("SELECT 1")
            return True
        except Exception:  # any driver error means the database cannot be used now
            return False

    @contextlib.contextmanager
    def session_scope(self) -> Generator:
        # Rasa's own scope exits the whole process on any ValueError (it means a missing
        # PostgreSQL schema there); one conversation's bad value must not stop the server.
        session = self.sessionmaker()
        try:
            ensure_schema_exists(session)
            yield session
        except ValueError as error:
            raise TrackerStoreError(type(error).__name__) from None
        finally:
            session.close()

    def _additional_events(self, session, tracker: DialogueStateTracker) -> Iterator:
        already_stored = self._event_query(
            session, tracker.sender_id, fetch_events_from_all_sessions=False
        ).count()
        return itertools.islice(redact_events(tracker.events), already_stored, None)

    async def save(self, tracker: DialogueStateTracker) -> None:
        with self.session_scope() as session:
            stored = self._event_query(session, tracker.sender_id,
                                       fetch_events_from_all_sessions=False).count()
        new_events = list(itertools.islice(tracker.events, stored, None))
        await super().save(tracker)
        if check_is_over(tracker, new_events):
            self.scrub_sealed(tracker.sender_id)

    def scrub_sealed(self, sender_id: Optional[str] = None, before: Optional[float] = None) -> int:
        """Replace stored sealed slot values with the marker: one conversation's (after its
        check), or every conversation's older than `before` (a check left half-way)."""
        scrubbed = 0
        with self.session_scope() as session:
            rows = session.query(self.SQLEvent).filter(
                self.SQLEvent.type_name == SlotSet.type_name,
                self.SQLEvent.action_name.in_(PERSONAL_SLOTS),
                self.SQLEvent.data.contains("sealed:"))
            if sender_id is not None:
                rows = rows.filter(self.SQLEvent.sender_id == sender_id)
            if before is not None:
                rows = rows.filter(self.SQLEvent.timestamp < before)
            for row in rows.all():
                data = json.loads(row.data)
                data["value"] = REDACTED
                session.execute(update(self.SQLEvent).where(self.SQLEvent.id == row.id)
                                .values(data=json.dumps(data)))
                scrubbed += 1
            session.commit()
        return scrubbed


def find_store(store: object) -> Optional[RedactingSQLTrackerStore]:
    """Our store inside Rasa's wrappers (fail-safe, awaitable), if it is the one in use."""
    for _ in range(5):
        if isinstance(store, RedactingSQLTrackerStore):
            return store
        store = getattr(store, "_tracker_store", None) or getattr(store, "tracker_store", None)
    return None
