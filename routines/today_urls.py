from django.urls import path, re_path

from routines import today_views

urlpatterns = [
    path("today/", today_views.today, name="today"),
    # Tokens are url-safe base64 (secrets.token_urlsafe): letters, digits, "-" and "_".
    re_path(
        r"^calendar/(?P<token>[A-Za-z0-9_-]{20,64})\.ics$",
        today_views.calendar_feed,
        name="calendar-feed",
    ),
]
