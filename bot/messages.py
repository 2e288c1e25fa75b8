"""Texts used outside Rasa's responses, read from data/messages.yml (Japanese, and under
`translations` the few said in the other answer languages) and filled by the one
renderer (bot.render) with the current facts."""
from typing import Any, Dict

from bot.language import JAPANESE
from bot.render import data_section, render_text


def _templates(language: str = JAPANESE) -> Dict[str, str]:
    """The messages data/messages.yml gives in `language` (in another language than
    Japanese, only those said in it; the rest are said in Japanese)."""
    if language == JAPANESE:
        return data_section("messages.yml", "messages")
    return data_section("messages.yml", "translations").get(language, {})


def message(key: str, language: str = JAPANESE, **values: Any) -> str:
    """The message in `language` where data/messages.yml gives one, else the Japanese."""
    template = _templates(language).get(key, _templates()[key])
    return render_text(template, language=language).format(**values)


def all_messages(language: str = JAPANESE) -> Dict[str, str]:
    return {key: render_text(text, language=language) for key, text in _templates(language).items()}
