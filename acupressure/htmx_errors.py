"""Telling the person when an htmx request fails.

htmx leaves the page as it was when the answer is an error, so a change that was not saved
would look saved. Error answers to htmx requests therefore carry an ``HX-Trigger`` event with
one sentence for the person; static/js/app.js shows it in an alert, and a sentence of its
own when there is none (the network is down, or the answer came from elsewhere).
"""

from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.html import format_html
from django_htmx.http import trigger_client_event

# The event static/js/app.js listens for.
ERROR_EVENT = "app:error"


class Missing(Http404):
    """A 404 whose message says, in the person's words, what is no longer there.

    ``raise Missing("the step no longer exists")`` lets an htmx request explain itself.
    """


def get_or_missing[M: Model](queryset: QuerySet[M], reason: str, **lookup) -> M:
    """``get_object_or_404`` whose 404 says `reason` to an htmx request."""
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist:
        raise Missing(reason) from None


def failed_action(request: HttpRequest) -> str:
    """What could not happen, as the start of a sentence."""
    if request.method == "GET":
        return "That could not be loaded"
    return "That change could not be saved"


def not_found_message(request: HttpRequest, exception: Exception | None) -> str:
    reason = str(exception) if isinstance(exception, Missing) else "it is no longer there"
    return f"{failed_action(request)}: {reason}. Reload the page."


def htmx_error_response(message: str, status: int) -> HttpResponse:
    """A short error answer for htmx: the message as an event, and as the body."""
    response = HttpResponse(format_html("<p>{}</p>", message), status=status)
    return trigger_client_event(response, ERROR_EVENT, {"message": message})
