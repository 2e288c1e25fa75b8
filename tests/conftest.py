"""Shared fixtures: the facts, and a live assistant (Rasa + action server) on free ports."""
import os
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Callable, Dict, Iterator

import pytest
import requests
from hypothesis import settings as hypothesis_settings

from bot.devservers import MODEL, free_port, stop, wait_until_up, running_assistant
from bot.facts import REPO_ROOT, Fact, load_facts
from tests.fake_line import FakeLineApi
from bot.settings import settings
from tests.support import LINE_SECRET, LINE_TOKEN, STAFF_NAME, STAFF_PASSWORD, TEST_SETTINGS


def pytest_configure(config: pytest.Config) -> None:
    """The test secrets in this process's environment before any test module is
    collected (some read the settings at import), read afresh by bot.settings. In CI,
    hypothesis draws the same examples every run (a red build must be reproducible);
    on a developer's machine it keeps exploring."""
    os.environ.update(TEST_SETTINGS)
    # This process's own facts store (the reviewed file, imported on first use): tests
    # never touch var/, and the servers each test starts have their own.
    os.environ["REGISTRY_SQLITE_PATH"] = str(Path(tempfile.mkdtemp(prefix="pytest-registry-")) / "registry.db")
    settings.cache_clear()
    hypothesis_settings.register_profile("ci", derandomize=True, deadline=None)
    if os.environ.get("CI"):
        hypothesis_settings.load_profile("ci")


@pytest.fixture
def configure(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., None]]:
    """Set variables for this test only; bot.settings reads them afresh."""
    def set_variables(**variables: str) -> None:
        for name, value in variables.items():
            monkeypatch.setenv(name, value)
        settings.cache_clear()
    yield set_variables
    monkeypatch.undo()
    settings.cache_clear()


@pytest.fixture(scope="session")
def facts() -> Dict[str, Fact]:
    return load_facts()


class Assistant:
    """A running assistant, spoken to through the REST channel as a web page would."""

    def __init__(self, base_url: str, workdir: Path, env: Dict[str, str]):
        self.base_url = base_url
        self.env = env
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
    env = {
        **TEST_SETTINGS,
        "REGISTRY_SQLITE_PATH": str(workdir / "registry" / "registry.db"),
        # Generous here: the server tests run many checks from one client, on one address.
        "CHECK_LIMIT_PER_MINUTE": "1000",
        "CHECK_LIMIT_PER_CLIENT_PER_DAY": "1000",
        "CHECK_LIMIT_PER_ADDRESS_PER_DAY": "1000",
        "LINE_CHANNEL_SECRET": LINE_SECRET,
        "LINE_CHANNEL_ACCESS_TOKEN": LINE_TOKEN,
        "LINE_API_BASE_URL": fake_line.base_url,
    }
    subprocess.run([sys.executable, "-m", "bot.registry", "demo"], cwd=REPO_ROOT,
                   env={**os.environ, **env}, check=True, stdout=subprocess.DEVNULL)
    add_staff(env, STAFF_NAME, STAFF_PASSWORD)
    with running_assistant(workdir, env) as running:
        yield Assistant(running.base_url, workdir, running.env)


def add_staff(env: Dict[str, str], name: str, password: str, role: str = "operator") -> None:
    subprocess.run([sys.executable, "-m", "bot.staff", "add-user", name, "--role", role,
                    "--password-stdin"], cwd=REPO_ROOT, env={**os.environ, **env},
                   input=password + "\n", text=True, check=True, stdout=subprocess.DEVNULL)


@pytest.fixture(scope="session")
def reviewers(assistant: Assistant) -> Dict[str, str]:
    """Accounts that change facts: an editor and two approvers (name -> password)."""
    accounts = {"editor1": "editor", "approver1": "approver", "approver2": "approver"}
    for name, role in accounts.items():
        add_staff(assistant.env, name, STAFF_PASSWORD, role)
    return {name: STAFF_PASSWORD for name in accounts}


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
        stop([process])
