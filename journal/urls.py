from django.urls import path

from journal import finish, views

app_name = "journal"

urlpatterns = [
    path("", views.journal_list, name="list"),
    path("new/", views.new_entry, name="new"),
    path("<int:pk>/edit/", views.edit_entry, name="edit"),
    path("<int:pk>/delete/", views.delete_entry, name="delete"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.json", views.export_json, name="export_json"),
    path("summary/", views.summary, name="summary"),
    path("lists/", views.lists, name="lists"),
    path("summary/share/", views.share_links, name="share"),
    path("summary/share/<int:pk>/revoke/", views.revoke_share_link, name="revoke_share"),
]

# Finishing a session answers under the session's own address (/practice/<pk>/finish/) and keeps
# its own namespace, "finish"; acupressure/urls.py includes it under practice/.
finish_patterns = (
    [path("<int:pk>/finish/", finish.finish_practice, name="practice")],
    "finish",
)

# A share link opens the summary for someone without an account, at /shared/<token>/.
shared_patterns = (
    [path("<str:token>/", views.shared_summary, name="summary")],
    "shared",
)
