"""Start the action server (5055), the Rasa server (5005) and the web pages (8000)
together; Ctrl-C stops all three.

Usage: python -m bot.serve   (what `make run` calls after installing and training)
"""
import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import List

from dotenv import load_dotenv, set_key

from bot.facts import REPO_ROOT
from bot.registry.store import RegistryStore

BIN = Path(sys.executable).parent
RASA_PORT = "5005"
ACTIONS_PORT = "5055"
MODEL = REPO_ROOT / "models" / "assistant.tar.gz"
STOP_GRACE_SECONDS = 10


def commands() -> List[List[str]]:
    rasa = str(BIN / "rasa")
    return [
        [rasa, "run", "actions", "--actions", "actions", "--port", ACTIONS_PORT],
        [
            rasa, "run",
            "--model", str(MODEL),
            "--endpoints", "endpoints.yml",
            "--credentials", "credentials.yml",
            "--port", RASA_PORT,
            # Pages that embed the widget call the REST channel from their own origin.
            "--cors", *os.environ.get("WIDGET_ALLOWED_ORIGINS", "*").split(),
        ],
        [sys.executable, "-m", "bot.web"],
    ]


def stop(processes: List[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def ensure_secret(env_file: Path, name: str) -> None:
    if not os.environ.get(name):
        os.environ[name] = secrets.token_hex(32)
        set_key(str(env_file), name, os.environ[name], quote_mode="never")
        print(f"Wrote a new random {name} to {env_file}", flush=True)


def ensure_registry() -> None:
    if RegistryStore().info() is None:
        print("No registry yet: importing the fictional demo set (python -m bot.registry demo)",
              flush=True)
        subprocess.run([sys.executable, "-m", "bot.registry", "demo"], check=True)


def _interrupt(signum: int, frame: object) -> None:
    # SIGTERM (from a service manager) stops the servers the same way as Ctrl-C.
    raise KeyboardInterrupt


def main() -> int:
    os.chdir(REPO_ROOT)
    env_file = REPO_ROOT / ".env"
    load_dotenv(env_file)
    Path(os.environ["TRACKER_SQLITE_PATH"]).parent.mkdir(parents=True, exist_ok=True)
    os.environ["RASA_TELEMETRY_ENABLED"] = "false"
    # credentials.yml names these; empty leaves the LINE channel off.
    os.environ.setdefault("LINE_CHANNEL_SECRET", "")
    os.environ.setdefault("LINE_CHANNEL_ACCESS_TOKEN", "")
    ensure_secret(env_file, "REGISTRY_HMAC_KEY")
    ensure_secret(env_file, "STAFF_API_TOKEN")
    ensure_registry()
    processes = [subprocess.Popen(command) for command in commands()]
    signal.signal(signal.SIGTERM, _interrupt)
    web_port = os.environ.get("WEB_PORT", "8000")  # read by bot.web
    print(f"Starting: Rasa on http://localhost:{RASA_PORT}, actions on {ACTIONS_PORT}, "
          f"web pages on http://localhost:{web_port}/ . Ctrl-C stops them all.", flush=True)
    try:
        while all(process.poll() is None for process in processes):
            time.sleep(0.5)
        return next(p.returncode for p in processes if p.poll() is not None)
    except KeyboardInterrupt:
        return 0
    finally:
        stop(processes)


if __name__ == "__main__":
    sys.exit(main())
