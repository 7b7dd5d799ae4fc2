from django import forms

from acupressure.pain import PainField


class PainBeforeForm(forms.Form):
    """The pain score before a session: a whole number from 0 to 10, or skipped."""

    pain = PainField(
        label="How much does it hurt right now?",
        scale_help="0 means no pain, 10 the worst pain you can imagine. You will compare it "
        "with how you feel after the session.",
        skip=True,
        skip_label="Skip: start without a score",
        invalid_message="Choose a whole number from 0 (no pain) to 10 (worst imaginable), or Skip.",
    )
