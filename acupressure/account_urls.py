from django.urls import path

from acupressure.placeholder import placeholder

urlpatterns = [
    path("login/", placeholder, name="login"),
    path("logout/", placeholder, name="logout"),
    path("signup/", placeholder, name="signup"),
    path("settings/", placeholder, name="settings"),
]
