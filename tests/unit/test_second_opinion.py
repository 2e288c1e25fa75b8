"""The second opinion's combination: where DIET and the regression agree the assistant is
sure enough to answer; where they disagree it is not, and asks (FallbackClassifier's threshold)."""
import pytest
import yaml

from bot.facts import REPO_ROOT
from bot.nlu.second_opinion import DIET_WEIGHT, combined


def pipeline_setting(component: str, key: str) -> float:
    pipeline = yaml.safe_load((REPO_ROOT / "config.yml").read_text(encoding="utf-8"))["pipeline"]
    return next(c[key] for c in pipeline if c["name"].endswith(component))


@pytest.fixture
def weight() -> float:
    return pipeline_setting("SecondOpinion", DIET_WEIGHT)


def test_agreement_is_answered_and_disagreement_asks(weight):
    threshold = pipeline_setting("FallbackClassifier", "threshold")
    diet = {"ask_record_count": 0.9, "ask_leaked_items": 0.1}
    agreeing = combined(diet, {"ask_record_count": 0.8, "ask_leaked_items": 0.2}, weight, 10)
    assert agreeing[0]["name"] == "ask_record_count"
    assert agreeing[0]["confidence"] >= threshold
    disagreeing = combined(diet, {"ask_record_count": 0.2, "ask_leaked_items": 0.8}, weight, 10)
    assert disagreeing[0]["confidence"] < threshold


def test_a_topic_either_model_rules_out_is_all_but_ruled_out(weight):
    # DIET is sure of the greeting, which the regression does not rank at all: the
    # plain average would still give it half; the combination leaves it nothing.
    ranking = combined({"greet": 0.9, "thank": 0.1}, {"thank": 0.6, "goodbye": 0.4}, weight, 10)
    assert ranking[0]["name"] == "thank"
    assert {item["name"]: item["confidence"] for item in ranking}["greet"] < 0.01


def test_confidences_sum_to_one_and_the_ranking_is_cut(weight):
    diet = {"ask_cause": 0.6, "ask_unannounced": 0.3, "ask_how_found": 0.1}
    regression = {"ask_cause": 0.5, "ask_unannounced": 0.4, "ask_how_found": 0.1}
    full = combined(diet, regression, weight, 10)
    assert sum(item["confidence"] for item in full) == pytest.approx(1.0)
    assert combined(diet, regression, weight, 2) == full[:2]
    assert [item["name"] for item in full] == ["ask_cause", "ask_unannounced", "ask_how_found"]
