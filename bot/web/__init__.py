"""The web server on port 8000: the chat widget, its demo page, and the check page."""
