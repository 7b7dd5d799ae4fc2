from django import forms

from acupressure.renderers import InputFirstRenderer
from points.models import Point
from routines.describe import side_words
from routines.models import (
    MAX_HOLD_SECONDS,
    MAX_REPETITIONS,
    MIN_HOLD_SECONDS,
    WEEKDAY_NAMES,
    Routine,
    Step,
)
from routines.validators import (
    HOLD_MESSAGE,
    REPETITIONS_MESSAGE,
    side_message,
    sides_for_point,
    validate_hold_seconds,
    validate_repetitions,
    validate_side_for_point,
    validate_weekly_days,
)

GET_READY_MESSAGE = "Enter a number of seconds from 0 to 60, or leave it empty."


class RoutineForm(forms.ModelForm):
    """Name, schedule and reminder time. Converts the weekday checkboxes to the "024" form."""

    default_renderer = InputFirstRenderer

    schedule = forms.ChoiceField(
        label="How often",
        choices=[
            (Routine.Schedule.DAILY, "Every day"),
            (Routine.Schedule.WEEKLY, "Three times a week, on the days I choose"),
        ],
        widget=forms.RadioSelect,
    )
    weekdays = forms.TypedMultipleChoiceField(
        label="Days",
        choices=[(i, name) for i, name in enumerate(WEEKDAY_NAMES)],
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick three days for three times a week. Leave a day between sessions.",
        error_messages={"invalid_choice": "Choose days from Monday to Sunday."},
    )

    class Meta:
        model = Routine
        fields = [
            "name",
            "schedule",
            "weekdays",
            "practice_time",
            "get_ready_seconds",
            "description",
        ]
        labels = {
            "name": "Name",
            "practice_time": "Time of day",
            "get_ready_seconds": "Seconds to get ready before each point (optional)",
            "description": "Notes (optional)",
        }
        help_texts = {
            "practice_time": "Shown on your Today page and used by the calendar reminder.",
            "get_ready_seconds": (
                "From 0 to 60, for this routine only. Leave empty to use your own setting."
            ),
            "description": "Anything you want to remember: where you sit, what helps.",
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "off"}),
            "practice_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "get_ready_seconds": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "name": {
                "required": "Give the routine a name.",
                "max_length": (
                    "Keep the name to %(limit_value)d characters or fewer (it has %(show_value)d)."
                ),
            },
            "practice_time": {
                "required": "Choose a time of day, such as 08:00.",
                "invalid": "Enter a time of day as hours and minutes, such as 08:00.",
            },
            "get_ready_seconds": {
                "invalid": GET_READY_MESSAGE,
                "min_value": GET_READY_MESSAGE,
                "max_value": GET_READY_MESSAGE,
            },
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "weekdays" not in self.initial or isinstance(self.initial["weekdays"], str):
            self.initial["weekdays"] = [int(c) for c in (self.instance.weekdays or "024")]

    def clean_weekdays(self) -> str:
        return "".join(str(day) for day in sorted(set(self.cleaned_data["weekdays"])))

    def clean(self) -> dict:
        cleaned = super().clean()
        schedule = cleaned.get("schedule")
        weekdays = cleaned.get("weekdays")
        if "weekdays" in self.errors:
            return cleaned
        days = [int(c) for c in weekdays or ""]
        if schedule == Routine.Schedule.WEEKLY:
            try:
                validate_weekly_days(days)
            except forms.ValidationError as error:
                self.add_error("weekdays", error)
        elif schedule == Routine.Schedule.DAILY:
            # Every day needs no weekdays: boxes left as they were, or half changed, must not
            # block the save. Keep the last three for when they switch back.
            try:
                validate_weekly_days(days)
            except forms.ValidationError:
                cleaned["weekdays"] = self.instance.weekdays or "024"
        return cleaned


