from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from points.catalogue import load_catalogue
from routines.starters import load_starters


class Command(BaseCommand):
    help = (
        "Load or update the point catalogue and the starter routines from fixtures/. "
        "Idempotent: running it twice changes nothing; an edited fixture updates in place."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--fixtures",
            type=Path,
            default=Path(settings.BASE_DIR) / "fixtures",
            help="Folder holding the catalogue fixtures.",
        )

    def handle(self, *args, fixtures: Path, verbosity: int = 1, **options) -> None:
        with transaction.atomic():
            catalogue = load_catalogue(fixtures)
            starters = load_starters(fixtures)
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(f"Catalogue: {catalogue}. Starter routines: {starters}.")
            )
