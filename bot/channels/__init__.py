"""Rasa input channels: the checked REST channel and LINE (named in credentials.yml)."""
