"""How often one client may do something costly or open to abuse: create accounts, ask for
password-reset emails.

Counts live where every app server process sees them: in Redis when it is configured, in the
database otherwise (a memory cache would give each gunicorn worker its own count, multiplying
every limit by the number of workers). One counter per client and rate, in fixed windows of
the rate's period. When Redis cannot be reached the resilient Redis backend lets everything
through: a lost limit is better than a refused person.
"""

import datetime
import ipaddress
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest
from django.utils import timezone

from acupressure.models import RateCount


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
CONFIRMATION_MAILS = Rate("confirmation-mail", limit=5, period=3600)
# Wrong passwords from one address, whatever the usernames: stops password spraying. Well above
# the per-person limit (AXES_FAILURE_LIMIT), since a household or an office shares one address.
LOGIN_FAILURES = Rate("login-failures", limit=20, period=900)
# Sign-ups that name an existing username: the form has to say so, but not to anyone asking
# about name after name.
NAME_CHECKS = Rate("signup-taken-name", limit=10, period=3600)


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


def _window(rate: Rate, now: float) -> tuple[str, int]:
    window = int(now // rate.period)
    return f"{rate.scope}:{window}", max(1, math.ceil((window + 1) * rate.period - now))


def _count_in_cache(key: str, timeout: int) -> int:
    # add() only sets a missing key, and incr() is atomic in Redis: two servers counting the
    # same client at the same moment both count.
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:
        # The key expired between the two calls.
        cache.set(key, 1, timeout=timeout)
        return 1


def _count_in_database(key: str, timeout: int) -> int:
    now = timezone.now()
    table, key_column, count_column, expires_column = (
        connection.ops.quote_name(name)
        for name in (RateCount._meta.db_table, "key", "count", "expires")
    )
    with connection.cursor() as cursor:
        RateCount.objects.filter(expires__lt=now).delete()
        # One statement that inserts or increments, so two processes at the same moment both
        # count (SQLite 3.35+ and PostgreSQL both have upserts with RETURNING).
        cursor.execute(
            f"INSERT INTO {table} ({key_column}, {count_column}, {expires_column}) "  # noqa: S608
            f"VALUES (%s, 1, %s) ON CONFLICT ({key_column}) "
            f"DO UPDATE SET {count_column} = {table}.{count_column} + 1 RETURNING {count_column}",
            [key, now + datetime.timedelta(seconds=timeout)],
        )
        return cursor.fetchone()[0]


def hit(rate: Rate, who: str, now: float | None = None) -> Verdict:
    """Count one more for `who` and say whether it is still within `rate`."""
    now = time.time() if now is None else now
    window, retry_after = _window(rate, now)
    key = f"ratelimit:{window}:{who}"
    timeout = rate.period + 60
    count = (
        _count_in_cache(key, timeout) if settings.REDIS_URL else _count_in_database(key, timeout)
    )
    return Verdict(allowed=count <= rate.limit, retry_after=retry_after)


def peek(rate: Rate, who: str, now: float | None = None) -> Verdict:
    """Whether `who` may do one more within `rate`, without counting it."""
    now = time.time() if now is None else now
    window, retry_after = _window(rate, now)
    key = f"ratelimit:{window}:{who}"
    if settings.REDIS_URL:
        count = cache.get(key, 0)
    else:
        counter = RateCount.objects.filter(key=key, expires__gte=timezone.now()).first()
        count = counter.count if counter else 0
    return Verdict(allowed=count < rate.limit, retry_after=retry_after)


def first_use(scope: str, token: str, period: int = 86400) -> bool:
    """True the first time `token` is used in `scope` within `period` seconds, False after.

    For forms that must not act twice when sent twice (a double tap, a resend). Counted in
    the database always, inside the caller's transaction: if what the form does is rolled
    back, so is the use of its token.
    """
    return _count_in_database(f"once:{scope}:{token}", period) == 1
