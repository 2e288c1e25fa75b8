"""The launcher starts a server that died again, and says so, while the others go on."""
import logging
import sys
import time

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
