"""Send due reminders: wakes every minute (a process of its own), or once for cron."""

import signal
import time
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils import timezone

from practice.reminders.sender import send_due

TICK_SECONDS = 60


class Command(BaseCommand):
    help = "Send the reminders that are due by Web Push and email, every minute or --once."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--once", action="store_true", help="Send what is due now and stop.")

    def on_signal(self, signum: int, frame: FrameType | None) -> None:
        self.stdout.write(f"{signal.strsignal(signum)}, finishing the current round…")
        self.shutdown = True

    def round(self) -> None:
        done = send_due(timezone.now())
        if done.sent or done.retry or done.failed or done.removed_devices:
            self.stdout.write(
                f"{timezone.now():%Y-%m-%d %H:%M:%S} sent {len(done.sent)}, "
                f"to retry {len(done.retry)}, given up {len(done.failed)}, "
                f"devices removed {done.removed_devices}"
            )

    def handle(self, *args: Any, once: bool = False, **options: Any) -> None:
        if once:
            self.round()
            return
        self.shutdown = False
        signal.signal(signal.SIGTERM, self.on_signal)
        signal.signal(signal.SIGINT, self.on_signal)
        self.stdout.write("sendreminders is running; it wakes every minute.")
        while not self.shutdown:
            # A long-running process must not keep a connection the database has dropped.
            close_old_connections()
            self.round()
            # Wake at the start of the next minute, so a reminder for 08:00 goes at 08:00.
            wake = (time.time() // TICK_SECONDS + 1) * TICK_SECONDS
            while not self.shutdown and time.time() < wake:
                time.sleep(min(1, max(0, wake - time.time())))
        self.stdout.write("sendreminders stopped.")
