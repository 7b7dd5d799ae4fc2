"""Web Push to one device (RFC 8030 with VAPID, RFC 8292; payload encrypted as RFC 8291).

pywebpush does the encryption and signing; this module decides what a reply means for us:
delivered, the subscription is gone for good (404 or 410: remove it), or try again later
(anything else, including a push service that is down or too slow to answer).
"""

import enum
import json
import logging
from dataclasses import dataclass

import requests
from django.conf import settings
from pywebpush import WebPushException, webpush

log = logging.getLogger(__name__)

# Connect and read timeouts, in seconds: a slow push service must not hold up the batch.
TIMEOUT = (3.05, 10)
# How long a push service keeps a message for a phone that is off: a reminder is still worth
# seeing a few hours late, not the next day.
TTL_SECONDS = 4 * 60 * 60


class Outcome(enum.Enum):
    SENT = "sent"
    GONE = "gone"
    RETRY = "retry"


@dataclass(frozen=True)
class Keys:
    endpoint: str
    p256dh: str
    auth: str


def is_configured() -> bool:
    """Push is offered only when the server has its VAPID key pair and a contact."""
    return bool(settings.VAPID_PRIVATE_KEY and settings.VAPID_PUBLIC_KEY and settings.VAPID_SUBJECT)


def send(keys: Keys, payload: dict, *, topic: str = "", timeout=TIMEOUT) -> Outcome:
    """Encrypt `payload` as JSON for one subscription and hand it to its push service.

    `topic` lets the push service replace a message still waiting for the phone with the same
    one sent again, rather than show it twice.
    """
    headers = {"Urgency": "normal"}
    if topic:
        headers["Topic"] = topic
    try:
        webpush(
            subscription_info={
                "endpoint": keys.endpoint,
                "keys": {"p256dh": keys.p256dh, "auth": keys.auth},
            },
            data=json.dumps(payload),
            vapid_private_key=settings.VAPID_PRIVATE_KEY,
            # A fresh dict each time: pywebpush writes the audience and expiry into it.
            vapid_claims={"sub": settings.VAPID_SUBJECT},
            ttl=TTL_SECONDS,
            headers=headers,
            timeout=timeout,
        )
    except WebPushException as error:
        status = error.response.status_code if error.response is not None else None
        if status in (404, 410):
            return Outcome.GONE
        log.warning("Push to %s failed (%s); will retry", _host(keys.endpoint), status or error)
        return Outcome.RETRY
    except (requests.RequestException, OSError) as error:
        log.warning("Push to %s failed (%s); will retry", _host(keys.endpoint), error)
        return Outcome.RETRY
    except ValueError as error:
        # Keys the browser sent that cannot be used: as good as gone.
        log.warning("Push keys for %s are unusable (%s)", _host(keys.endpoint), error)
        return Outcome.GONE
    return Outcome.SENT


def _host(endpoint: str) -> str:
    # The endpoint's path is a capability for that device; logs keep only the host.
    return requests.utils.urlparse(endpoint).netloc


def public_key() -> str:
    """The key browsers subscribe with (applicationServerKey), or "" without push."""
    return settings.VAPID_PUBLIC_KEY if is_configured() else ""
