from django.urls import path

from journal import finish

app_name = "finish"

urlpatterns = [
    path("<int:pk>/finish/", finish.finish_practice, name="practice"),
]
