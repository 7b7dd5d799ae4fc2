"""The private calendar feed: one repeating event per routine, with a reminder."""

import datetime
import zoneinfo
from collections.abc import Callable, Iterable

from icalendar import Alarm, Calendar, Event, vRecur

from routines.duration import routine_seconds
from routines.models import Routine
from routines.schedule import next_due_date

MIN_EVENT_SECONDS = 5 * 60
ICAL_WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
YEARS_OF_ZONE_RULES = 12
PRODID = "-//Press Points//Acupressure routines//EN"


def recurrence(routine: Routine) -> vRecur:
    if routine.schedule == Routine.Schedule.DAILY:
        return vRecur(freq="DAILY")
    return vRecur(freq="WEEKLY", byday=[ICAL_WEEKDAYS[day] for day in routine.weekday_numbers()])


def first_start(routine: Routine, zone: zoneinfo.ZoneInfo) -> datetime.datetime:
    """The first occurrence on or after the day the routine was made, at its practice time.

    RFC 5545 wants DTSTART to be an occurrence of the rule, so a Monday–Wednesday–Friday
    routine made on a Tuesday starts on the Wednesday.
    """
    made = routine.created.astimezone(zone).date() if routine.created else datetime.date.today()
    day = next_due_date(routine, made - datetime.timedelta(days=1))
    return datetime.datetime.combine(day, routine.practice_time, tzinfo=zone)


def routine_event(
    routine: Routine, zone: zoneinfo.ZoneInfo, url: str | None, uid_domain: str
) -> Event:
    event = Event()
    event.add("uid", f"routine-{routine.pk}@{uid_domain}")
    event.add("dtstamp", routine.updated or datetime.datetime.now(datetime.UTC))
    if routine.updated:
        event.add("last-modified", routine.updated)
    event.add("summary", f"Acupressure: {routine.name}")
    event.add("dtstart", first_start(routine, zone))
    event.add(
        "duration",
        datetime.timedelta(seconds=max(routine_seconds(routine.steps.all()), MIN_EVENT_SECONDS)),
    )
    event.add("rrule", recurrence(routine))
    steps = [f"{step.point.code} {step.point.name}" for step in routine.steps.all()]
    description = ", ".join(steps) if steps else "No points yet."
    if url:
        description += f"\n{url}"
        event.add("url", url)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"Time for your acupressure: {routine.name}")
    alarm.add("trigger", datetime.timedelta(0))
    event.add_component(alarm)
    return event


def build_calendar(
    routines: Iterable[Routine],
    zone: zoneinfo.ZoneInfo,
    url_for: Callable[[Routine], str] | None = None,
    uid_domain: str = "press-points",
) -> bytes:
    """The iCalendar text for the given routines; archived ones are left out."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Acupressure routines")
    calendar.add("x-wr-timezone", zone.key)
    first = datetime.date.today()
    for routine in routines:
        if routine.archived:
            continue
        url = url_for(routine) if url_for else None
        event = routine_event(routine, zone, url, uid_domain)
        first = min(first, event.decoded("dtstart").date())
        calendar.add_component(event)
    # Transitions from the first event to a decade ahead keep the feed short; a calendar app
    # fetches it again long before then.
    calendar.add_missing_timezones(
        first_date=first - datetime.timedelta(days=1),
        last_date=datetime.date(first.year + YEARS_OF_ZONE_RULES, 1, 1),
    )
    return calendar.to_ical()
