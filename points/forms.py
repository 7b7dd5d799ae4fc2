from django import forms

from points.models import Complaint, Point


class PointFilterForm(forms.Form):
    """The catalogue's search box and filters. Every field is optional.

    A value that does not validate (a hand-edited URL, an old bookmark) is dropped rather than
    refused: the catalogue still shows, and `ignored` says what was left out.
    """

    q = forms.CharField(
        label="Search by code, old label, name or complaint",
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": "e.g. UB40, Hoku or sciatica",
                "autocomplete": "off",
                "spellcheck": "false",
                "autocapitalize": "off",
                "enterkeyhint": "search",
            }
        ),
    )
    region = forms.ChoiceField(
        label="Part of the body",
        required=False,
        choices=[("", "Anywhere")] + Point.Region.choices,
    )
    complaint = forms.ChoiceField(label="Articles suggest it for", required=False)
    reach_alone = forms.BooleanField(label="I can reach it on my own", required=False)
    pregnancy_safe = forms.BooleanField(label="Not avoided in pregnancy", required=False)

    FILTERS = ("region", "complaint", "reach_alone", "pregnancy_safe")

    def __init__(self, *args, complaints: list[Complaint], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["complaint"].choices = [("", "Anything")] + [
            (complaint.slug, complaint.name) for complaint in complaints
        ]

    def filters(self) -> dict:
        """The valid values, with invalid ones left out (call after `is_valid()`)."""
        return getattr(self, "cleaned_data", {})

    def ignored(self) -> list[str]:
        """The names of the filters whose values were not understood."""
        return [self.fields[name].label for name in self.errors]

    def only_query(self) -> bool:
        """True when the search box is the only thing set."""
        data = self.filters()
        return bool(data.get("q")) and not self.is_filtered()

    def is_filtered(self) -> bool:
        """True when any filter besides the search box narrows the list."""
        data = self.filters()
        return any(data.get(name) for name in self.FILTERS)
