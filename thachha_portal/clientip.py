"""The client's address, for rate limits, the one-vote rule and the visitor
counter.

Without a proxy it is ``REMOTE_ADDR``. Behind proxies, only what the proxies we
trust wrote into ``X-Forwarded-For`` counts: each proxy *appends* the address it
received the request from, so the client's address is found from the right, and
anything to its left was written by the client and may be forged. Two settings:

* ``TRUSTED_PROXY_COUNT=N``: N proxies in front (nginx alone: 1); the client is
  the N-th address from the right.
* ``TRUSTED_PROXIES=addresses or networks``: the client is the first address from
  the right that is not a trusted proxy; the header is read only when the
  connection itself comes from a trusted proxy.

django-ipware was tried: its ``proxy_count`` counts proxies listed inside the
header, so with nginx's usual ``X-Forwarded-For $proxy_add_x_forwarded_for`` (one
address) it finds no client at all, and its default picks the leftmost, forgeable
address — the very mistake this module exists to avoid.
"""

import functools
import ipaddress

from django.conf import settings


@functools.lru_cache(maxsize=1)
def _networks(proxies):
    return tuple(ipaddress.ip_network(p.strip(), strict=False) for p in proxies if p)


def _trusted(address, networks):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_ip(request):
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    if not count and not networks:
        return remote
    chain = [
        a.strip()
        for a in request.META.get(settings.CLIENT_IP_HEADER, "").split(",")
        if a.strip()
    ]
    if networks:
        if not _trusted(remote, networks):
            return remote
        for address in reversed(chain):
            if not _trusted(address, networks):
                return address
        return chain[0] if chain else remote
    return chain[-count] if len(chain) >= count else (chain[0] if chain else remote)


def client_network(request):
    """Who the client is for the rate limits and the one-vote rule: its IPv4
    address (also when a dual-stack server sees it as ``::ffff:a.b.c.d``), or
    the /64 network of an IPv6 address, which one subscriber holds whole and
    whose addresses a device picks at will. An address that does not parse (a
    proxy's "unknown") is taken as it is."""
    address = client_ip(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped:
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/64", strict=False))
