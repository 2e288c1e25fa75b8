"""The call-center staff's assist tool: accounts, sessions, call log (pages in bot/web)."""
