"""python -m bot.action_server [--port 5055]: the Rasa SDK action server, internal only.

It listens on INTERNAL_HOST (127.0.0.1 by default) and answers /webhook and /actions
only with the shared ACTION_SERVER_TOKEN in X-Action-Token (Rasa sends it: see
endpoints.yml): a signed check link or a lookup is nobody else's to ask for. An
exception is answered with its type only; the SDK's own handler would send back the
whole request, tracker and slots included, for Rasa to log.
"""
import argparse
import logging
import sys

from sanic import response
from sanic.request import Request

from bot.inbound import same_secret
from bot.log_redaction import install
from bot.settings import SettingsError, settings

logger = logging.getLogger(__name__)

DEFAULT_PORT = 5055
OPEN_PATHS = ("/health",)


def create_app():
    from rasa_sdk.endpoint import create_app as create_sdk_app

    app = create_sdk_app("actions", cors_origins=[])
    token = settings().action_server_token

    @app.middleware("request")
    async def require_token(request: Request):
        if request.path not in OPEN_PATHS and not same_secret(request.headers.get("X-Action-Token"), token):
            return response.json({"error": "unauthorized"}, status=401)
        return None

    async def on_error(request: Request, exception: Exception):
        logger.error("action server error on %s: %s", request.path, type(exception).__name__)
        return response.json({"error": type(exception).__name__}, status=500)

    app.error_handler.add(Exception, on_error)
    return app


def main(argv=None) -> int:
    install()
    parser = argparse.ArgumentParser(prog="python -m bot.action_server")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    args = parser.parse_args(argv)
    try:
        host = settings().internal_host
    except SettingsError as error:
        print(f"Not starting the action server: {error}", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    create_app().run(host=host, port=args.port, access_log=False, workers=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
