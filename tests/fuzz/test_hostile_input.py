"""Hostile input at every address the app answers, as a signed-in person.

Every URL pattern (from the resolver, so a new view is covered the day it is added) gets GET
requests with hostile query strings and POST requests with hostile form data: huge and
negative numbers, unicode, NUL bytes, HTML and script tags, SQL fragments, missing and extra
fields, and other people's ids in the address. Form data starts from the real form found on
the app's own pages, so most fields are valid and the hostile value reaches what is stored.

After each endpoint: no request answered 5xx or raised, nothing stored renders as live markup
on the pages that show it, and the other person's rows are exactly as they were.
"""

import datetime
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from acupressure.models import User
from journal.models import Entry
from points.models import Point, Source
from practice import sessions
from practice.models import Practice
from routines.models import Routine, Step
from tests.factories import EntryFactory, UserFactory

pytestmark = pytest.mark.slow

SCRIPT = "<script>alert(1)</script>"
IMG = '<img src=x onerror="alert(2)">'
# What must never reach a page unescaped.
LIVE_MARKUP = ("<script>alert", "<img src=x onerror")
HOSTILE = [
    SCRIPT,
    f'"><{SCRIPT[1:]}',
    f"'>{IMG}",
    "javascript:alert(3)",
    "'; DROP TABLE routines_routine; --",
    "1 OR 1=1",
    "1' OR '1'='1",
    "\x00",
    "a\x00b",
    "9" * 40,
    "-1",
    "-0",
    "1e309",
    "NaN",
    "Infinity",
    "2147483648",
    "-9223372036854775809",
    "18446744073709551616",
    "3.5",
    # Digits that str.isdigit() accepts and int() does not, and a number too long for int().
    "²",
    "٣",
    "9" * 5000,
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ✓ 中文 العربية 🙂",
    "\u202eevil",
    "",
    " ",
    "../../etc/passwd",
    "%00",
    "{{ 7*7 }}",
    "{% debug %}",
    "${7*7}",
    "on",
    "null",
    "[]",
    "https://evil.example/",
    "//evil.example",
    "2026-13-45T25:61",
    "0001-01-01T00:00",
    "9999-12-31T23:59",
    "A" * 5000,
    "list",
    "today",
    "/today/\r\nSet-Cookie: hijacked=1",
    "\r\n",
]
HOSTILE_VALUES = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=200),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.lists(st.sampled_from(HOSTILE[:12]), min_size=2, max_size=4),
)
# Names that any form or query string of the app uses, besides those found on its pages.
GENERIC_FIELDS = [
    "q",
    "page",
    "period",
    "next",
    "index",
    "pain",
    "pain_after",
    "pain_before",
    "point",
    "direction",
    "name",
    "note",
    "archived",
    "recorded_at",
    "routine",
]
EDGE_IDS = [0, 1, 2**31, 2**63, 10**25]


# The URL patterns ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Endpoint:
    view_name: str
    route: str
    kwargs: tuple[str, ...]


def _walk(patterns, prefix: str = "", namespace: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner or "")
        elif isinstance(pattern, URLPattern) and pattern.name:
            view_name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            regex = pattern.pattern.regex
            yield Endpoint(view_name, prefix + str(pattern.pattern), tuple(regex.groupindex))


ENDPOINTS = {
    endpoint.view_name: endpoint
    for endpoint in _walk(get_resolver().url_patterns)
    if not endpoint.view_name.startswith("admin:")
}


# The world: a person fuzzing, another whose data must stay untouched -------------------------


@dataclass
class World:
    me: User
    other: User
    ids: dict[str, list[int]]
    mine: dict[str, list[int]]
    slugs: list[str]
    codes: list[str]
    tokens: list[str]
    forms: dict[str, dict] = field(default_factory=dict)


def _person(username: str) -> tuple[User, dict[str, list[int]]]:
    user = UserFactory(username=username, get_ready_seconds=0)
    routine = Routine.objects.create(owner=user, name=f"{username}'s routine", description="Mine")
    points = list(Point.objects.filter(code__in=["BL23", "BL40", "GB30"]).order_by("code"))
    steps = [
        Step.objects.create(routine=routine, position=i, point=p, hold_seconds=30)
        for i, p in enumerate(points)
    ]
    now = timezone.now()
    running = sessions.start_practice(user, routine, 6, now)
    complete = sessions.start_practice(user, routine, 5, now)
    sessions.end_early(complete, now)
    entries = [
        EntryFactory(user=user, note=f"{username} note {n}", routine=routine) for n in range(3)
    ] + [EntryFactory(user=user, recorded_at=now - datetime.timedelta(days=40), pain_before=None)]
    return user, {
        "routine": [routine.pk],
        "step": [s.pk for s in steps],
        "practice": [running.pk, complete.pk],
        "entry": [e.pk for e in entries],
    }


