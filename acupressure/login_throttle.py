"""Login throttling by address, beside django-axes' throttling by (address, username).

django-axes locks one username at one address after a few wrong passwords, so a guesser locks
out only himself. Trying one common password on many usernames (password spraying) never
reaches that limit, so wrong passwords are also counted per address, whatever the username,
with a higher limit (ratelimit.LOGIN_FAILURES).
"""

from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver
from django.http import HttpRequest

from acupressure import ratelimit


class AddressThrottleBackend:
    """Refuses every login from an address with too many recent wrong passwords.

    Listed first in AUTHENTICATION_BACKENDS. It authenticates nobody: it either stops the
    attempt (authenticate() then reports a failed login) or lets the next backend decide. It
    has no get_user(), so Django never takes it for the backend that signed someone in.
    """

    def authenticate(self, request: HttpRequest | None, **credentials) -> None:
        if request is None:
            return None
        rate = ratelimit.LOGIN_FAILURES
        if not ratelimit.peek(rate, ratelimit.client_key(request)).allowed:
            # AxesMiddleware answers such a request with the lockout page (429).
            request.axes_locked_out = True
            request.locked_out_address = True
            raise PermissionDenied("Too many wrong passwords from this address.")
        return None


@receiver(user_login_failed, dispatch_uid="acupressure-count-login-failures")
def count_login_failure(sender, credentials: dict, request: HttpRequest | None = None, **kwargs):
    if request is not None:
        ratelimit.hit(ratelimit.LOGIN_FAILURES, ratelimit.client_key(request))
