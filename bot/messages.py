"""Japanese texts used outside Rasa's responses, read from data/messages.yml and filled
by the one renderer (bot.render) with the current facts."""
from functools import lru_cache
from typing import Any, Dict

import yaml

from bot.facts import REPO_ROOT
from bot.render import render_text

MESSAGES_FILE = REPO_ROOT / "data" / "messages.yml"


@lru_cache(maxsize=None)
def _templates() -> Dict[str, str]:
    return yaml.safe_load(MESSAGES_FILE.read_text(encoding="utf-8"))["messages"]


def message(key: str, **values: Any) -> str:
    return render_text(_templates()[key]).format(**values)


def all_messages() -> Dict[str, str]:
    return {key: render_text(text) for key, text in _templates().items()}