class FormParser(HTMLParser):
    """The forms of a page: action, method and the values a person's browser would send."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, str, dict]] = []
        self._form: tuple[str, str, dict] | None = None
        self._radios: dict[str, str] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "form":
            action = a.get("hx-post") or a.get("action") or ""
            self._form = (action, (a.get("method") or "get").lower(), {})
            self._radios = {}
            return
        if self._form is None:
            return
        values = self._form[2]
        name = a.get("name")
        if tag == "input" and name and name != "csrfmiddlewaretoken":
            kind = a.get("type", "text")
            if kind == "radio":
                self._radios.setdefault(name, a.get("value", "on"))
                if "checked" in a:
                    values[name] = a.get("value", "on")
            elif kind == "checkbox":
                if "checked" in a:
                    values.setdefault(name, [])
                    values[name].append(a.get("value", "on"))
            elif kind not in {"submit", "button", "image", "file"}:
                values[name] = a.get("value", "")
        elif tag == "button" and name:
            values.setdefault(name, a.get("value", ""))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select:
            if self._select not in values or "selected" in a:
                values[self._select] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            values[name] = ""

    def handle_data(self, data: str) -> None:
        if self._form is not None and self._textarea:
            self._form[2][self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form" and self._form is not None:
            for name, value in self._radios.items():
                self._form[2].setdefault(name, value)
            self.forms.append(self._form)
            self._form = None


def _pages_of(world: World) -> list[str]:
    """Every page a person can open with their own ids: where the forms are."""
    pages = []
    for endpoint in ENDPOINTS.values():
        kwargs = {name: _own_value(world, endpoint, name) for name in endpoint.kwargs}
        try:
            pages.append(reverse(endpoint.view_name, kwargs=kwargs))
        except NoReverseMatch:
            continue
    # The builder shows its "add" buttons beside search results.
    pages.append(reverse("routines:edit", args=[world.mine["routine"][0]]) + "?q=BL")
    return pages


def _crawl_forms(client: Client, world: World) -> dict[str, dict]:
    forms: dict[str, dict] = {}
    for page in _pages_of(world):
        response = client.get(page)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = FormParser()
        parser.feed(response.content.decode())
        for action, method, values in parser.forms:
            action = action or page  # a form without an action posts to its own page
            if method != "post" or not action.startswith("/"):
                continue
            try:
                view_name = resolve(action.split("?")[0]).view_name
            except Exception:  # noqa: S112 - a form posting elsewhere is not ours to fuzz
                continue
            forms.setdefault(view_name, values)
    return forms


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once and committed; each test's own writes are rolled back after it."""
    with django_db_blocker.unblock():
        call_command("load_catalogue", verbosity=0)
        me, my_ids = _person("fuzzer")
        other, other_ids = _person("bystander")
        ids = {kind: my_ids[kind] + other_ids[kind] for kind in my_ids}
        world = World(
            me=me,
            other=other,
            ids=ids,
            mine=my_ids,
            slugs=list(Routine.objects.filter(owner=None).values_list("slug", flat=True)[:3])
            + list(Source.objects.values_list("slug", flat=True)[:2]),
            codes=["BL40", "GB30", "bl40", "B54", "UB40", "Hoku"],
            tokens=[me.calendar_token, other.calendar_token],
        )
        client = Client()
        client.force_login(me)
        world.forms = _crawl_forms(client, world)
        yield world
        call_command("flush", interactive=False, verbosity=0)


# Strategies ------------------------------------------------------------------------------


def _kind(endpoint: Endpoint, name: str) -> str:
    if name == "step_pk":
        return "step"
    if name == "routine_pk":
        return "routine"
    namespace = endpoint.view_name.split(":")[0]
    return {"routines": "routine", "practice": "practice", "finish": "practice"}.get(
        namespace, "entry"
    )


def _own_value(world: World, endpoint: Endpoint, name: str):
    mine = world.mine
    if name in {"pk", "step_pk", "routine_pk"}:
        kind = _kind(endpoint, name)
        # The second practice is the complete one: the one a finish page needs.
        return mine[kind][-1 if kind == "practice" and "finish" in endpoint.view_name else 0]
    if name == "slug":
        return world.slugs[0]
    if name == "code":
        return "BL40"
    if name == "token":
        return world.me.calendar_token
    return "x"


def arg_strategy(world: World, endpoint: Endpoint, name: str):
    if name in {"pk", "step_pk", "routine_pk"}:
        return st.sampled_from(world.ids[_kind(endpoint, name)] + EDGE_IDS)
    if name == "slug":
        return st.one_of(
            st.sampled_from(world.slugs), st.from_regex(r"[-a-zA-Z0-9_]{1,80}", fullmatch=True)
        )
    if name == "token" and endpoint.view_name == "calendar-feed":
        return st.one_of(
            st.sampled_from(world.tokens), st.from_regex(r"[A-Za-z0-9_-]{20,64}", fullmatch=True)
        )
    # str converters: anything but a slash.
    return st.one_of(
        st.sampled_from(world.codes + HOSTILE[:8]),
        st.text(min_size=1, max_size=60).filter(lambda s: "/" not in s),
    )


