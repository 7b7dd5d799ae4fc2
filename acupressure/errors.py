"""The page shown when a form's CSRF check fails."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    # The reason is for the log (Django logs it as django.security.csrf), not for the page.
    return render(request, "403.html", {"csrf_failure": True}, status=403)
