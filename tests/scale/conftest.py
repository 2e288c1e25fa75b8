"""The documented scale-out configuration, on loopback: PostgreSQL tracker store, Redis
lock store, two Rasa replicas and two action servers behind nginx.

deploy/scale/services.sh installs and starts PostgreSQL and Redis from Debian's packages.
"""
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from string import Template
from typing import Dict, Iterator

import pytest

from bot.devservers import (actions_command, free_port, rasa_command, start, stop,
                            wait_until_up)
from bot.facts import REPO_ROOT
from tests.support import TEST_SETTINGS

SCALE = REPO_ROOT / "deploy" / "scale"
DATABASE = {"POSTGRES_HOST": "127.0.0.1", "POSTGRES_PORT": "5432", "POSTGRES_DB": "rasa_scale_test",
            "POSTGRES_USER": "rasa", "POSTGRES_PASSWORD": "rasa-local", "REDIS_HOST": "127.0.0.1",
            "REDIS_PORT": "6390"}


@dataclass
class Stack:
    balancer: str
    replicas: Dict[str, str]
    workdir: Path
    env: Dict[str, str]
    commands: Dict[str, list]
    health: Dict[str, str]
    processes: Dict[str, subprocess.Popen] = field(default_factory=dict)

    def start(self, name: str) -> None:
        self.processes[name] = start(name, self.commands[name], self.env, self.workdir)

    def wait(self, name: str) -> None:
        wait_until_up(self.health[name], self.processes[name], self.workdir / f"{name}.log")


def reset_databases(env: Dict[str, str]) -> None:
    """Start the services (a fresh machine has none running), then recreate the test
    databases empty."""
    services = [str(SCALE / "services.sh")]
    subprocess.run(services, env=env, check=True, stdout=subprocess.DEVNULL)
    for db in (env["POSTGRES_DB"], env["POSTGRES_DB"] + "_registry"):
        subprocess.run(["su", "postgres", "-c", f"dropdb --if-exists {db}"], check=True)
    subprocess.run(services, env=env, check=True, stdout=subprocess.DEVNULL)


@pytest.fixture(scope="session")
def stack(tmp_path_factory) -> Iterator[Stack]:
    workdir = tmp_path_factory.mktemp("scale")
    ports = {name: free_port() for name in ("rasa_a", "rasa_b", "actions_a", "actions_b",
                                             "rasa_port", "actions_port")}
    env = {**os.environ, **DATABASE,
           "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{ports['actions_port']}/webhook",
           "DATABASE_URL": "postgresql://{POSTGRES_USER}:{POSTGRES_PASSWORD}@{POSTGRES_HOST}:"
                           "{POSTGRES_PORT}/{POSTGRES_DB}_registry".format(**DATABASE),
           "REGISTRY_HMAC_KEY": "scale-test-key-" + "0" * 32,
           "CHECK_LIMIT_PER_MINUTE": "1000000", "CHECK_LIMIT_PER_CLIENT_PER_DAY": "100000",
           "CHECK_LIMIT_PER_ADDRESS_PER_DAY": "1000", **TEST_SETTINGS,
           "LINE_CHANNEL_SECRET": "", "LINE_CHANNEL_ACCESS_TOKEN": ""}
    reset_databases(env)
    subprocess.run([sys.executable, "-m", "bot.registry", "demo"], cwd=REPO_ROOT, env=env,
                   check=True, stdout=subprocess.DEVNULL)
    config = workdir / "nginx.conf"
    config.write_text(Template((SCALE / "nginx.conf.template").read_text()).substitute(
        prefix=workdir, **{k: str(v) for k, v in ports.items()}))
    endpoints = str(SCALE / "endpoints.yml")
    commands = {
        "actions_a": actions_command(ports["actions_a"]),
        "actions_b": actions_command(ports["actions_b"]),
        "rasa_a": rasa_command(ports["rasa_a"], endpoints),
        "rasa_b": rasa_command(ports["rasa_b"], endpoints),
    }
    replicas = {name: f"http://127.0.0.1:{ports[name]}" for name in ("rasa_a", "rasa_b")}
    health = {name: (f"{replicas[name]}/webhooks/rest/health" if name in replicas
                     else f"http://127.0.0.1:{ports[name]}/health") for name in commands}
    stack = Stack(f"http://127.0.0.1:{ports['rasa_port']}", replicas, workdir, env, commands, health)
    try:
        for name in commands:
            stack.start(name)
        for name in commands:
            stack.wait(name)
        subprocess.run(["nginx", "-p", str(workdir), "-c", str(config)], check=True)
        yield stack
    finally:
        subprocess.run(["nginx", "-p", str(workdir), "-c", str(config), "-s", "stop"])
        stop(list(stack.processes.values()))
