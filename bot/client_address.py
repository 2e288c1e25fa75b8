"""Which address a request came from, as far as it can be trusted.

Behind the city's load balancer every request comes from the balancer; the client's
own address is in X-Forwarded-For, which anyone can also write. It is read only when
the request came from a proxy listed in TRUSTED_PROXIES, and then from the right:
the last address that is not a trusted proxy is the client.
"""
import ipaddress
from typing import Optional, Sequence, Union

from bot.registry.keys import registry_key, subject_digest
from bot.settings import Network

Address = Union[ipaddress.IPv4Address, ipaddress.IPv6Address]


def _address(text: str) -> Optional[Address]:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(address: Optional[Address], proxies: Sequence[Network]) -> bool:
    return address is not None and any(address in network for network in proxies)


def client_address(peer: Optional[str], forwarded_for: Optional[str],
                   proxies: Sequence[Network]) -> str:
    """The client's address as text ("unknown" when the peer's cannot be read)."""
    current = _address(peer or "")
    if current is None:
        return "unknown"
    if not _trusted(current, proxies) or not forwarded_for:
        return str(current)
    for hop in reversed(forwarded_for.split(",")[:32]):
        hop_address = _address(hop)
        if hop_address is None:
            # A hop that is not an address was written by someone untrusted: stop at
            # the last proxy we trust.
            return str(current)
        current = hop_address
        if not _trusted(current, proxies):
            return str(current)
    return str(current)


def client_digest(peer: Optional[str], forwarded_for: Optional[str],
                  proxies: Sequence[Network]) -> str:
    """The client's address as a keyed hash: what limits count and conversations keep."""
    return subject_digest(registry_key(), "client", client_address(peer, forwarded_for, proxies))
