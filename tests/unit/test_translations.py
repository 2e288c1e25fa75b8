"""The answers in やさしい日本語 and English: complete, and saying the same facts."""
import re

import pytest

from bot.facts import load_facts
from bot.render import (FACT_REFERENCE, RUNTIME_PLACEHOLDER, load_templates, render_responses,
                        untranslated)

LANGUAGES = ["easy", "en"]
JAPANESE_LETTERS = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.mark.parametrize("language", LANGUAGES)
def test_nothing_falls_back_to_japanese(language):
    missing = untranslated(language, load_facts())
    # Listed, so that a new response or fact without its translation is seen here.
    assert missing == {"responses": [], "facts": []}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_translation_names_the_same_facts_slots_and_buttons(language):
    japanese, translated = load_templates(), load_templates(language)
    for name, variations in japanese.items():
        for original, variation in zip(variations, translated[name]):
            facts = lambda text: sorted(m.group(0).replace(" ", "") for m in FACT_REFERENCE.finditer(text))
            slots = lambda text: sorted(RUNTIME_PLACEHOLDER.findall(text))
            assert facts(variation["text"]) == facts(original["text"]), (language, name)
            assert slots(variation["text"]) == slots(original["text"]), (language, name)
            assert [b["payload"] for b in variation.get("buttons", [])] == \
                   [b["payload"] for b in original.get("buttons", [])], (language, name)
            assert variation.get("custom") == original.get("custom"), (language, name)


def test_english_answers_carry_the_facts_in_english_with_names_as_announced():
    facts = load_facts()
    answers = render_responses(load_templates("en"), facts, "en")
    contact = answers["utter_contact"][0]["text"]
    assert facts["city_window_phone"].value in contact and facts["call_center_phone"].value in contact
    assert facts["call_center_name"].value in contact and "special call center" in contact
    items = answers["utter_leaked_items"][0]["text"]
    assert "date of birth" in items and not JAPANESE_LETTERS.search(items)
    as_of = facts["third_party"].as_of
    assert f"As of {as_of.day} {as_of:%B %Y}" in answers["utter_third_party"][0]["text"]


def test_easy_japanese_answers_are_short_sentences_with_readings():
    answers = render_responses(load_templates("easy"), load_facts(), "easy")
    for name, variations in answers.items():
        for line in variations[0]["text"].splitlines():
            for sentence in re.split(r"(?<=[。？])", line):
                assert len(sentence) <= 160, (name, sentence)
    assert "国民健康保険（こくみんけんこうほけん）" in answers["utter_who_affected"][0]["text"]
