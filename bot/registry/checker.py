"""The check itself: rate limits, the keyed-hash lookup, and the audit record."""
import logging
import os
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from bot.registry.keys import affected_digest, key_fingerprint, registry_key, sender_digest
from bot.registry.store import RegistryStore

logger = logging.getLogger(__name__)


class Outcome(str, Enum):
    AFFECTED = "affected"
    NOT_AFFECTED = "not_affected"
    RATE_LIMITED = "rate_limited"


class RegistryUnavailableError(RuntimeError):
    pass


@dataclass(frozen=True)
class Limits:
    per_actor_per_day: int
    global_per_minute: int

    @classmethod
    def from_environment(cls) -> "Limits":
        return cls(
            per_actor_per_day=int(os.environ.get("CHECK_LIMIT_PER_SENDER_PER_DAY", "5")),
            global_per_minute=int(os.environ.get("CHECK_LIMIT_PER_MINUTE", "30")),
        )


class Checker:
    def __init__(self, store: RegistryStore, key: bytes, limits: Limits):
        self.store, self.key, self.limits = store, key, limits
        info = store.info()
        if info is None:
            raise RegistryUnavailableError("no registry has been imported")
        if info["key_fingerprint"] != key_fingerprint(key):
            raise RegistryUnavailableError("the registry was imported under another key")

    @classmethod
    def from_environment(cls) -> "Checker":
        return cls(RegistryStore(), registry_key(), Limits.from_environment())

    def actor(self, sender_id: str) -> str:
        return sender_digest(self.key, sender_id)

    def within_limits(self, actor: str) -> bool:
        return (
            self.store.count_checks(timedelta(days=1), actor) < self.limits.per_actor_per_day
            and self.store.count_checks(timedelta(minutes=1)) < self.limits.global_per_minute
        )

    def check(
        self, canonical_address: str, born: date, *, actor: str, channel: str,
        limited: bool = True,
    ) -> Outcome:
        """`actor` is already hashed (see actor()); nothing personal reaches the log.

        `limited=False` is for operators at the command line, who are audited but
        not rate-limited."""
        if limited and not self.within_limits(actor):
            outcome = Outcome.RATE_LIMITED
        elif self.store.contains(affected_digest(self.key, canonical_address, born)):
            outcome = Outcome.AFFECTED
        else:
            outcome = Outcome.NOT_AFFECTED
        self.store.record_check(channel=channel, actor=actor, result=outcome.value)
        logger.info("registry check channel=%s actor=%s result=%s", channel, actor, outcome.value)
        return outcome
