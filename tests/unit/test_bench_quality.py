"""How the bench counts: an answer, a question back (with or without the right topic
among its buttons) and a wrong answer are told apart."""
from bench import quality

ANSWERS = {
    "何件漏れたの": ("ask_record_count", "ask_record_count", ()),
    "いつ漏れたの": (quality.FALLBACK, "ask_when_taken", ("ask_when_taken", "ask_record_count")),
    "補償は": (quality.FALLBACK, "ask_cause", ("ask_cause",)),
    "誰が漏らしたの": ("ask_when_taken", "ask_when_taken", ()),
}
GOLD = [("何件漏れたの", "ask_record_count"), ("いつ漏れたの", "ask_when_taken"),
        ("補償は", "ask_unannounced"), ("誰が漏らしたの", "ask_cause")]


def test_a_question_back_counts_apart_from_right_and_wrong_answers():
    result = quality.evaluate("stub", ANSWERS.__getitem__, GOLD)
    assert result.accuracy == 0.25
    assert result.fallback_rate == 0.5
    assert result.wrong_rate == 0.25
    # Only the question back that offers the right topic is one tap from the answer.
    assert result.offered_rate == 0.25
    assert result.best_intent_accuracy == 0.5
