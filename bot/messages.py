"""Japanese texts used outside Rasa's responses, read from data/messages.yml."""
from functools import lru_cache
from typing import Any, Dict

import yaml

from bot.facts import REPO_ROOT, load_facts
from bot.render import fill_facts

MESSAGES_FILE = REPO_ROOT / "data" / "messages.yml"


@lru_cache(maxsize=None)
def _messages() -> Dict[str, str]:
    raw = yaml.safe_load(MESSAGES_FILE.read_text(encoding="utf-8"))["messages"]
    values = {fact_id: fact.value for fact_id, fact in load_facts().items()}
    return {key: fill_facts(text, values) for key, text in raw.items()}


def message(key: str, **values: Any) -> str:
    return _messages()[key].format(**values)


def all_messages() -> Dict[str, str]:
    return dict(_messages())
