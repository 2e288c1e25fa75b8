"""Rasa input channels: the checked REST channel and LINE. Every Rasa server of this
project loads this package (credentials.yml), so the server-side speed-up lives here."""
from bot.remote_actions import compile_reply_schema_once

compile_reply_schema_once()
