"""Foreign residents: English understanding on the blind English set, and the language
rule (bot.language) on 200 labelled short messages."""
from collections import Counter
from typing import Dict

import yaml

from bot.facts import REPO_ROOT
from bot.language import ENGLISH, JAPANESE, detect

# Written blind, from the announcement alone, never in training and never tuned to.
HELDOUT_EN = REPO_ROOT / "tests" / "nlu" / "heldout_en.yml"
LABELLED = REPO_ROOT / "tests" / "nlu" / "language_id.yml"


def answered_in(text: str) -> str:
    """The language the first answer to `text` comes in, in a new conversation."""
    return ENGLISH if detect(text) == ENGLISH else JAPANESE


def language_id() -> Dict[str, object]:
    messages = yaml.safe_load(LABELLED.read_text(encoding="utf-8"))["messages"]
    outcome = Counter((m["language"], answered_in(m["text"])) for m in messages)
    by_label = Counter(m["language"] for m in messages)
    missed_english = sorted(m["text"] for m in messages
                            if m["language"] == ENGLISH and answered_in(m["text"]) != ENGLISH)
    return {"total": len(messages), "right": outcome[(JAPANESE, JAPANESE)] + outcome[(ENGLISH, ENGLISH)],
            "japanese": by_label[JAPANESE], "japanese_switched": outcome[(JAPANESE, ENGLISH)],
            "english": by_label[ENGLISH], "english_right": outcome[(ENGLISH, ENGLISH)],
            "missed_english": missed_english}


def language_table(result: Dict[str, object]) -> str:
    missed = ", ".join(f"「{text}」" for text in result["missed_english"]) or "none"
    return "\n".join([
        "| messages | answered in the right language | Japanese answered in English | English answered in English |",
        "|---|---|---|---|",
        f"| {result['total']} | {result['right'] / result['total']:.1%} | "
        f"{result['japanese_switched']} of {result['japanese']} | "
        f"{result['english_right']} of {result['english']} |",
        "",
        f"English messages answered in Japanese (no language in them by the rule): {missed}.",
    ])
