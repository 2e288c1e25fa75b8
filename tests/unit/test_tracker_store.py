"""What reaches the tracker store: no address, no birth date, and no sealed value
once the check is over; a value that cannot be stored does not stop the server."""
import json
import sqlite3

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActiveLoop, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.privacy import REDACTED, looks_personal
from bot.tracker_store import RedactingSQLTrackerStore, TrackerStoreError, redact_events
from tests.support import run_async


def user(text):
    return UserUttered(text, {"name": "nlu_fallback", "confidence": 0.3}, parse_data={"text": text})


def test_answers_to_the_check_are_redacted_and_sealed_slots_kept():
    events = [
        user("私は対象ですか"),
        ActiveLoop("check_form"), SlotSet("requested_slot", "address"),
        user("東浜の百七十"), SlotSet("address", "東浜の百七十"), SlotSet("address", "sealed:v2:abc"),
        SlotSet("requested_slot", "birthdate"),
        user("きのう"), SlotSet("birthdate", "きのう"),
        ActiveLoop(None), SlotSet("requested_slot", None),
        user("何件漏れたの"),
    ]
    redacted = redact_events(events)
    texts = [e.text for e in redacted if isinstance(e, UserUttered)]
    assert texts == ["私は対象ですか", REDACTED, REDACTED, "何件漏れたの"]
    assert all(e.parse_data["text"] != "東浜の百七十" for e in redacted if isinstance(e, UserUttered))
    slots = [(e.key, e.value) for e in redacted if isinstance(e, SlotSet) and e.key != "requested_slot"]
    assert slots == [("address", None), ("address", "sealed:v2:abc"), ("birthdate", None)]
    assert events[3].text == "東浜の百七十", "the tracker of the turn itself is left alone"


@pytest.mark.parametrize(
    "text, personal",
    [("撫養町南浜字東浜170", True), ("鳴門市撫養町立岩松原２１５－１０", True), ("東浜170番地", True),
     ("昭和25年1月2日", True), ("1950/1/2", True), ("S25.1.2", True),
     ("09012345678", True), ("私の電話は090-1234-5678です", True), ("088(612)3456", True),
     ("何件漏れたの", False), ("1,234件って本当？", False), ("平成28年12月頃に漏れたの？", False),
     ("7月13日に何があった", False), ("今電話つながる？", False)],
)
def test_what_looks_like_an_address_or_birth_date(text, personal):
    assert looks_personal(text) is personal


def test_outside_the_form_a_typed_address_is_redacted_too():
    (event,) = redact_events([user("撫養町南浜字東浜170に住んでいますが対象ですか")])
    assert event.text == REDACTED


@pytest.fixture
def sqlite_store(tmp_path):
    domain = Domain.from_dict({"slots": {
        name: {"type": "text", "mappings": [{"type": "custom"}]} for name in ("address", "birthdate")}})
    return RedactingSQLTrackerStore(domain=domain, dialect="sqlite", db=str(tmp_path / "tracker.db")), \
        tmp_path / "tracker.db"


def stored_slot_values(path):
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT data FROM events WHERE type_name = 'slot'").fetchall()
    return [json.loads(data)["value"] for (data,) in rows]


def test_sealed_values_leave_the_store_when_the_check_is_over(sqlite_store):
    store, path = sqlite_store
    tracker = DialogueStateTracker.from_events("c1", [
        user("私は対象ですか"), SlotSet("address", "sealed:v2:AAAA"), SlotSet("birthdate", "sealed:v2:BBBB")])
    run_async(store.save(tracker))
    assert "sealed:v2:AAAA" in stored_slot_values(path), "kept while the check needs it"
    tracker.update(SlotSet("address", None))
    tracker.update(SlotSet("birthdate", None))
    run_async(store.save(tracker))
    values = stored_slot_values(path)
    assert not any(str(v).startswith("sealed:") for v in values)
    assert values.count(REDACTED) == 2


def test_a_check_left_half_way_is_scrubbed_by_age(sqlite_store):
    store, path = sqlite_store
    tracker = DialogueStateTracker.from_events("c2", [SlotSet("address", "sealed:v2:CCCC", timestamp=1.0)])
    run_async(store.save(tracker))
    assert store.scrub_sealed(before=2.0) == 1
    assert stored_slot_values(path) == [REDACTED]


def test_a_value_the_database_cannot_encode_is_an_error_not_an_exit(sqlite_store):
    store, _ = sqlite_store
    tracker = DialogueStateTracker.from_events("\ud800", [user("何件")])
    with pytest.raises(TrackerStoreError):
        run_async(store.save(tracker))
