"""python -m bot.rasa_server ARGS: `rasa run ARGS`, with this project's safeguards first.

Logs are scrubbed before Rasa logs anything (bot.log_redaction), the settings are
checked (a missing secret stops the start with a clear message), the server listens on
PUBLIC_HOST unless told otherwise, and Sanic refuses bodies over 1 MB before reading them.
"""
import os
import sys

from bot.log_redaction import install_in_rasa
from bot.settings import SettingsError, settings

MAX_BODY_BYTES = 1024 * 1024


def main(args: list) -> int:
    install_in_rasa()
    try:
        host = settings().public_host
    except SettingsError as error:
        print(f"Not starting Rasa: {error}", file=sys.stderr)
        return 2
    # Sanic reads its own configuration from SANIC_* variables.
    os.environ["SANIC_REQUEST_MAX_SIZE"] = str(MAX_BODY_BYTES)
    if "-i" not in args and "--interface" not in args:
        args = [*args, "--interface", host]
    from bot.remote_actions import compile_reply_schema_once
    from rasa.__main__ import main as rasa_main
    compile_reply_schema_once()
    sys.argv = ["rasa", "run", *args]
    rasa_main()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
