"""Send the reminders that are due: the work of one wake-up of `manage.py sendreminders`.

Each reminder is one SentReminder row per routine, local day, kind and channel. A sender claims
a row by inserting it (the unique constraint lets exactly one insert win, on PostgreSQL as on
SQLite), sends, then records the outcome. So two senders running at once send each reminder
once, and a sender that dies halfway leaves claims that another takes over after
CLAIM_TIMEOUT. The one case that can still repeat is a sender killed in the instant between a
server accepting the message and the row being marked sent; the push Topic and the email
Message-ID are the same on the second copy, so a push service replaces it and a mail client
can tell.

A push service or SMTP server that fails or stalls is given up on for the rest of the round
after its first failure (each attempt has a timeout), so it delays the round by one timeout at
most; its reminders wait for their next attempt.
"""

import contextlib
import datetime
import logging
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import mailers
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from practice.models import Practice, PushSubscription, Reminder, SentReminder
from practice.reminders import webpush
from practice.reminders.mail import reminder_email, reminder_text
from practice.reminders.times import GRACE, Due, due_now
from practice.reminders.unsubscribe import make_token

log = logging.getLogger(__name__)

# A claim older than this belonged to a sender that stopped before finishing it.
CLAIM_TIMEOUT = datetime.timedelta(minutes=5)
# Waits before the second, third and fourth attempts; after that the reminder is let go.
RETRY_DELAYS = [datetime.timedelta(minutes=m) for m in (1, 5, 15)]
# Sessions this recent are enough to know what was practised today or yesterday, anywhere.
PRACTISED_LOOKBACK = datetime.timedelta(hours=50)


@dataclass(frozen=True)
class Job:
    reminder: Reminder
    due: Due
    channel: str

    @property
    def key(self) -> dict:
        return {
            "routine_id": self.reminder.routine_id,
            "date": self.due.date,
            "kind": self.due.kind,
            "channel": self.channel,
        }


@dataclass
class Round:
    """What one wake-up did, for the log and the tests."""

    sent: list[SentReminder] = field(default_factory=list)
    retry: list[SentReminder] = field(default_factory=list)
    failed: list[SentReminder] = field(default_factory=list)
    removed_devices: int = 0
    down: set[str] = field(default_factory=set)
    # One SMTP connection for the whole round, opened when the first email goes.
    mail: object | None = None

    def close(self) -> None:
        if self.mail is not None:
            # A connection that already broke has nothing left to close cleanly.
            with contextlib.suppress(smtplib.SMTPException, OSError):
                self.mail.close()
            self.mail = None


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def reminder_address(user) -> str:
    """Where reminder emails go: the account's address, once its owner has confirmed it
    (acupressure/email_verification.py); none before that."""
    return user.email if user.email_verified else ""


def due_jobs(now: datetime.datetime) -> list[Job]:
    """Every reminder due at `now`, per channel, that its owner can receive."""
    reminders = list(
        Reminder.objects.filter(
            enabled=True, routine__archived=False, routine__owner__is_active=True
        ).select_related("routine", "routine__owner")
    )
    if not reminders:
        return []
    routine_ids = [r.routine_id for r in reminders]
    moments = practised_dates(routine_ids, now - PRACTISED_LOOKBACK)
    push_ready = webpush.is_configured()
    owners_with_devices = (
        set(
            PushSubscription.objects.filter(
                owner_id__in={r.routine.owner_id for r in reminders}
            ).values_list("owner_id", flat=True)
        )
        if push_ready
        else set()
    )
    jobs = []
    for reminder in reminders:
        routine = reminder.routine
        zone = routine.owner.zone
        practised = {moment.astimezone(zone).date() for moment in moments.get(routine.pk, [])}
        channels = []
        if reminder.by_push and routine.owner_id in owners_with_devices:
            channels.append(SentReminder.Channel.PUSH)
        if reminder.by_email and reminder_address(routine.owner):
            channels.append(SentReminder.Channel.EMAIL)
        if not channels:
            continue
        for due in due_now(
            weekdays=routine.weekday_numbers(),
            at=routine.practice_time,
            nudge_at=reminder.nudge_time if reminder.nudge else None,
            zone=zone,
            now=now,
            practised=practised,
        ):
            jobs.extend(Job(reminder, due, channel) for channel in channels)
    return jobs


