"""Texts used outside Rasa's responses, read from data/messages.yml (Japanese, and under
`translations` the few said in the other answer languages) and filled by the one
renderer (bot.render) with the current facts."""
from typing import Any, Dict

from bot.language import JAPANESE
from bot.render import data_section, render_text


def _templates() -> Dict[str, str]:
    return data_section("messages.yml", "messages")


def message(key: str, language: str = JAPANESE, **values: Any) -> str:
    """The message in `language` where data/messages.yml gives one, else the Japanese."""
    template = data_section("messages.yml", "translations").get(language, {}).get(key, _templates()[key])
    return render_text(template, language=language).format(**values)


def all_messages() -> Dict[str, str]:
    return {key: render_text(text) for key, text in _templates().items()}


def translated_messages(language: str) -> Dict[str, str]:
    """The messages data/messages.yml gives in `language` (the others are said in Japanese)."""
    templates = data_section("messages.yml", "translations").get(language, {})
    return {key: render_text(text, language=language) for key, text in templates.items()}
