"""Rasa's SpacyNLP that loads only what the pipeline uses of GiNZA.

SpacyTokenizer and SpacyFeaturizer read tokens, lemmas, tags and static word vectors;
GiNZA's tokenizer (SudachiPy) and vocabulary provide all of them. Its neural components
(tok2vec, tagger, parser, NER) computed nothing the pipeline reads, and cost about 8 ms
of every message. The class keeps Rasa's name because the recipe finds the spaCy model
for the tokenizer and the featurizer by that name.
"""
from typing import Any, Dict, Text

import spacy
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.utils import spacy_utils
from rasa.nlu.utils.spacy_utils import SpacyModel


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.MODEL_LOADER, DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER],
    is_trainable=False,
    model_from="SpacyNLP",
)
class SpacyNLP(spacy_utils.SpacyNLP):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {**spacy_utils.SpacyNLP.get_default_config(), "exclude": []}

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "SpacyNLP":
        config = {**cls.get_default_config(), **config}
        nlp = spacy.load(config["model"], exclude=config["exclude"])
        cls.ensure_proper_language_model(nlp)
        return cls(SpacyModel(model=nlp, model_name=config["model"]), config)
