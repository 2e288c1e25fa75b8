"""Character n-grams of the whole message, across word boundaries.

CountVectorsFeaturizer sees GiNZA's tokens joined by spaces, so its character n-grams
stop at word boundaries, and all-hiragana input (「ばいしょうはあるの」, common from
residents who type without converting to kanji) is split into unusual tokens. N-grams of
the whole message describe such input as well as any other. Sentence features only:
DIET without transformer layers classifies intents from the sentence features.
"""
import json
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.featurizers.sparse_featurizer.sparse_featurizer import SparseFeaturizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import CountVectorizer

VOCABULARY_FILE = "vocabulary.json"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class MessageCharNgrams(SparseFeaturizer, GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {**SparseFeaturizer.get_default_config(), "min_ngram": 1, "max_ngram": 4}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 vocabulary: Optional[Dict[Text, int]] = None) -> None:
        super().__init__(type(self).__name__, config)
        self._model_storage, self._resource = model_storage, resource
        self._vectorizer = CountVectorizer(analyzer="char_wb", vocabulary=vocabulary,
                                           ngram_range=(config["min_ngram"], config["max_ngram"]))

    @classmethod
    def validate_config(cls, config: Dict[Text, Any]) -> None:
        if not 1 <= config["min_ngram"] <= config["max_ngram"]:
            raise ValueError("MessageCharNgrams needs 1 <= min_ngram <= max_ngram")

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "MessageCharNgrams":
        return cls(config, model_storage, resource)

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "MessageCharNgrams":
        with model_storage.read_from(resource) as folder:
            vocabulary = json.loads((folder / VOCABULARY_FILE).read_text(encoding="utf-8"))
        return cls(config, model_storage, resource, vocabulary)

    def train(self, training_data: TrainingData) -> Resource:
        self._vectorizer.fit([m.get(TEXT) for m in training_data.training_examples if m.get(TEXT)])
        vocabulary = {gram: int(index) for gram, index in self._vectorizer.vocabulary_.items()}
        with self._model_storage.write_to(self._resource) as folder:
            (folder / VOCABULARY_FILE).write_text(json.dumps(vocabulary, ensure_ascii=False),
                                                  encoding="utf-8")
        return self._resource

    def _featurize(self, message: Message) -> None:
        text = message.get(TEXT)
        if text:
            self.add_features_to_message(sequence=None, sentence=self._vectorizer.transform([text]).tocoo(),
                                         attribute=TEXT, message=message)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        for message in training_data.training_examples:
            self._featurize(message)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._featurize(message)
        return messages
