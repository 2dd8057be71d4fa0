"""The secretariat's forms for a seat: appoint someone (found by name, or someone new), end an
appointment, nominate a deputy, end a nomination."""

from __future__ import annotations

from django import forms

from config.forms import DATE, StyledForm

from .membership import people_named
from .models import Appointment, Person

PEOPLE_FOUND = 20


class PersonChoiceForm(StyledForm, forms.Form):
    """Someone already in Quorate, found by words of their name (``find``, typed in the
    search above the form and carried in it, so it needs no JavaScript), or someone new."""

    find = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)
    person = forms.TypedChoiceField(label="Choose who", coerce=int, required=False, choices=())
    honorific = forms.CharField(label="Title (optional)", required=False, max_length=40)
    given_name = forms.CharField(label="Given name", required=False, max_length=100)
    family_name = forms.CharField(label="Family name", required=False, max_length=100)
    job_title = forms.CharField(label="Job title (optional)", required=False, max_length=200)
    email = forms.EmailField(label="E-mail address (optional)", required=False)

    def __init__(self, *args, people, find: str = "", **kwargs):
        """``people``: those the clerk may look up (members.access.people_visible_to)."""
        super().__init__(*args, **kwargs)
        if self.is_bound:
            find = str(self.data.get(self.add_prefix("find"), ""))
        find = find.strip()[:100]
        self.initial.setdefault("find", find)
        self.found = list(people_named(people, find, PEOPLE_FOUND)) if find else []
        self.fields["person"].choices = [
            ("", "Choose someone found" if self.found else "Find someone first"),
            *[
                (p.pk, f"{p.full_name}{f', {p.job_title}' if p.job_title else ''}")
                for p in self.found
            ],
        ]
        self.style()

    def clean(self):
        data = super().clean()
        chosen = data.get("person")
        named = data.get("given_name", "").strip() and data.get("family_name", "").strip()
        if chosen and named:
            raise forms.ValidationError(
                "Choose someone found, or give a new person's names: not both."
            )
        if not chosen and not named:
            find = data.get("find", "").strip()
            if find and not self.found:
                self.add_error(
                    "person", f"No one whose name contains “{find}” was found: check the spelling."
                )
            raise forms.ValidationError(
                "Choose someone found, or give a new person's given and family names."
            )
        data["person"] = next((p for p in self.found if p.pk == chosen), None)
        return data


class AppointForm(PersonChoiceForm):
    tenure = forms.ChoiceField(
        label="Tenure", choices=Appointment.Tenure.choices, initial="substantive"
    )
    starts_on = forms.DateField(label="Holds the seat from", widget=DATE)

    field_order = ["find", "person", "honorific", "given_name", "family_name", "job_title",
                   "email", "tenure", "starts_on"]  # fmt: skip


class NominateForm(PersonChoiceForm):
    starts_on = forms.DateField(label="Nominated from", widget=DATE)


class EndForm(StyledForm, forms.Form):
    ends_on = forms.DateField(label="Last day", widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


class PersonForm(StyledForm, forms.ModelForm):
    revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    class Meta:
        model = Person
        fields = ["honorific", "given_name", "family_name", "job_title", "email", "phone"]
        labels = {"honorific": "Title (optional)", "job_title": "Job title (optional)",
                  "email": "E-mail address", "phone": "Telephone (optional)"}  # fmt: skip
        help_texts = {
            "honorific": "Dr, Cllr, Professor, …",
            "email": "Where Quorate sends their notices; empty if they have none.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


class GiveSignInForm(forms.Form):
    """Nothing to type: the account is named by the person's e-mail address."""
