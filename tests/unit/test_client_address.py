"""The client's address: X-Forwarded-For believed only from trusted proxies."""
import ipaddress

import pytest

from bot.client_address import client_address

PROXIES = (ipaddress.ip_network("10.0.0.0/24"),)


@pytest.mark.parametrize(
    "peer, forwarded, proxies, client",
    [
        ("203.0.113.5", None, PROXIES, "203.0.113.5"),
        # Anyone can write the header: from an untrusted peer it is ignored.
        ("203.0.113.5", "198.51.100.1", PROXIES, "203.0.113.5"),
        ("203.0.113.5", "198.51.100.1", (), "203.0.113.5"),
        # Through the balancer: the last address that is not a proxy.
        ("10.0.0.2", "198.51.100.1", PROXIES, "198.51.100.1"),
        ("10.0.0.2", "1.2.3.4, 198.51.100.1, 10.0.0.3", PROXIES, "198.51.100.1"),
        ("10.0.0.2", "garbage, 198.51.100.1", PROXIES, "198.51.100.1"),
        ("10.0.0.2", "198.51.100.1, garbage", PROXIES, "10.0.0.2"),
        (None, None, PROXIES, "unknown"),
        ("not an address", "1.2.3.4", PROXIES, "unknown"),
    ],
)
def test_client_address(peer, forwarded, proxies, client):
    assert client_address(peer, forwarded, proxies) == client
