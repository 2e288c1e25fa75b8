"""Rasa component: the few commands residents type to steer the chat (data/commands.yml)
are matched whole, not guessed: 「やめる」 stops the address check every time.

It runs after the intent classifier and overrides it only for an exact command.
"""
import re
from functools import lru_cache
from typing import Any, Dict, List, Text

import yaml
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.facts import REPO_ROOT
from bot.textnorm import normalize_text

COMMANDS_FILE = REPO_ROOT / "data" / "commands.yml"
PUNCTUATION = re.compile(r"[\s。、．，！？!?.,…〜~ー]+$|^\s+")


def _key(text: str) -> str:
    return PUNCTUATION.sub("", normalize_text(text))


@lru_cache(maxsize=None)
def commands() -> Dict[str, str]:
    raw = yaml.safe_load(COMMANDS_FILE.read_text(encoding="utf-8"))["commands"]
    return {_key(phrase): intent for intent, phrases in raw.items() for phrase in phrases}


def command_intent(text: str) -> str:
    """The intent of an exact command, or "" for anything else."""
    return commands().get(_key(text or ""), "")


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class CommandMatcher(GraphComponent):
    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "CommandMatcher":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent_name = command_intent(message.get(TEXT) or "")
            if intent_name:
                intent = {"name": intent_name, "confidence": 1.0}
                message.set(INTENT, intent, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [intent], add_to_output=True)
        return messages
