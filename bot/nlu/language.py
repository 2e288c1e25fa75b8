"""Rasa component: the script of a typed message, as the entity `detected_language`
("ja" or "en"; the slot of the same name keeps it until the next typed message), by the
rule in bot.language. A message in another alphabet (Korean, say), which the model was
not trained on, gets the intent `other_language` (answered in English with the phones).
It runs after the intent classifier; buttons' payloads never reach it.
"""
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.language import DETECTED_SLOT, ENGLISH, JAPANESE, detect

OTHER_LANGUAGE = "other_language"


def language_entity(value: str) -> Dict[str, Any]:
    return {"entity": DETECTED_SLOT, "value": value, "extractor": "LanguageGate"}


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class LanguageGate(GraphComponent):
    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "LanguageGate":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            language = detect(message.get(TEXT) or "")
            if language is None:
                continue
            if language == "other":
                intent = {"name": OTHER_LANGUAGE, "confidence": 1.0}
                message.set(INTENT, intent, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [intent], add_to_output=True)
            entities = [e for e in message.get(ENTITIES) or [] if e.get("entity") != DETECTED_SLOT]
            entities.append(language_entity(JAPANESE if language == JAPANESE else ENGLISH))
            message.set(ENTITIES, entities, add_to_output=True)
        return messages
