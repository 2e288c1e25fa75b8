"""The launcher starts a server that died again, and says so, while the others go on."""
import logging
import os
import signal
import subprocess
import sys
import time

import pytest

from bot.facts import REPO_ROOT
from bot.serve import Server


def test_a_dead_server_is_restarted_and_logged(caplog):
    dying = Server("dying", [sys.executable, "-c", "import sys; sys.exit(3)"])
    steady = Server("steady", [sys.executable, "-c", "import time; time.sleep(30)"])
    dying.start()
    steady.start()
    try:
        first = dying.process
        first.wait(timeout=10)
        with caplog.at_level(logging.INFO, logger="bot.serve"):
            now = time.monotonic()
            dying.watch(now)
            steady.watch(now)
            assert dying.restart_at is not None
            dying.watch(dying.restart_at)
        assert dying.process is not first, "started again"
        assert steady.process.poll() is None, "the other server goes on"
        assert "dying exited with code 3" in caplog.text and "restarting dying" in caplog.text
    finally:
        for server in (dying, steady):
            server.process.kill()


def test_a_server_that_keeps_dying_waits_longer_each_time():
    server = Server("flapping", [sys.executable, "-c", "pass"])
    delays = []
    for _ in range(4):
        server.start()
        server.process.wait(timeout=10)
        now = time.monotonic()
        server.watch(now)
        delays.append(server.restart_at - now)
    assert delays == sorted(delays) and delays[0] < delays[-1]


def test_keys_and_databases_of_an_older_install_become_owner_only(tmp_path):
    from bot.serve import owner_only
    (tmp_path / ".env").write_text("REGISTRY_HMAC_KEY=x")
    (tmp_path / "var" / "registry").mkdir(parents=True)
    (tmp_path / "var" / "registry" / "registry.db").write_bytes(b"")
    for path in [tmp_path / ".env", tmp_path / "var" / "registry" / "registry.db"]:
        path.chmod(0o644)
    owner_only(tmp_path)
    assert (tmp_path / ".env").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "var" / "registry" / "registry.db").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "var" / "registry").stat().st_mode & 0o777 == 0o700


LAUNCHER = """
import sys
from bot.serve import Server, stop_on_signals, supervise
# A server that stops on Ctrl-C by its own handler, as Rasa and Sanic do.
server = Server("server", [sys.executable, "-c",
                           "import signal, sys, time; signal.signal(signal.SIGINT, lambda *a: sys.exit(0)); time.sleep(60)"])
server.start()
stop_on_signals()
print(server.process.pid, flush=True)
sys.exit(supervise([server]))
"""


def test_ctrl_c_on_the_group_stops_the_launcher_even_when_started_with_sigint_ignored():
    # A script's background job (`make run &`) starts with SIGINT ignored.
    launcher = subprocess.Popen([sys.executable, "-c", LAUNCHER], cwd=REPO_ROOT, stdout=subprocess.PIPE,
                                text=True, start_new_session=True,
                                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    try:
        server_pid = int(launcher.stdout.readline())
        time.sleep(1)
        os.killpg(launcher.pid, signal.SIGINT)
        assert launcher.wait(timeout=15) == 0, "the launcher stops instead of starting the server again"
        with pytest.raises(ProcessLookupError):
            os.kill(server_pid, 0)
    finally:
        if launcher.poll() is None:
            os.killpg(launcher.pid, signal.SIGKILL)
