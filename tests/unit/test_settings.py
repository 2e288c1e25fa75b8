"""Configuration is read once and checked: a wrong value stops the start with its name."""
import re

import pytest

from bot.facts import REPO_ROOT
from bot.settings import SettingsError, load_settings

SECRETS = {"REGISTRY_HMAC_KEY": "k" * 40, "STAFF_API_TOKEN": "s" * 40, "ACTION_SERVER_TOKEN": "a" * 40}


def test_defaults_are_safe():
    settings = load_settings(SECRETS)
    assert settings.public_host == settings.internal_host == "127.0.0.1"
    assert settings.check_limit_per_address_per_day <= 5
    assert settings.conversation_retention_days == 30 and settings.audit_retention_days == 400
    assert settings.trusted_proxies == ()


@pytest.mark.parametrize("name", sorted(SECRETS))
@pytest.mark.parametrize("value", ["", "short"])
def test_a_missing_or_short_secret_is_named(name, value):
    with pytest.raises(SettingsError, match=name):
        load_settings({**SECRETS, name: value})


@pytest.mark.parametrize(
    "name, value",
    [("CHECK_LIMIT_PER_MINUTE", "lots"), ("CHECK_LIMIT_PER_ADDRESS_PER_DAY", "0"),
     ("WEB_PORT", "70000"), ("PUBLIC_HOST", "everywhere"), ("TRUSTED_PROXIES", "10.0.0.0/33"),
     ("RASA_PUBLIC_URL", "localhost:5005"), ("CONVERSATION_RETENTION_DAYS", "-1"),
     ("STAFF_SESSION_MINUTES", "3.5")],
)
def test_a_wrong_value_is_named(name, value):
    with pytest.raises(SettingsError, match=name):
        load_settings({**SECRETS, name: value})


def test_trusted_proxies_are_networks():
    settings = load_settings({**SECRETS, "TRUSTED_PROXIES": "10.0.0.5, 192.168.1.0/24"})
    assert [str(n) for n in settings.trusted_proxies] == ["10.0.0.5/32", "192.168.1.0/24"]


def test_no_module_reads_the_environment_on_its_own():
    reading = re.compile(r"os\.environ\.get|os\.getenv|os\.environ\[[^\]]+\](?!\s*=)|load_dotenv")
    allowed = {"bot/settings.py"}
    offenders = [
        str(path.relative_to(REPO_ROOT))
        for folder in ("bot", "actions")
        for path in (REPO_ROOT / folder).rglob("*.py")
        if str(path.relative_to(REPO_ROOT)) not in allowed and reading.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
