"""The installable app: web app manifest, service worker, the list of pages it keeps offline.

The worker (static/js/sw.js) is a static file. It is served from /sw.js by a small view so that
its scope covers the whole site; its cache is named after a release hash, so a deploy that
changes any template, static file or catalogue fixture replaces the old cache.

Each app says which of its pages anyone may read offline with an ``offline_urls()`` method on
its AppConfig (points: the whole catalogue). Those pages are fetched by the worker without
cookies, so the cached copies are the ones a stranger would see and hold nothing personal.
"""

import hashlib
import json
import os
from functools import cache
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from acupressure.palette import colour

WORKER = "js/sw.js"
# The static files every page uses: cached at install so that the shell works offline.
SHELL_STATIC = [
    "css/tokens.css",
    "css/dark.css",
    "css/base.css",
    "css/points.css",
    "css/routines.css",
    "css/journal.css",
    "css/print.css",
    "css/accounts.css",
    "css/today.css",
    "css/player.css",
    "js/app.js",
    "js/install.js",
    "js/player.js",
    "django_htmx/htmx-2.min.js",
    "django_htmx/django-htmx.js",
    "images/favicon.svg",
    "images/icons/icon-192.png",
]


def enabled() -> bool:
    return settings.SERVICE_WORKER


def offline_urls() -> list[str]:
    """The offline page, the home page and every page the apps offer for offline reading."""
    urls = [reverse("offline"), reverse("home")]
    for config in apps.get_app_configs():
        provider = getattr(config, "offline_urls", None)
        if provider is not None:
            urls.extend(provider())
    return list(dict.fromkeys(urls))


def shell_static() -> list[str]:
    return [static(name) for name in SHELL_STATIC]


def _tree_digest(digest, folder: Path) -> None:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())


@cache
def code_digest() -> str:
    """A hash of the templates, static files and fixtures: what a deploy changes. Read once
    per process. DJANGO_RELEASE, when set, is mixed in (to force a new cache by hand)."""
    digest = hashlib.sha256(os.environ.get("DJANGO_RELEASE", "").encode())
    for folder in [
        settings.BASE_DIR / "templates",
        settings.BASE_DIR / "fixtures",
        *settings.STATICFILES_DIRS,
    ]:
        if Path(folder).is_dir():
            _tree_digest(digest, Path(folder))
    return digest.hexdigest()


def release() -> str:
    """The offline cache's version: a deploy or an edit of the content makes a new one (apps
    add their part with an ``offline_release()`` method on their AppConfig)."""
    parts = [code_digest()]
    for config in apps.get_app_configs():
        provider = getattr(config, "offline_release", None)
        if provider is not None:
            parts.append(f"{config.label}:{provider()}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:12]


def worker_url() -> str:
    return f"{reverse('service-worker')}?v={release()}"


@cache_control(no_cache=True)
@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """static/js/sw.js at the root, so that its scope is the whole app."""
    path = finders.find(WORKER)
    if path is None:  # pragma: no cover - the file is part of the code
        raise Http404("No service worker.")
    response = HttpResponse(Path(path).read_bytes(), content_type="text/javascript")
    response["Service-Worker-Allowed"] = "/"
    return response


@cache_control(no_cache=True)
@require_GET
def offline_files(request: HttpRequest) -> JsonResponse:
    """What the worker caches when it installs: static files and public pages."""
    return JsonResponse(
        {"release": release(), "static": shell_static(), "pages": offline_urls()},
        headers={"Cache-Control": "no-cache"},
    )


@require_GET
def offline(request: HttpRequest) -> HttpResponse:
    """What the worker shows for a page it does not have while there is no connection."""
    return render(request, "acupressure/offline.html")


def manifest_data() -> dict:
    icons = []
    for size in (192, 512):
        icons.append(
            {
                "src": static(f"images/icons/icon-{size}.png"),
                "sizes": f"{size}x{size}",
                "type": "image/png",
                "purpose": "any",
            }
        )
        icons.append(
            {
                "src": static(f"images/icons/icon-maskable-{size}.png"),
                "sizes": f"{size}x{size}",
                "type": "image/png",
                "purpose": "maskable",
            }
        )
    return {
        "id": "/",
        "name": "Press Points: acupressure for back pain",
        "short_name": "Press Points",
        "description": (
            "Self-care acupressure for lower back pain, sciatica and hip or leg pain: the points, "
            "your routines, a guided session and a pain journal."
        ),
        "lang": "en-GB",
        "start_url": reverse("home"),
        "scope": "/",
        "display": "standalone",
        "orientation": "any",
        "background_color": colour("paper"),
        "theme_color": colour("header-bg"),
        "icons": icons,
        "categories": ["health", "medical", "lifestyle"],
    }


@cache_control(max_age=3600)
@require_GET
def manifest(request: HttpRequest) -> HttpResponse:
    return HttpResponse(
        json.dumps(manifest_data(), indent=2), content_type="application/manifest+json"
    )