def claim(job: Job, now: datetime.datetime) -> SentReminder | None:
    """Take this reminder for this sender, or None when another sender has it or it is done."""
    try:
        with transaction.atomic():
            return SentReminder.objects.create(
                **job.key, state=SentReminder.State.CLAIMED, claimed_at=now
            )
    except IntegrityError:
        pass
    # A conditional update is atomic: of two senders taking over the same row, the second
    # finds it no longer matches (PostgreSQL re-reads the row after the first commits).
    taken = (
        SentReminder.objects.filter(**job.key)
        .filter(
            Q(state=SentReminder.State.RETRY, next_attempt__lte=now)
            | Q(state=SentReminder.State.CLAIMED, claimed_at__lt=now - CLAIM_TIMEOUT)
        )
        .update(state=SentReminder.State.CLAIMED, claimed_at=now, attempts=F("attempts") + 1)
    )
    if not taken:
        return None
    return SentReminder.objects.get(**job.key)


def practised_dates(routine_ids: Iterable[int], since: datetime.datetime) -> dict:
    """Moments each routine was finished since `since`, per routine id."""
    finished = Practice.objects.filter(
        routine_id__in=list(routine_ids), state=Practice.State.FINISHED, started_at__gte=since
    ).values_list("routine_id", "started_at", "ended_at")
    moments: dict[int, list[datetime.datetime]] = {}
    for routine_id, started_at, ended_at in finished:
        # Counted on the day it was done, as the Today page and the journal count it.
        moments.setdefault(routine_id, []).append(ended_at or started_at)
    return moments


def still_not_practised(job: Job, now: datetime.datetime) -> bool:
    """Checked again just before sending: the person may have finished in the meantime."""
    zone = job.reminder.routine.owner.zone
    moments = practised_dates([job.reminder.routine_id], now - PRACTISED_LOOKBACK)
    done = {moment.astimezone(zone).date() for moment in moments.get(job.reminder.routine_id, [])}
    return job.due.date not in done


def topic(job: Job) -> str:
    # RFC 8030 topics are at most 32 URL-safe characters.
    return f"r{job.reminder.routine_id}-{job.due.date:%Y%m%d}-{job.due.kind[0]}"


def push_payload(job: Job) -> dict:
    routine = job.reminder.routine
    text = reminder_text(routine.name, job.due.kind)
    return {
        "title": text.title,
        "body": text.body,
        "routine": routine.name,
        "url": site_url(reverse("practice:start", args=[routine.pk])),
        "tag": f"routine-{routine.pk}",
    }


def send_push(job: Job, round_: Round) -> str:
    devices = list(PushSubscription.objects.filter(owner_id=job.reminder.routine.owner_id))
    payload = push_payload(job)
    outcomes = []
    for device in devices:
        host = urlsplit(device.endpoint).netloc
        if host in round_.down:
            outcomes.append(webpush.Outcome.RETRY)
            continue
        keys = webpush.Keys(device.endpoint, device.p256dh, device.auth)
        outcome = webpush.send(keys, payload, topic=topic(job), timeout=webpush.TIMEOUT)
        outcomes.append(outcome)
        if outcome is webpush.Outcome.GONE:
            device.delete()
            round_.removed_devices += 1
        elif outcome is webpush.Outcome.RETRY:
            round_.down.add(host)
        else:
            PushSubscription.objects.filter(pk=device.pk).update(last_sent=timezone.now())
    if webpush.Outcome.SENT in outcomes:
        return SentReminder.State.SENT
    if webpush.Outcome.RETRY in outcomes:
        return SentReminder.State.RETRY
    # Every device is gone: nothing left to try.
    return SentReminder.State.FAILED


