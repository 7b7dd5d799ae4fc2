"""Temporary placeholder views for routes that are still being built."""

from django.http import HttpRequest, HttpResponse


def placeholder(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    return HttpResponse("Not built yet.", content_type="text/plain")
