import zoneinfo
from functools import cache

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, UserCreationForm
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.http import HttpRequest
from django.template import loader
from django.views.decorators.debug import sensitive_variables

from acupressure.mail import outgoing
from acupressure.models import DEFAULT_EMERGENCY_NUMBER, User

DEFAULT_TIMEZONE = "UTC"


@cache
def timezone_choices() -> list[tuple[str, str]]:
    names = sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})
    return [(name, name.replace("_", " ")) for name in names]


@sensitive_variables("password")
def password_is_right(request: HttpRequest, user: User, password: str) -> bool:
    """Check a signed-in user's password through `authenticate`.

    Going through the authentication backends (rather than `user.check_password`) lets
    django-axes count wrong guesses, so a stolen session cannot be used to try passwords.
    """
    return authenticate(request, username=user.get_username(), password=password) is not None


class SignupForm(UserCreationForm):
    email = forms.EmailField(
        label="Email (optional)",
        required=False,
        help_text=(
            "Only used to send you a link if you forget your password. "
            "We first send a link to confirm it is yours."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    # Filled in by static/js/timezone.js from the browser; UTC when missing or unknown.
    timezone = forms.CharField(
        required=False, widget=forms.HiddenInput(attrs={"data-browser-timezone": ""})
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ["username", "email"]

    def clean_timezone(self) -> str:
        value = self.cleaned_data.get("timezone", "").strip()
        if value in zoneinfo.available_timezones():
            return value
        # The field is hidden, so there is nothing the person could correct: fall back.
        return DEFAULT_TIMEZONE

    def save(self, commit: bool = True) -> User:
        user = super().save(commit=False)
        user.timezone = self.cleaned_data["timezone"]
        if commit:
            user.save()
        return user


class SettingsForm(forms.ModelForm):
    get_ready_seconds = forms.IntegerField(
        label="Seconds to get ready before each point",
        min_value=0,
        max_value=60,
        help_text="From 0 to 60. Time to find the next point before its timer starts.",
        error_messages={
            "required": "Enter a number of seconds from 0 to 60.",
            "invalid": "Enter a whole number of seconds from 0 to 60.",
            "min_value": "Enter a number of seconds from 0 to 60.",
            "max_value": "Enter a number of seconds from 0 to 60.",
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    timezone = forms.TypedChoiceField(
        label="Time zone",
        choices=timezone_choices,
        help_text="Decides which day your sessions count on and when reminders ring.",
        error_messages={"invalid_choice": "Choose a time zone from the list."},
    )

    class Meta:
        model = User
        fields = [
            "pregnant",
            "voice_on",
            "sound_on",
            "vibrate_on",
            "get_ready_seconds",
            "theme",
            "timezone",
            "emergency_number",
        ]
        widgets = {"emergency_number": forms.TextInput(attrs={"inputmode": "tel"})}
        help_texts = {
            "pregnant": (
                "Points traditionally avoided in pregnancy then carry a warning everywhere, "
                "and are flagged when you add them to a routine."
            ),
            "voice_on": (
                "The session says what to press and when, so you need not look at the screen."
            ),
            "sound_on": (
                "A sound at each change: one for the next point, another for the other side, "
                "and a last one at the end."
            ),
            "vibrate_on": "A short buzz at each change, on phones that can.",
            "theme": "Dark is easier on the eyes at night. “As on this device” follows the phone.",
            "emergency_number": (
                "The number the safety page tells you to call in an emergency: 999 in the UK, "
                "112 across Europe, 911 in North America."
            ),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Left empty, it goes back to the UK's number.
        self.fields["emergency_number"].required = False

    def clean_emergency_number(self) -> str:
        # People write numbers with spaces ("1 1 2"); the number to dial has none.
        number = "".join(self.cleaned_data["emergency_number"].split())
        return number or DEFAULT_EMERGENCY_NUMBER


class ThrottledPasswordChangeForm(PasswordChangeForm):
    """Django's password change, with the old password checked through axes."""

    def __init__(self, user: User, *args, request: HttpRequest, **kwargs) -> None:
        self.request = request
        super().__init__(user, *args, **kwargs)

    @sensitive_variables("old_password")
    def clean_old_password(self) -> str:
        old_password = self.cleaned_data["old_password"]
        if not password_is_right(self.request, self.user, old_password):
            raise ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old_password


class ConfirmedAddressPasswordResetForm(PasswordResetForm):
    """Django's password reset, sent only to confirmed addresses, and after the answer."""

    def get_users(self, email: str):
        return (user for user in super().get_users(email) if user.email_verified)

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ) -> None:
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        message = EmailMultiAlternatives(subject, body, from_email, [to_email])
        if html_email_template_name is not None:
            message.attach_alternative(
                loader.render_to_string(html_email_template_name, context), "text/html"
            )
        # In the background: waiting for the mail server would make a known address answer
        # more slowly than an unknown one.
        outgoing.send(message)


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        help_text="To be sure it is you.",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, request: HttpRequest, **kwargs) -> None:
        self.request = request
        super().__init__(*args, **kwargs)

    @sensitive_variables("password")
    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not password_is_right(self.request, self.request.user, password):
            raise ValidationError("That is not your password. Nothing was deleted.")
        return password
