"""The training data gives each question one answer: the same words (as the model reads
them) never carry two intents, whichever writer's file they come from."""
import collections

from bench import quality
from bot.textnorm import normalize_text


def test_no_example_carries_two_intents():
    intents = collections.defaultdict(set)
    for text, intent in quality.training_examples():
        intents[normalize_text(text)].add(intent)
    assert {text: labels for text, labels in intents.items() if len(labels) > 1} == {}
