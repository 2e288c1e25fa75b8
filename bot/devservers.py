"""Start the assistant's servers on free loopback ports: for tests and benchmarks."""
import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Dict, Iterator, List

import requests

from bot.facts import REPO_ROOT

MODEL = REPO_ROOT / "models" / "assistant.tar.gz"
STARTUP_TIMEOUT_SECONDS = 180


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, log: Path) -> float:
    """Seconds until `url` answers; raises with the log's tail if the process dies."""
    started = time.monotonic()
    while time.monotonic() - started < STARTUP_TIMEOUT_SECONDS:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early; see {log}:\n{log.read_text()[-3000:]}")
        try:
            if requests.get(url, timeout=2).ok:
                return time.monotonic() - started
        except requests.ConnectionError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} not up after {STARTUP_TIMEOUT_SECONDS}s; see {log}")


def start(name: str, command: List[str], env: Dict[str, str], workdir: Path) -> subprocess.Popen:
    """A server process whose output goes to workdir/<name>.log."""
    log = (workdir / f"{name}.log").open("w")
    return subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def rasa_command(port: int, endpoints: str = "endpoints.yml") -> List[str]:
    return [sys.executable, "-m", "bot.rasa_server", "--model", str(MODEL), "--endpoints", endpoints,
            "--credentials", "credentials.yml", "--port", str(port), "--cors", "*"]


def actions_command(port: int) -> List[str]:
    return [sys.executable, "-m", "bot.action_server", "--port", str(port)]


def stop(processes: List[subprocess.Popen]) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


class RunningAssistant:
    def __init__(self, workdir: Path, rasa_port: int, env: Dict[str, str]):
        self.workdir = workdir
        self.base_url = f"http://127.0.0.1:{rasa_port}"
        self.env = env
        self.processes: Dict[str, subprocess.Popen] = {}
        self.ready_seconds: Dict[str, float] = {}


@contextmanager
def running_assistant(workdir: Path, env_overrides: Dict[str, str],
                      with_actions: bool = True) -> Iterator[RunningAssistant]:
    """Action server (unless with_actions is False: its URL then leads nowhere) and Rasa."""
    rasa_port, actions_port = free_port(), free_port()
    env = {
        **os.environ,
        "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{actions_port}/webhook",
        "TRACKER_SQLITE_PATH": str(workdir / "tracker.db"),
        "LINE_CHANNEL_SECRET": "",
        "LINE_CHANNEL_ACCESS_TOKEN": "",
        **env_overrides,
    }
    assistant = RunningAssistant(workdir, rasa_port, env)
    commands = {"actions": actions_command(actions_port), "rasa": rasa_command(rasa_port)}
    if not with_actions:
        del commands["actions"]
    health = {"actions": f"http://127.0.0.1:{actions_port}/health",
              "rasa": f"{assistant.base_url}/webhooks/rest/health"}
    try:
        for name, command in commands.items():
            assistant.processes[name] = start(name, command, env, workdir)
        for name, process in assistant.processes.items():
            assistant.ready_seconds[name] = wait_until_up(health[name], process, workdir / f"{name}.log")
        yield assistant
    finally:
        stop(list(assistant.processes.values()))
