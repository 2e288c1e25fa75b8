"""5-fold cross-validation of the whole NLU pipeline (config.yml) on the training data:
how often the assistant would answer right, ask which topic was meant, or answer another
question, and the intent pairs it confuses most: where the training data needs to grow.

Each fold trains the pipeline on four fifths of the examples (`rasa train nlu`) and parses
the fifth with the trained model, as the server does.
python -m bench.crossval prints the figures and writes reports/crossval/predictions.json.
"""
import collections
import contextlib
import json
import random
import tempfile
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

import yaml

from bench import quality
from bot.facts import REPO_ROOT

OUT = REPO_ROOT / "reports" / "crossval"
FALLBACK = quality.FALLBACK
FOLDS = 5
THRESHOLDS = (0.40, 0.45, 0.50, 0.55, 0.60, 0.65, 0.70, 0.80)
# config.yml's threshold is the lowest at which wrong answers are no more than DIET alone
# gives at this one, in each language of the message.
DIET_ALONE_AT = 0.80


def nlu_file(pairs: List[Tuple[str, str]], path: Path) -> Path:
    by_intent: Dict[str, List[str]] = collections.defaultdict(list)
    for text, intent in pairs:
        by_intent[intent].append(text)
    blocks = [{"intent": intent, "examples": "".join(f"- {text}\n" for text in texts)}
              for intent, texts in by_intent.items()]
    path.write_text(yaml.safe_dump({"version": "3.1", "nlu": blocks}, allow_unicode=True), encoding="utf-8")
    return path


@contextlib.contextmanager
def diet_rankings() -> Iterator[List[List[Dict]]]:
    """DIET's own ranking of each message parsed, as it was before the second opinion
    averaged it: the other side of config.yml's rule, from the same training."""
    from bot.nlu.second_opinion import SecondOpinion
    from rasa.shared.nlu.constants import INTENT_RANKING_KEY

    seen: List[List[Dict]] = []
    original = SecondOpinion.process

    def process(self, messages):
        seen.extend(list(message.get(INTENT_RANKING_KEY) or []) for message in messages)
        return original(self, messages)

    SecondOpinion.process = process
    try:
        yield seen
    finally:
        SecondOpinion.process = original


def run(out: Path = OUT) -> Dict[str, object]:
    pairs = quality.training_examples()
    random.Random(0).shuffle(pairs)  # the same folds every run
    predictions = []
    for fold in range(FOLDS):
        held = pairs[fold::FOLDS]
        rest = [pair for index, pair in enumerate(pairs) if index % FOLDS != fold]
        with tempfile.TemporaryDirectory() as folder, diet_rankings() as diet:
            model, _ = quality.train(REPO_ROOT / "config.yml", Path(folder), nlu_only=True,
                                     nlu=nlu_file(rest, Path(folder) / "nlu.yml"))
            parse = quality.rasa_parser(model)
            for text, intent in held:
                diet.clear()
                parsed = parse(text)
                answered, best, buttons = quality.decision(parsed)
                # Read before the FallbackClassifier: no fallback in it to leave out.
                alone = diet[-1] if diet else []
                # The two best topics' confidences: what any other threshold would decide.
                predictions.append({"text": text, "intent": intent, "answered": answered, "best": best,
                                    "buttons": list(buttons), "confidences": two_best(quality.ranked(parsed)),
                                    "diet": {"best": alone[0]["name"] if alone else FALLBACK,
                                             "confidences": two_best(alone)}})
    out.mkdir(parents=True, exist_ok=True)
    (out / "predictions.json").write_text(json.dumps(predictions, ensure_ascii=False, indent=1), encoding="utf-8")
    return summary(predictions)


def two_best(ranking: List[Dict]) -> List[float]:
    return ([item["confidence"] for item in ranking[:2]] + [0.0, 0.0])[:2]


def summary(predictions: List[Dict[str, str]]) -> Dict[str, object]:
    total = len(predictions)
    asked = sum(p["answered"] == FALLBACK for p in predictions)
    right = sum(p["answered"] == p["intent"] for p in predictions)
    best = sum(p["best"] == p["intent"] for p in predictions)
    offered = sum(p["intent"] in p["buttons"] for p in predictions)
    pairs = collections.Counter((p["intent"], p["best"]) for p in predictions if p["best"] != p["intent"])
    return {"examples": total, "sweep": sweep(predictions), "right_rate": right / total, "ask_rate": asked / total,
            "wrong_rate": (total - right - asked) / total, "best_accuracy": best / total,
            "offered_rate": offered / total,
            "confused": pairs.most_common(10)}


