"""One address for a page and its fragments: what a view answers to htmx and to a browser.

A page names its fragments as template partials (``{% partialdef steps %}``). A plain request
gets the whole page; an htmx request gets one partial, chosen by the element it will replace
(``HX-Target``) or else the view's default. Going back to a pushed address when htmx has no
copy of it left (a history restore) asks for the whole page again, so it gets the page.

Every view that answers htmx renders through ``render_page_or_fragment``, so each response
also says which request headers it depends on (``Vary``) and a shared cache cannot hand a
fragment to a browser or a page to htmx.
"""

from collections.abc import Mapping

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

# The request headers that choose between the page and one of its fragments.
CHOOSING_HEADERS = ("HX-Request", "HX-Target", "HX-History-Restore-Request")


def wants_fragment(request: HttpRequest) -> bool:
    """Whether htmx asks for a part of the page (a history restore asks for all of it)."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def fragment_for(
    request: HttpRequest, fragment: str | None, fragments: Mapping[str, str]
) -> str | None:
    """The partial to answer with, or None for the whole page."""
    if not wants_fragment(request):
        return None
    return fragments.get(request.htmx.target or "", fragment)


def vary_on_htmx(response: HttpResponse) -> HttpResponse:
    """Mark a response that depends on whether htmx asked (redirects included)."""
    patch_vary_headers(response, CHOOSING_HEADERS)
    return response


def render_page_or_fragment(
    request: HttpRequest,
    template: str,
    context: Mapping | None = None,
    *,
    fragment: str | None = None,
    fragments: Mapping[str, str] | None = None,
    status: int | None = None,
) -> HttpResponse:
    """The whole `template`, or for htmx the partial `fragments[HX-Target]` or `fragment`.

    With neither, htmx gets the whole page too (a boosted link, say).
    """
    name = fragment_for(request, fragment, fragments or {})
    response = render(request, f"{template}#{name}" if name else template, context, status=status)
    return vary_on_htmx(response)
