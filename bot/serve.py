"""Start the action server (5055), the Rasa server (5005) and the web pages (8000)
together; Ctrl-C stops all three.

A server that dies is started again (and the log says so) while the others go on
serving; retention (bot.retention) runs at start and then daily. Files are created
readable by their owner only: .env holds the keys, var/ the databases.

Usage: python -m bot.serve   (what `make run` calls after installing and training)
"""
import logging
import os
import secrets
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional

from dotenv import set_key

from bot.facts import REPO_ROOT
from bot.log_redaction import install
from bot.settings import ENV_FILE, SECRETS, SettingsError, environment, settings

logger = logging.getLogger("bot.serve")

RASA_PORT = "5005"
ACTIONS_PORT = "5055"
MODEL = REPO_ROOT / "models" / "assistant.tar.gz"
STOP_GRACE_SECONDS = 10
# A server that keeps dying is restarted less and less often, up to once a minute.
RESTART_DELAYS_SECONDS = (1, 2, 5, 10, 30, 60)
STABLE_SECONDS = 60
RETENTION_EVERY_SECONDS = 24 * 60 * 60


def commands() -> Dict[str, List[str]]:
    return {
        "actions": [sys.executable, "-m", "bot.action_server", "--port", ACTIONS_PORT],
        "rasa": [
            sys.executable, "-m", "bot.rasa_server",
            "--model", str(MODEL),
            "--endpoints", "endpoints.yml",
            "--credentials", "credentials.yml",
            "--port", RASA_PORT,
            # Pages that embed the widget call the REST channel from their own origin.
            "--cors", *settings().widget_allowed_origins,
        ],
        "web": [sys.executable, "-m", "bot.web"],
    }


@dataclass
class Server:
    name: str
    command: List[str]
    process: Optional[subprocess.Popen] = None
    started_at: float = 0.0
    failures: int = 0
    restart_at: Optional[float] = None

    def start(self) -> None:
        self.process = subprocess.Popen(self.command, cwd=REPO_ROOT)
        self.started_at, self.restart_at = time.monotonic(), None

    def watch(self, now: float) -> None:
        """Start again a server that died, after a delay that grows while it keeps dying."""
        if self.restart_at is not None:
            if now >= self.restart_at:
                logger.warning("restarting %s (restart %d)", self.name, self.failures)
                self.start()
            return
        if self.process is None or self.process.poll() is None:
            return
        self.failures = 1 if now - self.started_at > STABLE_SECONDS else self.failures + 1
        delay = RESTART_DELAYS_SECONDS[min(self.failures, len(RESTART_DELAYS_SECONDS)) - 1]
        logger.error("%s exited with code %s; the others go on, restarting it in %d s",
                     self.name, self.process.returncode, delay)
        self.restart_at = now + delay


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


def ensure_secrets() -> None:
    """Random secrets in .env for any not set yet (settings() then finds them)."""
    values = environment()
    for name in SECRETS:
        if len(values.get(name, "")) < 32:
            set_key(str(ENV_FILE), name, secrets.token_hex(32), quote_mode="never")
            logger.info("wrote a new random %s to %s", name, ENV_FILE)


def owner_only(root: Path) -> None:
    """.env and everything under var/ readable by their owner only (older installs too)."""
    paths = [root / ".env", *(root / "var").rglob("*")] if (root / "var").exists() else [root / ".env"]
    for path in paths:
        if path.exists():
            path.chmod(0o700 if path.is_dir() else 0o600)


def run_once(module: str) -> None:
    subprocess.run([sys.executable, "-m", module], cwd=REPO_ROOT, check=False)


def ensure_registry() -> None:
    from bot.registry.store import RegistryStore
    if RegistryStore().info() is None:
        logger.info("no registry yet: importing the fictional demo set (python -m bot.registry demo)")
        subprocess.run([sys.executable, "-m", "bot.registry", "demo"], cwd=REPO_ROOT, check=True)


def ensure_facts() -> None:
    # The reviewed first version goes into the facts store once; staff change it there.
    from bot.facts import load_facts
    from bot.facts.store import FactStore
    imported = FactStore().import_missing(load_facts())
    if imported:
        logger.info("facts store: %d facts imported from data/facts.yml", imported)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def stop_on_signals() -> None:
    """Ctrl-C and SIGTERM (from a service manager) stop the servers. SIGINT is set too: a
    launcher started from a script's background job inherits it ignored, while Rasa and
    Sanic install their own handlers, so Ctrl-C on the group stopped the servers and the
    launcher started them again."""
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, _interrupt)


def supervise(servers: List[Server]) -> int:
    """Restart what dies and prune old data until interrupted; then stop them all."""
    next_retention = time.monotonic() + RETENTION_EVERY_SECONDS
    try:
        while True:
            time.sleep(0.5)
            now = time.monotonic()
            for server in servers:
                server.watch(now)
            if now >= next_retention:
                run_once("bot.retention")
                next_retention = now + RETENTION_EVERY_SECONDS
    except KeyboardInterrupt:
        return 0
    finally:
        stop([server.process for server in servers if server.process is not None])


def main() -> int:
    os.chdir(REPO_ROOT)
    os.umask(0o077)
    install()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    ENV_FILE.touch(exist_ok=True)
    ensure_secrets()
    # The children read the same variables: the environment over .env.
    os.environ.update(environment())
    os.environ["RASA_TELEMETRY_ENABLED"] = "false"
    try:
        config = settings()
    except SettingsError as error:
        print(f"Not starting: {error}", file=sys.stderr)
        return 2
    (REPO_ROOT / "var").mkdir(exist_ok=True)
    config.tracker_sqlite_path.parent.mkdir(parents=True, exist_ok=True)
    owner_only(REPO_ROOT)
    ensure_registry()
    ensure_facts()
    run_once("bot.retention")
    servers = [Server(name, command) for name, command in commands().items()]
    for server in servers:
        server.start()
    stop_on_signals()
    print(f"Starting: Rasa on http://{config.public_host}:{RASA_PORT}, actions on "
          f"{config.internal_host}:{ACTIONS_PORT}, web pages on "
          f"http://{config.public_host}:{config.web_port}/ . Ctrl-C stops them all.", flush=True)
    return supervise(servers)


if __name__ == "__main__":
    sys.exit(main())
