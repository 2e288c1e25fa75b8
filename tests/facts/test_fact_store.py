"""The versioned facts store: the file imported once, review by two people, history, rollback."""
import dataclasses
import threading
from datetime import date

import pytest

from bot.facts import load_facts
from bot.facts.store import APPROVED, FILE_AUTHOR, FactStore, ReviewError
from bot.registry.store import RegistryStore


@pytest.fixture
def store(tmp_path) -> FactStore:
    facts = FactStore(RegistryStore(f"sqlite:///{tmp_path / 'registry.db'}"))
    facts.import_missing(load_facts())
    return facts


def new_hours(facts, closes="21:00", value="9時～21時"):
    fact = facts["call_center_hours"]
    return dataclasses.replace(fact, value=value, extra={**fact.extra, "closes": closes},
                               source=fact.source.replace(fact.value, value), as_of=date(2023, 12, 1))


def live(store: FactStore, fact_id: str):
    return store.approved()[fact_id].fact


def test_the_reviewed_file_is_imported_once(store, facts):
    assert {key: version.fact for key, version in store.approved().items()} == facts
    generation = store.generation()
    assert store.import_missing(load_facts()) == 0 and store.generation() == generation
    assert all(version.reviewed_by == FILE_AUTHOR for version in store.approved().values())


def test_a_proposal_changes_nothing_until_another_person_approves_it(store, facts):
    proposal = store.propose("call_center_hours", new_hours(facts), "年末の延長", "editor1")
    assert live(store, "call_center_hours") == facts["call_center_hours"]
    with pytest.raises(ReviewError, match="fact_own_proposal"):
        store.approve(proposal, "editor1", "")
    assert live(store, "call_center_hours") == facts["call_center_hours"]
    before = store.generation()
    approved = store.approve(proposal, "approver1", "発表を確認")
    assert approved.status == APPROVED and approved.reviewed_by == "approver1"
    assert live(store, "call_center_hours").value == "9時～21時"
    assert store.generation() == before + 1


def test_a_decided_proposal_cannot_be_decided_again(store, facts):
    proposal = store.propose("call_center_hours", new_hours(facts), "延長", "editor1")
    store.reject(proposal, "approver1", "出典が違います")
    with pytest.raises(ReviewError, match="fact_not_pending"):
        store.approve(proposal, "approver2", "")
    assert live(store, "call_center_hours") == facts["call_center_hours"]


def test_a_proposal_overtaken_by_another_change_is_refused(store, facts):
    first = store.propose("call_center_hours", new_hours(facts), "延長", "editor1")
    second = store.propose("call_center_hours", new_hours(facts, "22:00", "9時～22時"), "延長", "editor2")
    store.approve(second, "approver1", "")
    with pytest.raises(ReviewError, match="fact_stale"):
        store.approve(first, "approver2", "")
    assert live(store, "call_center_hours").value == "9時～22時"


def test_two_approvers_at_once_one_version_wins(store, facts):
    proposals = [store.propose("call_center_hours", new_hours(facts, f"2{n}:00", f"9時～2{n}時"), "延長", f"e{n}")
                 for n in range(2)]
    outcomes = []

    def approve(version_id, name):
        try:
            outcomes.append(store.approve(version_id, name, "").fact.value)
        except ReviewError as error:
            outcomes.append(str(error))

    threads = [threading.Thread(target=approve, args=(version_id, f"a{n}"))
               for n, version_id in enumerate(proposals)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [outcome for outcome in outcomes if outcome.startswith("9時")]
    assert len(winners) == 1 and "fact_stale" in outcomes
    assert live(store, "call_center_hours").value == winners[0]


def test_rollback_is_a_proposal_that_restores_the_earlier_version(store, facts):
    original = store.history("call_center_hours")[0]
    store.approve(store.propose("call_center_hours", new_hours(facts), "延長", "editor1"), "approver1", "")
    back = store.propose("call_center_hours", original.fact, "延長の終了", "editor1", rollback_of=original.id)
    assert live(store, "call_center_hours").value == "9時～21時"
    store.approve(back, "approver1", "")
    assert live(store, "call_center_hours") == facts["call_center_hours"]
    history = store.history("call_center_hours")
    assert [version.status for version in history] == [APPROVED, APPROVED, APPROVED]
    assert history[0].rollback_of == original.id


def test_every_step_is_in_the_audit_log(store, facts):
    proposal = store.propose("call_center_hours", new_hours(facts), "延長", "editor1")
    store.approve(proposal, "approver1", "")
    events = RegistryStore(str(store.engine.url)).staff_events()
    assert [(event["actor"], event["action"], event["subject"]) for event in events[:2]] == [
        ("approver1", "fact_approve", "call_center_hours"), ("editor1", "fact_propose", "call_center_hours")]


def test_an_unknown_fact_cannot_be_proposed(store, facts):
    with pytest.raises(ReviewError, match="fact_unknown"):
        store.propose("compensation", facts["record_count"], "補償", "editor1")


def test_a_store_made_before_translations_gets_them_only_where_the_value_is_unchanged(tmp_path, facts):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    untranslated = {key: dataclasses.replace(fact, translations={}) for key, fact in facts.items()}
    old = FactStore(RegistryStore(url))
    old.import_missing(untranslated)
    with old.engine.begin() as connection:  # as an older release left it: no column at all
        connection.exec_driver_sql("ALTER TABLE fact_versions DROP COLUMN translations")
    changed = dataclasses.replace(untranslated["record_count"], value="3,072件", source="3,072件")
    store = FactStore(RegistryStore(url))
    version = store.propose("record_count", changed, "訂正", "editor1")
    store.approve(version, "approver1", "")
    generation = store.generation()
    assert store.import_missing(facts) == len(facts) - 1
    assert store.generation() == generation + 1
    assert live(store, "leaked_items").translations == facts["leaked_items"].translations
    # The changed value is not given the file's translation of the old one.
    assert live(store, "record_count").translations == {}
    assert store.import_missing(facts) == 0
