from django.urls import path, re_path

from routines import editing, from_point, views

app_name = "routines"

urlpatterns = [
    path("routines/", views.routine_list, name="list"),
    path("routines/new/", editing.new, name="new"),
    path("routines/starters/", views.starters, name="starters"),
    path("routines/starters/<slug:slug>/", views.starter, name="starter"),
    path("routines/starters/<slug:slug>/use/", views.use_starter, name="use"),
    path("routines/add-point/<str:code>/", from_point.add_point, name="add_point"),
    path("routines/<int:pk>/", views.detail, name="detail"),
    path("routines/<int:pk>/edit/", editing.edit, name="edit"),
    path("routines/<int:pk>/print/", views.print_view, name="print"),
    path("routines/<int:pk>/card.png", views.card, name="card"),
    path("routines/<int:pk>/archive/", views.archive, name="archive"),
    path("routines/<int:pk>/delete/", views.delete, name="delete"),
    path("routines/<int:pk>/steps/add/", editing.add_step, name="add_step"),
    path("routines/<int:pk>/steps/<int:step_pk>/", editing.update_step, name="update_step"),
    path("routines/<int:pk>/steps/<int:step_pk>/move/", editing.move_step, name="move_step"),
    path("routines/<int:pk>/steps/<int:step_pk>/remove/", editing.remove_step, name="remove_step"),
]

# Named outside the namespace, as it always was; acupressure/urls.py includes it at the root.
plain_patterns = [
    # Tokens are url-safe base64 (secrets.token_urlsafe): letters, digits, "-" and "_".
    re_path(
        r"^calendar/(?P<token>[A-Za-z0-9_-]{20,64})\.ics$",
        views.calendar_feed,
        name="calendar-feed",
    ),
]
