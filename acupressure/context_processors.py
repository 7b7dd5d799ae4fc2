from django.http import HttpRequest

from acupressure import pwa
from acupressure.palette import colour


def appearance(request: HttpRequest) -> dict:
    """The colour scheme base.html sets on <html>, and the browser bar colour for each scheme.

    People who are not signed in get "auto": the device's own light or dark setting.
    """
    user = getattr(request, "user", None)
    theme = getattr(user, "theme", "") or "auto"
    return {
        "theme": theme,
        "theme_colour_light": colour("header-bg", "light"),
        "theme_colour_dark": colour("header-bg", "dark"),
    }


def service_worker(request: HttpRequest) -> dict:
    """The worker's address for static/js/install.js; none while developing (DEBUG), so that
    a cached page never hides a change being made."""
    return {"service_worker_url": pwa.worker_url() if pwa.enabled() else ""}
