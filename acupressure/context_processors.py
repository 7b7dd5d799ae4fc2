from django.db import DatabaseError
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
    a cached page never hides a change being made.

    Its version reads the catalogue's edition from the database. A page that needs no
    database (the front page, the login form) must still answer while it is away: it then
    registers no worker, and the one already installed stays as it is.
    """
    if not pwa.enabled():
        return {"service_worker_url": ""}
    try:
        return {"service_worker_url": pwa.worker_url()}
    except DatabaseError:
        return {"service_worker_url": ""}
