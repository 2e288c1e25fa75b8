"""The topics the assistant knows (data/topics.yml): an intent's label and its answer."""
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, Optional

import yaml

from bot.facts import REPO_ROOT
from bot.language import EASY, ENGLISH

TOPICS_FILE = REPO_ROOT / "data" / "topics.yml"


@dataclass(frozen=True)
class Topic:
    intent: str
    label: str
    response: str
    # Offered as a button when the assistant asks which topic was meant.
    offered: bool = True
    # Its answer states facts: it asks whether it helped, and links the announcement.
    feedback: bool = True
    # The custom action that answers it live (the staff tool says the same).
    action: Optional[str] = None
    # The label in やさしい日本語 and in English (buttons in those languages).
    easy: Optional[str] = None
    en: Optional[str] = None

    def label_in(self, language: str) -> str:
        return {EASY: self.easy, ENGLISH: self.en}.get(language) or self.label

    @property
    def fact_answer(self) -> bool:
        return self.offered and self.feedback


@lru_cache(maxsize=None)
def topics() -> Dict[str, Topic]:
    raw = yaml.safe_load(TOPICS_FILE.read_text(encoding="utf-8"))["topics"]
    return {intent: Topic(intent, **entry) for intent, entry in raw.items()}