def send_email(job: Job, round_: Round) -> str:
    if "smtp" in round_.down:
        return SentReminder.State.RETRY
    reminder = job.reminder
    routine = reminder.routine
    token = make_token(routine.owner_id, routine.pk, reminder.email_epoch)
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    message = reminder_email(
        to=reminder_address(routine.owner),
        routine_name=routine.name,
        kind=job.due.kind,
        start_url=site_url(reverse("practice:start", args=[routine.pk])),
        settings_url=site_url(reverse("reminders:routine", args=[routine.pk])),
        unsubscribe_url=site_url(reverse("reminders:unsubscribe", args=[token])),
        message_id=f"<reminder.{routine.pk}.{job.due.date:%Y%m%d}.{job.due.kind}@{host}>",
    )
    try:
        if round_.mail is None:
            round_.mail = mailers.default
            round_.mail.open()
        round_.mail.send_messages([message])
    except (smtplib.SMTPException, OSError) as error:
        log.warning("Reminder email failed (%s); will retry", error)
        round_.down.add("smtp")
        round_.close()
        return SentReminder.State.RETRY
    return SentReminder.State.SENT


def record(row: SentReminder, state: str, now: datetime.datetime) -> None:
    if state == SentReminder.State.RETRY and row.attempts > len(RETRY_DELAYS):
        state = SentReminder.State.FAILED
    fields = {"state": state}
    if state == SentReminder.State.SENT:
        fields["sent_at"] = timezone.now()
    if state == SentReminder.State.RETRY:
        fields["next_attempt"] = now + RETRY_DELAYS[row.attempts - 1]
    # Only while the claim is still ours: a sender that stalled past the claim timeout and was
    # overtaken must not overwrite the newer claim's outcome.
    SentReminder.objects.filter(pk=row.pk, claimed_at=row.claimed_at).update(**fields)
    for name, value in fields.items():
        setattr(row, name, value)


def send_due(now: datetime.datetime | None = None, jobs: Iterable[Job] | None = None) -> Round:
    """One round: claim every due reminder that nobody else has, send it, record it."""
    now = now or timezone.now()
    round_ = Round()
    try:
        for job in open_jobs(due_jobs(now) if jobs is None else list(jobs), now):
            _send_one(job, now, round_)
    finally:
        round_.close()
    give_up_stale(now)
    return round_


def open_jobs(jobs: list[Job], now: datetime.datetime) -> list[Job]:
    """Leave out, with one query, the jobs already done or in another sender's hands.

    Only a shortcut: claim() still decides, atomically, who sends. Without it a reminder that
    went at 08:00 would cost an insert that fails every minute until its grace runs out.
    """
    if not jobs:
        return []
    rows = SentReminder.objects.filter(
        routine_id__in={job.reminder.routine_id for job in jobs},
        date__in={job.due.date for job in jobs},
    ).values_list("routine_id", "date", "kind", "channel", "state", "claimed_at", "next_attempt")
    closed = set()
    for routine_id, date, kind, channel, state, claimed_at, next_attempt in rows:
        retry_due = state == SentReminder.State.RETRY and next_attempt <= now
        abandoned = state == SentReminder.State.CLAIMED and claimed_at < now - CLAIM_TIMEOUT
        if not (retry_due or abandoned):
            closed.add((routine_id, date, kind, channel))
    return [
        job
        for job in jobs
        if (job.reminder.routine_id, job.due.date, job.due.kind, job.channel) not in closed
    ]


def _send_one(job: Job, now: datetime.datetime, round_: Round) -> None:
    """Claim one reminder, send it unless it was practised meanwhile, record the outcome."""
    row = claim(job, now)
    if row is None:
        return
    if not still_not_practised(job, now):
        # Done in the meantime: nothing to send, and nothing to try again.
        record(row, SentReminder.State.SKIPPED, now)
        return
    if job.channel == SentReminder.Channel.PUSH:
        state = send_push(job, round_)
    else:
        state = send_email(job, round_)
    record(row, state, now)
    if row.state == SentReminder.State.SENT:
        round_.sent.append(row)
    elif row.state == SentReminder.State.RETRY:
        round_.retry.append(row)
    else:
        round_.failed.append(row)


def give_up_stale(now: datetime.datetime) -> int:
    """Claims and retries from long ago are past their grace: mark them given up."""
    return SentReminder.objects.filter(
        state__in=[SentReminder.State.CLAIMED, SentReminder.State.RETRY],
        claimed_at__lt=now - GRACE - CLAIM_TIMEOUT,
    ).update(state=SentReminder.State.FAILED)
