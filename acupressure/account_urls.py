from django.contrib.auth import views as auth_views
from django.urls import path

from acupressure import account_views

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", account_views.logout_view, name="logout"),
    path("signup/", account_views.signup, name="signup"),
    path("settings/", account_views.settings_view, name="settings"),
    path(
        "settings/calendar/reset/",
        account_views.calendar_reset,
        name="calendar-reset",
    ),
    path("delete/", account_views.delete_account, name="account-delete"),
    path(
        "password/",
        account_views.ThrottledPasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        account_views.LimitedPasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        account_views.UnlockingPasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
