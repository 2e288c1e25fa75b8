"""The second opinion's average: where DIET and the regression agree the assistant is
sure enough to answer; where they disagree it is not, and asks (FallbackClassifier's threshold)."""
import pytest
import yaml

from bot.facts import REPO_ROOT
from bot.nlu.second_opinion import averaged


def threshold() -> float:
    pipeline = yaml.safe_load((REPO_ROOT / "config.yml").read_text(encoding="utf-8"))["pipeline"]
    return next(c["threshold"] for c in pipeline if c["name"] == "FallbackClassifier")


def test_agreement_is_answered_and_disagreement_asks():
    diet = {"ask_record_count": 0.9, "ask_leaked_items": 0.1}
    agreeing = averaged(diet, {"ask_record_count": 0.8, "ask_leaked_items": 0.2}, 10)
    assert agreeing[0] == {"name": "ask_record_count", "confidence": pytest.approx(0.85)}
    assert agreeing[0]["confidence"] >= threshold()
    disagreeing = averaged(diet, {"ask_record_count": 0.2, "ask_leaked_items": 0.8}, 10)
    assert disagreeing[0]["confidence"] < threshold()


def test_an_intent_one_model_left_out_counts_zero_there_and_the_ranking_is_cut():
    ranking = averaged({"greet": 1.0}, {"thank": 0.6, "goodbye": 0.4}, 2)
    assert ranking == [{"name": "greet", "confidence": pytest.approx(0.5)},
                       {"name": "thank", "confidence": pytest.approx(0.3)}]
