from django.urls import path

from acupressure.placeholder import placeholder

app_name = "routines"

urlpatterns = [
    path("routines/", placeholder, name="list"),
    path("routines/<int:pk>/", placeholder, name="detail"),
    path("routines/starters/", placeholder, name="starters"),
    path("routines/starters/<slug:slug>/", placeholder, name="starter"),
]
