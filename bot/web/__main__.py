"""python -m bot.web: the web pages on port 8000 (WEB_PORT)."""
import os

from aiohttp import web
from dotenv import load_dotenv

from bot.facts import REPO_ROOT
from bot.web.app import create_app

if __name__ == "__main__":
    load_dotenv(REPO_ROOT / ".env")
    web.run_app(create_app(), host=os.environ.get("WEB_HOST", "0.0.0.0"),
                port=int(os.environ.get("WEB_PORT", "8000")), access_log=None)
