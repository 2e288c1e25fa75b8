"""The announcement's facts, the single source of what the assistant states.

data/facts.yml is the reviewed first version. It is imported into the facts store
(bot.facts.store) on first start; from then on answers use the latest approved
version there (bot.facts.live), which the city's staff change with review.
"""
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Mapping

import yaml

from bot.language import EASY, ENGLISH

REPO_ROOT = Path(__file__).resolve().parents[2]
FACTS_FILE = REPO_ROOT / "data" / "facts.yml"
# The languages a fact's value is translated into, as keys beside `value` in the file.
TRANSLATED = (EASY, ENGLISH)


@dataclass(frozen=True)
class Fact:
    value: str
    # The announcement's sentence the value comes from, verbatim.
    source: str
    # The date of that announcement (its 「○月○日現在」).
    as_of: date
    # Machine-readable fields some facts carry beside their text (e.g. opening hours).
    extra: Mapping[str, Any] = field(default_factory=dict)
    # Reviewed renderings of `value` for the other answer languages (bot.language:
    # "easy" for やさしい日本語, "en"); the source stays the Japanese announcement.
    translations: Mapping[str, str] = field(default_factory=dict)

    def value_in(self, language: str) -> str:
        """The value as an answer in `language` states it; Japanese where none is written."""
        return self.translations.get(language) or self.value


def _as_date(raw: Any) -> date:
    return raw if isinstance(raw, date) else date.fromisoformat(str(raw))


@lru_cache(maxsize=None)
def load_facts(path: Path = FACTS_FILE) -> Dict[str, Fact]:
    """The facts as data/facts.yml holds them (the reviewed first version)."""
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    announced = _as_date(raw["announced"]["date"])
    facts = {}
    for fact_id, entry in raw["facts"].items():
        entry = dict(entry)
        translations = {language: str(entry.pop(language)) for language in TRANSLATED if language in entry}
        facts[fact_id] = Fact(
            value=str(entry.pop("value")), source=str(entry.pop("source")),
            as_of=_as_date(entry.pop("as_of", announced)), extra=entry, translations=translations,
        )
    return facts


def fact_value(fact_id: str) -> str:
    """A value from the reviewed file, for tools that run without the store (demo data)."""
    return load_facts()[fact_id].value


def current_facts() -> Dict[str, Fact]:
    """The latest approved version of every fact, as residents are answered now."""
    from bot.facts.live import live_facts
    return live_facts().facts()
