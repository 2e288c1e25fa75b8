"""python -m bot.rasa_server ARGS: `rasa run ARGS`, with this project's safeguards first.

The endpoints file must name the answers' generator (bot.nlg.FactsNLG): without it Rasa
would answer with the responses' names, since the model holds no wording.

Logs are scrubbed before Rasa logs anything (bot.log_redaction), the settings are
checked (a missing secret stops the start with a clear message), the server listens on
PUBLIC_HOST unless told otherwise, and Sanic refuses bodies over 1 MB before reading them.
"""
import os
import sys
from pathlib import Path

import yaml

from bot.log_redaction import install_in_rasa
from bot.settings import SettingsError, settings

MAX_BODY_BYTES = 1024 * 1024
GENERATOR = "bot.nlg.FactsNLG"


def endpoints_problem(args: list) -> str:
    """Why the endpoints file in ARGS cannot serve answers, or ''."""
    path = Path(args[args.index("--endpoints") + 1]) if "--endpoints" in args[:-1] else Path("endpoints.yml")
    try:
        nlg = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlg") or {}
    except (OSError, yaml.YAMLError) as error:
        return f"cannot read {path}: {error}"
    if nlg.get("type") != GENERATOR:
        return f"{path} must set `nlg: type: {GENERATOR}` (answers are rendered when sent)"
    return ""


def main(args: list) -> int:
    install_in_rasa()
    try:
        host = settings().public_host
    except SettingsError as error:
        print(f"Not starting Rasa: {error}", file=sys.stderr)
        return 2
    problem = endpoints_problem(args)
    if problem:
        print(f"Not starting Rasa: {problem}", file=sys.stderr)
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
