"""Every setting of every process, read from the environment once and checked.

`.env` (written by `make run` from `.env.example`) fills what the environment does not
set. A missing secret, a number out of range or an unreadable address fails at start
with a message naming the variable, instead of as a 500 in the middle of a check.
No other module reads os.environ.
"""
import ipaddress
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Mapping, Optional, Tuple, TypeVar, Union

from dotenv import dotenv_values

from bot.facts import REPO_ROOT

ENV_FILE = REPO_ROOT / ".env"
MIN_SECRET_CHARS = 32
SECRETS = ("REGISTRY_HMAC_KEY", "STAFF_API_TOKEN", "ACTION_SERVER_TOKEN")
T = TypeVar("T")
Network = Union[ipaddress.IPv4Network, ipaddress.IPv6Network]


class SettingsError(ValueError):
    """A variable is missing or wrong; the message names it and says what it needs."""


@dataclass(frozen=True)
class Settings:
    # Conversations (Rasa's SQL tracker store; PostgreSQL in the scale-out setup).
    tracker_sqlite_path: Path
    tracker_postgres_url: Optional[str]
    # Registry, audit, staff accounts, facts: SQLite unless DATABASE_URL is set.
    database_url: str
    registry_hmac_key: bytes
    home_city: Optional[str]
    # How often a process asks the facts store whether an approved change went live;
    # every replica answers with it within this many seconds.
    facts_refresh_seconds: int
    # Check limits (see bot.check_service).
    check_limit_per_sender_per_day: int
    check_limit_per_client_per_day: int
    check_limit_per_address_per_day: int
    check_limit_per_minute: int
    check_limit_staff_per_hour: int
    trusted_proxies: Tuple[Network, ...]
    check_page_url: str
    check_link_ttl_minutes: int
    privacy_notice_url: str
    # The city's page of the announcement; empty: no link is shown.
    announcement_url: str
    # Channels.
    line_channel_secret: str
    line_channel_access_token: str
    line_api_base_url: str
    rasa_public_url: str
    rasa_internal_url: str
    widget_allowed_origins: Tuple[str, ...]
    # Where the servers listen: residents' servers, and the internal action server.
    public_host: str
    internal_host: str
    web_port: int
    action_server_token: str
    # Staff tool.
    staff_api_token: str
    staff_session_minutes: int
    staff_cookie_secure: bool
    # Retention (bot.retention).
    conversation_retention_days: int
    audit_retention_days: int


def _text(env: Mapping[str, str], name: str, default: str = "") -> str:
    return (env.get(name) or default).strip()


