"""One renderer: templates filled with the current facts when sent; the model holds neither."""
import dataclasses
from datetime import date

import pytest
import yaml

from bot.facts import REPO_ROOT
from bot.render import (
    UnknownFactError,
    all_templates,
    as_of_text,
    fill_facts,
    load_templates,
    referenced_facts,
    render_responses,
    rendered_responses,
    template_values,
    training_domain,
)


def test_every_fact_is_used_by_some_answer(facts):
    unused = set(facts) - referenced_facts(load_templates())
    assert not unused, f"facts no answer states: {sorted(unused)}"


def test_answers_carry_the_current_fact_values(facts):
    contact = rendered_responses()["utter_contact"][0]["text"]
    for fact_id in ("city_window_phone", "city_window_hours", "call_center_phone", "call_center_hours"):
        assert facts[fact_id].value in contact
    assert "{{" not in yaml.safe_dump(rendered_responses(), allow_unicode=True)


def test_a_changed_fact_changes_every_answer_that_uses_it(facts):
    changed = {**facts, "call_center_phone": dataclasses.replace(facts["call_center_phone"],
                                                                 value="0120-000-000")}
    responses = render_responses(load_templates(), changed)
    for name in ("utter_contact", "utter_hours", "utter_email", "utter_caution"):
        text = responses[name][0]["text"]
        assert "0120-000-000" in text and facts["call_center_phone"].value not in text, name


def test_the_model_learns_no_fact_and_no_wording(facts):
    domain = yaml.safe_dump(training_domain(), allow_unicode=True)
    assert set(training_domain()["responses"]) == set(load_templates())
    for fact in facts.values():
        assert fact.value not in domain
    assert "お問い合わせ" not in domain


def test_dated_answers_say_the_date_of_their_section(facts):
    for name in ("utter_city_actions", "utter_third_party", "utter_letter"):
        assert "令和5年（2023年）10月18日現在" in rendered_responses()[name][0]["text"], name
    later = {**facts, "letter": dataclasses.replace(facts["letter"], as_of=date(2023, 11, 2))}
    assert "令和5年（2023年）11月2日現在" in render_responses(load_templates(), later)["utter_letter"][0]["text"]


def test_as_of_gives_the_era_and_the_western_year():
    assert as_of_text(date(2024, 1, 5)) == "令和6年（2024年）1月5日現在"


def test_fill_facts_replaces_names_and_leaves_runtime_placeholders():
    assert fill_facts("件数は{{ record_count }}です。", {"record_count": "12件"}) == "件数は12件です。"
    assert fill_facts("{window}の受付", {}) == "{window}の受付"


def test_unknown_fact_is_an_error():
    with pytest.raises(UnknownFactError):
        fill_facts("{{ compensation_amount }}", {})


def test_every_template_renders_with_the_facts(facts):
    values = template_values(facts)
    for name, text in all_templates().items():
        fill_facts(text, values)  # raises on a dangling reference


def test_every_intent_has_an_answer_and_every_answer_exists():
    domain = training_domain()
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
    hours = rendered_responses()["utter_hours"][0]["text"]
    assert "年末年始（12月29日～1月3日）は受付していません" in hours


def test_runtime_placeholders_are_filled_where_a_value_is_given():
    from bot.render import fill_runtime
    assert fill_runtime("詳細：{privacy_url}（{minutes}分）", privacy_url="https://x/p") == "詳細：https://x/p（{minutes}分）"
