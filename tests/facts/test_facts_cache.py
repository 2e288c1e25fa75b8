"""Each process answers with the latest approved facts: a change is seen within the
refresh interval, and a database that goes away leaves the last facts in place."""
import dataclasses

from sqlalchemy.exc import OperationalError

from bot.facts import load_facts
from bot.facts.live import FROM_FILE, LiveFacts
from bot.facts.store import FactStore
from bot.registry.store import RegistryStore


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_an_approved_change_is_seen_after_the_refresh_interval(tmp_path, facts):
    url = f"sqlite:///{tmp_path / 'registry.db'}"
    clock = Clock()
    live = LiveFacts(lambda: FactStore(RegistryStore(url)), refresh_seconds=2, clock=clock)
    assert live.facts()["record_count"] == facts["record_count"]
    other_replica = FactStore(RegistryStore(url))
    changed = dataclasses.replace(facts["record_count"], value="3,072件", source="3,072件")
    other_replica.approve(other_replica.propose("record_count", changed, "訂正", "e"), "a", "")
    clock.now = 1.9
    assert live.facts()["record_count"].value == facts["record_count"].value
    clock.now = 2.0
    assert live.facts()["record_count"].value == "3,072件"


class BrokenStore:
    def __init__(self, working: FactStore):
        self.working, self.broken = working, False

    def __getattr__(self, name):
        if self.broken:
            raise OperationalError("SELECT", {}, Exception("database is away"))
        return getattr(self.working, name)


def test_the_last_facts_read_stay_when_the_database_goes_away(tmp_path, facts):
    store = BrokenStore(FactStore(RegistryStore(f"sqlite:///{tmp_path / 'registry.db'}")))
    clock = Clock()
    live = LiveFacts(lambda: store, refresh_seconds=1, clock=clock)
    assert live.health()["facts_store"] == "ok"
    store.broken = True
    clock.now = 5
    assert live.facts() == facts
    assert live.health()["facts_store"] == "unreachable"
    store.broken = False
    clock.now = 10
    assert live.health()["facts_store"] == "ok"


def test_a_start_without_the_database_answers_from_the_reviewed_file(facts):
    def unreachable():
        raise OperationalError("connect", {}, Exception("no database"))
    live = LiveFacts(unreachable, refresh_seconds=1, clock=Clock())
    assert live.facts() == load_facts() and live.snapshot().generation == FROM_FILE
    assert live.health()["facts_store"] == "unreachable"
