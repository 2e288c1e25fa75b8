"""Responses are rendered from the facts file: one place per fact, no dangling reference."""
import pytest
import yaml

from bot.facts import REPO_ROOT
from bot.render import (
    UnknownFactError,
    fill_facts,
    load_templates,
    referenced_facts,
    render_domain,
)


def test_every_fact_is_used_by_some_answer(facts):
    unused = set(facts) - referenced_facts(load_templates())
    assert not unused, f"facts no answer states: {sorted(unused)}"


def test_rendered_answers_carry_the_fact_values(facts):
    responses = render_domain()["responses"]
    contact = responses["utter_contact"][0]["text"]
    for fact_id in ("city_window_phone", "city_window_hours", "call_center_phone", "call_center_hours"):
        assert facts[fact_id].value in contact
    assert "{{" not in yaml.safe_dump(responses, allow_unicode=True)


def test_a_changed_fact_changes_the_answer():
    assert fill_facts("件数は{{ record_count }}です。", {"record_count": "12件"}) == "件数は12件です。"


def test_runtime_placeholders_are_left_for_rasa():
    assert fill_facts("{window}の受付", {}) == "{window}の受付"


def test_unknown_fact_is_an_error():
    with pytest.raises(UnknownFactError):
        fill_facts("{{ compensation_amount }}", {})


def test_every_intent_has_an_answer_and_every_answer_exists():
    domain = render_domain()
    steps = [
        step
        for path in (REPO_ROOT / "data" / "rules").glob("*.yml")
        for rule in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]
        for step in rule["steps"]
    ]
    assert set(domain["intents"]) <= {step["intent"] for step in steps if "intent" in step}
    actions = {step["action"] for step in steps if "action" in step}
    known = set(domain["responses"]) | set(domain["actions"]) | set(domain["forms"])
    assert actions - {"action_listen"} <= known


def test_the_hours_answer_names_the_city_closure_from_the_calendar():
    hours = render_domain()["responses"]["utter_hours"][0]["text"]
    assert "年末年始（12月29日～1月3日）は受付していません" in hours


def test_runtime_placeholders_are_filled_where_a_value_is_given():
    from bot.render import fill_runtime
    assert fill_runtime("詳細：{privacy_url}（{minutes}分）", privacy_url="https://x/p") == "詳細：https://x/p（{minutes}分）"
