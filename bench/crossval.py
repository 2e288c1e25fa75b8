"""5-fold cross-validation of the whole NLU pipeline (config.yml) on the training data:
how often the assistant would answer right, ask which topic was meant, or answer another
question, and the intent pairs it confuses most: where the training data needs to grow.

Each fold trains the pipeline on four fifths of the examples (`rasa train nlu`) and parses
the fifth with the trained model, as the server does.
python -m bench.crossval prints the figures and writes reports/crossval/predictions.json.
"""
import collections
import json
import random
import tempfile
from pathlib import Path
from typing import Dict, List, Tuple

import yaml

from bench import quality
from bot.facts import REPO_ROOT

OUT = REPO_ROOT / "reports" / "crossval"
FALLBACK = quality.FALLBACK
FOLDS = 5
THRESHOLDS = (0.40, 0.45, 0.50, 0.55, 0.60, 0.65, 0.70, 0.80)


def nlu_file(pairs: List[Tuple[str, str]], path: Path) -> Path:
    by_intent: Dict[str, List[str]] = collections.defaultdict(list)
    for text, intent in pairs:
        by_intent[intent].append(text)
    blocks = [{"intent": intent, "examples": "".join(f"- {text}\n" for text in texts)}
              for intent, texts in by_intent.items()]
    path.write_text(yaml.safe_dump({"version": "3.1", "nlu": blocks}, allow_unicode=True), encoding="utf-8")
    return path


def run(out: Path = OUT) -> Dict[str, object]:
    pairs = quality.training_examples()
    random.Random(0).shuffle(pairs)  # the same folds every run
    predictions = []
    for fold in range(FOLDS):
        held = pairs[fold::FOLDS]
        rest = [pair for index, pair in enumerate(pairs) if index % FOLDS != fold]
        with tempfile.TemporaryDirectory() as folder:
            model, _ = quality.train(REPO_ROOT / "config.yml", Path(folder), nlu_only=True,
                                     nlu=nlu_file(rest, Path(folder) / "nlu.yml"))
            parse = quality.rasa_parser(model)
            for text, intent in held:
                parsed = parse(text)
                answered, best, buttons = quality.decision(parsed)
                # The two best topics' confidences: what any other threshold would decide.
                confidences = ([item["confidence"] for item in quality.ranked(parsed)[:2]] + [0.0, 0.0])[:2]
                predictions.append({"text": text, "intent": intent, "answered": answered, "best": best,
                                    "buttons": list(buttons), "confidences": confidences})
    out.mkdir(parents=True, exist_ok=True)
    (out / "predictions.json").write_text(json.dumps(predictions, ensure_ascii=False, indent=1), encoding="utf-8")
    return summary(predictions)


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


def at_threshold(predictions: List[Dict], threshold: float, ambiguity: float) -> Tuple[float, float]:
    """(right, wrong) shares had the FallbackClassifier used this threshold. Answers that
    did not come from the model's ranking (set phrases, the language gate) stay as they were."""
    right = wrong = 0
    for p in predictions:
        top, second = p["confidences"]
        if p["answered"] not in (FALLBACK, p["best"]):
            answered = p["answered"]
        else:
            answered = FALLBACK if top < threshold or top - second < ambiguity else p["best"]
        right += answered == p["intent"]
        wrong += answered not in (FALLBACK, p["intent"])
    total = max(len(predictions), 1)
    return right / total, wrong / total


def sweep(predictions: List[Dict]) -> str:
    """Right and wrong answers at thresholds around config.yml's, per language of the message."""
    from bot.language import ENGLISH, detect

    chosen, ambiguity = fallback_settings()
    sets = {"Japanese": [p for p in predictions if detect(p["text"]) != ENGLISH],
            "English": [p for p in predictions if detect(p["text"]) == ENGLISH]}
    header = " | ".join(f"{name} ({len(ps):,}): right / wrong" for name, ps in sets.items())
    lines = [f"The same predictions at other fallback thresholds (ambiguity {ambiguity:.2f} as in "
             f"config.yml):", "", f"| threshold | {header} |", "|---|" + "---|" * len(sets)]
    for threshold in THRESHOLDS:
        cells = [at_threshold(ps, threshold, ambiguity) for ps in sets.values()]
        mark = " (config.yml)" if abs(threshold - chosen) < 1e-9 else ""
        lines.append(f"| {threshold:.2f}{mark} | " + " | ".join(f"{r:.1%} / {w:.2%}" for r, w in cells) + " |")
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
