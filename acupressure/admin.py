from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from acupressure.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        (
            "Practice settings",
            {
                "fields": [
                    "pregnant",
                    "voice_on",
                    "sound_on",
                    "vibrate_on",
                    "get_ready_seconds",
                    "theme",
                    "timezone",
                ]
            },
        ),
        ("Calendar feed", {"fields": ["calendar_token"]}),
    ]
    readonly_fields = ["calendar_token"]
    list_display = [*BaseUserAdmin.list_display, "pregnant", "date_joined"]
    list_filter = [*BaseUserAdmin.list_filter, "pregnant"]
