from django.urls import path

from acupressure.placeholder import placeholder

app_name = "journal"

urlpatterns = [
    path("", placeholder, name="list"),
    path("<int:pk>/edit/", placeholder, name="edit"),
]
