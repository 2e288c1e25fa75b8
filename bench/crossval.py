"""5-fold cross-validation of the NLU pipeline on the training data, and the intent
pairs it confuses most: where the training data needs to grow.

python -m bench.crossval prints the figures and writes reports/crossval/.
"""
import collections
import json
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Tuple

from bot.facts import REPO_ROOT

RASA = str(Path(sys.executable).parent / "rasa")
OUT = REPO_ROOT / "reports" / "crossval"
FALLBACK = "nlu_fallback"
FOLDS = 5


def run(out: Path = OUT) -> Dict[str, object]:
    subprocess.run([RASA, "test", "nlu", "--nlu", "data/nlu", "--config", "config.yml",
                    "--cross-validation", "--folds", str(FOLDS), "--out", str(out)],
                   cwd=REPO_ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return read(out)


def read(out: Path = OUT) -> Dict[str, object]:
    """The figures of the last cross-validation written to `out` (it takes ~40 min here)."""
    report = json.loads((out / "intent_report.json").read_text(encoding="utf-8"))
    errors = json.loads((out / "intent_errors.json").read_text(encoding="utf-8"))
    total = int(report["macro avg"]["support"])
    wrong = [e for e in errors if e["intent_prediction"]["name"] != FALLBACK]
    pairs = collections.Counter((e["intent"], e["intent_prediction"]["name"]) for e in wrong)
    return {"examples": total, "accuracy": report["accuracy"], "macro_f1": report["macro avg"]["f1-score"],
            "fallback_rate": (len(errors) - len(wrong)) / total, "wrong_rate": len(wrong) / total,
            "confused": pairs.most_common(10)}


def table(result: Dict[str, object]) -> str:
    lines = [f"{FOLDS}-fold cross-validation on the {result['examples']:,} training examples: accuracy "
             f"{result['accuracy']:.1%}, macro-F1 {result['macro_f1']:.3f}, fallback "
             f"{result['fallback_rate']:.1%}, wrong answer {result['wrong_rate']:.1%}.", "",
             "| most confused (right → answered) | count |", "|---|---|"]
    lines += [f"| {gold} → {predicted} | {count} |" for (gold, predicted), count in result["confused"]]
    return "\n".join(lines)


if __name__ == "__main__":
    print(table(run()))
