"""Japanese texts used outside Rasa's responses, read from data/messages.yml and filled
by the one renderer (bot.render) with the current facts."""
from typing import Any, Dict

from bot.render import data_section, render_text


def _templates() -> Dict[str, str]:
    return data_section("messages.yml", "messages")


def message(key: str, **values: Any) -> str:
    return render_text(_templates()[key]).format(**values)


def all_messages() -> Dict[str, str]:
    return {key: render_text(text) for key, text in _templates().items()}
