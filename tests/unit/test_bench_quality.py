"""How the bench counts: an answer, a question back (with or without the right topic
among its buttons) and a wrong answer are told apart."""
from bench import crossval, quality

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


def prediction(intent, answered, best, top, second, text="何件漏れたの", diet=None):
    return {"text": text, "intent": intent, "answered": answered, "best": best,
            "buttons": [], "confidences": [top, second],
            "diet": {"best": best, "confidences": [top, second]} if diet is None else diet}


def test_another_threshold_decides_from_the_recorded_confidences():
    predictions = [
        # Asked back at 0.60 on a surer-than-0.5 best intent: right at 0.50.
        prediction("ask_record_count", quality.FALLBACK, "ask_record_count", 0.55, 0.1),
        # Wrong at 0.60; asked back from 0.70.
        prediction("ask_cause", "ask_when_taken", "ask_when_taken", 0.65, 0.2),
        # Two topics within the ambiguity margin are asked back at any threshold.
        prediction("ask_cause", quality.FALLBACK, "ask_cause", 0.90, 0.80),
        # A set phrase matched whole is not the ranking's decision: it stays.
        prediction("thank", "thank", "ask_contact", 0.30, 0.2, text="ありがとう"),
    ]
    assert crossval.at_threshold(predictions, 0.60, 0.15) == (0.25, 0.25)
    assert crossval.at_threshold(predictions, 0.50, 0.15) == (0.5, 0.25)
    assert crossval.at_threshold(predictions, 0.70, 0.15) == (0.25, 0.0)


def test_diet_alone_is_decided_from_its_own_ranking():
    # The average is unsure; DIET alone was sure, and wrong.
    unsure = prediction("ask_cause", quality.FALLBACK, "ask_cause", 0.50, 0.4,
                        diet={"best": "ask_when_taken", "confidences": [0.95, 0.02]})
    assert crossval.at_threshold([unsure], 0.80, 0.15) == (0.0, 0.0)
    assert crossval.at_threshold([unsure], 0.80, 0.15, diet_alone=True) == (0.0, 1.0)


def test_the_rule_picks_the_lowest_threshold_no_wronger_than_diet_alone_in_every_language():
    def diet_ranking(intent, top):
        return {"best": intent, "confidences": [top, 0.01]}

    japanese = [
        # Wrong in the average at up to 0.62; DIET alone wrong too, but below 0.80.
        prediction("ask_cause", "ask_when_taken", "ask_when_taken", 0.62, 0.2,
                   diet=diet_ranking("ask_when_taken", 0.70)),
        prediction("ask_cause", "ask_cause", "ask_cause", 0.90, 0.05),
    ]
    english = [
        # Wrong in the average up to 0.70, and in DIET alone at 0.85: allowed.
        prediction("ask_cause", "ask_when_taken", "ask_when_taken", 0.70, 0.2,
                   text="why did it leak", diet=diet_ranking("ask_when_taken", 0.85)),
        prediction("ask_cause", "ask_cause", "ask_cause", 0.90, 0.05, text="why did it leak"),
    ]
    assert crossval.threshold_by_rule({"Japanese": japanese, "English": english}, 0.15) == 0.63
    assert crossval.threshold_by_rule({"English": english}, 0.15) == 0.40
