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
            classify = quality.rasa_classifier(model)
            for text, intent in held:
                answered, best, buttons = classify(text)
                predictions.append({"text": text, "intent": intent, "answered": answered, "best": best,
                                    "buttons": list(buttons)})
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
    return {"examples": total, "right_rate": right / total, "ask_rate": asked / total,
            "wrong_rate": (total - right - asked) / total, "best_accuracy": best / total,
            "offered_rate": offered / total,
            "confused": pairs.most_common(10)}


def table(result: Dict[str, object]) -> str:
    lines = [f"{FOLDS}-fold cross-validation of the whole pipeline on the {result['examples']:,} training "
             f"examples: right answer {result['right_rate']:.1%}, asks which topic "
             f"{result['ask_rate']:.1%} (with the right topic among the buttons "
             f"{result['offered_rate']:.1%}), wrong answer {result['wrong_rate']:.1%}; best intent right "
             f"{result['best_accuracy']:.1%}.", "",
             "| most confused (right → best intent) | count |", "|---|---|"]
    lines += [f"| {gold} → {predicted} | {count} |" for (gold, predicted), count in result["confused"]]
    return "\n".join(lines)


if __name__ == "__main__":
    print(table(run()))
