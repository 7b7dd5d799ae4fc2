from django.contrib import admin

from routines.models import Routine, Step


class StepInline(admin.TabularInline):
    model = Step
    extra = 0
    fields = ["position", "point", "side", "hold_seconds", "repetitions", "note"]
    autocomplete_fields = ["point"]
    ordering = ["position", "id"]


@admin.register(Routine)
class RoutineAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "schedule", "weekdays", "archived", "source", "updated"]
    list_filter = ["schedule", "archived", ("owner", admin.EmptyFieldListFilter), "source"]
    search_fields = ["name", "slug", "owner__username", "owner__email"]
    list_select_related = ["owner", "source"]
    raw_id_fields = ["owner", "copied_from"]
    readonly_fields = ["created", "updated"]
    inlines = [StepInline]
