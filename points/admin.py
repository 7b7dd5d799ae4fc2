from django.contrib import admin

from points.models import Alias, Claim, Complaint, LabelNote, Mark, Overclaim, Point, Source


class AliasInline(admin.TabularInline):
    model = Alias
    extra = 0
    fields = ["label", "kind"]


class PointClaimInline(admin.StackedInline):
    model = Claim
    extra = 0
    autocomplete_fields = ["source"]
    fields = [
        ("source", "label", "verdict"),
        ("hold", "repetitions", "position"),
        "location_as_described",
        "benefits",
        "correction",
        "order",
    ]


class MarkInline(admin.TabularInline):
    model = Mark
    extra = 0
    fields = ["view", "x", "y", "primary"]


@admin.register(Point)
class PointAdmin(admin.ModelAdmin):
    list_display = ["code", "pinyin", "name", "region", "reach", "avoid_in_pregnancy"]
    list_display_links = ["code", "pinyin"]
    list_filter = [
        "region",
        "channel",
        "reach",
        "avoid_in_pregnancy",
        "mapping_uncertain",
        "complaints",
    ]
    search_fields = ["code", "pinyin", "name", "aliases__label"]
    filter_horizontal = ["complaints"]
    inlines = [AliasInline, PointClaimInline, MarkInline]
    fieldsets = [
        (
            None,
            {"fields": [("code", "channel", "number"), ("pinyin", "name"), "region", "summary"]},
        ),
        ("Finding it", {"fields": ["location", "how_to_find"]}),
        (
            "Pressing it",
            {"fields": ["technique", ("hold_seconds", "pressure"), ("laterality", "reach")]},
        ),
        ("Safety", {"fields": ["cautions", "avoid_in_pregnancy", "mapping_uncertain"]}),
        ("Articles suggest it for", {"fields": ["complaints"]}),
        ("Naming", {"fields": ["naming_note"]}),
    ]


class SourceClaimInline(admin.TabularInline):
    model = Claim
    extra = 0
    autocomplete_fields = ["point"]
    fields = ["order", "label", "point", "verdict", "hold", "repetitions"]
    show_change_link = True


class OverclaimInline(admin.StackedInline):
    model = Overclaim
    extra = 0
    fields = ["order", "claim", "answer"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "position"]
    list_filter = ["kind"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [SourceClaimInline, OverclaimInline]


@admin.register(LabelNote)
class LabelNoteAdmin(admin.ModelAdmin):
    list_display = ["label", "point"]
    search_fields = ["label", "note"]
    autocomplete_fields = ["point"]


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["label", "source", "point", "verdict"]
    list_filter = ["verdict", "source"]
    list_select_related = ["source", "point"]
    search_fields = ["label", "point__code", "source__title"]
    autocomplete_fields = ["source", "point"]


@admin.register(Complaint)
class ComplaintAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
