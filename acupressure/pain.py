"""The 0–10 score: one field for every form that asks how much it hurts (or how well something
goes), rendered by one template as a row of large radio buttons, with an optional Skip."""

from django import forms

SKIP = "skip"
PAIN_RANGE_MESSAGE = "Pain is a whole number from 0 (no pain) to 10 (worst imaginable)."
SCORES = [(score, str(score)) for score in range(11)]


class PainField(forms.TypedChoiceField):
    """A whole number from 0 to 10, None when left out or skipped.

    `low` and `high` are the words for the two ends, said to screen readers on 0 and 10 and
    shown under the row; `skip` adds a Skip button, for a question a person may choose not to
    answer (the score before a session) and wants to say so rather than leave it blank;
    `skip_label` is what that button says.
    """

    widget = forms.RadioSelect

    def __init__(
        self,
        *,
        required_message: str = "",
        low: str = "No pain",
        high: str = "Worst imaginable",
        scale_help: str = "0 means no pain, 10 the worst pain you can imagine.",
        skip: bool = False,
        skip_label: str = "Skip this question",
        invalid_message: str = PAIN_RANGE_MESSAGE,
        **kwargs,
    ) -> None:
        choices = [*SCORES, (SKIP, "Skip")] if skip else SCORES
        kwargs.setdefault("template_name", "forms/pain_field.html")
        kwargs.setdefault("coerce", int)
        kwargs.setdefault("empty_value", None)
        if skip:
            kwargs["required"] = False
        super().__init__(
            choices=choices,
            error_messages={"required": required_message, "invalid_choice": invalid_message},
            **kwargs,
        )
        self.low, self.high, self.scale_help = low, high, scale_help
        self.skip, self.skip_label = skip, skip_label

    def clean(self, value):
        if value == SKIP:
            return None
        return super().clean(value)
