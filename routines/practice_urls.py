from django.urls import path

from acupressure.placeholder import placeholder

app_name = "practice"

urlpatterns = [
    path("<int:pk>/", placeholder, name="player"),
]
