"""Shared fixtures: the facts, and a live assistant (Rasa + action server) on free ports."""
import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Callable, Dict, Iterator, List

import pytest
import requests

from bot.facts import REPO_ROOT, Fact, load_facts
from tests.fake_line import FakeLineApi
from tests.support import LINE_SECRET, LINE_TOKEN, TEST_REGISTRY_KEY

MODEL = REPO_ROOT / "models" / "assistant.tar.gz"
RASA = str(Path(sys.executable).parent / "rasa")
STARTUP_TIMEOUT_SECONDS = 180


@pytest.fixture(scope="session")
def facts() -> Dict[str, Fact]:
    return load_facts()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early; see {log}:\n{log.read_text()[-3000:]}")
        try:
            if requests.get(url, timeout=2).ok:
                return
        except requests.ConnectionError:
            pass
        time.sleep(1)
    raise RuntimeError(f"{url} not up after {STARTUP_TIMEOUT_SECONDS}s; see {log}")


class Assistant:
    """A running assistant, spoken to through the REST channel as a web page would."""

    def __init__(self, base_url: str, workdir: Path):
        self.base_url = base_url
        self.webhook = f"{base_url}/webhooks/rest/webhook"
        self.tracker_db = workdir / "tracker.db"
        self.registry_dir = workdir / "registry"
        self.logs = [workdir / "actions.log", workdir / "rasa.log"]
        self.registry_url = f"sqlite:///{workdir / 'registry' / 'registry.db'}"

    def post(self, payload: object = None, **kwargs) -> requests.Response:
        return requests.post(self.webhook, json=payload, timeout=60, **kwargs)

    def ask(self, text: str, sender: str = "") -> str:
        response = self.post({"sender": sender or uuid.uuid4().hex, "message": text})
        response.raise_for_status()
        return "\n".join(message.get("text", "") for message in response.json())


@pytest.fixture(scope="session")
def fake_line() -> Iterator[FakeLineApi]:
    api = FakeLineApi().start()
    yield api
    api.stop()


@pytest.fixture(scope="session")
def assistant(tmp_path_factory: pytest.TempPathFactory, fake_line: FakeLineApi) -> Iterator[Assistant]:
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make test`, which trains it first")
    workdir = tmp_path_factory.mktemp("assistant")
    rasa_port, actions_port = free_port(), free_port()
    env = {
        **os.environ,
        "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{actions_port}/webhook",
        "TRACKER_SQLITE_PATH": str(workdir / "tracker.db"),
        "REGISTRY_HMAC_KEY": TEST_REGISTRY_KEY,
        "REGISTRY_SQLITE_PATH": str(workdir / "registry" / "registry.db"),
        # Generous here: the server tests run many checks in a minute.
        "CHECK_LIMIT_PER_MINUTE": "1000",
        "LINE_CHANNEL_SECRET": LINE_SECRET,
        "LINE_CHANNEL_ACCESS_TOKEN": LINE_TOKEN,
        "LINE_API_BASE_URL": fake_line.base_url,
    }
    subprocess.run([sys.executable, "-m", "bot.registry", "demo"], cwd=REPO_ROOT, env=env,
                   check=True, stdout=subprocess.DEVNULL)
    commands = {
        "actions": [RASA, "run", "actions", "--actions", "actions", "--port", str(actions_port)],
        "rasa": [
            RASA, "run", "--model", str(MODEL), "--endpoints", "endpoints.yml",
            "--credentials", "credentials.yml", "--port", str(rasa_port), "--cors", "*",
        ],
    }
    processes: List[subprocess.Popen] = []
    try:
        for name, command in commands.items():
            log = workdir / f"{name}.log"
            processes.append(subprocess.Popen(
                command, cwd=REPO_ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT
            ))
        wait_until_up(f"http://127.0.0.1:{actions_port}/health", processes[0], workdir / "actions.log")
        wait_until_up(f"http://127.0.0.1:{rasa_port}/webhooks/rest/", processes[1], workdir / "rasa.log")
        assistant = Assistant(f"http://127.0.0.1:{rasa_port}", workdir)
        assistant.env = env
        yield assistant
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture
def ask(assistant: Assistant) -> Callable[[str], str]:
    return assistant.ask


@pytest.fixture(scope="session")
def web(assistant: Assistant, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The web pages (widget, demo page, check page), talking to the test assistant."""
    port = free_port()
    log = tmp_path_factory.mktemp("web") / "web.log"
    env = {**assistant.env, "WEB_PORT": str(port), "WEB_HOST": "127.0.0.1",
           "RASA_PUBLIC_URL": assistant.base_url}
    process = subprocess.Popen([sys.executable, "-m", "bot.web"], cwd=REPO_ROOT, env=env,
                               stdout=log.open("w"), stderr=subprocess.STDOUT)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/health", process, log)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)
