from django.apps import AppConfig


class AcupressureConfig(AppConfig):
    name = "acupressure"
    verbose_name = "Accounts and site"

    def ready(self) -> None:
        # Connects the counting of wrong passwords per address.
        from acupressure import login_throttle  # noqa: F401
