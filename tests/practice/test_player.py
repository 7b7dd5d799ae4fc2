"""The player page, its htmx fragment and its controls."""

import datetime
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from points.models import Point
from practice import sessions
from practice.models import Practice
from tests.factories import MarkFactory, PointFactory, RoutineFactory, StepFactory
from tests.support.html import element

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def routine(user):
    routine = RoutineFactory(owner=user, name="Lunch break")
    bl23 = PointFactory(code="BL23", pinyin="Shenshu", name="Kidney Shu")
    MarkFactory(point=bl23, view="back", x=70, y=210)
    MarkFactory(point=bl23, view="back", x=110, y=210)
    gv4 = PointFactory(
        code="GV4", pinyin="Mingmen", name="Gate of Life", laterality="midline", cautions=""
    )
    MarkFactory(point=gv4, view="back", x=90, y=212)
    StepFactory(routine=routine, position=1, point=bl23, side="both", hold_seconds=30)
    StepFactory(routine=routine, position=2, point=gv4, side="midline", hold_seconds=20)
    return routine


@pytest.fixture
def practice(user, routine):
    return sessions.start_practice(user, routine, 5, timezone.now())


def url(name: str, practice: Practice) -> str:
    return reverse(f"practice:{name}", args=[practice.pk])


def remaining_ms(html: str) -> int:
    return int(re.search(r'data-remaining-ms="(\d+)"', html).group(1))


def time_up(practice: Practice) -> None:
    """Move the current deadline just into the past, as if its time had run."""
    Practice.objects.filter(pk=practice.pk).update(
        deadline=timezone.now() - datetime.timedelta(milliseconds=200)
    )


def test_full_page_shows_the_lead_in_with_a_big_countdown(user_client, practice):
    response = user_client.get(url("player", practice))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<!doctype html>" in html
    assert 'id="player"' in html
    assert "Get ready" in html
    assert "BL23" in html and "Shenshu" in html
    assert "Left side" in html
    assert "Point 1 of 2" in html
    assert 'class="countdown' in html and 'role="timer"' in html
    assert 0 < remaining_ms(html) <= 5000
    assert "<progress" in html
    assert f'hx-post="{url("advance", practice)}"' in html
    assert re.search(r'hx-trigger="load delay:\d+ms"', html)
    assert 'src="/static/js/player.js" defer' in html
    assert "<kbd>Space</kbd>" in html
    assert 'aria-live="polite"' in html
    # Without JavaScript there is a Next button, a plain form post.
    assert f'action="{url("advance", practice)}"' in html
    assert "<noscript>" in html
    # The diagram of the point and how to find it.
    assert element(html, "#player .player-figure").select("figure.diagram-figure svg")
    assert "How to find BL23" in html
    assert "Move two fingers out from the spine." in html


def test_voice_chime_and_vibration_settings_reach_the_script(user_client, user, practice):
    html = user_client.get(url("player", practice)).content.decode()
    assert 'data-voice="on" data-chime="on" data-vibrate="on"' in html
    user.voice_on = user.sound_on = False
    user.save()
    html = user_client.get(url("player", practice)).content.decode()
    assert 'data-voice="off" data-chime="off" data-vibrate="on"' in html


