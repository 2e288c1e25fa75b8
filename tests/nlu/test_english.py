"""The blind English set: written from the announcement alone, never in training, never
tuned to. The build fails when the assistant answers more than 2% of it with another
question's answer (the right-answer figure is in `make bench`)."""
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench import quality
from bot.textnorm import normalize_text
from tests.nlu.test_frozen import MODEL
from tests.nlu.test_heldout import TRAINING, examples

MAX_WRONG = 0.02
MIN_EXAMPLES_PER_INTENT = 10


def test_english_set_never_appears_in_training_and_covers_every_intent_asked():
    training = {normalize_text(text) for path in TRAINING.glob("*.yml")
                for texts in examples(path).values() for text in texts}
    english = examples(quality.HELDOUT_EN)
    assert not {normalize_text(text) for texts in english.values() for text in texts} & training
    assert all(len(texts) >= MIN_EXAMPLES_PER_INTENT for texts in english.values())


def test_wrong_answers_on_the_english_set_stay_at_most_two_percent():
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make test`, which trains it first")
    with ThreadPoolExecutor(max_workers=1) as pool:
        result = pool.submit(lambda: quality.evaluate(
            "ours", quality.rasa_classifier(MODEL), quality.examples(quality.HELDOUT_EN))).result()
    print(f"English set: right {result.accuracy:.1%}, asks {result.fallback_rate:.1%}, "
          f"wrong {result.wrong_rate:.1%}")
    assert result.wrong_rate <= MAX_WRONG
