from django.urls import path

from acupressure.placeholder import placeholder

app_name = "points"

urlpatterns = [
    path("points/", placeholder, name="list"),
    path("points/<str:code>/", placeholder, name="detail"),
    path("sources/", placeholder, name="sources"),
    path("sources/<slug:slug>/", placeholder, name="source"),
]
