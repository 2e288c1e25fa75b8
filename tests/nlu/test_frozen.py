"""The frozen blind set: written before any tuning, never tuned to. The build fails when
the assistant answers more than 2% of it with another question's answer."""
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bench import quality
from bot.facts import REPO_ROOT
from bot.textnorm import normalize_text
from tests.nlu.test_heldout import TRAINING, examples

MAX_WRONG = 0.02
MODEL = REPO_ROOT / "models" / "assistant.tar.gz"


def test_frozen_set_never_appears_in_training():
    training = {normalize_text(text) for path in TRAINING.glob("*.yml")
                for texts in examples(path).values() for text in texts}
    frozen = {normalize_text(text) for texts in examples(quality.FROZEN).values() for text in texts}
    assert not frozen & training


def blind_result(name: str, path: Path) -> quality.Result:
    """The trained model on a blind set, as the assistant acts on it (printed)."""
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make test`, which trains it first")
    # In a thread of its own: the browser tests' event loop may be running in this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        result = pool.submit(lambda: quality.evaluate(
            "ours", quality.rasa_classifier(MODEL), quality.examples(path))).result()
    print(f"{name}: right {result.accuracy:.1%}, asks {result.fallback_rate:.1%} "
          f"(right topic a button {result.offered_rate:.1%}), wrong {result.wrong_rate:.1%}")
    return result


def test_wrong_answers_on_the_frozen_set_stay_at_most_two_percent():
    assert blind_result("frozen set", quality.FROZEN).wrong_rate <= MAX_WRONG
