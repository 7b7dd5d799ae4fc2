from django.apps import AppConfig


class PointsConfig(AppConfig):
    name = "points"
    verbose_name = "Point catalogue"

    def ready(self) -> None:
        from points import edition

        edition.connect_signals()

    def offline_urls(self) -> list[str]:
        """The whole catalogue, for the service worker to keep offline (acupressure/pwa.py):
        the list, the body map, every point page and its diagram, the sources, safety."""
        from django.urls import reverse

        from points import edition
        from points.diagram_views import drawings_url
        from points.models import Point, Source

        number = edition.current()[0]
        urls = [
            reverse("points:list"),
            reverse("points:map"),
            reverse("points:sources"),
            reverse("safety"),
            # The drawings every catalogue page draws its bodies from, under its release.
            drawings_url(),
        ]
        for code in Point.objects.order_by("code").values_list("code", flat=True):
            # The diagram under the address its page links (templates/points/detail.html).
            diagram = f"{reverse('points:diagram', args=[code])}?v={edition.stamp(number)}"
            urls += [reverse("points:detail", args=[code]), diagram]
        for slug in Source.objects.order_by("position", "slug").values_list("slug", flat=True):
            urls.append(reverse("points:source", args=[slug]))
        return urls

    def offline_release(self) -> str:
        """Part of the offline cache's name: an edit of the catalogue makes a new cache."""
        from points import edition

        return str(edition.current()[0])
