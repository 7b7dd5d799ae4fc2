from django.contrib import admin

from journal.models import Entry


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ["recorded_at", "user", "routine_name", "pain_before", "pain_after", "feel"]
    list_filter = ["feel", "ran_to_end", "sleep"]
    search_fields = ["user__username", "routine_name", "note"]
    date_hierarchy = "recorded_at"
    raw_id_fields = ["user", "practice", "routine", "medicines"]
    list_select_related = ["user"]
    ordering = ["-recorded_at"]
