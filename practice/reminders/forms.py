import ipaddress
from urllib.parse import urlsplit

from django import forms

from practice.models import Reminder


class ReminderForm(forms.ModelForm):
    field_order = ["enabled", "practice_time", "by_push", "by_email", "nudge", "nudge_time"]

    practice_time = forms.TimeField(
        label="At",
        help_text="In your own time zone. The calendar feed uses the same time.",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": "Enter a time, such as 08:00.",
            "invalid": "Enter a time, such as 08:00.",
        },
    )

    class Meta:
        model = Reminder
        fields = ["enabled", "by_push", "by_email", "nudge", "nudge_time"]
        widgets = {"nudge_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}
        error_messages = {
            "nudge_time": {
                "invalid": "Enter a time, such as 20:00.",
                "required": "Enter a time, such as 20:00.",
            }
        }

    def __init__(self, *args, email_possible: bool, push_possible: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.email_possible = email_possible
        self.push_possible = push_possible
        self.fields["by_email"].help_text = (
            "Each email has a link that stops them for this routine."
            if email_possible
            else "Confirm an email address in your settings to get reminders by email."
        )
        self.fields["by_push"].help_text = (
            "Turn on notifications on each phone or computer on the reminders page."
            if push_possible
            else "Notifications are not set up on this server; email reminders still work."
        )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("enabled") and not data.get("by_push") and not data.get("by_email"):
            raise forms.ValidationError("Choose how the reminder should reach you.")
        if data.get("by_email") and not self.email_possible:
            self.add_error("by_email", "There is no email address to send to yet.")
        at, nudge_at = data.get("practice_time"), data.get("nudge_time")
        if data.get("nudge") and at and nudge_at and nudge_at <= at:
            self.add_error(
                "nudge_time", "The evening nudge comes after the reminder: choose a later time."
            )
        return data


class SubscriptionForm(forms.Form):
    """What the browser's PushSubscription.toJSON() gives, flattened."""

    endpoint = forms.URLField(max_length=1000, assume_scheme="https")
    p256dh = forms.CharField(max_length=200)
    auth = forms.CharField(max_length=100)
    label = forms.CharField(max_length=100, required=False)

    def clean_endpoint(self) -> str:
        endpoint = self.cleaned_data["endpoint"]
        parts = urlsplit(endpoint)
        # The sender posts to this address, so it must be a push service out on the internet,
        # not something on the server's own network.
        if parts.scheme != "https" or not parts.hostname or parts.hostname == "localhost":
            raise forms.ValidationError("That is not a push service address.")
        try:
            ipaddress.ip_address(parts.hostname.strip("[]"))
        except ValueError:
            return endpoint
        raise forms.ValidationError("That is not a push service address.")
