from django import forms
from django.utils import timezone
from django.utils.html import format_html

from acupressure.renderers import InputFirstRenderer
from journal.models import Entry
from journal.validators import validate_entry_time
from routines.access import routines_for_user
from routines.models import Routine

PAIN_CHOICES = [(score, str(score)) for score in range(11)]
PAIN_RANGE_MESSAGE = "Pain is a whole number from 0 (no pain) to 10 (worst imaginable)."
PERIOD_CHOICES = [
    ("4", "Last 4 weeks"),
    ("12", "Last 12 weeks"),
    ("26", "Last 6 months"),
    ("52", "Last year"),
    ("all", "Everything"),
]
DEFAULT_PERIOD = "12"


class PainField(forms.TypedChoiceField):
    """A 0–10 score picked from a row of large radio buttons."""

    widget = forms.RadioSelect

    def __init__(self, *, required_message: str, **kwargs) -> None:
        kwargs.setdefault("choices", PAIN_CHOICES)
        kwargs.setdefault("coerce", int)
        kwargs.setdefault("empty_value", None)
        super().__init__(
            error_messages={"required": required_message, "invalid_choice": PAIN_RANGE_MESSAGE},
            **kwargs,
        )


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


class AreasMixin(forms.Form):
    area_lower_back = forms.BooleanField(label="Lower back", required=False)
    area_hip = forms.BooleanField(label="Buttock or hip", required=False)
    area_leg = forms.BooleanField(label="Leg or sciatica", required=False)
    note = forms.CharField(
        label=format_html('Note <span class="muted">{}</span>', "(optional)"),
        required=False,
        template_name=InputFirstRenderer.field_template_name,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Anything worth remembering: sleep, activity, what helped (up to 2000 letters).",
    )

    AREA_FIELDS = ("area_lower_back", "area_hip", "area_leg")


class FinishForm(AreasMixin):
    """Pain after a guided session, and how it went."""

    pain_after = PainField(
        label="How much does it hurt now?",
        required_message="Choose how much it hurts now, from 0 (no pain) to 10 (worst imaginable).",
    )
    feel = FeelField()

    field_order = ["pain_after", "pain_before", "feel", *AreasMixin.AREA_FIELDS, "note"]

    def __init__(self, *args, ask_before: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if ask_before:
            self.fields["pain_before"] = PainField(
                label="And before you started? (optional)",
                required=False,
                required_message="",
            )
            self.order_fields(self.field_order)


class EntryForm(AreasMixin, forms.ModelForm):
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
        label="How much did it hurt before you pressed? (optional)",
        required=False,
        required_message="",
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
            "area_lower_back",
            "area_hip",
            "area_leg",
            "note",
        ]

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.practice_id is not None:
            # An entry that closes a guided session keeps the routine it was made with.
            del self.fields["routine"]
        else:
            self.fields["routine"].queryset = routines_for_user(user)
        if not self.is_bound and self.instance.pk is None:
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

    def save(self, commit: bool = True) -> Entry:
        entry = super().save(commit=False)
        if "routine" in self.fields:
            entry.routine_name = entry.routine.name if entry.routine else ""
        if commit:
            entry.save()
        return entry


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
