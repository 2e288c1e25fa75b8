"""Held-out evaluation: the trained model on utterances it never saw.

Runs `rasa test nlu` on tests/nlu/heldout.yml, writes the per-intent report to
reports/heldout/, and fails below 90% macro-F1.
"""
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.facts import REPO_ROOT
from bot.nlg import FEEDBACK_PAYLOADS
from bot.nlu.commands import CHOOSE_LANGUAGE
from bot.nlu.language import OTHER_LANGUAGE
from bot.textnorm import normalize_text

HELDOUT = REPO_ROOT / "tests" / "nlu" / "heldout.yml"
TRAINING = REPO_ROOT / "data" / "nlu"
REPORT_DIR = REPO_ROOT / "reports" / "heldout"
MODEL = REPO_ROOT / "models" / "assistant.tar.gz"
MIN_MACRO_F1 = 0.90
MIN_EXAMPLES_PER_INTENT = 10


def examples(path: Path) -> dict:
    by_intent: dict = {}
    for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
        lines = block["examples"].splitlines()
        by_intent.setdefault(block["intent"], []).extend(
            line[2:].strip() for line in lines if line.startswith("- ")
        )
    return by_intent


def test_heldout_never_appears_in_training():
    training = {
        normalize_text(text)
        for path in TRAINING.glob("*.yml")
        for texts in examples(path).values()
        for text in texts
    }
    leaked = [t for ts in examples(HELDOUT).values() for t in ts if normalize_text(t) in training]
    assert not leaked, f"held-out examples also in training: {leaked}"


def test_heldout_covers_every_intent():
    domain = yaml.safe_load((REPO_ROOT / "domain.yml").read_text(encoding="utf-8"))
    heldout = examples(HELDOUT)
    # Set by a script rule, not learned (bot.nlu.language); tested in tests/unit/test_language.py.
    # The feedback intents come only from their buttons' payloads (tests/server/test_feedback.py).
    # A language choice is a command matched whole or the widget's payload (tests/unit/test_language.py).
    payload_only = {payload.lstrip("/") for payload in FEEDBACK_PAYLOADS.values()} | {CHOOSE_LANGUAGE}
    for intent in set(domain["intents"]) - {OTHER_LANGUAGE} - payload_only:
        assert len(heldout.get(intent, [])) >= MIN_EXAMPLES_PER_INTENT, intent


@pytest.fixture(scope="module")
def intent_report() -> dict:
    rasa = str(Path(sys.executable).parent / "rasa")
    subprocess.run(
        [rasa, "test", "nlu", "--model", str(MODEL), "--nlu", str(HELDOUT), "--out", str(REPORT_DIR)],
        cwd=REPO_ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    return json.loads((REPORT_DIR / "intent_report.json").read_text(encoding="utf-8"))


def test_heldout_macro_f1_is_at_least_90_percent(intent_report):
    weakest = sorted(
        (scores["f1-score"], intent)
        for intent, scores in intent_report.items()
        if isinstance(scores, dict) and "support" in scores and intent not in
        ("macro avg", "weighted avg", "micro avg")
    )[:5]
    macro_f1 = intent_report["macro avg"]["f1-score"]
    print(f"held-out macro-F1 {macro_f1:.3f}; weakest: {weakest}")
    assert macro_f1 >= MIN_MACRO_F1, f"macro-F1 {macro_f1:.3f}; weakest intents: {weakest}"
