from django.urls import path

from acupressure.placeholder import placeholder

urlpatterns = [
    path("today/", placeholder, name="today"),
]
