import pytest

from bot.registry.keys import key_fingerprint
from bot.registry.store import RegistryStore

KEY = b"registry-test-key-" + b"x" * 32


@pytest.fixture
def key() -> bytes:
    return KEY


@pytest.fixture
def store(tmp_path) -> RegistryStore:
    return RegistryStore(f"sqlite:///{tmp_path / 'registry.db'}")


@pytest.fixture
def registry_env(tmp_path, monkeypatch):
    """Environment for `python -m bot.registry` run against a throwaway registry."""
    monkeypatch.setenv("REGISTRY_HMAC_KEY", KEY.decode())
    monkeypatch.setenv("REGISTRY_SQLITE_PATH", str(tmp_path / "cli" / "registry.db"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return tmp_path / "cli"


def fingerprint() -> str:
    return key_fingerprint(KEY)