def fallback_settings() -> Tuple[float, float]:
    """config.yml's FallbackClassifier: (threshold, ambiguity_threshold)."""
    config = yaml.safe_load((REPO_ROOT / "config.yml").read_text(encoding="utf-8"))
    fallback = next(c for c in config["pipeline"] if c["name"] == "FallbackClassifier")
    return fallback["threshold"], fallback["ambiguity_threshold"]


def at_threshold(predictions: List[Dict], threshold: float, ambiguity: float,
                 diet_alone: bool = False) -> Tuple[float, float]:
    """(right, wrong) shares had the FallbackClassifier used this threshold, on the averaged
    ranking or on DIET's alone. Answers that did not come from the model's ranking (set
    phrases, the language gate) stay as they were."""
    right = wrong = 0
    for p in predictions:
        best, (top, second) = ((p["diet"]["best"], p["diet"]["confidences"]) if diet_alone
                               else (p["best"], p["confidences"]))
        if p["answered"] not in (FALLBACK, p["best"]):
            answered = p["answered"]
        else:
            answered = FALLBACK if top < threshold or top - second < ambiguity else best
        right += answered == p["intent"]
        wrong += answered not in (FALLBACK, p["intent"])
    total = max(len(predictions), 1)
    return right / total, wrong / total


def by_language(predictions: List[Dict]) -> Dict[str, List[Dict]]:
    from bot.language import ENGLISH, detect

    return {"Japanese": [p for p in predictions if detect(p["text"]) != ENGLISH],
            "English": [p for p in predictions if detect(p["text"]) == ENGLISH]}


def threshold_by_rule(sets: Dict[str, List[Dict]], ambiguity: float) -> Optional[float]:
    """config.yml's rule, in steps of 0.01: the lowest threshold at which wrong answers are
    no more than DIET alone gives at DIET_ALONE_AT, in every language."""
    bound = {name: at_threshold(ps, DIET_ALONE_AT, ambiguity, diet_alone=True)[1] for name, ps in sets.items()}
    return next((step / 100 for step in range(40, 100)
                 if all(at_threshold(ps, step / 100, ambiguity)[1] <= bound[name] for name, ps in sets.items())),
                None)


def sweep(predictions: List[Dict]) -> str:
    """Right and wrong answers at thresholds around config.yml's, per language of the
    message, beside DIET alone: config.yml's rule applied to this run."""
    chosen, ambiguity = fallback_settings()
    sets = by_language(predictions)
    ruled = threshold_by_rule(sets, ambiguity)
    header = " | ".join(f"{name} ({len(ps):,}): right / wrong" for name, ps in sets.items())
    lines = [f"The same predictions at other fallback thresholds (ambiguity {ambiguity:.2f} as in "
             f"config.yml):", "", f"| threshold | {header} |", "|---|" + "---|" * len(sets)]
    cells = [at_threshold(ps, DIET_ALONE_AT, ambiguity, diet_alone=True) for ps in sets.values()]
    lines.append(f"| DIET alone, {DIET_ALONE_AT:.2f} | " + " | ".join(f"{r:.1%} / {w:.2%}" for r, w in cells) + " |")
    for threshold in sorted(set(THRESHOLDS) | {chosen}):
        cells = [at_threshold(ps, threshold, ambiguity) for ps in sets.values()]
        mark = " (config.yml)" if abs(threshold - chosen) < 1e-9 else ""
        lines.append(f"| {threshold:.2f}{mark} | " + " | ".join(f"{r:.1%} / {w:.2%}" for r, w in cells) + " |")
    rule = f"{ruled:.2f}" if ruled is not None else "none up to 0.99"
    lines += ["", f"config.yml's rule (the lowest threshold whose wrong answers are no more than DIET "
                  f"alone's at {DIET_ALONE_AT:.2f}, in each language) gives {rule} on this run; "
                  f"config.yml has {chosen:.2f}."]
    return "\n".join(lines)


def table(result: Dict[str, object]) -> str:
    lines = [f"{FOLDS}-fold cross-validation of the whole pipeline on the {result['examples']:,} training "
             f"examples: right answer {result['right_rate']:.1%}, asks which topic "
             f"{result['ask_rate']:.1%} (with the right topic among the buttons "
             f"{result['offered_rate']:.1%}), wrong answer {result['wrong_rate']:.1%}; best intent right "
             f"{result['best_accuracy']:.1%}.", "",
             "| most confused (right → best intent) | count |", "|---|---|"]
    lines += [f"| {gold} → {predicted} | {count} |" for (gold, predicted), count in result["confused"]]
    lines += ["", result["sweep"]]
    return "\n".join(lines)


if __name__ == "__main__":
    print(table(run()))
