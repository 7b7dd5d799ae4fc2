from django.http import HttpRequest

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
