from django.contrib import admin
from django.urls import include, path

from acupressure import views
from journal import account_export
from points.views import safety

urlpatterns = [
    path("", views.home, name="home"),
    path("safety/", safety, name="safety"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("favicon.ico", views.favicon_ico, name="favicon"),
    # Reads every app, so it lives in the journal (the top of the imports); same address.
    path("accounts/export.json", account_export.export_data, name="export"),
    path("accounts/", include("acupressure.account_urls")),
    path("", include("points.urls")),
    path("", include("routines.urls")),
    path("", include("routines.today_urls")),
    path("practice/", include("routines.practice_urls")),
    path("practice/", include("journal.finish_urls")),
    path("journal/", include("journal.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "acupressure.views.bad_request"
handler403 = "acupressure.views.permission_denied"
handler404 = "acupressure.views.page_not_found"
handler500 = "acupressure.views.server_error"
