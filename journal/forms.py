from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html

from acupressure.pain import PainField
from acupressure.renderers import InputFirstRenderer
from journal import areas
from journal.models import (
    MAX_ACTIVITIES,
    MAX_MEDICINES,
    Ability,
    Activity,
    Entry,
    Medicine,
    ShareLink,
)
from journal.validators import validate_entry_time
from routines.access import routines_for_user
from routines.models import Routine

PERIOD_CHOICES = [
    ("4", "Last 4 weeks"),
    ("12", "Last 12 weeks"),
    ("26", "Last 6 months"),
    ("52", "Last year"),
    ("all", "Everything"),
]
DEFAULT_PERIOD = "12"


class FeelField(forms.ChoiceField):
    widget = forms.RadioSelect

    def __init__(self, **kwargs) -> None:
        super().__init__(
            choices=Entry.Feel.choices,
            required=False,
            label="How did the pressure feel?",
            error_messages={"invalid_choice": "Choose too light, about right or too hard."},
            **kwargs,
        )


class AreasField(forms.TypedMultipleChoiceField):
    """The body map: a checkbox per area, cleaned to the stored bits (journal.areas)."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *, legacy_bits: int = 0, **kwargs) -> None:
        shown = [a for a in areas.AREAS if a.current or legacy_bits & a.bit]
        super().__init__(
            choices=[(a.code, a.label) for a in shown],
            required=False,
            label="Where does it hurt?",
            error_messages={"invalid_choice": "Choose the areas on the map."},
            **kwargs,
        )

    def clean(self, value) -> int:
        return areas.to_bits(super().clean(value))


class ContextMixin(forms.Form):
    """Where it hurts and what else went on: every part optional, each one tap."""

    note = forms.CharField(
        label=format_html('Note <span class="muted">{}</span>', "(optional)"),
        required=False,
        template_name=InputFirstRenderer.field_template_name,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Anything worth remembering: what you did, what helped (up to 2000 letters).",
    )
    other_medicine = forms.BooleanField(label="Other", required=False)
    sleep = forms.TypedChoiceField(
        label="How did you sleep last night?",
        choices=Entry.Sleep.choices,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose one of the five answers, or none."},
    )

    def add_context_fields(self, user, areas_now: int = 0) -> None:
        self.fields["areas"] = AreasField(legacy_bits=areas_now)
        self.fields["medicines"] = forms.ModelMultipleChoiceField(
            queryset=Medicine.objects.filter(user=user, retired=False),
            required=False,
            label="Pain medicine today",
            widget=forms.CheckboxSelectMultiple,
            error_messages={"invalid_choice": "Choose medicines from your own list."},
        )
        self.activities = list(Activity.objects.filter(user=user))
        for activity in self.activities:
            self.fields[ability_field(activity)] = PainField(
                label=activity.name,
                required=False,
                low="Cannot do it",
                high="As well as before",
                scale_help="",  # said once for all of them (journal/_entry_fields.html)
                invalid_message="Choose a whole number from 0 (cannot do it) to 10.",
            )

    def body_map(self) -> list[dict]:
        """The map's rows, each with its checkboxes (left, centre, right) and their areas; the
        areas from before the map come last, only for an entry that has them."""
        boxes = {box.data["value"]: box for box in self["areas"]}
        rows = []
        for region, label in [*areas.REGIONS, ("before", "Recorded before the map")]:
            spots = [
                {"box": boxes[a.code], "area": a}
                for a in areas.AREAS
                if a.code in boxes and (a.region == region if a.current else region == "before")
            ]
            if spots:
                rows.append({"region": region, "label": label, "spots": spots})
        return rows

    def ability_fields(self):
        return [self[ability_field(a)] for a in self.activities]

    def abilities(self) -> list[tuple[Activity, int]]:
        """The activities scored, with their scores."""
        found = []
        for activity in self.activities:
            score = self.cleaned_data.get(ability_field(activity))
            if score is not None:
                found.append((activity, score))
        return found


def ability_field(activity: Activity) -> str:
    return f"ability_{activity.position}"


class FinishForm(ContextMixin):
    """Pain after a guided session, and how it went."""

    pain_after = PainField(
        label="How much does it hurt now?",
        required_message="Choose how much it hurts now, from 0 (no pain) to 10 (worst imaginable).",
    )
    feel = FeelField()

    def __init__(self, *args, user, ask_before: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if ask_before:
            self.fields["pain_before"] = PainField(
                label="And before you started? (optional)", required=False
            )
        self.add_context_fields(user)
        self.order_fields(["pain_after", "pain_before", "feel", "areas"])


class EntryForm(ContextMixin, forms.ModelForm):
    """Pain recorded on its own, or an entry being corrected."""

    recorded_at = forms.DateTimeField(
        label="When",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        validators=[validate_entry_time],
        error_messages={
            "required": "Enter the date and time.",
            "invalid": "Enter a valid date and time, like 2026-03-14 08:30.",
        },
    )
    pain_after = PainField(
        label="How much does it hurt?",
        required_message="Choose how much it hurts, from 0 (no pain) to 10 (worst imaginable).",
    )
    pain_before = PainField(
        label="How much did it hurt before you pressed? (optional)", required=False
    )
    routine = forms.ModelChoiceField(
        queryset=Routine.objects.none(),
        required=False,
        label="Routine you did (optional)",
        empty_label="None: just recording pain",
        error_messages={"invalid_choice": "Choose one of your own routines, or none."},
    )
    feel = FeelField()

    class Meta:
        model = Entry
        fields = [
            "recorded_at",
            "pain_after",
            "pain_before",
            "routine",
            "feel",
            "areas",
            "medicines",
            "other_medicine",
            "sleep",
            "note",
        ]

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.add_context_fields(user, self.instance.areas)
        if self.instance.practice_id is not None:
            # An entry that closes a guided session keeps the routine it was made with.
            del self.fields["routine"]
        else:
            self.fields["routine"].queryset = routines_for_user(user)
        if self.instance.pk is not None:
            self.initial["areas"] = areas.to_codes(self.instance.areas)
            for ability in self.instance.abilities.all():
                if ability.activity is not None:
                    self.initial[ability_field(ability.activity)] = ability.score
        elif not self.is_bound:
            self.initial.setdefault(
                "recorded_at", timezone.localtime().replace(second=0, microsecond=0)
            )

    def session_details_open(self) -> bool:
        """Whether the part about a session just done starts unfolded."""
        if self.is_bound:
            return bool(
                self.data.get("pain_before")
                or self.data.get("routine")
                or self.errors.get("pain_before")
                or self.errors.get("routine")
            )
        return self.instance.pain_before is not None or self.instance.routine_id is not None

    @transaction.atomic
    def save(self, commit: bool = True) -> Entry:
        entry = super().save(commit=False)
        if "routine" in self.fields:
            entry.routine_name = entry.routine.name if entry.routine else ""
        entry.save()
        self.save_m2m()
        save_abilities(entry, self.activities, self.abilities())
        return entry


def save_abilities(entry: Entry, activities, scored) -> None:
    """Keep the entry's scores for the person's current activities as answered: a score left
    out removes the one recorded before; scores of activities since removed stay."""
    entry.abilities.filter(activity__in=activities).delete()
    Ability.objects.bulk_create(
        Ability(entry=entry, activity=activity, name=activity.name, score=score)
        for activity, score in scored
    )


class PeriodForm(forms.Form):
    period = forms.ChoiceField(label="Show", choices=PERIOD_CHOICES, required=False)

    @classmethod
    def from_query(cls, query) -> "PeriodForm":
        """The period asked for in the query string; anything unknown means the default."""
        value = query.get("period", "")
        if value not in dict(PERIOD_CHOICES):
            value = DEFAULT_PERIOD
        return cls({"period": value})

    def value(self) -> str:
        return (self.cleaned_data.get("period") if self.is_valid() else None) or DEFAULT_PERIOD

    def weeks(self) -> int | None:
        """Weeks to show, None for everything."""
        value = self.value()
        return None if value == "all" else int(value)


class ListsForm(forms.Form):
    """The person's own short lists: the pain medicines they take and up to three activities."""

    medicines = forms.CharField(
        label="Pain medicines you take",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=f"One a line, up to {MAX_MEDICINES}: for example “ibuprofen” or “paracetamol”.",
    )
    activity_0 = forms.CharField(label="Activity 1", required=False, max_length=60)
    activity_1 = forms.CharField(label="Activity 2", required=False, max_length=60)
    activity_2 = forms.CharField(label="Activity 3", required=False, max_length=60)

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if not self.is_bound:
            self.initial["medicines"] = "\n".join(
                Medicine.objects.filter(user=user, retired=False).values_list("name", flat=True)
            )
            for activity in Activity.objects.filter(user=user):
                self.initial[f"activity_{activity.position}"] = activity.name

    def clean_medicines(self) -> list[str]:
        names = []
        for line in self.cleaned_data["medicines"].splitlines():
            name = " ".join(line.split())
            if name and name.casefold() not in {n.casefold() for n in names}:
                names.append(name)
        if len(names) > MAX_MEDICINES:
            raise forms.ValidationError(f"Keep the list to {MAX_MEDICINES} medicines at most.")
        if any(len(name) > 60 for name in names):
            raise forms.ValidationError("Each medicine's name can be up to 60 letters.")
        return names

    @transaction.atomic
    def save(self) -> None:
        """Bring the lists to what was entered. A medicine or activity taken off the list goes
        from the form; the entries that named it keep what they recorded."""
        names = self.cleaned_data["medicines"]
        Medicine.objects.filter(user=self.user).exclude(name__in=names).update(retired=True)
        for position, name in enumerate(names):
            Medicine.objects.update_or_create(
                user=self.user, name=name, defaults={"position": position, "retired": False}
            )
        for position in range(MAX_ACTIVITIES):
            name = " ".join(self.cleaned_data[f"activity_{position}"].split())
            current = Activity.objects.filter(user=self.user, position=position).first()
            if current and current.name != name:
                current.delete()  # its scores keep their name (Ability.name)
                current = None
            if name and current is None:
                Activity.objects.create(user=self.user, name=name, position=position)


class ShareForm(forms.Form):
    """How long a share link opens the summary, and which period the summary covers."""

    days = forms.TypedChoiceField(
        label="The link works for",
        choices=ShareLink.Lifetime.choices,
        coerce=int,
        initial=ShareLink.Lifetime.WEEK,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose 7 or 30 days."},
    )
    period = forms.ChoiceField(
        label="The summary covers", choices=PERIOD_CHOICES, initial=DEFAULT_PERIOD
    )

    def lifetime(self) -> int:
        """Days the link will open the summary."""
        return self.cleaned_data["days"]

    def weeks(self) -> int | None:
        value = self.cleaned_data["period"]
        return None if value == "all" else int(value)


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Export file",
        help_text="The .json file that “Download my data” saved, from this server or another.",
        error_messages={"required": "Choose the export file to import."},
    )
