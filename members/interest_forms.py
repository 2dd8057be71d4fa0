"""A member's own declarations: a new interest, the end of one, and the yearly declaration
that their entry is complete."""

from __future__ import annotations

from django import forms

from config.forms import DATE, StyledForm

from .models import InterestDeclaration


class DeclareInterestForm(StyledForm, forms.ModelForm):
    class Meta:
        model = InterestDeclaration
        fields = ["category", "description", "organisation", "starts_on"]
        labels = {
            "category": "Kind of interest",
            "description": "The interest",
            "starts_on": "Held since",
        }
        help_texts = {
            "description": "As it should appear in the published register: the role, "
            "shareholding, relationship or other interest, and with whom.",
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "starts_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].empty_label = "None, or not listed"


class EndInterestForm(StyledForm, forms.Form):
    interest = forms.ModelChoiceField(
        label="Which interest", queryset=InterestDeclaration.objects.none()
    )
    ends_on = forms.DateField(label="Ended on", widget=DATE)

    def __init__(self, *args, interests, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interest"].queryset = interests

    def clean(self):
        data = super().clean()
        interest, ends_on = data.get("interest"), data.get("ends_on")
        if interest and ends_on and ends_on < interest.starts_on:
            self.add_error(
                "ends_on",
                f"Choose a date on or after {interest.starts_on:%-d %B %Y}, when it began.",
            )
        return data


class ReturnForm(StyledForm, forms.Form):
    complete = forms.BooleanField(
        label="My entry is complete and correct: every interest I hold that is relevant to "
        "the bodies I serve on is declared above.",
        error_messages={"required": "Tick the box to confirm your declaration."},
    )
