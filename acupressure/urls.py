"""Every address of the app: the one place that includes each app's URLs."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

import journal.urls
import practice.urls
import routines.urls
from acupressure import accounts, pwa, views
from journal import account_export
from journal import views as journal_views
from points.views import safety

account_patterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", accounts.logout_view, name="logout"),
    path("signup/", accounts.signup, name="signup"),
    path("settings/", accounts.settings_view, name="settings"),
    path(
        "settings/calendar/reset/",
        accounts.calendar_reset,
        name="calendar-reset",
    ),
    path("delete/", accounts.delete_account, name="account-delete"),
    path("email/verify/", accounts.verify_email_send, name="email-verify-send"),
    path("email/verify/<str:token>/", accounts.verify_email, name="email-verify"),
    path(
        "password/",
        accounts.ThrottledPasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        accounts.LimitedPasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        accounts.UnlockingPasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("safety/", safety, name="safety"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("favicon.ico", views.favicon_ico, name="favicon"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("sw.js", pwa.service_worker, name="service-worker"),
    path("offline/", pwa.offline, name="offline"),
    path("offline/files.json", pwa.offline_files, name="offline-files"),
    # Reads every app, so it lives in the journal (the top of the imports); same address.
    path("accounts/export.json", account_export.export_data, name="export"),
    path("accounts/import/", journal_views.import_data, name="import"),
    path("accounts/", include(account_patterns)),
    path("", include("points.urls")),
    path("", include("routines.urls")),
    path("", include(routines.urls.plain_patterns)),
    path("", include(practice.urls.plain_patterns)),
    path("practice/", include("practice.urls")),
    path("practice/", include(journal.urls.finish_patterns)),
    path("shared/", include(journal.urls.shared_patterns)),
    path("reminders/", include(practice.urls.reminder_patterns)),
    path("journal/", include("journal.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "acupressure.views.bad_request"
handler403 = "acupressure.views.permission_denied"
handler404 = "acupressure.views.page_not_found"
handler500 = "acupressure.views.server_error"