class StepForm(forms.ModelForm):
    """One step's side, hold, repetitions and note. The side choices depend on the point."""

    default_renderer = InputFirstRenderer

    side = forms.ChoiceField(label="Side")
    hold_seconds = forms.IntegerField(
        label="Hold (seconds)",
        validators=[validate_hold_seconds],
        error_messages={"required": HOLD_MESSAGE, "invalid": HOLD_MESSAGE},
        widget=forms.NumberInput(
            attrs={"min": MIN_HOLD_SECONDS, "max": MAX_HOLD_SECONDS, "inputmode": "numeric"}
        ),
    )
    repetitions = forms.IntegerField(
        label="Times",
        validators=[validate_repetitions],
        error_messages={"required": REPETITIONS_MESSAGE, "invalid": REPETITIONS_MESSAGE},
        widget=forms.NumberInput(attrs={"min": 1, "max": MAX_REPETITIONS, "inputmode": "numeric"}),
    )

    class Meta:
        model = Step
        fields = ["side", "hold_seconds", "repetitions", "note"]
        labels = {"note": "Note (optional)"}
        widgets = {"note": forms.TextInput(attrs={"maxlength": 200, "autocomplete": "off"})}
        error_messages = {
            "note": {"max_length": "Keep the note to %(limit_value)d characters or fewer."}
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        point = self.instance.point
        side = self.fields["side"]
        side.choices = [(value, side_words(value).choice) for value in sides_for_point(point)]
        side.error_messages["invalid_choice"] = side_message(point)
        if point.is_midline:
            self.fields["side"].widget = forms.HiddenInput()

    def clean_side(self) -> str:
        side = self.cleaned_data["side"]
        validate_side_for_point(side, self.instance.point)
        return side


class AddStepForm(forms.Form):
    point = forms.ModelChoiceField(
        queryset=Point.objects.all(),
        error_messages={
            "required": "Choose a point to add.",
            "invalid_choice": "That point is not in the catalogue. Search for it by code or name.",
        },
    )
    # Set by the "Add again" button: a second step for a point already in the routine.
    again = forms.BooleanField(required=False)


class MoveStepForm(forms.Form):
    direction = forms.ChoiceField(
        choices=[("up", "Move up"), ("down", "Move down")],
        error_messages={
            "required": "Say which way to move the point.",
            "invalid_choice": "Move a point up or down.",
        },
    )


class PointSearchForm(forms.Form):
    q = forms.CharField(label="Find a point", max_length=100, required=False, strip=True)


class ArchiveForm(forms.Form):
    """Archive a routine ("1") or make it active again ("0").

    Not a BooleanField: its checkbox widget reads the string "0" as ticked.
    """

    archived = forms.TypedChoiceField(
        choices=[("1", "Archive"), ("0", "Make active again")],
        coerce=lambda value: value == "1",
        error_messages={
            "required": "Say whether to archive the routine or make it active again.",
            "invalid_choice": "Say whether to archive the routine or make it active again.",
        },
    )


class AddPointForm(forms.Form):
    """From a point's page: which of the person's routines to add it to, or a new one."""

    NEW = "new"

    routine = forms.ChoiceField(
        label="Add it to",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose a routine, or a new one.",
            "invalid_choice": "That routine is not one of yours. Choose another.",
        },
    )
    name = forms.CharField(
        label="Name for the new routine",
        required=False,
        max_length=100,
        help_text="Only for a new routine; left empty, it is called “My routine”.",
    )
    # Ticked to add a point that is already a step of the chosen routine.
    again = forms.BooleanField(label="Yes, add it again", required=False)

    def __init__(self, *args, routines, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.routines = {str(routine.pk): routine for routine in routines}
        self.fields["routine"].choices = [
            (pk, routine.name) for pk, routine in self.routines.items()
        ] + [(self.NEW, "A new routine")]
        # The first routine is chosen to begin with, or a new one when there is none.
        self.fields["routine"].initial = next(iter(self.routines), self.NEW)

    def clean_routine(self) -> Routine | None:
        """The chosen routine, or None for a new one."""
        choice = self.cleaned_data["routine"]
        return None if choice == self.NEW else self.routines[choice]

    def clean_name(self) -> str:
        return self.cleaned_data["name"].strip() or "My routine"
