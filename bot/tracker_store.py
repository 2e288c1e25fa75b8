"""A SQL tracker store that never writes a resident's address, birth date or phone number.

Answers typed while the address check asks for them, anything else that looks like
an address with a number, a birth date or a phone number, and unsealed values of the check's slots
are replaced before the events are written. The in-memory tracker of the turn is
untouched; only what reaches the database (SQLite or PostgreSQL) is redacted.
"""
import copy
import itertools
import re
import unicodedata
from typing import Iterable, Iterator, List, Optional

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActiveLoop, Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.registry.sealed import is_sealed

CHECK_FORM = "check_form"
PERSONAL_SLOTS = ("address", "birthdate")
REDACTED = "[redacted]"

_DATE_LIKE = re.compile(
    r"\d{2,4}\s*[年/.\-]\s*\d{1,2}\s*[月/.\-]\s*\d{1,2}"
    r"|(明治|大正|昭和|平成|令和|\b[mtshr])\s*(元|\d{1,2})\s*[年./]\s*\d{1,2}\s*[月./]\s*\d{1,2}",
    re.IGNORECASE,
)
_ADDRESS_LIKE = re.compile(
    r"[町村字目]\s*[\d〇一二三四五六七八九十百]+\s*(番地|番|号|[\-－ーの]\s*[\d〇一二三四五六七八九十])"
    r"|[^\d\s,、]\s*\d{1,5}\s*[\-－ー‐の]\s*\d{1,4}"
    r"|\d{1,5}\s*(番地|丁目)"
    r"|[町村字]\D{0,8}?\d{1,5}(?![\d,件人年月日時分回歳%])"
)

# Phone numbers were among the leaked items; residents sometimes type their own.
_PHONE_LIKE = re.compile(r"(?<!\d)0\d{1,4}\s*[\-ー－‐(（)）]?\s*\d{1,4}\s*[\-ー－‐)）]?\s*\d{3,4}(?!\d)")


def looks_personal(text: str) -> bool:
    text = unicodedata.normalize("NFKC", text or "")
    return bool(_DATE_LIKE.search(text) or _ADDRESS_LIKE.search(text) or _PHONE_LIKE.search(text))


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


class RedactingSQLTrackerStore(SQLTrackerStore):
    def database_ok(self) -> bool:
        try:
            with self.engine.connect() as connection:
                connection.exec_driver_sql("SELECT 1")
            return True
        except Exception:  # any driver error means the database cannot be used now
            return False

    def _additional_events(self, session, tracker: DialogueStateTracker) -> Iterator:
        already_stored = self._event_query(
            session, tracker.sender_id, fetch_events_from_all_sessions=False
        ).count()
        return itertools.islice(redact_events(tracker.events), already_stored, None)


def find_store(store: object) -> Optional[RedactingSQLTrackerStore]:
    """Our store inside Rasa's wrappers (fail-safe, awaitable), if it is the one in use."""
    for _ in range(5):
        if isinstance(store, RedactingSQLTrackerStore):
            return store
        store = getattr(store, "_tracker_store", None) or getattr(store, "tracker_store", None)
    return None