def _post_data(base: dict, overrides: dict, dropped: set) -> dict:
    data = {k: v for k, v in base.items() if k not in dropped}
    data.update(overrides)
    return data


def form_strategy(world: World, view_name: str):
    base = world.forms.get(view_name, {})
    names = sorted(set(base) | set(GENERIC_FIELDS))
    return st.builds(
        _post_data,
        st.just(base),
        st.dictionaries(st.sampled_from(names), HOSTILE_VALUES, max_size=5),
        st.sets(st.sampled_from(sorted(base)), max_size=2) if base else st.just(set()),
    )


QUERY_STRATEGY = st.dictionaries(st.sampled_from(GENERIC_FIELDS), HOSTILE_VALUES, max_size=3)


# Checks ----------------------------------------------------------------------------------


def snapshot(user: User) -> tuple:
    return (
        list(User.objects.filter(pk=user.pk).values()),
        list(Routine.objects.filter(owner=user).order_by("pk").values()),
        list(Step.objects.filter(routine__owner=user).order_by("pk").values()),
        list(Practice.objects.filter(owner=user).order_by("pk").values()),
        list(Entry.objects.filter(user=user).order_by("pk").values()),
    )


def pages_showing_stored_text(user: User) -> list[tuple[str, bool]]:
    """(page, as an htmx fragment too?) for every page that shows what a person typed."""
    pages = [
        ("/today/", False),
        ("/routines/", False),
        ("/practice/", False),
        ("/journal/?period=all", True),
        ("/journal/summary/", False),
        ("/accounts/settings/", False),
    ]
    for routine in Routine.objects.filter(owner=user).order_by("-pk")[:3]:
        pages += [(f"/routines/{routine.pk}/", False), (f"/routines/{routine.pk}/edit/", True)]
    for practice in Practice.objects.filter(owner=user).order_by("-pk")[:2]:
        pages += [(f"/practice/{practice.pk}/", True), (f"/practice/{practice.pk}/finish/", False)]
    for entry in Entry.objects.filter(user=user).order_by("-pk")[:2]:
        pages.append((f"/journal/{entry.pk}/edit/", False))
    return pages


def assert_nothing_renders_live(client: Client, user: User) -> None:
    client.force_login(user)
    for page, fragment_too in pages_showing_stored_text(user):
        for htmx in (False, True) if fragment_too else (False,):
            response = client.get(page, headers={"HX-Request": "true"} if htmx else {})
            assert response.status_code < 500, page
            if "html" not in response.get("Content-Type", ""):
                continue
            html = response.content.decode()
            for marker in LIVE_MARKUP:
                assert marker not in html, f"{marker!r} unescaped on {page}"
            # Only our own scripts run: each carries the page's nonce or a src; a JSON data
            # block (the player's session) is never run.
            for tag in re.findall(r"<script\b[^>]*>", html):
                data = 'type="application/json"' in tag
                assert "src=" in tag or "nonce=" in tag or data, (page, tag)


# The test --------------------------------------------------------------------------------


def test_every_endpoint_is_enumerated():
    # Guards the enumeration itself: the main forms and htmx endpoints are all here.
    for name in (
        "routines:add_step",
        "routines:update_step",
        "practice:advance",
        "finish:practice",
        "journal:new",
        "signup",
        "settings",
    ):
        assert name in ENDPOINTS


def test_forms_are_found_on_the_pages(world):
    for name in ("routines:add_step", "finish:practice", "journal:new", "routines:new"):
        assert name in world.forms, sorted(world.forms)
    assert "pain_after" in world.forms["finish:practice"]


@pytest.mark.parametrize("view_name", sorted(ENDPOINTS))
def test_hostile_input_never_breaks_leaks_or_crosses_users(view_name, world, db):
    endpoint = ENDPOINTS[view_name]
    client = Client()
    before = snapshot(world.other)

    @settings(
        max_examples=25,
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.function_scoped_fixture,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
        ],
    )
    @given(data=st.data())
    def hostile_requests(data) -> None:
        client.force_login(world.me)
        kwargs = {name: data.draw(arg_strategy(world, endpoint, name)) for name in endpoint.kwargs}
        try:
            url = reverse(view_name, kwargs=kwargs)
        except NoReverseMatch:
            assume(False)
        headers = {"HX-Request": "true"} if data.draw(st.booleans()) else {}
        response = client.get(url, data.draw(QUERY_STRATEGY), headers=headers)
        assert response.status_code < 500, (url, response.status_code)
        response = client.post(url, data.draw(form_strategy(world, view_name)), headers=headers)
        assert response.status_code < 500, (url, response.status_code)

    hostile_requests()

    assert snapshot(world.other) == before
    assert_nothing_renders_live(client, world.me)
