import datetime

import factory
from django.utils import timezone

from acupressure.models import User
from journal.models import Entry
from points.models import Alias, Claim, Complaint, Mark, Point, Source
from practice.models import Practice
from routines.models import Routine, Step

PASSWORD = "correct-horse-battery-staple"  # noqa: S105


def one_a_day(days: int) -> list[datetime.datetime]:
    """A moment on each of the last `days` local days, today first, none of them in the future.

    Each falls halfway between its day's midnight and the time of day it is now: "now minus n
    days and an hour" would land on the day before whenever a test runs in the first hour after
    midnight, and a period of 28 days would then hold 27 of them.
    """
    now = timezone.localtime()
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    into_the_day = (now - midnight) / 2
    return [midnight - datetime.timedelta(days=day) + into_the_day for day in range(days)]


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    email_verified = True
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"source-{n}")
    title = factory.Sequence(lambda n: f"Article number {n}")
    kind = Source.Kind.BLOG
    summary = "Recommends a handful of points for the lower back."


class ComplaintFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Complaint
        django_get_or_create = ("slug",)

    slug = "lower-back"
    name = "Lower back"


class PointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Point
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"BL{n + 1}")
    channel = Point.Channel.BL
    number = factory.Sequence(lambda n: n + 1)
    pinyin = factory.Sequence(lambda n: f"Pinyin{n}")
    name = factory.Sequence(lambda n: f"Point name {n}")
    region = Point.Region.LOWER_BACK
    summary = "Used for lower back pain."
    location = "Level with the lower border of L2, 1.5 cun from the midline."
    how_to_find = "Find the waist.\nMove two fingers out from the spine."
    technique = "Press steadily with both thumbs."
    hold_seconds = 60
    pressure = Point.Pressure.MODERATE
    laterality = Point.Laterality.BILATERAL
    reach = Point.Reach.HAND


class AliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Alias

    point = factory.SubFactory(PointFactory)
    label = factory.Sequence(lambda n: f"Alias {n}")
    kind = Alias.Kind.NAME


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    source = factory.SubFactory(SourceFactory)
    point = factory.SubFactory(PointFactory)
    label = factory.Sequence(lambda n: f"B{n}")
    verdict = Claim.Verdict.AGREES


class MarkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mark

    point = factory.SubFactory(PointFactory)
    view = Mark.View.BACK
    x = 80.0
    y = 200.0


class RoutineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Routine

    owner = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Routine {n}")
    schedule = Routine.Schedule.DAILY


class StarterRoutineFactory(RoutineFactory):
    owner = None
    source = factory.SubFactory(SourceFactory)
    slug = factory.Sequence(lambda n: f"starter-{n}")


class StepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Step

    routine = factory.SubFactory(RoutineFactory)
    position = factory.Sequence(lambda n: n)
    point = factory.SubFactory(PointFactory)
    side = Step.Side.BOTH
    hold_seconds = 30
    repetitions = 1


class PracticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Practice

    owner = factory.SubFactory(UserFactory)
    routine = factory.SubFactory(RoutineFactory, owner=factory.SelfAttribute("..owner"))
    routine_name = factory.LazyAttribute(lambda p: p.routine.name if p.routine else "Session")
    started_at = factory.LazyFunction(timezone.now)


class EntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entry

    user = factory.SubFactory(UserFactory)
    recorded_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))
    pain_before = 6
    pain_after = 4


class ReminderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "practice.Reminder"

    routine = factory.SubFactory(RoutineFactory)
    enabled = True
    by_push = True
    by_email = True


class PushSubscriptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "practice.PushSubscription"

    owner = factory.SubFactory(UserFactory)
    endpoint = factory.Sequence(lambda n: f"https://push.example.com/send/{n}")
    p256dh = (
        "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM"
    )
    auth = "tBHItJI5svbpez7KI4CCXg"
    label = "Chrome on Android"


def finished_session(user, routine, when: datetime.datetime, **entry) -> Entry:
    """A guided session of `routine` finished at `when`, with the entry that closed it."""
    practice = Practice.objects.create(
        owner=user,
        routine=routine,
        routine_name=routine.name,
        started_at=when - datetime.timedelta(minutes=5),
        ended_at=when,
        state=Practice.State.FINISHED,
        ended_early=entry.get("ran_to_end", True) is False,
    )
    entry.setdefault("pain_before", 6)
    entry.setdefault("pain_after", 4)
    return Entry.objects.create(
        user=user,
        practice=practice,
        routine=routine,
        routine_name=routine.name,
        recorded_at=when,
        **entry,
    )