def _number(env: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = _text(env, name, str(default))
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, not '{raw[:20]}'") from None
    if not low <= value <= high:
        raise SettingsError(f"{name} must be between {low} and {high}, not {value}")
    return value


def _secret(env: Mapping[str, str], name: str) -> str:
    value = _text(env, name)
    if len(value) < MIN_SECRET_CHARS:
        raise SettingsError(
            f"{name} is missing or shorter than {MIN_SECRET_CHARS} characters; "
            "`make run` writes a random one into .env")
    return value


def _url(env: Mapping[str, str], name: str, default: str) -> str:
    value = _text(env, name, default).rstrip("/")
    if not value.startswith(("http://", "https://")):
        raise SettingsError(f"{name} must be an http:// or https:// address, not '{value[:40]}'")
    return value


def _parsed(name: str, parse: Callable[[str], T], raw: str) -> T:
    try:
        return parse(raw)
    except ValueError:
        raise SettingsError(f"{name}: '{raw[:40]}' cannot be read") from None


def _networks(env: Mapping[str, str], name: str) -> Tuple[Network, ...]:
    return tuple(_parsed(name, lambda raw: ipaddress.ip_network(raw, strict=False), item)
                 for item in _text(env, name).replace(",", " ").split())


def _host(env: Mapping[str, str], name: str, default: str) -> str:
    value = _text(env, name, default)
    _parsed(name, ipaddress.ip_address, value)
    return value


def _database_url(env: Mapping[str, str]) -> str:
    if _text(env, "DATABASE_URL"):
        return _text(env, "DATABASE_URL")
    path = Path(_text(env, "REGISTRY_SQLITE_PATH", str(REPO_ROOT / "var" / "registry" / "registry.db")))
    return f"sqlite:///{path if path.is_absolute() else REPO_ROOT / path}"


def _tracker_postgres_url(env: Mapping[str, str]) -> Optional[str]:
    # The scale-out endpoints file names these for Rasa; the staff views read the same.
    if not _text(env, "POSTGRES_HOST"):
        return None
    return "postgresql://{}:{}@{}:{}/{}".format(*(_text(env, name) for name in (
        "POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_HOST", "POSTGRES_PORT", "POSTGRES_DB")))


def load_settings(env: Mapping[str, str]) -> Settings:
    """Settings from a mapping of variables (the environment, or a test's dict)."""
    tracker_path = Path(_text(env, "TRACKER_SQLITE_PATH", "var/tracker.db"))
    rasa_public_url = _url(env, "RASA_PUBLIC_URL", "http://localhost:5005")
    return Settings(
        tracker_sqlite_path=tracker_path if tracker_path.is_absolute() else REPO_ROOT / tracker_path,
        tracker_postgres_url=_tracker_postgres_url(env),
        database_url=_database_url(env),
        registry_hmac_key=_secret(env, "REGISTRY_HMAC_KEY").encode("utf-8"),
        home_city=_text(env, "HOME_CITY") or None,
        facts_refresh_seconds=_number(env, "FACTS_REFRESH_SECONDS", 2, 0, 5),
        check_limit_per_sender_per_day=_number(env, "CHECK_LIMIT_PER_SENDER_PER_DAY", 5, 1, 1000),
        check_limit_per_client_per_day=_number(env, "CHECK_LIMIT_PER_CLIENT_PER_DAY", 10, 1, 100_000),
        check_limit_per_address_per_day=_number(env, "CHECK_LIMIT_PER_ADDRESS_PER_DAY", 3, 1, 1000),
        check_limit_per_minute=_number(env, "CHECK_LIMIT_PER_MINUTE", 120, 1, 10_000_000),
        check_limit_staff_per_hour=_number(env, "CHECK_LIMIT_STAFF_PER_HOUR", 60, 1, 10_000),
        trusted_proxies=_networks(env, "TRUSTED_PROXIES"),
        check_page_url=_url(env, "CHECK_PAGE_URL", "http://localhost:8000/check"),
        check_link_ttl_minutes=_number(env, "CHECK_LINK_TTL_MINUTES", 15, 1, 24 * 60),
        privacy_notice_url=_url(env, "PRIVACY_NOTICE_URL", "http://localhost:8000/privacy"),
        announcement_url=_url(env, "ANNOUNCEMENT_URL", "") if _text(env, "ANNOUNCEMENT_URL") else "",
        line_channel_secret=_text(env, "LINE_CHANNEL_SECRET"),
        line_channel_access_token=_text(env, "LINE_CHANNEL_ACCESS_TOKEN"),
        line_api_base_url=_url(env, "LINE_API_BASE_URL", "https://api.line.me"),
        rasa_public_url=rasa_public_url,
        rasa_internal_url=_url(env, "RASA_INTERNAL_URL", rasa_public_url),
        widget_allowed_origins=tuple(_text(env, "WIDGET_ALLOWED_ORIGINS", "*").split()),
        public_host=_host(env, "PUBLIC_HOST", "127.0.0.1"),
        internal_host=_host(env, "INTERNAL_HOST", "127.0.0.1"),
        web_port=_number(env, "WEB_PORT", 8000, 1, 65535),
        action_server_token=_secret(env, "ACTION_SERVER_TOKEN"),
        staff_api_token=_secret(env, "STAFF_API_TOKEN"),
        staff_session_minutes=_number(env, "STAFF_SESSION_MINUTES", 480, 5, 24 * 60),
        staff_cookie_secure=_text(env, "STAFF_COOKIE_SECURE") == "1",
        conversation_retention_days=_number(env, "CONVERSATION_RETENTION_DAYS", 30, 1, 3650),
        audit_retention_days=_number(env, "AUDIT_RETENTION_DAYS", 400, 1, 3650),
    )


def environment() -> dict:
    """The process environment over .env: what every process of this project reads."""
    file_values = {k: v for k, v in dotenv_values(ENV_FILE).items() if v is not None} \
        if ENV_FILE.exists() else {}
    return {**file_values, **os.environ}


@lru_cache(maxsize=None)
def settings() -> Settings:
    return load_settings(environment())
