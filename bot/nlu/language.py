"""Rasa component: a message with no Japanese in it gets the intent `other_language`.

The assistant answers in Japanese; a question in English (or Korean, …) scored against
Japanese training data lands on a random intent (「How many people?」 got the goodbye).
A script rule is enough to tell: no kana or kanji, no markup, and words of another
alphabet. It runs after the intent classifier and overrides it.
"""
import re
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

OTHER_LANGUAGE = "other_language"
# Markup, code and links are not a language: they get the Japanese answers.
NOT_PROSE = re.compile(r"[<>{}=\\/@]")
# Words: runs of two or more letters of any alphabet (digits and codes are not words).
WORD = re.compile(r"[^\W\d_]{2,}")
LONE_WORD_LETTERS = 5


def is_japanese_letter(ch: str) -> bool:
    return ("\u3040" <= ch <= "\u30ff" or "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"
            or "\uff66" <= ch <= "\uff9f" or ch in "々〆ヶ")


def not_japanese(text: str) -> bool:
    if not text or text.startswith("/"):
        return False
    if any(is_japanese_letter(ch) for ch in text) or NOT_PROSE.search(text):
        return False
    words = WORD.findall(text)
    return len(words) >= 2 or (len(words) == 1 and len(words[0]) >= LONE_WORD_LETTERS
                                and not any(ch.isdigit() for ch in text))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class LanguageGate(GraphComponent):
    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "LanguageGate":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if not_japanese(message.get(TEXT) or ""):
                intent = {"name": OTHER_LANGUAGE, "confidence": 1.0}
                message.set(INTENT, intent, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [intent], add_to_output=True)
        return messages
