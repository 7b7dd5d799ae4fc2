from django.urls import path

from practice import today, views
from practice.reminders import views as reminder_views

app_name = "practice"

urlpatterns = [
    path("", views.practice_list, name="list"),
    path("start/<int:routine_pk>/", views.start, name="start"),
    path("<int:pk>/", views.player, name="player"),
    path("<int:pk>/advance/", views.advance, name="advance"),
    path("<int:pk>/pause/", views.pause, name="pause"),
    path("<int:pk>/resume/", views.resume, name="resume"),
    path("<int:pk>/skip/", views.skip, name="skip"),
    path("<int:pk>/back/", views.back, name="back"),
    path("<int:pk>/end/", views.end, name="end"),
    path("<int:pk>/reopen/", views.reopen, name="reopen"),
    path("<int:pk>/discard/", views.discard, name="discard"),
]

# Named outside the namespace, as it always was; acupressure/urls.py includes it at the root.
plain_patterns = [
    path("today/", today.today, name="today"),
]

# Reminder settings, devices and the email unsubscribe link, under reminders/ in their own
# namespace, "reminders".
reminder_patterns = (
    [
        path("", reminder_views.reminders, name="list"),
        path("routine/<int:pk>/", reminder_views.routine_reminder, name="routine"),
        path("devices/", reminder_views.subscribe, name="subscribe"),
        path("devices/<int:pk>/remove/", reminder_views.remove_device, name="remove-device"),
        path("unsubscribe/<str:token>/", reminder_views.unsubscribe, name="unsubscribe"),
    ],
    "reminders",
)
