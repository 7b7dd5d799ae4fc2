from django.urls import path

from journal import views

app_name = "journal"

urlpatterns = [
    path("", views.journal_list, name="list"),
    path("new/", views.new_entry, name="new"),
    path("<int:pk>/edit/", views.edit_entry, name="edit"),
    path("<int:pk>/delete/", views.delete_entry, name="delete"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.json", views.export_json, name="export_json"),
    path("summary/", views.summary, name="summary"),
]
