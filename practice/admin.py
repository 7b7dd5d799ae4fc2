from django.contrib import admin

from practice.models import SentReminder


@admin.register(SentReminder)
class SentReminderAdmin(admin.ModelAdmin):
    """What the reminder sender did, to see a push service or mail server that keeps failing."""

    list_display = ["routine", "date", "kind", "channel", "state", "attempts", "sent_at"]
    list_filter = ["state", "channel", "kind", "date"]
    list_select_related = ["routine"]
    date_hierarchy = "date"
    readonly_fields = [field.name for field in SentReminder._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False