def test_htmx_gets_only_the_fragment(user_client, practice):
    response = user_client.get(url("player", practice), **HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "<!doctype" not in html
    assert "site-header" not in html
    assert 'data-index="0"' in html
    assert "hx-trigger=" in html
    assert response.headers["Vary"].count("HX-Request") == 1


def test_going_back_to_the_player_with_no_copy_left_gets_the_whole_page(user_client, practice):
    # htmx asks again for an address it pushed when its history cache no longer holds it.
    restore = {**HX, "HTTP_HX_HISTORY_RESTORE_REQUEST": "true"}
    html = user_client.get(url("player", practice), **restore).content.decode()
    assert html.lstrip().lower().startswith("<!doctype html>")
    assert 'id="player"' in html and 'data-index="0"' in html


def test_the_player_varies_on_every_header_that_chooses_page_or_fragment(user_client, practice):
    vary = user_client.get(url("player", practice), **HX).headers["Vary"]
    assert {"HX-Request", "HX-Target", "HX-History-Restore-Request"} <= {
        header.strip() for header in vary.split(",")
    }


def test_reload_resumes_at_the_same_step_with_the_time_left(user_client, practice):
    sessions.skip(practice, timezone.now() - datetime.timedelta(seconds=12))
    html = user_client.get(url("player", practice)).content.decode()
    assert "Press and hold" in html
    assert 'data-index="1"' in html
    assert 17_000 < remaining_ms(html) <= 18_000
    assert "0:18" in html


def test_early_advance_is_refused_for_htmx_with_the_time_left(user_client, practice):
    response = user_client.post(url("advance", practice), {"index": "0"}, **HX)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-index="0"' in html
    assert 4000 < remaining_ms(html) <= 5000
    assert re.search(r'hx-trigger="load delay:\d+ms"', html)
    practice.refresh_from_db()
    assert practice.index == 0


def test_early_next_without_javascript_says_how_long_is_left(user_client, practice):
    response = user_client.post(url("advance", practice), {"index": "0"}, follow=True)
    assert response.redirect_chain == [(url("player", practice), 302)]
    html = response.content.decode()
    assert re.search(r"\d seconds? left", html)
    practice.refresh_from_db()
    assert practice.index == 0


def test_advance_when_time_is_up(user_client, practice):
    time_up(practice)
    response = user_client.post(url("advance", practice), {"index": "0"}, **HX)
    html = response.content.decode()
    assert 'data-index="1"' in html
    assert "Press and hold" in html
    assert 29_000 < remaining_ms(html) <= 30_000
    practice.refresh_from_db()
    assert practice.index == 1


@pytest.mark.parametrize("index", ["²", "٣", "9" * 5000, "-1", "0x1", ""])
def test_a_nonsense_step_number_is_ignored_not_an_error(user_client, practice, index):
    time_up(practice)
    response = user_client.post(url("advance", practice), {"index": index}, **HX)

    assert response.status_code == 200
    practice.refresh_from_db()
    # The form did not name a step, so the deadline alone decides: time is up, move on.
    assert practice.index == 1


def test_a_timer_from_a_step_already_left_does_not_move_on(user_client, practice):
    time_up(practice)
    user_client.post(url("advance", practice), {"index": "7"}, **HX)
    practice.refresh_from_db()
    assert practice.index == 0


def test_pause_and_resume(user_client, practice):
    sessions.skip(practice, timezone.now())
    response = user_client.post(url("pause", practice), **HX)
    html = response.content.decode()
    practice.refresh_from_db()
    assert practice.state == Practice.State.PAUSED
    assert "Paused" in html
    assert url("resume", practice) in html
    assert "hx-trigger=" not in html  # no timer while paused
    assert 'data-running="false"' in html

    response = user_client.post(url("resume", practice), **HX)
    html = response.content.decode()
    practice.refresh_from_db()
    assert practice.state == Practice.State.RUNNING
    assert url("pause", practice) in html
    assert "hx-trigger=" in html


def test_controls_work_without_javascript(user_client, practice):
    response = user_client.post(url("skip", practice))
    assert response.status_code == 302
    assert response.url == url("player", practice)
    practice.refresh_from_db()
    assert practice.index == 1
    user_client.post(url("back", practice))
    practice.refresh_from_db()
    assert practice.index == 0


def test_skip_and_back_return_the_new_step(user_client, practice):
    html = user_client.post(url("skip", practice), **HX).content.decode()
    assert 'data-index="1"' in html
    html = user_client.post(url("skip", practice), **HX).content.decode()
    assert "Right side" in html
    html = user_client.post(url("skip", practice), **HX).content.decode()
    assert "Get ready" in html and "GV4" in html
    html = user_client.post(url("back", practice), **HX).content.decode()
    assert 'data-index="2"' in html


def test_midline_point(user_client, practice):
    practice.index = 4
    practice.save()
    html = user_client.get(url("player", practice)).content.decode()
    assert "Midline" in html
    assert "Gate of Life" in html


def test_complete_offers_to_record_pain(user_client, practice):
    for _ in range(len(practice.phases)):
        sessions.skip(practice, timezone.now())
    response = user_client.get(url("player", practice), **HX)
    html = response.content.decode()
    assert "Session complete" in html
    assert reverse("finish:practice", args=[practice.pk]) in html
    assert "hx-trigger=" not in html
    assert 'data-state="complete"' in html


def test_end_early_goes_to_the_pain_score(user_client, practice):
    response = user_client.post(url("end", practice))
    assert response.status_code == 302
    assert response.url == reverse("finish:practice", args=[practice.pk])
    practice.refresh_from_db()
    assert sessions.is_complete(practice)


def test_end_early_with_htmx_redirects_the_page(user_client, practice):
    response = user_client.post(url("end", practice), **HX)
    assert response["HX-Redirect"] == reverse("finish:practice", args=[practice.pk])


@pytest.mark.parametrize("action", ["advance", "pause", "resume", "skip", "back", "end"])
def test_a_finished_session_answers_with_a_message_and_stays_finished(
    user_client, practice, action
):
    sessions.finish(practice, timezone.now())
    response = user_client.post(url(action, practice), **HX)
    practice.refresh_from_db()
    assert practice.state == Practice.State.FINISHED
    assert practice.index == 0
    if action == "end":
        assert response["HX-Redirect"] == url("player", practice)
    else:
        assert response.status_code == 200
        assert "This session is finished" in response.content.decode()


@pytest.mark.parametrize("action", ["advance", "pause", "skip"])
def test_an_abandoned_session_answers_with_a_message_without_javascript(
    user_client, practice, action
):
    Practice.objects.filter(pk=practice.pk).update(state=Practice.State.ABANDONED)
    response = user_client.post(url(action, practice), follow=True)
    assert response.status_code == 200
    assert "left unfinished for more than a day" in response.content.decode()
    practice.refresh_from_db()
    assert practice.state == Practice.State.ABANDONED


def test_pregnancy_warning_on_points_to_avoid(user_client, user, routine):
    point = routine.steps.first().point
    point.avoid_in_pregnancy = True
    point.save()
    practice = sessions.start_practice(user, routine, None, timezone.now())
    assert (
        "Traditionally avoided in pregnancy"
        not in user_client.get(url("player", practice)).content.decode()
    )
    user.pregnant = True
    user.save()
    warning = element(user_client.get(url("player", practice)).content, "#player .player-pregnancy")
    assert "You told us you are pregnant. Traditionally avoided in pregnancy:" in warning.text
    assert warning.attrs["role"] == "alert"


def offline_phases(client, practice: Practice) -> list[dict]:
    """The phases the page carries for the phone to go on by itself while offline."""
    holder = element(client.get(url("player", practice)).content, "script#player-session")
    assert holder.attrs["type"] == "application/json"
    return json.loads(holder.text)["phases"]


def test_offline_phases_carry_the_pregnancy_warning_only_for_someone_pregnant(
    user_client, user, routine
):
    bl23 = routine.steps.get(position=1).point
    bl23.avoid_in_pregnancy = True
    bl23.save()
    practice = sessions.start_practice(user, routine, None, timezone.now())
    assert {phase["pregnancy"] for phase in offline_phases(user_client, practice)} == {False}
    html = user_client.get(url("player", practice)).content.decode()
    assert "player-pregnancy-template" not in html

    user.pregnant = True
    user.save()
    flags = {phase["code"]: phase["pregnancy"] for phase in offline_phases(user_client, practice)}
    assert flags == {"BL23": True, "GV4": False}  # GV4 is not flagged in the catalogue
    page = user_client.get(url("player", practice)).content
    # The warning for the phone to show offline is the very one the page shows online.
    kept = element(page, "template.player-pregnancy-template[data-code=BL23] .player-pregnancy")
    shown = element(page, "#player .player-pregnancy")
    assert kept.text == shown.text
    assert "You told us you are pregnant. Traditionally avoided in pregnancy: BL23." in kept.text
    assert kept.attrs["role"] == "alert"
    assert page.decode().count('class="player-pregnancy-template"') == 1  # BL23 only
    assert 'data-code="GV4"' not in page.decode().split('id="player"')[0]


def test_offline_phases_carry_the_first_finding_step_pressure_and_cautions(
    user_client, user, routine
):
    gv4 = routine.steps.get(position=2).point
    gv4.how_to_find = "Find the spine at waist level.\nFeel for the gap below L2."
    gv4.pressure = "gentle"
    gv4.cautions = "Not on a sore or swollen spine."
    gv4.save()
    practice = sessions.start_practice(user, routine, None, timezone.now())
    last = offline_phases(user_client, practice)[-1]
    assert last["code"] == "GV4"
    assert last["findFirst"] == "Find the spine at waist level."
    assert last["pressure"] == "gentle"
    assert last["pressureAdvice"].startswith("Gentle only: a light, steady touch")
    assert last["cautions"] == "Not on a sore or swollen spine."


def test_a_point_gone_from_the_catalogue_leaves_its_offline_details_empty(
    user_client, user, routine
):
    practice = sessions.start_practice(user, routine, None, timezone.now())
    routine.steps.get(position=2).delete()
    Point.objects.filter(code="GV4").delete()
    last = offline_phases(user_client, practice)[-1]
    assert last["code"] == "GV4"
    assert (last["pregnancy"], last["findFirst"], last["pressureAdvice"]) == (False, "", "")


def test_step_fragment_is_small_and_fast(user_client, practice, django_assert_num_queries):
    with django_assert_num_queries(5):
        # session, user, practice, point, its marks
        response = user_client.get(url("player", practice), **HX)
    assert len(response.content) < 40_000


def test_advance_fragment_queries(user_client, practice, django_assert_num_queries):
    time_up(practice)
    with django_assert_num_queries(8):
        # session, user, savepoint, locked practice, update, release, point, its marks
        user_client.post(url("advance", practice), {"index": "0"}, **HX)
    practice.refresh_from_db()
    assert practice.index == 1


def test_no_inline_script_or_style(user_client, practice):
    html = user_client.get(url("player", practice)).content.decode()
    assert " style=" not in html
    assert "hx-on" not in html
    for tag in re.findall(r"<script[^>]*>", html):
        # Code only from files (or with the nonce); data may sit in a JSON block.
        assert "src=" in tag or "nonce=" in tag or 'type="application/json"' in tag


def test_reopen_an_abandoned_session(user_client, practice):
    Practice.objects.filter(pk=practice.pk).update(state=Practice.State.ABANDONED)
    response = user_client.post(url("reopen", practice))
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.state == Practice.State.PAUSED


def test_the_diagram_picks_out_the_side_being_pressed(user_client, practice):
    sessions.skip(practice, timezone.now())  # BL23, left side
    html = user_client.get(url("player", practice)).content.decode()
    assert html.count("diagram-marker-highlight") == 1
    assert "BL23 Shenshu, left side" in html
    assert "your left side is the bright mark" in html

    sessions.skip(practice, timezone.now())  # BL23, right side
    html = user_client.get(url("player", practice)).content.decode()
    assert html.count("diagram-marker-highlight") == 1
    assert "BL23 Shenshu, right side" in html


def test_the_midline_point_is_shown_plainly(user_client, practice):
    practice.index = 4
    practice.save()
    html = user_client.get(url("player", practice)).content.decode()
    assert html.count("diagram-marker-highlight") == 1
    assert "bright mark" not in html


def test_a_session_left_for_days_is_set_aside_when_opened(user_client, practice):
    Practice.objects.filter(pk=practice.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=3)
    )
    html = user_client.get(url("player", practice)).content.decode()
    assert "This session was left unfinished" in html
    assert url("reopen", practice) in html
    assert "hx-trigger=" not in html
    practice.refresh_from_db()
    assert practice.state == Practice.State.ABANDONED


def test_says_what_comes_next(user_client, practice):
    sessions.skip(practice, timezone.now())  # BL23 left
    assert (
        "Then the same point, right side."
        in user_client.get(url("player", practice)).content.decode()
    )
    sessions.skip(practice, timezone.now())  # BL23 right
    assert "Then GV4 Mingmen, midline." in user_client.get(url("player", practice)).content.decode()
    sessions.skip(practice, timezone.now())
    sessions.skip(practice, timezone.now())  # GV4, the last
    assert (
        "Then the session is complete." in user_client.get(url("player", practice)).content.decode()
    )
