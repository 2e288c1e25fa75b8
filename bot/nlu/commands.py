"""Rasa component: the few commands residents type to steer the chat, and the set
phrases of small talk (data/commands.yml), are matched whole, not guessed: 「やめる」
stops the address check every time, 「やさしい日本語で」 or "English please" chooses the
answers' language, and 「おやすみなさい」 is a goodbye.

It runs after the intent classifier and overrides it only for an exact command.
"""
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Dict, List, Mapping, Optional, Text

import yaml
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.facts import REPO_ROOT
from bot.language import CHOSEN_SLOT, DETECTED_SLOT, ENGLISH, JAPANESE
from bot.textnorm import normalize_text

COMMANDS_FILE = REPO_ROOT / "data" / "commands.yml"
CHOOSE_LANGUAGE = "choose_language"
# Long-vowel marks and wave dashes that stretch a word (「こんにちはー」) are not
# punctuation to Unicode, but carry no meaning at either edge of a phrase.
LENGTHENING_MARKS = "ー〜~"


@dataclass(frozen=True)
class Command:
    intent: str
    # Entities the command sets (a language choice sets the language slots).
    entities: Mapping[str, str] = field(default_factory=dict)


def _is_edge(char: str) -> bool:
    # Punctuation, symbols (emoji among them) and spaces around a phrase.
    return unicodedata.category(char)[0] in "PSZ" or char in LENGTHENING_MARKS


def _key(text: str) -> str:
    chars = "".join(normalize_text(text).lower().split())
    start, end = 0, len(chars)
    while start < end and _is_edge(chars[start]):
        start += 1
    while end > start and _is_edge(chars[end - 1]):
        end -= 1
    return chars[start:end]


@lru_cache(maxsize=None)
def commands() -> Dict[str, Command]:
    raw = yaml.safe_load(COMMANDS_FILE.read_text(encoding="utf-8"))
    found = {_key(phrase): Command(intent)
             for section in ("small_talk", "commands") for intent, phrases in raw[section].items()
             for phrase in phrases}
    for language, phrases in raw["language_commands"].items():
        # The choice, and the typed message's script as the answer should follow it.
        entities = {CHOSEN_SLOT: language, DETECTED_SLOT: ENGLISH if language == ENGLISH else JAPANESE}
        found.update({_key(phrase): Command(CHOOSE_LANGUAGE, entities) for phrase in phrases})
    return found


def command_of(text: str) -> Optional[Command]:
    """The exact command the text is, or None for anything else."""
    return commands().get(_key(text or ""))


def command_intent(text: str) -> str:
    """The intent of an exact command, or "" for anything else."""
    command = command_of(text)
    return command.intent if command else ""


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class CommandMatcher(GraphComponent):
    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "CommandMatcher":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            command = command_of(message.get(TEXT) or "")
            if command is None:
                continue
            intent = {"name": command.intent, "confidence": 1.0}
            message.set(INTENT, intent, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [intent], add_to_output=True)
            if command.entities:
                kept = [e for e in message.get(ENTITIES) or [] if e.get("entity") not in command.entities]
                message.set(ENTITIES, kept + [{"entity": name, "value": value, "extractor": "CommandMatcher"}
                                              for name, value in command.entities.items()],
                            add_to_output=True)
        return messages
