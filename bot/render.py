"""The one renderer of the assistant's texts: response templates filled with facts, in
the conversation's language (bot.language).

Templates (data/responses.yml, data/messages.yml, data/staff.yml) name facts as
{{ fact_id }}, and the date of a fact's announcement as {{ fact_id|as_of }}
(「令和5年（2023年）10月18日現在」). They are filled when an answer is sent, with the
current approved facts (bot.facts.live), so a fact change reaches residents without
retraining or a restart. {{ city_closed_days }} is the city's yearly closures from
data/calendar.yml. Single-brace {slot} placeholders are left for Rasa to fill.

Answers in やさしい日本語 and English: data/responses_easy.yml and data/responses_en.yml
give, per response, the text (and the buttons' titles) in that language; everything
else (payloads, custom fields) comes from data/responses.yml. The facts fill them with
their reviewed translations (Fact.value_in). A response or a fact not yet translated
falls back to the Japanese; `untranslated()` lists them (a test prints the list).

The trained model holds no fact and no wording: `python -m bot.render` writes the
training domain (build/domain.yml) with the names of the responses only.

Usage: python -m bot.render [OUTPUT]   (default: build/domain.yml)
"""
import re
import sys
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Dict, Iterator, List, Mapping, Optional, Set

import yaml

from bot.city_calendar import english_day_month, load_calendar
from bot.facts import REPO_ROOT, Fact, current_facts
from bot.facts.live import live_facts
from bot.language import EASY, ENGLISH, JAPANESE

DOMAIN_FILE = REPO_ROOT / "domain.yml"
RESPONSES_FILE = REPO_ROOT / "data" / "responses.yml"
TRANSLATED_RESPONSES = {EASY: REPO_ROOT / "data" / "responses_easy.yml",
                        ENGLISH: REPO_ROOT / "data" / "responses_en.yml"}
OUTPUT_FILE = REPO_ROOT / "build" / "domain.yml"
FACT_REFERENCE = re.compile(r"\{\{\s*(\w+)\s*(?:\|\s*(as_of)\s*)?\}\}")
# The Reiwa era began on 2019-05-01; the announcement and its updates are within it.
REIWA_FIRST_DAY = date(2019, 5, 1)


class UnknownFactError(KeyError):
    pass


def as_of_text(day: date, language: str = JAPANESE) -> str:
    if language == ENGLISH:
        return f"As of {english_day_month(day.month, day.day)} {day.year}"
    if language == EASY:
        return f"{day.year}年{day.month}月{day.day}日の　時点（じてん）で"
    if day < REIWA_FIRST_DAY:
        return f"{day.year}年{day.month}月{day.day}日現在"
    return f"令和{day.year - 2018}年（{day.year}年）{day.month}月{day.day}日現在"


def fill_facts(template: str, values: Mapping[str, str]) -> str:
    """Fill {{ name }} and {{ name|as_of }} from values (see template_values)."""
    def replace(match: "re.Match[str]") -> str:
        key = match.group(1) + (f"|{match.group(2)}" if match.group(2) else "")
        if key not in values:
            raise UnknownFactError(f"template names unknown fact '{key}'")
        return values[key]

    return FACT_REFERENCE.sub(replace, template)


def template_values(facts: Mapping[str, Fact], language: str = JAPANESE) -> Dict[str, str]:
    values = {fact_id: fact.value_in(language) for fact_id, fact in facts.items()}
    values.update({f"{fact_id}|as_of": as_of_text(fact.as_of, language) for fact_id, fact in facts.items()})
    values["city_closed_days"] = load_calendar().yearly_text(language)
    return values


def _texts(responses: dict) -> Iterator[str]:
    for variations in responses.values():
        for variation in variations:
            yield variation.get("text", "")


def facts_named(text: str) -> Set[str]:
    return {match.group(1) for match in FACT_REFERENCE.finditer(text)}


def referenced_facts(responses: dict) -> Set[str]:
    return {fact_id for text in _texts(responses) for fact_id in facts_named(text)}


@lru_cache(maxsize=None)
def load_templates(language: str = JAPANESE) -> dict:
    japanese = yaml.safe_load(RESPONSES_FILE.read_text(encoding="utf-8"))["responses"]
    if language == JAPANESE:
        return japanese
    translated = _translations(language)
    return {name: [_translated(variation, translated.get(name)) for variation in variations]
            for name, variations in japanese.items()}


