"""python -m bot.web: the web pages on port 8000 (WEB_PORT), on PUBLIC_HOST."""
import logging
import sys

from aiohttp import web

from bot.log_redaction import install
from bot.settings import SettingsError, settings
from bot.web.app import create_app


def main() -> int:
    install()
    try:
        config = settings()
    except SettingsError as error:
        print(f"Not starting the web pages: {error}", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    # No access log: the check page's URL carries its token.
    web.run_app(create_app(), host=config.public_host, port=config.web_port, access_log=None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
