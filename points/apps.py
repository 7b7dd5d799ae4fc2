from django.apps import AppConfig


class PointsConfig(AppConfig):
    name = "points"
    verbose_name = "Point catalogue"

    def ready(self) -> None:
        from points import edition

        edition.connect_signals()