@lru_cache(maxsize=None)
def _translations(language: str) -> dict:
    return yaml.safe_load(TRANSLATED_RESPONSES[language].read_text(encoding="utf-8"))["responses"]


def _translated(variation: dict, translation: Optional[object]) -> dict:
    if translation is None:
        return variation
    if isinstance(translation, str):
        translation = {"text": translation}
    result = {**variation, "text": translation["text"]}
    if "buttons" in variation and "buttons" in translation:
        result["buttons"] = [{**button, "title": title}
                             for button, title in zip(variation["buttons"], translation["buttons"])]
    return result


def untranslated(language: str, facts: Mapping[str, Fact]) -> Dict[str, List[str]]:
    """What an answer in `language` would still say in Japanese: responses and facts."""
    return {"responses": sorted(set(load_templates()) - set(_translations(language))),
            "facts": sorted(fact_id for fact_id, fact in facts.items() if language not in fact.translations)}


@lru_cache(maxsize=None)
def all_templates() -> Dict[str, str]:
    """Every Japanese template that may name a fact, by where it lives: the answers,
    the web pages' texts and the staff's scripts (for checks and previews)."""
    found = {f"{name}#{number}" if number else name: variation.get("text", "")
             for name, variations in load_templates().items()
             for number, variation in enumerate(variations)}
    for file_name, section in (("messages.yml", "messages"), ("staff.yml", "scripts"),
                               ("staff.yml", "read_aloud")):
        found.update({f"{section}.{key}": text for key, text in data_section(file_name, section).items()})
    return found


@lru_cache(maxsize=None)
def data_section(file_name: str, section: str) -> Dict[str, str]:
    """One section of a file of templates in data/."""
    return yaml.safe_load((REPO_ROOT / "data" / file_name).read_text(encoding="utf-8"))[section]


def render_responses(templates: dict, facts: Mapping[str, Fact], language: str = JAPANESE) -> dict:
    values = template_values(facts, language)
    return {
        name: [
            {**variation, "text": fill_facts(variation["text"], values)}
            for variation in variations
        ]
        for name, variations in templates.items()
    }


@lru_cache(maxsize=12)
def _rendered(generation: int, language: str) -> dict:
    return render_responses(load_templates(language), current_facts(), language)


@lru_cache(maxsize=12)
def _current_values(generation: int, language: str) -> Dict[str, str]:
    return template_values(current_facts(), language)


def rendered_responses(language: str = JAPANESE) -> dict:
    """Every response filled with the current facts; rendered once per facts generation
    and language."""
    return _rendered(live_facts().snapshot().generation, language)


def render_text(template: str, facts: Optional[Mapping[str, Fact]] = None,
                language: str = JAPANESE) -> str:
    """A template from outside data/responses.yml (the web and staff pages' texts)."""
    values = (_current_values(live_facts().snapshot().generation, language) if facts is None
              else template_values(facts, language))
    return fill_facts(template, values)


RUNTIME_PLACEHOLDER = re.compile(r"(?<!\{)\{(\w+)\}(?!\})")


def fill_runtime(text: str, **values: str) -> str:
    """Fill Rasa's run-time {placeholders} that have a value, as Rasa would; leave others."""
    return RUNTIME_PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), text)


def response_text(name: str, language: str = JAPANESE) -> str:
    """The first text of a response as residents get it now, for code outside Rasa."""
    return rendered_responses(language)[name][0]["text"]


def training_domain() -> dict:
    """domain.yml with the responses' names: what the model learns from, without a fact
    or a word of wording (a response's name alone is what a rule or story refers to)."""
    domain = yaml.safe_load(DOMAIN_FILE.read_text(encoding="utf-8"))
    domain["responses"] = {name: [{"text": name}] for name in load_templates()}
    return domain


def main(output: Path = OUTPUT_FILE) -> None:
    text = ("# Generated by `python -m bot.render` from domain.yml and the names of the "
            "responses in data/responses.yml.\n"
            + yaml.safe_dump(training_domain(), allow_unicode=True, sort_keys=False))
    # Rewritten only when it changes: its date is what tells make to retrain.
    if not output.exists() or output.read_text(encoding="utf-8") != text:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUT_FILE)
