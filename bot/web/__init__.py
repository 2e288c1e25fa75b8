"""The web server on port 8000: the chat widget, its demo page, the check page, and the
staff pages (assist tool and facts review; accounts and the call log are in bot.staff)."""
