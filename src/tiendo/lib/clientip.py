"""The client's address, as the audit trail and the login throttle must see it.

Behind the reverse proxy of docs/deploy.md every request comes from the proxy, and the client's
address is in X-Forwarded-For — a header anyone can send. It is believed only when the request
comes from a proxy listed in TIENDO_TRUSTED_PROXIES, and then read from the right (the hop the
proxy saw), skipping further trusted proxies; anything that is not an IP address is refused.
Written with the standard library: python-ipware matches proxies by string prefix, not CIDR.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def client_ip(request: HttpRequest) -> str:
    """A valid IP address (at most 45 characters), or '' when there is none."""
    remote = _parse(str(request.META.get("REMOTE_ADDR", "")))
    if remote is None:
        return ""
    if not _trusted(remote):
        return str(remote)
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
    for part in reversed([p.strip() for p in forwarded.split(",") if p.strip()]):
        hop = _parse(part)
        if hop is None:
            break  # a forged or broken chain: keep the last address we can vouch for
        if not _trusted(hop):
            return str(hop)
        remote = hop
    return str(remote)


def _parse(text: str) -> Address | None:
    if len(text) > 64:
        return None
    try:
        address = ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _trusted(address: Address) -> bool:
    return any(address in network for network in _proxies(tuple(settings.TIENDO_TRUSTED_PROXIES)))


@lru_cache(maxsize=4)
def _proxies(configured: tuple[str, ...]) -> list[Network]:
    return [ipaddress.ip_network(entry, strict=False) for entry in configured]
