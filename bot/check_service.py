"""One door for the address check: the chat, the check page, the staff caller check and
the command line all run a check here.

It applies the limits, looks the keyed hash up, writes the audit row (time, channel, a
hashed requester, the result: nothing personal) and returns the outcome; the texts of
the outcomes are named once, in RESPONSES.

Limits an attacker cannot dodge by changing the sender id: per client address (from
TRUSTED_PROXIES' forwarded header only), per sender, per address (whoever asks: one
address's birth dates cannot be walked through), and a global ceiling high enough that
an attacker meets their own limits long before residents are locked out. Only checks
that ran count, so a refused attacker keeps nobody else out.
"""
import logging
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from typing import List, Optional, Tuple

from bot.birthdate import is_ambiguous, parse_birthdate
from bot.registry.keys import (affected_digest, key_fingerprint, registry_key, sender_digest,
                               subject_digest)
from bot.registry.locality import canonical_address
from bot.registry.store import RegistryStore
from bot.settings import settings

logger = logging.getLogger(__name__)

DAY, HOUR, MINUTE = timedelta(days=1), timedelta(hours=1), timedelta(minutes=1)


class Outcome(str, Enum):
    AFFECTED = "affected"
    NOT_AFFECTED = "not_affected"
    RATE_LIMITED = "rate_limited"
    UNREADABLE_ADDRESS = "unreadable_address"
    UNREADABLE_BIRTHDATE = "unreadable_birthdate"
    UNAVAILABLE = "unavailable"


# The response (data/responses.yml) that tells a resident each outcome.
RESPONSES = {
    Outcome.AFFECTED: "utter_check_match",
    Outcome.NOT_AFFECTED: "utter_check_no_match",
    Outcome.RATE_LIMITED: "utter_check_rate_limited",
    Outcome.UNAVAILABLE: "utter_check_unavailable",
}


class Unavailable(RuntimeError):
    pass


@dataclass(frozen=True)
class Limits:
    per_sender_per_day: int
    per_client_per_day: int
    per_address_per_day: int
    global_per_minute: int
    staff_per_hour: int

    @classmethod
    def from_settings(cls) -> "Limits":
        s = settings()
        return cls(s.check_limit_per_sender_per_day, s.check_limit_per_client_per_day,
                   s.check_limit_per_address_per_day, s.check_limit_per_minute,
                   s.check_limit_staff_per_hour)


@dataclass(frozen=True)
class Requester:
    """Who asks: `channel` (rest, line-page, staff, cli), `sender` (a conversation's id,
    a staff account, an operator's login), and the client's address where known, as
    bot.client_address.client_digest made it (the address itself is kept nowhere)."""

    channel: str
    sender: str
    client: Optional[str] = None
    # True when `sender` is already the hashed actor (a check link carries only that).
    hashed: bool = False

    @property
    def is_staff(self) -> bool:
        return self.channel == "staff"

    @property
    def unlimited(self) -> bool:
        # The operator at the command line is audited, not limited.
        return self.channel == "cli"


class CheckService:
    def __init__(self, store: RegistryStore, key: bytes, limits: Limits):
        self.store, self.key, self.limits = store, key, limits
        info = store.info()
        if info is None:
            raise Unavailable("no registry has been imported")
        if info["key_fingerprint"] != key_fingerprint(key):
            raise Unavailable("the registry was imported under another key or older address "
                              "rules: import it again (python -m bot.registry import FILE)")

    def actor(self, requester: Requester) -> str:
        """The requester as the audit log shows them: staff by account, others hashed."""
        if requester.is_staff or requester.unlimited:
            return f"{requester.channel}:{requester.sender}"
        if requester.hashed:
            return requester.sender
        return sender_digest(self.key, requester.sender)

    def may_start(self, requester: Requester) -> bool:
        """Whether a check by this requester could run now (before asking for anything)."""
        if requester.unlimited:
            return True
        if requester.is_staff:
            return self.store.count_checks(HOUR, self.actor(requester)) < self.limits.staff_per_hour
        client = requester.client
        return (
            self.store.count_checks(MINUTE) < self.limits.global_per_minute
            and self.store.count_checks(DAY, self.actor(requester)) < self.limits.per_sender_per_day
            and (client is None
                 or self.store.count_subject("client", client, DAY) < self.limits.per_client_per_day)
        )

    def check(self, canonical: str, born: date, requester: Requester) -> Outcome:
        address_subject = subject_digest(self.key, "address", canonical)
        if not requester.unlimited and not (
            self.may_start(requester)
            and self.store.count_subject("address", address_subject, DAY) < self.limits.per_address_per_day
        ):
            outcome = Outcome.RATE_LIMITED
        elif self.store.contains(affected_digest(self.key, canonical, born)):
            outcome = Outcome.AFFECTED
        else:
            outcome = Outcome.NOT_AFFECTED
        if outcome is not Outcome.RATE_LIMITED:
            counted: List[Tuple[str, str]] = [("address", address_subject)]
            client = requester.client
            if client:
                counted.append(("client", client))
            self.store.record_counts(counted)
        actor = self.actor(requester)
        self.store.record_check(channel=requester.channel, actor=actor, result=outcome.value)
        logger.info("registry check channel=%s actor=%s result=%s", requester.channel, actor, outcome.value)
        return outcome

    def check_typed(self, address_text: str, birthdate_text: str, requester: Requester) -> Outcome:
        """A check from what was typed; UNREADABLE_* (nothing counted, nothing audited)
        when either cannot be read."""
        canonical = read_address(address_text)
        if canonical is None:
            return Outcome.UNREADABLE_ADDRESS
        born = read_birthdate(birthdate_text)
        if born is None:
            return Outcome.UNREADABLE_BIRTHDATE
        return self.check(canonical, born, requester)


def read_address(text: str) -> Optional[str]:
    """The canonical address, or None when it cannot be read (never raises on odd text)."""
    try:
        return canonical_address(text)
    except ValueError:  # AddressError, and odd kanji numerals such as 二百一五
        return None


def read_birthdate(text: str) -> Optional[date]:
    try:
        return parse_birthdate(text)
    except ValueError:  # BirthdateError, and anything odd below it
        return None


def unreadable_birthdate_response(text: str) -> str:
    """What to say of a birth date read_birthdate could not read: a date whose day and
    month could be swapped (2/1/1950) gets its own question, anything else the general one."""
    return "utter_birthdate_ambiguous" if is_ambiguous(text) else "utter_birthdate_invalid"


def open_service() -> Optional[CheckService]:
    """The check service, or None (logged, without anything personal) when it cannot run."""
    try:
        return CheckService(RegistryStore(), registry_key(), Limits.from_settings())
    except Unavailable as error:
        logger.error("address check unavailable: %s", error)
    except Exception as error:  # the database is away: the check is unavailable, not broken
        logger.error("address check unavailable: %s", type(error).__name__)
    return None
