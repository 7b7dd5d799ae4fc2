"""How often one client may do something costly or open to abuse: create accounts, ask for
password-reset emails.

Counts live in the cache (Redis when configured, shared by every app server; memory
otherwise), one counter per client and rate, in fixed windows of the rate's period. When the
cache cannot be reached the resilient Redis backend lets everything through: a lost limit is
better than a refused person.
"""

import ipaddress
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


@dataclass(frozen=True)
class Rate:
    scope: str
    limit: int
    period: int  # seconds


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int  # seconds until the window ends and the count starts afresh


SIGNUPS = Rate("signup", limit=5, period=3600)
PASSWORD_RESETS = Rate("password-reset", limit=5, period=3600)
# Wrong passwords from one address, whatever the usernames: stops password spraying. Well above
# the per-person limit (AXES_FAILURE_LIMIT), since a household or an office shares one address.
LOGIN_FAILURES = Rate("login-failures", limit=20, period=900)


def client_address(request: HttpRequest) -> str | None:
    """The address of the client as a valid IP address, or None when there is none.

    Behind the reverse proxy (settings.BEHIND_PROXY, docs/deploy.md) every request comes from
    the proxy, which appends the address it saw to X-Forwarded-For: the last entry is that
    address, and no client can set it. Without a proxy the header is the client's own words and
    is ignored. An IPv6 client is named by the first address of its /64: one connection usually
    holds the whole /64 to choose addresses from. Login throttling (AXES_CLIENT_IP_CALLABLE)
    uses this too, so both count the same client.
    """
    address = request.META.get("REMOTE_ADDR", "")
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        candidates = [part.strip() for part in forwarded.split(",") if part.strip()]
        if candidates:
            address = candidates[-1]
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return None
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped:
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)


def client_key(request: HttpRequest) -> str:
    """Who is asking, as far as limits go: their IP address, or their /64 for IPv6."""
    address = client_address(request)
    if address is None:
        return request.META.get("REMOTE_ADDR", "") or "unknown"
    if ":" in address:
        return f"{address}/64"
    return address


def hit(rate: Rate, who: str, now: float | None = None) -> Verdict:
    """Count one more for `who` and say whether it is still within `rate`."""
    now = time.time() if now is None else now
    window = int(now // rate.period)
    retry_after = max(1, math.ceil((window + 1) * rate.period - now))
    key = f"ratelimit:{rate.scope}:{window}:{who}"
    # add() only sets a missing key, and incr() is atomic: two servers counting the same
    # client at the same moment both count.
    cache.add(key, 0, timeout=rate.period + 60)
    try:
        count = cache.incr(key)
    except ValueError:
        # The key expired between the two calls.
        cache.set(key, 1, timeout=rate.period + 60)
        count = 1
    return Verdict(allowed=count <= rate.limit, retry_after=retry_after)


def used(rate: Rate, who: str, now: float | None = None) -> int:
    """How many `who` has used of `rate` in the current window, without counting one more."""
    now = time.time() if now is None else now
    window = int(now // rate.period)
    return cache.get(f"ratelimit:{rate.scope}:{window}:{who}", 0)
