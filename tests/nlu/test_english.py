"""The blind English set: written from the announcement alone, never in training, never
tuned to. The build fails when the assistant answers more than 2% of it with another
question's answer (the right-answer figure is in `make bench`)."""
from bench import quality
from bot.textnorm import normalize_text
from tests.nlu.test_frozen import blind_result
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
    assert blind_result("English set", quality.HELDOUT_EN).wrong_rate <= MAX_WRONG
