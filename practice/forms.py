from django import forms

SKIP = "skip"
PAIN_WORDS = {0: "No pain", 10: "Worst imaginable"}


class PainBeforeForm(forms.Form):
    """The pain score before a session: a whole number from 0 to 10, or skipped."""

    pain = forms.ChoiceField(
        label="How much does it hurt right now?",
        choices=[(str(n), str(n)) for n in range(11)] + [(SKIP, "Skip")],
        required=False,
        error_messages={
            "invalid_choice": "Choose a whole number from 0 (no pain) to 10 (worst imaginable), "
            "or Skip.",
        },
    )

    def clean_pain(self) -> int | None:
        value = self.cleaned_data["pain"]
        if value in ("", SKIP):
            return None
        return int(value)

    def scale(self) -> list[dict]:
        """The radio buttons, 0 to 10, with the submitted value checked again after an error."""
        current = self.data.get("pain") if self.is_bound else None
        return [
            {
                "value": n,
                "id": f"pain-{n}",
                "words": PAIN_WORDS.get(n, ""),
                "checked": current == str(n),
            }
            for n in range(11)
        ]
